import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addDays,
  closeDayOfIndex,
  closesToInstants,
  type DailyValues,
  dateOfStep,
  daysBetween,
  indexOfDate,
  seriesRatio,
  stepOfDate,
  valueOn,
} from "./series.ts";

function series(dates: string[], values: number[]): DailyValues {
  return { dates, values: Float64Array.from(values) };
}

describe("calendar arithmetic", () => {
  it("adds days across month, year and leap-day boundaries", () => {
    expect(addDays("2022-05-06", 7)).toBe("2022-05-13");
    expect(addDays("2022-06-30", 1)).toBe("2022-07-01");
    expect(addDays("2022-12-31", 1)).toBe("2023-01-01");
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2022-11-02", -1)).toBe("2022-11-01");
  });

  it("counts days between dates (6 May → 12 Jun 2022 is 37 days: 25 in May + 12)", () => {
    expect(daysBetween("2022-05-06", "2022-06-12")).toBe(37);
    expect(daysBetween("2022-11-08", "2022-11-02")).toBe(-6);
  });

  it("inverts addDays", () => {
    fc.assert(
      fc.property(fc.integer({ min: -3000, max: 3000 }), (n) => {
        expect(daysBetween("2022-05-06", addDays("2022-05-06", n))).toBe(n);
      }),
    );
  });

  it("maps steps to dates and back", () => {
    const calendar = { asOf: "2022-11-02", stepDays: 1 };
    expect(dateOfStep(calendar, 4)).toBe("2022-11-06");
    expect(stepOfDate(calendar, "2022-11-08")).toBe(6);
    expect(dateOfStep({ asOf: "2022-05-06", stepDays: 7 }, 2)).toBe("2022-05-20");
    // Index 7 of the Terra run is 00:00 on 13 May: the close of 12 May.
    expect(closeDayOfIndex({ asOf: "2022-05-06", stepDays: 1 }, 7)).toBe("2022-05-12");
    expect(stepOfDate({ asOf: "2022-05-06", stepDays: 7 }, "2022-05-16")).toBeCloseTo(10 / 7, 15);
  });
});

describe("series lookups", () => {
  const s = series(["2022-05-05", "2022-05-06", "2022-05-08"], [1, 2, 4]);

  it("finds dates by binary search and reports gaps as missing", () => {
    expect(indexOfDate(s, "2022-05-05")).toBe(0);
    expect(indexOfDate(s, "2022-05-08")).toBe(2);
    expect(indexOfDate(s, "2022-05-07")).toBe(-1);
    expect(valueOn(s, "2022-05-06")).toBe(2);
    expect(valueOn(s, "2022-05-07")).toBeNaN();
  });

  it("re-dates closes as the next day's 00:00 level", () => {
    // TradingView's close of 5 May is the level at 00:00 UTC on 6 May.
    const instants = closesToInstants(s);
    expect(instants.dates).toEqual(["2022-05-06", "2022-05-07", "2022-05-09"]);
    expect(valueOn(instants, "2022-05-06")).toBe(1);
  });

  it("forms ratios on the dates both series have", () => {
    const ratio = seriesRatio(s, series(["2022-05-06", "2022-05-07", "2022-05-08"], [4, 1, 8]));
    expect(ratio.dates).toEqual(["2022-05-06", "2022-05-08"]);
    expect([...ratio.values]).toEqual([0.5, 0.5]);
  });
});
