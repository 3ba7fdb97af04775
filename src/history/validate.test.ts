import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { episode, outcome } from "../../test/fixtures/episode.ts";
import { UnwindError } from "../core/errors.ts";
import { checkJpmorganClaim } from "./jpmorgan.ts";
import { addDays } from "./series.ts";
import { validateEpisode } from "./validate.ts";

function daily(from: string, values: number[]) {
  return { dates: values.map((_, k) => addDays(from, k)), values: Float64Array.from(values) };
}

describe("validateEpisode", () => {
  // Observed total cap: 1000 on 2 Nov, 760 on 9 Nov, 745 on 21 Nov (the low), 900 on other days.
  const cap = Array.from({ length: 29 }, () => 900);
  cap[0] = 1000;
  cap[7] = 760;
  cap[19] = 745;
  const market = {
    provider: "test",
    totalMarketCap: daily("2022-11-02", cap),
    prices: {
      BTC: daily("2022-11-02", [20, 19, 18, 17, 16, 15, 16, 17, 18, 19, 20]),
      X: daily("2022-11-02", [1, 1]),
    },
  };
  const v = validateEpisode(episode, outcome, market);

  it("takes each entity's first predicted failure, gate or failure, and marks what is scored", () => {
    expect(v.predictedFailures).toEqual([
      { entity: "agg", step: 2, date: "2022-11-04", cause: "insolvent", scored: false },
      { entity: "s2", step: 3, date: "2022-11-05", cause: "margin", scored: true },
      { entity: "a", step: 5, date: "2022-11-07", cause: "gated", scored: true },
      {
        entity: "c",
        step: 9,
        date: "2022-11-11",
        cause: "illiquid",
        detail: "ran out of cash",
        scored: true,
      },
    ]);
  });

  it("leaves failures after the simulated horizon out of the actual set", () => {
    // The last step happens on 11 Nov: c (16 Nov) and d (2023) are beyond it.
    expect(v.actualFailures.map((f) => [f.entity, f.date, f.step, f.beyondHorizon])).toEqual([
      ["a", "2022-11-08", 6, false],
      ["b", "2022-11-10", 8, false],
      ["c", "2022-11-16", 14, true],
      ["d", "2023-01-19", 78, true],
    ]);
  });

  it("scores the sets: TP {a}, FP {c, s2}, FN {b}", () => {
    expect(v.truePositives).toEqual(["a"]);
    expect(v.falsePositives).toEqual(["c", "s2"]);
    expect(v.falseNegatives).toEqual(["b"]);
    // precision 1/3, recall 1/2, F1 = (2 · 1/6) / (5/6) = 0.4
    expect(v.precision).toBeCloseTo(1 / 3, 15);
    expect(v.recall).toBe(0.5);
    expect(v.f1).toBeCloseTo(0.4, 15);
    // One correctly predicted failure: no order to correlate.
    expect(v.orderCorrelation).toBeNull();
    expect(v.timing).toEqual([
      { entity: "a", predictedDate: "2022-11-07", actualDate: "2022-11-08", errorDays: -1 },
    ]);
  });

  it("compares market-cap windows with the reported ranges and the provider's series", () => {
    // Trough: min of the path over indices 0…10 is 74 → −26%; the series' lowest level is 745 → −25.5%.
    // First week: index 7 (9 Nov) is 78 → −22%; the series has 760 → −24%.
    const [trough, week] = v.marketCapWindows;
    expect(trough).toMatchObject({ id: "trough", withinRange: true });
    // The run's 10 steps end at index 10 (00:00 on 12 Nov), short of the trough window's 30 Nov; the
    // first week (to index 7, 9 Nov) is covered.
    expect(trough).toMatchObject({ simulatedTo: "2022-11-12", coversWindow: false });
    expect(week).toMatchObject({ simulatedTo: "2022-11-09", coversWindow: true });
    expect(trough!.predicted).toBeCloseTo(-0.26, 15);
    expect(trough!.measured).toBeCloseTo(-0.255, 15);
    expect(week!.predicted).toBeCloseTo(-0.22, 15);
    expect(week!.measured).toBeCloseTo(-0.24, 15);
    expect(v.marketCapChange).toBeCloseTo(-0.26, 15);
    expect(v.reportedMarketCapChange).toBeCloseTo(-0.255, 15);
    expect(v.reportedMarketCapRange).toEqual([-0.27, -0.2]);
    expect(v.marketCapProvider).toBe("test");
  });

  it("finds the simulated BTC low within the horizon", () => {
    // Lowest at index 7 (00:00 on 9 Nov), i.e. the close of 8 Nov.
    expect(v.btcLow).toEqual({
      predictedUsd: 16,
      predictedDate: "2022-11-08",
      reportedUsd: 15480,
      reportedDate: "2022-11-21",
    });
  });

  it("compares price paths and says why one cannot be compared", () => {
    const [btc, ratio, z] = v.prices;
    // Observed BTC troughs at 15 on 7 Nov (−25%); simulated at 16 on 9 Nov (−20%).
    expect(btc!.comparison?.actualTrough).toBeCloseTo(-0.25, 15);
    expect(btc!.comparison?.predictedTrough).toBeCloseTo(-0.2, 15);
    expect(ratio).toEqual({ id: "X/Y", comparison: null, missing: "no observed series given" });
    expect(z).toEqual({ id: "Z", comparison: null, missing: "the run has no path for it" });
  });

  it("states which targets are met", () => {
    expect(v.targets.map((t) => [t.target, t.met])).toEqual([
      ["F1 on failures ≥ 0.8", false],
      ["no false failure among s2", false],
      // In range, but over 10 days of a 28-day window: not met.
      ["market cap trough within reported range", false],
      ["market cap first week within reported range", true],
    ]);
    expect(v.targets[1]!.detail).toBe("predicted to fail: s2");
    expect(v.targets[2]!.detail).toBe(
      "simulated -26.0% vs reported -27.0% to -20.0%; the run ends at 2022-11-12, before the window ends at 2022-11-30",
    );
  });

  it("works without market data", () => {
    const bare = validateEpisode(episode, outcome);
    expect(bare.reportedMarketCapChange).toBeNull();
    expect(bare.marketCapProvider).toBeNull();
    expect(bare.prices.every((p) => p.comparison === null)).toBe(true);
  });

  it("rejects a run that starts on another date", () => {
    expect(() => validateEpisode(episode, outcome, {}, { asOf: "2022-11-01", stepDays: 1 })).toThrow(
      UnwindError,
    );
  });
});

