import { describe, expect, it } from "vitest";
import { scenarioOf } from "../../test/fixtures/cascade.ts";
import { beginStep, clearSales, compileMarket, initialMarketState, marketCap } from "./market.ts";

/**
 * A: $1 × 1,000, sqrt law V = 100, σ = 0.02; B: $2 × 500, V = 300, σ = 0.04; F: a fund share over them
 * ($5 × 100, linear book); S: a USD stablecoin (500 × $1) without issuer.
 */
function market(factor: boolean) {
  const scenario = scenarioOf({
    assets: [
      {
        id: "A",
        kind: "coin",
        priceUsd: 1,
        supply: 1000,
        impact: { model: "sqrt", dailyVolumeUsd: 100, dailyVolatility: 0.02 },
      },
      {
        id: "B",
        kind: "coin",
        priceUsd: 2,
        supply: 500,
        impact: { model: "sqrt", dailyVolumeUsd: 300, dailyVolatility: 0.04 },
      },
      { id: "F", kind: "fund-share", priceUsd: 5, supply: 100, impact: { model: "linear", depthUsd: 1e6 } },
      {
        id: "S",
        kind: "stablecoin",
        priceUsd: 1,
        supply: 500,
        impact: { model: "linear", depthUsd: 1e6 },
        peg: {},
      },
    ],
    entities: [{ id: "x", type: "other", cashUsd: 1 }],
  });
  const model = compileMarket(scenario, new Map([["x", 0]]), {
    depthUnderStress: 0.5,
    impactCoefficient: 2,
    marketFactor: factor,
  });
  return { model, state: initialMarketState(model) };
}

describe("the market", () => {
  it("counts every asset but fund shares in the market cap", () => {
    // A 1,000 + B 1,000 + S 500; F's 500 is left out (it holds assets already counted).
    const { model, state } = market(true);
    expect(marketCap(model, state)).toBe(2500);
  });

  it("moves every risky asset with the market factor, on top of the seller's own impact", () => {
    // V_m = 100 + 300 = 400; σ_m = (0.02 × 1,000 + 0.04 × 1,000)/2,000 = 0.03; Y·σ_m = 0.06.
    // Selling 25 A (q = $25): own Ψ = 2 × 0.02 × √(25/100) = 0.02 → A at 0.98; market factor
    // Ψ_m = 0.06 × √(25/400) = 0.015 → A 0.98 × 0.985 = 0.9653, B 2 × 0.985 = 1.97; F and S unmoved.
    // Sellers get A's own curve: Ψ̄ = (2/3) × 0.02 = 0.013333 → $0.986667.
    const { model, state } = market(true);
    beginStep(state);
    const execution = new Float64Array(4);
    clearSales(model, state, Float64Array.of(25, 0, 0, 0), 0, Number.NaN, execution);
    expect(Array.from(state.price)).toEqual([0.9653, 1.97, 5, 1].map((p) => expect.closeTo(p, 12)));
    expect(execution[0]).toBeCloseTo(1 - 0.04 / 3, 12);
    // Without the factor only A moves.
    const off = market(false);
    beginStep(off.state);
    clearSales(off.model, off.state, Float64Array.of(25, 0, 0, 0), 0, Number.NaN, execution);
    expect(Array.from(off.state.price)).toEqual([0.98, 2, 5, 1].map((p) => expect.closeTo(p, 12)));
  });

  it("walks one factor curve per step however the flow is split, and shrinks its depth under stress", () => {
    // Two rounds of 25 A = one of 50: Ψ_m(50) = 0.06 × √(50/400) = 0.0212132 on B.
    const { model, state } = market(true);
    beginStep(state);
    const execution = new Float64Array(4);
    clearSales(model, state, Float64Array.of(25, 0, 0, 0), 0, Number.NaN, execution);
    clearSales(model, state, Float64Array.of(25, 0, 0, 0), 0, Number.NaN, execution);
    expect(state.price[1]).toBeCloseTo(2 * (1 - 0.06 * Math.sqrt(50 / 400)), 12);
    // Full stress with depthUnderStress 0.5: V_m = 200 → Ψ_m(25) = 0.06 × √(25/200) = 0.0212132.
    const stressed = market(true);
    beginStep(stressed.state);
    clearSales(stressed.model, stressed.state, Float64Array.of(25, 0, 0, 0), 1, Number.NaN, execution);
    expect(stressed.state.price[1]).toBeCloseTo(2 * (1 - 0.06 * Math.sqrt(25 / 200)), 12);
  });
});
