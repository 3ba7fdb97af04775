import { describe, expect, it } from "vitest";
import { dayNumber } from "../data/days.ts";
import {
  meanSubsidy,
  nextHalving,
  OBSERVED_HALVINGS,
  projectedHalvings,
  scheduledIssuance,
  subsidyAtHeight,
} from "./halving.ts";

describe("issuance schedule", () => {
  it.each([
    [0, 50],
    [209_999, 50],
    [210_000, 25],
    [630_000, 6.25],
    [840_000, 3.125],
    [1_050_000, 1.5625],
    // 32 halvings: 5e9 sat >> 32 = 1 sat; 33: 0.
    [32 * 210_000, 1e-8],
    [33 * 210_000, 0],
  ])("subsidy at height %i is %f BTC", (height, subsidy) => {
    expect(subsidyAtHeight(height)).toBe(subsidy);
  });

  it("issues 144 × subsidy on ordinary days", () => {
    expect(scheduledIssuance(dayNumber("2022-11-09"))).toBe(900);
    expect(scheduledIssuance(dayNumber("2024-04-21"))).toBe(450);
    expect(scheduledIssuance(dayNumber("2013-01-01"))).toBe(3600);
  });

  it("time-weights a halving inside the day", () => {
    // Block 630,000 at 19:23:43 UTC = 69,823 s into 2020-05-11:
    // 144 × (12.5 × 69,823 + 6.25 × 16,577) ÷ 86,400 = 1,627.323 BTC.
    expect(scheduledIssuance(dayNumber("2020-05-11"))).toBeCloseTo(1627.323, 3);
    // Block 840,000 at 00:09:27 = 567 s: 144 × (6.25 × 567 + 3.125 × 85,833) ÷ 86,400 = 452.953.
    expect(scheduledIssuance(dayNumber("2024-04-20"))).toBeCloseTo(452.953, 3);
  });

  it("projects the next halvings at 600 s per block", () => {
    const [next] = projectedHalvings(1);
    expect(next!.height).toBe(1_050_000);
    expect(next!.time - OBSERVED_HALVINGS.at(-1)!.time).toBe(210_000 * 600);
    expect(nextHalving(Date.parse("2022-11-09T00:00:00Z") / 1000).height).toBe(840_000);
    expect(nextHalving(Date.parse("2026-01-01T00:00:00Z") / 1000)).toMatchObject({
      height: 1_050_000,
      observed: false,
    });
  });
});

describe("meanSubsidy", () => {
  it.each([
    // 144 blocks inside one era: the era's subsidy.
    [700_000, 700_144, 6.25],
    // 144 blocks centred on the 630,000 halving: (72 × 12.5 + 72 × 6.25) ÷ 144 = 9.375.
    [629_928, 630_072, 9.375],
    // 100 blocks, 30 before the 840,000 halving: (30 × 6.25 + 70 × 3.125) ÷ 100 = 4.0625.
    [839_970, 840_070, 4.0625],
    // Across two halvings, 210,000 blocks from 105,000: half at 50, half at 25 → 37.5.
    [105_000, 315_000, 37.5],
    // An empty range: the subsidy at its height.
    [630_000, 630_000, 6.25],
  ])("[%d, %d) → %d BTC", (from, to, expected) => {
    expect(meanSubsidy(from, to)).toBeCloseTo(expected, 12);
  });
});
