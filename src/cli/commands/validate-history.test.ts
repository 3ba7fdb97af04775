import { afterAll, describe, expect, it } from "vitest";
import { tempDir, unwind } from "../../../test/cli.ts";
import { episode, outcome } from "../../../test/fixtures/episode.ts";
import { describeWithSharedData } from "../../../test/shared-data.ts";
import { MARKET_FILES } from "../../history/market-data.ts";
import { historyReport } from "../../history/report.ts";
import { validateEpisode } from "../../history/validate.ts";
import { renderHistoryReport } from "./validate-history.ts";

describe("renderHistoryReport", () => {
  const v = validateEpisode(episode, outcome);

  it("shows each failure with its verdict, the scores and the targets", () => {
    const text = renderHistoryReport(historyReport([v]));
    const line = (entity: string) => text.split("\n").find((l) => l.startsWith(`${entity} `)) ?? "";
    expect(line("a")).toMatch(/2022-11-07 \(step 5, gated\)\s+2022-11-08 \(gated\)\s+✓ -1 d$/);
    expect(line("b")).toMatch(/–\s+2022-11-10 \(gated\)\s+✗ missed$/);
    expect(line("s2")).toMatch(/✗ false failure$/);
    expect(line("agg")).toMatch(/not scored$/);
    expect(line("d")).toMatch(/after horizon$/);
    expect(text).toContain("precision 0.33  recall 0.50  F1 0.40  order ρ –");
    expect(text).toContain("MISSED: F1 on failures ≥ 0.8 — F1 0.40 (precision 0.33, recall 0.50)");
    // The 10-step run ends at 00:00 on 12 Nov, before the trough window's end: not MET for a partial window.
    expect(text).toMatch(/^trough \(to 2022-11-30; run ends 2022-11-12\)\s+-26\.0%.*MISSED$/m);
    expect(text).toContain(
      "MISSED: market cap trough within reported range — simulated -26.0% vs reported -27.0% to -20.0%; the run ends at 2022-11-12",
    );
    expect(text).toContain("MET: market cap first week within reported range");
    expect(text).toContain("BTC low: simulated $16.00 (close of 2022-11-08); reported $15.5k on 2022-11-21");
    expect(text).toContain("no observed series given");
    expect(text.trimEnd().endsWith("Some targets are MISSED (above).")).toBe(true);
    expect(text).not.toContain("JPMorgan");
  });

  it("adds JPMorgan's claim when both 2022 episodes are present", () => {
    const terra = { ...v, episode: "terra-2022", marketCapChange: -0.5 };
    const ftx = { ...v, episode: "ftx-2022", marketCapChange: -0.24 };
    const report = historyReport([terra, ftx]);
    expect(report.jpmorgan?.holds).toBe(true);
    expect(report.allTargetsMet).toBe(false);
    expect(renderHistoryReport(report)).toContain(
      "MET: simulated FTX -24.0% vs Terra -50.0% → the claim holds in the simulation",
    );
  });
});

describe("unwind validate-history", () => {
  const home = tempDir();
  const empty = tempDir();
  afterAll(() => {
    home.cleanup();
    empty.cleanup();
  });

  it("runs the simulation without the shared data and says the reported series are unavailable", async () => {
    const env = { UNWIND_HOME: home.path, UNWIND_SHARED_DATA: empty.path };
    const out = await unwind(["validate-history", "--episode", "ftx-2022", "--json"], env);
    expect(out.code).toBe(0);
    expect(out.stderr).toContain("reported series unavailable");
    const json = JSON.parse(out.stdout);
    expect(json.marketData.available).toBe(false);
    expect(json.episodes).toHaveLength(1);
    const [ftx] = json.episodes;
    expect(ftx.episode).toBe("ftx-2022");
    expect(ftx.reportedMarketCapChange).toBeNull();
    // F1 is the harmonic mean of precision and recall (an invariant of the scores).
    expect(ftx.f1).toBeCloseTo((2 * ftx.precision * ftx.recall) / (ftx.precision + ftx.recall), 12);
    expect(ftx.actualFailures.map((f: { entity: string }) => f.entity)).toEqual(
      expect.arrayContaining(["ftx", "alameda", "blockfi", "genesis", "gemini-earn"]),
    );
    for (const key of ["predictedFailures", "marketCapChange"]) expect(ftx).toHaveProperty(key);
    const runs = JSON.parse((await unwind(["runs", "list", "--json"], env)).stdout);
    expect(runs[0]).toMatchObject({ id: json.run, command: "validate-history" });
    const human = await unwind(["validate-history", "--episode", "ftx-2022"], env);
    expect(human.stdout).toContain("Note: reported series unavailable");
    expect(human.stdout).toMatch(/^Targets$/m);
  });

  it("echoes the counterfactuals and rejects a malformed one with exit code 2", async () => {
    const env = { UNWIND_HOME: home.path, UNWIND_SHARED_DATA: empty.path };
    const args = ["validate-history", "--episode", "terra-2022", "--without-rescuer", "ftx"];
    const json = JSON.parse((await unwind([...args, "--add-rescuer", "binance=8e9", "--json"], env)).stdout);
    expect(json.counterfactuals).toEqual({
      withoutRescuers: ["ftx"],
      addRescuers: [{ id: "binance", capacityUsd: 8e9 }],
    });
    const human = await unwind(args, env);
    expect(human.stdout).toMatch(/without rescuer:\s+ftx/);
    const bad = await unwind(["validate-history", "--add-rescuer", "binance"], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("expected ID=CAPACITY_USD");
    const unknown = await unwind(["validate-history", "--episode", "luna-2021"], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("known: terra-2022, ftx-2022");
  });
});

describeWithSharedData(
  "unwind validate-history against the reported series",
  [MARKET_FILES.totalMarketCap, ...Object.values(MARKET_FILES.prices)],
  () => {
    const home = tempDir();
    afterAll(home.cleanup);

    it("compares both episodes with TradingView's total market cap and checks JPMorgan's claim", async () => {
      const out = await unwind(["validate-history", "--json"], { UNWIND_HOME: home.path });
      expect(out.code).toBe(0);
      const json = JSON.parse(out.stdout);
      expect(json.episodes.map((e: { episode: string }) => e.episode)).toEqual(["terra-2022", "ftx-2022"]);
      // TradingView CRYPTOCAP:TOTAL: 5 May close $1,660.6B → 18 Jun close −50.7%; 1 Nov → 21 Nov −23.4%
      // (docs/scenarios.md § The validation facts, read off the series).
      expect(json.episodes[0].reportedMarketCapChange).toBeCloseTo(-0.507, 2);
      expect(json.episodes[1].reportedMarketCapChange).toBeCloseTo(-0.234, 2);
      expect(json.episodes[0].marketCapProvider).toBe("TradingView CRYPTOCAP:TOTAL");
      expect(json.jpmorgan.reported.ftxSmaller).toBe(true);
      const prices = json.episodes[1].prices.map((p: { id: string }) => p.id);
      expect(prices).toEqual(expect.arrayContaining(["BTC", "ETH", "FTT", "stETH/ETH"]));
    });
  },
);