describe("checkJpmorganClaim", () => {
  it("holds when the FTX hit is smaller (less negative) than Terra's", () => {
    const terra = {
      ...validateEpisode(episode, outcome),
      marketCapChange: -0.5,
      reportedMarketCapChange: -0.507,
    };
    const ftx = {
      ...validateEpisode(episode, outcome),
      marketCapChange: -0.24,
      reportedMarketCapChange: -0.234,
    };
    const check = checkJpmorganClaim(terra, ftx);
    expect(check.holds).toBe(true);
    expect(check.reported).toEqual({ terra: -0.507, ftx: -0.234, ftxSmaller: true });
    expect(checkJpmorganClaim(ftx, terra).holds).toBe(false);
    expect(checkJpmorganClaim({ ...terra, reportedMarketCapChange: null }, ftx).reported).toBeNull();
  });
});

describe("validateEpisode (property)", () => {
  it("scores a run that replays the actual failures exactly as perfect", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 9 }), { minLength: 0, maxLength: 5 }), (days) => {
        const ids = days.map((_, i) => `e${i}`);
        const facts = {
          ...episode,
          failures: days.map((d, i) => ({
            entity: ids[i]!,
            kind: "gated" as const,
            date: addDays(episode.asOf, d),
            source: "https://example.org",
          })),
          survivors: [{ entity: "s2", note: "", source: "https://example.org" }],
        };
        const run = {
          ...outcome,
          failures: days.map((d, i) => ({ entity: ids[i]!, step: d, cause: "gated" as const })),
          gated: [],
        };
        const v = validateEpisode(facts, run);
        expect(v.f1).toBe(1);
        expect(v.timing.every((t) => t.errorDays === 0)).toBe(true);
        // Distinct dates in the same order: ρ = 1 (undefined with fewer than two failures).
        if (days.length >= 2) expect(v.orderCorrelation).toBeCloseTo(1, 12);
        else expect(v.orderCorrelation).toBeNull();
      }),
    );
  });
});
