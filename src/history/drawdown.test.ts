import { describe, expect, it } from "vitest";
import { changeBetween, troughBetween } from "./drawdown.ts";

const dates = ["2022-05-06", "2022-05-07", "2022-05-08", "2022-05-09", "2022-05-10", "2022-05-12"];
const cap = { dates, values: Float64Array.from([1600, 1500, 1200, 1300, 1000, 1100]) };

describe("changeBetween", () => {
  it("is the relative change between two dates", () => {
    // 1200 / 1600 − 1 = −0.25
    expect(changeBetween(cap, "2022-05-06", "2022-05-08")).toBeCloseTo(-0.25, 15);
    expect(changeBetween(cap, "2022-05-06", "2022-05-11")).toBeNaN();
  });
});

describe("troughBetween", () => {
  it("finds the lowest level in the window relative to its start", () => {
    // Lowest of 1600 … 1000 by 10 May: 1000 / 1600 − 1 = −0.375.
    expect(troughBetween(cap, "2022-05-06", "2022-05-12")).toEqual({
      date: "2022-05-10",
      value: 1000,
      change: -0.375,
    });
    // A window ending before 10 May sees 1200 on 8 May: −0.25.
    expect(troughBetween(cap, "2022-05-06", "2022-05-09")?.change).toBeCloseTo(-0.25, 15);
    // Starting later: base 1500 on 7 May.
    expect(troughBetween(cap, "2022-05-07", "2022-05-08")?.change).toBeCloseTo(1200 / 1500 - 1, 15);
  });

  it("is a zero change when the series only rises, and undefined without a start", () => {
    const rising = { dates: dates.slice(0, 2), values: Float64Array.from([1, 2]) };
    expect(troughBetween(rising, "2022-05-06", "2022-05-07")).toEqual({
      date: "2022-05-06",
      value: 1,
      change: 0,
    });
    expect(troughBetween(cap, "2022-05-11", "2022-05-12")).toBeUndefined();
  });
});
