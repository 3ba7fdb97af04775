import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dayNumber } from "../data/days.ts";
import { hardwareArrays } from "./hardware.ts";
import { networkPower } from "./network-power.ts";
import { trailingMean } from "./rolling.ts";

const START = dayNumber("2020-01-01");
// Three models: A (100 J/TH, 2020-01-01), B (50 J/TH, 2020-01-11), C (20 J/TH, 2020-01-21).
const HARDWARE = hardwareArrays([
  { name: "A", released: "2020-01-01", efficiencyJPerTh: 100 },
  { name: "B", released: "2020-01-11", efficiencyJPerTh: 50 },
  { name: "C", released: "2020-01-21", efficiencyJPerTh: 20 },
]);
// 1 EH/s throughout; revenue set so the threshold is 60 J/TH at $0.05/kWh:
// revenue = 60 × 1e6 TH/s × 86,400 s × 0.05 ÷ 3.6e6 = $72,000 per day.
const HASHRATE = 1e6;
const REVENUE_AT_60 = 72_000;
const unsmoothed = { electricityUsdPerKwh: 0.05, thresholdWindowDays: 1, smoothingWindowDays: 1 } as const;

function run(days: number, revenue: (i: number) => number, methodology: "old" | "new", startDay = START) {
  return networkPower(
    {
      startDay,
      hashrateThs: new Float64Array(days).fill(HASHRATE),
      revenueUsd: Float64Array.from({ length: days }, (_, i) => revenue(i)),
    },
    HARDWARE,
    { ...unsmoothed, methodology },
  );
}

