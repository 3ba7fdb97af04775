import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { comparePath, RELATIVE_PRICE_FLOOR } from "./path-comparison.ts";

const calendar = { asOf: "2022-11-02", stepDays: 1 };

describe("comparePath", () => {
  it("matches a hand calculation", () => {
    // Simulated 100 → 90 → 80 (relative 1, 0.9, 0.8); observed 200 → 170 → 180 (1, 0.85, 0.9).
    // Troughs: simulated −20% at 00:00 on 4 Nov (the close of 3 Nov), observed −15% at 00:00 on 3 Nov
    // (the close of 2 Nov); trough error 0.8 − 0.85 = −0.05.
    // RMSE of cumulative log returns over k = 1, 2: √(((ln 0.9 − ln 0.85)² + (ln 0.8 − ln 0.9)²) / 2).
    const actual = {
      dates: ["2022-11-02", "2022-11-03", "2022-11-04"],
      values: Float64Array.from([200, 170, 180]),
    };
    const result = comparePath([100, 90, 80], actual, calendar)!;
    expect(result.points).toBe(3);
    expect(result.lastDay).toBe("2022-11-03");
    expect(result.predictedChange).toBeCloseTo(-0.2, 15);
    expect(result.actualChange).toBeCloseTo(-0.1, 15);
    expect(result.predictedTrough).toBeCloseTo(-0.2, 15);
    expect(result.predictedTroughDay).toBe("2022-11-03");
    expect(result.actualTrough).toBeCloseTo(-0.15, 15);
    expect(result.actualTroughDay).toBe("2022-11-02");
    expect(result.troughError).toBeCloseTo(-0.05, 15);
    const expected = Math.sqrt((Math.log(0.9 / 0.85) ** 2 + Math.log(0.8 / 0.9) ** 2) / 2);
    expect(result.logPathRmse).toBeCloseTo(expected, 14);
  });

  it("skips days without an observation and stops at lastIndex", () => {
    const actual = {
      dates: ["2022-11-02", "2022-11-04", "2022-11-05"],
      values: Float64Array.from([10, 5, 1]),
    };
    const result = comparePath([1, 2, 0.5, 0.1], actual, calendar, 2)!;
    // Index 1 (3 Nov) has no observation, index 3 is beyond lastIndex: only index 2 is compared.
    expect(result.points).toBe(2);
    expect(result.lastDay).toBe("2022-11-03");
    expect(result.logPathRmse).toBeCloseTo(0, 15);
  });

  it("floors a path driven to zero instead of returning infinities", () => {
    const actual = { dates: ["2022-11-02", "2022-11-03"], values: Float64Array.from([1, 0.5]) };
    const result = comparePath([1, 0], actual, calendar)!;
    expect(result.predictedTrough).toBeCloseTo(RELATIVE_PRICE_FLOOR - 1, 15);
    expect(result.logPathRmse).toBeCloseTo(Math.abs(Math.log(RELATIVE_PRICE_FLOOR) - Math.log(0.5)), 10);
  });

  it("is undefined without an observation at the start or with nothing to compare", () => {
    const late = { dates: ["2022-11-03"], values: Float64Array.from([1]) };
    expect(comparePath([1, 1], late, calendar)).toBeUndefined();
    const only = { dates: ["2022-11-02"], values: Float64Array.from([1]) };
    expect(comparePath([1, 1], only, calendar)).toBeUndefined();
  });

  it("scores an exact replay of the observed moves as error-free, whatever the price level", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.01, max: 100, noNaN: true }), { minLength: 2, maxLength: 40 }),
        fc.double({ min: 0.001, max: 1000, noNaN: true }),
        (levels, scale) => {
          const dates = levels.map((_, k) => {
            const d = new Date(Date.UTC(2022, 10, 2 + k));
            return d.toISOString().slice(0, 10);
          });
          const actual = { dates, values: Float64Array.from(levels) };
          const result = comparePath(
            levels.map((v) => v * scale),
            actual,
            calendar,
          )!;
          expect(result.logPathRmse).toBeLessThan(1e-9);
          expect(result.troughError).toBeCloseTo(0, 9);
        },
      ),
    );
  });
});
