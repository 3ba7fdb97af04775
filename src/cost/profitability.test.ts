import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  breakevenPrice,
  hashcostUsd,
  hashpriceFromDifficulty,
  hashpriceUsd,
  profitabilityThreshold,
} from "./profitability.ts";

describe("profitability", () => {
  it("puts the threshold where a machine's electricity equals its revenue", () => {
    // $1M/day over 100,000 TH/s = $10 per TH/s per day. At $0.05/kWh, $10 buys 200 kWh = 7.2e8 J,
    // spread over 86,400 s × 1 TH/s: 8,333.33 J/TH.
    expect(hashpriceUsd(1e6, 1e5)).toBe(10);
    expect(profitabilityThreshold(1e6, 1e5, 0.05)).toBeCloseTo(8333.333, 3);
    expect(hashcostUsd(8333.3333333, 0.05)).toBeCloseTo(10, 6);
  });

  it("prices break-even per machine", () => {
    // 30 J/TH at $0.05: 30 × 0.024 × 0.05 = $0.036 per TH/s per day; × 272e6 TH/s = $9.792M/day;
    // ÷ 900 BTC/day = $10,880 per BTC.
    expect(breakevenPrice(30, 0.05, 272e6, 900)).toBeCloseTo(10_880, 6);
  });

  it("hashprice from difficulty matches revenue ÷ hash rate when blocks come every 600 s", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e10, max: 1e15, noNaN: true }),
        fc.double({ min: 1, max: 50, noNaN: true }),
        fc.double({ min: 100, max: 200_000, noNaN: true }),
        (difficulty, reward, price) => {
          // Hash rate that finds one block per 600 s: D × 2^32 / 600 H/s.
          const hashrateThs = (difficulty * 2 ** 32) / 600 / 1e12;
          const revenue = 144 * reward * price;
          expect(hashpriceFromDifficulty(difficulty, reward, price)).toBeCloseTo(
            hashpriceUsd(revenue, hashrateThs),
            8,
          );
        },
      ),
    );
  });
});
