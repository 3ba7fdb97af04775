import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  costSensitivityPerCent,
  energyKwhPerDay,
  powerFromAnnualTwh,
  productionCost,
} from "./energy-cost.ts";

describe("JPMorgan's energy-cost method", () => {
  it("reproduces 2022-11-09 from CBECI's old-method best guess (production-cost.md §a)", () => {
    // 103.0085506 TWh/yr ÷ 8.766 = 11.7509184 GW; × 24e6 = 282.02204e6 kWh/day; × $0.05 = $14.1011M;
    // ÷ 900 BTC = $15,667.9 per BTC.
    const gw = powerFromAnnualTwh(103.0085506);
    expect(gw).toBeCloseTo(11.75092, 5);
    expect(energyKwhPerDay(gw)).toBeCloseTo(282.02204e6, -2);
    expect(productionCost(gw, 0.05, 900)).toBeCloseTo(15667.9, 1);
    // +1 ¢/kWh at fixed energy: 282.02204e6 × 0.01 ÷ 900 = $3,133.6 = cost ÷ 5.
    expect(costSensitivityPerCent(gw, 900)).toBeCloseTo(3133.58, 1);
  });

  it("is linear in power and electricity price and inverse in issuance (any inputs)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        fc.double({ min: 0.001, max: 0.5, noNaN: true }),
        fc.double({ min: 100, max: 10_000, noNaN: true }),
        (gw, price, btc) => {
          const cost = productionCost(gw, price, btc);
          expect(productionCost(2 * gw, price, btc)).toBeCloseTo(2 * cost, 6);
          expect(productionCost(gw, price, btc / 2)).toBeCloseTo(2 * cost, 6);
          // The sensitivity is the cost of one cent: cost(p + 0.01) − cost(p) at fixed power.
          expect(productionCost(gw, price + 0.01, btc) - cost).toBeCloseTo(
            costSensitivityPerCent(gw, btc),
            6,
          );
        },
      ),
    );
  });
});
