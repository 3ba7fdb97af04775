import { describe, expect, it } from "vitest";
import { formatNumber, formatPercent, formatUsd, formatUsdExact } from "./format.ts";

describe("formatUsd", () => {
  it.each([
    [1.234e9, "$1.23B"],
    [-4.5e8, "-$450M"],
    [15_668, "$15.7k"],
    [12.5, "$12.50"],
    [2e12, "$2T"],
    [999_999.9999, "$1M"],
    [999.999, "$1k"],
    [999_500, "$1M"],
    [999_499, "$999k"],
    [Number.NaN, "–"],
    [null, "–"],
  ])("formatUsd(%s) = %s", (value, text) => {
    expect(formatUsd(value)).toBe(text);
  });
});

describe("formatUsdExact", () => {
  it.each([
    [15_667.89, "$15,668"],
    [-3133.58, "-$3,134"],
    [1.5e9, "$1,500,000,000"],
    [99.5, "$99.50"],
    [Number.NaN, "–"],
    [null, "–"],
  ])("formatUsdExact(%s) = %s", (value, text) => {
    expect(formatUsdExact(value)).toBe(text);
  });
});

describe("formatPercent and formatNumber", () => {
  it("format fractions and plain numbers", () => {
    expect(formatPercent(-0.253)).toBe("-25.3%");
    expect(formatPercent(0.1, 0, true)).toBe("+10%");
    expect(formatNumber(1234567.891)).toBe("1,234,567.89");
  });
});
