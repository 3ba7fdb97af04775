import { beforeAll, describe, expect, it } from "vitest";
import { describeWithSharedData } from "../../test/shared-data.ts";
import { NotFoundError } from "../core/errors.ts";
import { resolveScenario } from "../scenario/builtin.ts";
import { changeBetween, troughBetween } from "./drawdown.ts";
import { EPISODES, episodeFacts } from "./episodes.ts";
import { firstFailures, scoredEntities } from "./facts.ts";
import { loadMarketData, MARKET_FILES } from "./market-data.ts";
import { addDays, daysBetween, valueOn } from "./series.ts";
import type { EpisodeMarketData } from "./validate.ts";

describe.each(EPISODES.map((e) => [e.id, e] as const))("episode %s", (id, episode) => {
  const { scenario } = resolveScenario(id);
  const entityIds = new Set(scenario.entities.map((e) => e.id));
  const assetIds = new Set(scenario.assets.map((a) => a.id));

  it("is scored from its built-in scenario's date, within its steps", () => {
    expect(scenario.asOf).toBe(episode.asOf);
    const stepDays = scenario.parameters?.stepDays ?? 1;
    const lastDay = addDays(episode.asOf, ((scenario.parameters?.steps ?? 30) - 1) * stepDays);
    expect(episode.horizonEnd <= lastDay).toBe(true);
  });

  it("names only entities and assets of the scenario", () => {
    for (const entity of scoredEntities(episode)) expect(entityIds, entity).toContain(entity);
    for (const entity of episode.mustSurvive)
      expect(episode.survivors.map((s) => s.entity)).toContain(entity);
    for (const target of episode.priceTargets)
      for (const asset of target.assets) expect(assetIds).toContain(asset);
    expect(assetIds).toContain(episode.btcLow.asset);
  });

  it("dates every failure after the scenario date and lists no entity as both failed and survived", () => {
    for (const failure of episode.failures)
      expect(daysBetween(episode.asOf, failure.date)).toBeGreaterThan(0);
    const failed = new Set(episode.failures.map((f) => f.entity));
    for (const survivor of episode.survivors) expect(failed.has(survivor.entity)).toBe(false);
  });

  it("has one headline window, and reported ranges that are [low, high]", () => {
    expect(episode.marketCapWindows.filter((w) => w.id === episode.headlineWindow)).toHaveLength(1);
    for (const w of episode.marketCapWindows)
      expect(w.reportedRange[0]).toBeLessThanOrEqual(w.reportedRange[1]);
  });

  it("cites a URL for every fact", () => {
    const urls = [
      ...episode.failures.flatMap((f) => [f.source].flat()),
      ...episode.survivors.flatMap((s) => [s.source].flat()),
      ...episode.marketCapLevels.flatMap((l) => [l.source].flat()),
      ...episode.marketCapWindows.flatMap((w) => [w.source].flat()),
      ...[episode.btcLow.source].flat(),
    ];
    for (const url of urls) expect(url).toMatch(/^https?:\/\/\S+$/);
  });
});

describe("the two episodes", () => {
  it("are found by id, and an unknown id names the known ones", () => {
    expect(episodeFacts("ftx-2022").asOf).toBe("2022-11-02");
    expect(() => episodeFacts("luna")).toThrow(NotFoundError);
    expect(() => episodeFacts("luna")).toThrow(/terra-2022, ftx-2022/);
  });

  it("fail in the documented order", () => {
    // research/episodes-2022.md §3: UST → Celsius → 3AC → Babel → Voyager; FTX → BlockFi → Genesis/Gemini Earn.
    expect(firstFailures(episodeFacts("terra-2022")).map((f) => f.entity)).toEqual([
      "terraform",
      "celsius",
      "3ac",
      "babel",
      "voyager",
    ]);
    expect(firstFailures(episodeFacts("ftx-2022")).map((f) => f.entity)).toEqual([
      "ftx",
      "blockfi",
      "alameda",
      "gemini-earn",
      "genesis",
    ]);
  });
});

const FILES = [MARKET_FILES.totalMarketCap, ...Object.values(MARKET_FILES.prices)];

describeWithSharedData("the episodes against the public daily series", FILES, () => {
  // Read in beforeAll, not while collecting: a skipped suite (data missing) must not touch the files.
  let market: EpisodeMarketData;
  beforeAll(() => {
    market = loadMarketData();
  });

  it.each(EPISODES.flatMap((e) => e.marketCapWindows.map((w) => [e.id, w.id, e, w] as const)))(
    "%s %s: TradingView's move lies in the reported range",
    (_id, _window, episode, window) => {
      const total = market.totalMarketCap!;
      const measured =
        window.kind === "change"
          ? changeBetween(total, episode.asOf, window.to)
          : troughBetween(total, episode.asOf, window.to)!.change;
      expect(measured).toBeGreaterThanOrEqual(window.reportedRange[0]);
      expect(measured).toBeLessThanOrEqual(window.reportedRange[1]);
    },
  );

  it("matches the figures quoted in the facts (Terra −25.5% / −50.7%, FTX −23.4%)", () => {
    const total = market.totalMarketCap!;
    expect(changeBetween(total, "2022-05-06", "2022-05-13")).toBeCloseTo(-0.2553, 3);
    // The close of 18 Jun is the level at 00:00 on 19 Jun.
    expect(troughBetween(total, "2022-05-06", "2022-06-30")).toMatchObject({ date: "2022-06-19" });
    expect(troughBetween(total, "2022-05-06", "2022-06-30")!.change).toBeCloseTo(-0.507, 3);
    expect(troughBetween(total, "2022-11-02", "2022-11-30")!.change).toBeCloseTo(-0.2336, 3);
  });

  it.each(EPISODES.map((e) => [e.id] as const))(
    "%s: Σ price × supply equals TradingView's total at asOf",
    (id) => {
      const { scenario } = resolveScenario(id);
      const cap = scenario.assets
        .filter((a) => a.kind !== "fund-share")
        .reduce((sum, a) => sum + a.priceUsd * a.supply, 0);
      expect(cap / valueOn(market.totalMarketCap!, scenario.asOf)).toBeCloseTo(1, 6);
    },
  );

  it.each(EPISODES.map((e) => [e.id] as const))(
    "%s: asset prices are CoinGecko's 00:00 UTC snapshots",
    (id) => {
      const { scenario } = resolveScenario(id);
      for (const asset of scenario.assets) {
        const observed = market.prices?.[asset.id];
        if (!observed) continue;
        expect(asset.priceUsd / valueOn(observed, scenario.asOf), asset.id).toBeCloseTo(1, 5);
      }
    },
  );
});
