import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dayNumber, isoDay, monthIndex } from "./days.ts";
import { type SparseSeries, sparseColumn, toGrid } from "./series.ts";

const sparse = (days: number[], values: number[]): SparseSeries => ({
  days: Int32Array.from(days),
  values: Float64Array.from(values),
});

describe("day numbers", () => {
  it("count days since 1970-01-01 and round-trip", () => {
    expect(dayNumber("1970-01-01")).toBe(0);
    // 2022-11-09: 52 years incl. 13 leap days = 18993 days to 2022-01-01, plus 312 days.
    expect(dayNumber("2022-11-09")).toBe(19305);
    expect(isoDay(19305)).toBe("2022-11-09");
    expect(dayNumber("2024-02-29")).toBe(dayNumber("2024-02-28") + 1);
    expect(dayNumber("2023-02-29")).toBeNaN();
    expect(monthIndex(dayNumber("2022-11-09"))).toBe(2022 * 12 + 10);
    fc.assert(fc.property(fc.integer({ min: -10000, max: 60000 }), (day) => dayNumber(isoDay(day)) === day));
    // The integer month index agrees with the calendar for any day.
    fc.assert(
      fc.property(fc.integer({ min: -10000, max: 60000 }), (day) => {
        const date = new Date(day * 86_400_000);
        return monthIndex(day) === date.getUTCFullYear() * 12 + date.getUTCMonth();
      }),
    );
  });
});

describe("toGrid", () => {
  // Observations on days 10 (value 100) and 14 (value 140), like blockchain.com's 4-day sampling.
  const series = sparse([10, 14], [100, 140]);

  it("interpolates linearly inside a gap: day 11 = 100 + 40 × 1/4 = 110", () => {
    const grid = toGrid(series, 9, 7, { fill: "linear" });
    expect([...grid.values]).toEqual([Number.NaN, 100, 110, 120, 130, 140, Number.NaN]);
    expect(grid.filledDays).toBe(3);
  });

  it("carries the last value forward for at most maxGapDays", () => {
    const grid = toGrid(series, 10, 8, { fill: "carry-forward", maxGapDays: 2 });
    expect([...grid.values]).toEqual([100, 100, 100, Number.NaN, 140, 140, 140, Number.NaN]);
    expect(grid.filledDays).toBe(4);
  });

  it("leaves gaps longer than maxGapDays empty and fills nothing with 'none'", () => {
    expect(
      [...toGrid(series, 10, 5, { fill: "linear", maxGapDays: 3 }).values].filter(Number.isNaN),
    ).toHaveLength(3);
    const none = toGrid(series, 10, 5, { fill: "none" });
    expect(none.filledDays).toBe(0);
    expect(none.values[4]).toBe(140);
  });

  it("keeps observed values and stays between neighbours (any series)", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 200 }), { minLength: 1, maxLength: 40 }),
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 40, maxLength: 40 }),
        (rawDays, rawValues) => {
          const days = [...rawDays].sort((a, b) => a - b);
          const values = days.map((_, i) => rawValues[i]!);
          const grid = toGrid(sparse(days, values), 0, 201, { fill: "linear", maxGapDays: 1000 });
          for (let i = 0; i < days.length; i++) expect(grid.values[days[i]!]).toBe(values[i]);
          for (let i = 1; i < days.length; i++) {
            const lo = Math.min(values[i - 1]!, values[i]!);
            const hi = Math.max(values[i - 1]!, values[i]!);
            for (let d = days[i - 1]! + 1; d < days[i]!; d++) {
              expect(grid.values[d]).toBeGreaterThanOrEqual(lo - 1e-9);
              expect(grid.values[d]).toBeLessThanOrEqual(hi + 1e-9);
            }
          }
        },
      ),
    );
  });

  it("sparseColumn drops missing values", () => {
    const column = sparseColumn(
      {
        dates: ["2022-01-01", "2022-01-02", "2022-01-03"],
        columns: { v: Float64Array.from([1, Number.NaN, 3]) },
      },
      "v",
    );
    expect([...column.days]).toEqual([dayNumber("2022-01-01"), dayNumber("2022-01-03")]);
    expect([...column.values]).toEqual([1, 3]);
  });
});