describe("networkPower (hardware-threshold estimator)", () => {
  const power = run(30, () => REVENUE_AT_60, "old");

  it("computes the threshold from revenue: 60 J/TH", () => {
    expect(power.thresholdJPerTh[0]).toBeCloseTo(60, 9);
  });

  it("has no power before a profitable model exists (A at 100 J/TH is above the threshold)", () => {
    expect(power.bestGW[5]).toBeNaN();
    expect(power.profitableModels[5]).toBe(0);
  });

  it("counts a model only after its release day; one model gives min = mean = max", () => {
    // Day 10 is B's release day itself (released *before* the day is required); day 11 counts B.
    expect(power.profitableModels[10]).toBe(0);
    expect(power.profitableModels[11]).toBe(1);
    // 50 J/TH × 1e6 TH/s = 50 MW = 0.05 GW; × 1.01 / 1.10 / 1.20.
    expect(power.lowerGW[11]).toBeCloseTo(0.0505, 12);
    expect(power.bestGW[11]).toBeCloseTo(0.055, 12);
    expect(power.upperGW[11]).toBeCloseTo(0.06, 12);
  });

  it("takes min, equal-weight mean and max over B and C", () => {
    // min 20 → 0.0202 GW; mean 35 → 0.0385 GW; max 50 → 0.06 GW.
    expect(power.lowerGW[25]).toBeCloseTo(0.0202, 12);
    expect(power.bestGW[25]).toBeCloseTo(0.0385, 12);
    expect(power.upperGW[25]).toBeCloseTo(0.06, 12);
    expect(power.marginalEfficiencyJPerTh[25]).toBe(50);
  });

  it("carries the previous power forward when nothing is profitable, and flags it", () => {
    // Revenue drops to $12,000 on day 26: threshold 10 J/TH, below every model.
    const dip = run(30, (i) => (i === 26 ? 12_000 : REVENUE_AT_60), "old");
    expect(dip.thresholdJPerTh[26]).toBeCloseTo(10, 9);
    expect(dip.carried[26]).toBe(1);
    expect(dip.bestGW[26]).toBe(dip.bestGW[25]);
    expect(dip.carried[27]).toBe(0);
  });

  it("new methodology: drops models older than 1,825 days", () => {
    // Day 1,845 after 2020-01-01: B (released day 10) expired on day 1,835; C (day 20) lives until 1,845.
    const late = run(1846, () => REVENUE_AT_60, "new");
    expect(late.profitableModels[1840]).toBe(1);
    expect(late.bestGW[1840]).toBeCloseTo(0.022, 12);
    expect(late.profitableModels[1845]).toBe(0);
    const old = run(1846, () => REVENUE_AT_60, "old");
    expect(old.bestGW[1840]).toBeCloseTo(0.0385, 12);
  });

  it("new methodology: weights by age in years since release + 2 months", () => {
    // On 2021-06-15: B (released 2020-01-11, weighted from 2020-03) is 15 months old → weight 0.8;
    // C' (released 2021-03-01, weighted from 2021-05) is 1 month old → weight 1.0.
    // Mean = (0.8 × 50 + 1.0 × 20) ÷ 1.8 = 33.333 J/TH.
    const hardware = hardwareArrays([
      { name: "B", released: "2020-01-11", efficiencyJPerTh: 50 },
      { name: "C'", released: "2021-03-01", efficiencyJPerTh: 20 },
    ]);
    const day = dayNumber("2021-06-15");
    const result = networkPower(
      { startDay: day, hashrateThs: Float64Array.of(HASHRATE), revenueUsd: Float64Array.of(REVENUE_AT_60) },
      hardware,
      { ...unsmoothed, methodology: "new" },
    );
    expect(result.meanEfficiencyJPerTh[0]).toBeCloseTo(100 / 3, 9);
    // Within the first two months every weight is 0: the models then count equally (mean 35).
    const early = networkPower(
      {
        startDay: dayNumber("2021-03-15"),
        hashrateThs: Float64Array.of(HASHRATE),
        revenueUsd: Float64Array.of(REVENUE_AT_60),
      },
      hardwareArrays([{ name: "C'", released: "2021-03-01", efficiencyJPerTh: 20 }]),
      { ...unsmoothed, methodology: "new" },
    );
    expect(early.meanEfficiencyJPerTh[0]).toBe(20);
  });

  it("smooths over 7 days but gives no power on days without a hash rate", () => {
    const hashrate = Float64Array.from({ length: 30 }, (_, i) => (i < 25 ? HASHRATE : Number.NaN));
    const result = networkPower(
      { startDay: START, hashrateThs: hashrate, revenueUsd: new Float64Array(30).fill(REVENUE_AT_60) },
      HARDWARE,
      { electricityUsdPerKwh: 0.05, methodology: "old", thresholdWindowDays: 1 },
    );
    // Day 22: mean of days 16–22 (B only on 16–20: 0.055 GW; B and C on 21–22: 0.0385 GW).
    expect(result.bestGW[22]).toBeCloseTo((5 * 0.055 + 2 * 0.0385) / 7, 12);
    expect(result.bestGW[24]).toBeGreaterThan(0);
    expect(result.bestGW[25]).toBeNaN();
  });

  it("keeps lower ≤ best ≤ upper and scales with hash rate (any revenue and hash rate)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 1e3, max: 1e8, noNaN: true }), { minLength: 40, maxLength: 40 }),
        fc.double({ min: 1e3, max: 1e9, noNaN: true }),
        (revenues, hashrate) => {
          const input = (k: number) => ({
            startDay: START,
            hashrateThs: new Float64Array(40).fill(hashrate * k),
            revenueUsd: Float64Array.from(revenues, (r) => r * k),
          });
          const one = networkPower(input(1), HARDWARE, { electricityUsdPerKwh: 0.05, methodology: "old" });
          const three = networkPower(input(3), HARDWARE, { electricityUsdPerKwh: 0.05, methodology: "old" });
          for (let i = 0; i < 40; i++) {
            if (Number.isNaN(one.bestGW[i]!)) continue;
            expect(one.lowerGW[i]!).toBeLessThanOrEqual(one.bestGW[i]! + 1e-12);
            expect(one.bestGW[i]!).toBeLessThanOrEqual(one.upperGW[i]! + 1e-12);
            // Revenue per hash (the threshold) is unchanged, so power scales with hash rate.
            expect(three.bestGW[i]!).toBeCloseTo(3 * one.bestGW[i]!, 9);
          }
        },
      ),
    );
  });
});

describe("trailingMean", () => {
  it("averages the non-missing values of the last window days (pandas min_periods=1)", () => {
    const values = Float64Array.of(1, 2, 3, Number.NaN, 5, Number.NaN, Number.NaN);
    // Window 2: [1], [1,2], [2,3], [3], [5], [5], [] → 1, 1.5, 2.5, 3, 5, 5, NaN.
    expect([...trailingMean(values, 2)]).toEqual([1, 1.5, 2.5, 3, 5, 5, Number.NaN]);
  });

  it("equals the direct mean for any series", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 80 }),
        fc.integer({ min: 1, max: 20 }),
        (xs, window) => {
          const out = trailingMean(Float64Array.from(xs), window);
          for (let i = 0; i < xs.length; i++) {
            const slice = xs.slice(Math.max(0, i - window + 1), i + 1);
            expect(out[i]).toBeCloseTo(slice.reduce((a, b) => a + b, 0) / slice.length, 6);
          }
        },
      ),
    );
  });
});
