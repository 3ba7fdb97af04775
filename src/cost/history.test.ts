import { describe, expect, it } from "vitest";
import { dayNumber } from "../data/days.ts";
import { allInCost } from "./all-in.ts";
import { hardwareArrays } from "./hardware.ts";
import { costHistory, minerRevenueUsd, type NetworkHistory, POWER_SOURCE } from "./history.ts";

const start = dayNumber("2022-11-07");
const history: NetworkHistory = {
  startDay: start,
  hashrateThs: Float64Array.of(2.6e8, 2.7e8, 2.72e8),
  priceUsd: Float64Array.of(20_000, 18_000, 16_000),
  issuanceBtc: Float64Array.of(900, 937.5, Number.NaN),
  feesBtc: Float64Array.of(20, Number.NaN, 25),
};

describe("costHistory", () => {
  it("uses actual issuance and fees for revenue, the schedule where issuance is unknown", () => {
    // (900 + 20) × 20,000; (937.5 + 0) × 18,000; (144 × 6.25 + 25) × 16,000.
    expect([...minerRevenueUsd(history)]).toEqual([18_400_000, 16_875_000, 14_800_000]);
  });

  it("turns CBECI power into cost per BTC and falls back to the model where CBECI is missing", () => {
    const cost = costHistory(history, {
      electricityUsdPerKwh: 0.05,
      power: "auto",
      cbeci: { bestGW: Float64Array.of(11.75, 11.5, Number.NaN) },
      hardware: hardwareArrays([{ name: "X", released: "2020-01-01", efficiencyJPerTh: 30 }]),
    });
    // 11.75 GW × 24e6 kWh/GW/day × $0.05 ÷ 900 BTC = $15,666.67; CBECI gives no band.
    expect(cost.costBestUsd[0]).toBeCloseTo(15_666.667, 3);
    expect(cost.costLowerUsd[0]).toBeNaN();
    expect(cost.sensitivityUsdPerCent[0]).toBeCloseTo(3133.333, 3);
    expect([...cost.powerSource]).toEqual([POWER_SOURCE.cbeci, POWER_SOURCE.cbeci, POWER_SOURCE.model]);
    // Day 3, model: one 30 J/TH machine (the threshold is far above it), 7-day mean of days 1–3 of
    // 30 × HR × 1.1 / 1e9: (8.58 + 8.91 + 8.976) ÷ 3 = 8.822 GW.
    expect(cost.powerBestGW[2]).toBeCloseTo((8.58 + 8.91 + 8.976) / 3, 9);
  });

  it("spreads the cost over fees too when asked, and knows nothing where fees are unknown", () => {
    const cost = costHistory(history, {
      electricityUsdPerKwh: 0.05,
      includeFees: true,
      power: "cbeci",
      cbeci: { bestGW: Float64Array.of(10, 10, 10) },
    });
    expect(cost.btcPerDay[0]).toBe(920);
    expect(cost.costBestUsd[1]).toBeNaN();
  });
});

describe("allInCost", () => {
  it("adds straight-line hardware depreciation and overhead", () => {
    // 272e6 TH/s × $20/TH = $5.44B over 5 × 365.25 days = $2,978,781/day; ÷ 900 = $3,309.76 per BTC.
    const cost = allInCost(15_000, 272e6, 900, { hardwareUsdPerTh: 20, overheadFraction: 0.1 });
    expect(cost.depreciationUsd).toBeCloseTo(3309.76, 2);
    expect(cost.overheadUsd).toBe(1500);
    expect(cost.totalUsd).toBeCloseTo(15_000 + 3309.76 + 1500, 2);
  });
});
