import { describe, expect, it } from "vitest";
import { only, scenarioOf } from "../../test/fixtures/cascade.ts";
import { contSchaanningDepth } from "../market/price-impact.ts";
import { runCascade } from "./engine.ts";

/**
 * Cont & Schaanning (2017) fire sales, the two-bank case `csmodel8` of FinNetValu's
 * test/models/test_csmodel.jl (wolfstam/FinNetValu): marketable holdings Π = [90, 70] of one asset at
 * S = 1, illiquid assets Θ = [10, 20] with shock ε = [0.2, 0], capital C = [4, 4.5], floor B = 0.5,
 * ADV = 50, σ = 0.02, c = 0.4, τ = 20, λ_max = 33.3, λ_target = 0.95·λ_max, α = 0.5. As a scenario:
 * a fund holds 90 units plus 10 of other assets against 96 of liabilities (equity 4); the ε shock is a
 * loss of 2 on its other assets at step 0. One intraday round per step makes each step one CS round.
 */
function contSchaanning(executionShortfall?: number) {
  return scenarioOf({
    assets: [
      {
        id: "S",
        kind: "token",
        priceUsd: 1,
        supply: 1e6,
        impact: {
          model: "exponential",
          depthUsd: contSchaanningDepth(50, 0.02, 0.4, 20),
          floorFraction: 0.5,
        },
      },
    ],
    entities: [
      {
        id: "bank1",
        type: "fund",
        holdings: [{ asset: "S", units: 90 }],
        otherAssetsUsd: 10,
        otherLiabilitiesUsd: 96,
      },
      {
        id: "bank2",
        type: "fund",
        holdings: [{ asset: "S", units: 70 }],
        otherAssetsUsd: 20,
        otherLiabilitiesUsd: 85.5,
      },
    ],
    shocks: [{ type: "loss", entity: "bank1", amountUsd: 2, step: 0 }],
    parameters: {
      steps: 3,
      fireSales: {
        leverageMax: 33.3,
        leverageTarget: 0.95 * 33.3,
        intradayRounds: 1,
        ...(executionShortfall === undefined ? {} : { executionShortfall }),
      },
      mechanisms: only("clearing", "fireSales"),
      // Cont–Schaanning depth is constant: no shrinking under market stress.
      market: { depthUnderStress: 1 },
    },
  });
}

describe("Cont–Schaanning fire sales", () => {
  it("reproduces three CS rounds of the FinNetValu two-bank case", () => {
    // Round by round (CS eqs.; FinNetValu asserts Γ₁ = 0.39, Γ₂ = 0.32, Γ₃ = 0.15 rounded, C after
    // round 1 = [1.44, 3.96], Ψ(34.73) = 0.00771, S₁ = 0.99229):
    // 1: λ₁ = (90 + 8)/2 = 49 > 33.3 → Γ₁ = (98 − 31.635·2)/90 = 0.385889, q = 34.73,
    //    Ψ = 0.5(1 − e^{−34.73/2236.068}) = 0.0077059, S = 0.9922941,
    //    C₁ = 2 − (1 − 0.5Γ₁)·90Ψ = 1.440284, C₂ = 4.5 − 70Ψ = 3.960589; bank 2 (λ = 20) does not sell.
    // 2: Π₁ = 55.27·S = 54.8441, λ₁ = 62.8441/1.440284 = 43.6 → Γ₁ = (62.8441 − 31.635·1.440284)/54.8441
    //    = 0.315088, q = 17.2807, Ψ = (1 − 0.5/0.9922941)(1 − e^{−q/δ}) = 0.0038193, S = 0.9885043,
    //    C = [1.263819, 3.695299].
    // 3: Π₁ = 37.41993, λ₁ = 45.41993/1.263819 = 35.9 → Γ₁ = 0.145351, q = 5.439032, Ψ = 0.0012006,
    //    S = 0.9873175, C = [1.222157, 3.612223].
    const result = runCascade(contSchaanning(0.5));
    expect(result.pricePaths.S).toEqual(
      [1, 0.9922941, 0.9885043, 0.9873175].map((p) => expect.closeTo(p, 6)),
    );
    expect(result.equityPaths.bank1!.slice(1)).toEqual(
      [1.440284, 1.263819, 1.222157].map((c) => expect.closeTo(c, 5)),
    );
    expect(result.equityPaths.bank2!.slice(1)).toEqual(
      [3.960589, 3.695299, 3.612223].map((c) => expect.closeTo(c, 5)),
    );
    const sold = result.events
      .filter((e) => e.type === "sale" && e.entity === "bank1")
      .map((e) => (e.detail as { units: number }).units);
    // Units sold: Γ₁·90 = 34.73, then 0.315088 × 55.27 = 17.4149 and 0.145351 × (55.27 − 17.4149) = 5.5023.
    expect(sold).toEqual([34.73, 17.4149, 5.5023].map((u) => expect.closeTo(u, 3)));
    expect(result.events.some((e) => e.type === "sale" && e.entity === "bank2")).toBe(false);
    // Deleveraging repays debt with the proceeds: 34.73 at S(1 − Ψ/2) = 34.5962 in round 1 alone.
    expect(result.events.find((e) => e.type === "deleveraging")!.amountUsd).toBeCloseTo(
      34.73 * (1 - 0.0077059 / 2),
      4,
    );
    expect(result.failures).toEqual([]);
  });

  it("executes along the impact curve unless a CS shortfall is given", () => {
    // Exponential curve: Ψ̄ = 0.5(1 − (δ/q)(1 − e^{−q/δ})) = 0.0038629 instead of Ψ/2 = 0.0038530, so
    // bank 1 ends round 1 with 2 − 55.27·Ψ − 34.73·Ψ̄ = 1.439938 instead of 1.440284.
    const result = runCascade(contSchaanning());
    expect(result.equityPaths.bank1![1]).toBeCloseTo(1.439938, 6);
    expect(result.pricePaths.S![1]).toBeCloseTo(0.9922941, 7);
  });

  it("does not move prices when fire sales are switched off", () => {
    const scenario = contSchaanning(0.5);
    const result = runCascade(scenario, { mechanisms: { fireSales: false } });
    expect(result.pricePaths.S).toEqual([1, 1, 1, 1]);
    expect(result.forcedSales).toEqual({});
  });

  it("shrinks depth with market stress", () => {
    // Linear book of D = 100M with depthUnderStress 0.5 and a second asset worth 300M. Step 0: the
    // other asset falls 25% (cap 400M → 325M: drawdown 18.75%, stress 0.75 of the 25% needed for full
    // stress), so depth is 100M·(1 − 0.75·0.5) = 62.5M; a forced sale of 10M (1M units at $10) moves
    // the price 10/62.5 = 16%. Without depthUnderStress it moves 10%.
    const scenario = (depthUnderStress: number) =>
      scenarioOf({
        assets: [
          {
            id: "T",
            kind: "token",
            priceUsd: 10,
            supply: 1e7,
            impact: { model: "linear", depthUsd: 1e8, depthUnderStress },
          },
          {
            id: "OTHER",
            kind: "coin",
            priceUsd: 1,
            supply: 3e8,
            impact: { model: "linear", depthUsd: 1e18 },
          },
        ],
        entities: [{ id: "seller", type: "fund", holdings: [{ asset: "T", units: 1e6 }] }],
        shocks: [
          { type: "price", asset: "OTHER", change: -0.25, step: 0 },
          { type: "sale", entity: "seller", asset: "T", units: 1e6, step: 0 },
        ],
        parameters: { steps: 1, mechanisms: only("clearing", "fireSales") },
      });
    expect(runCascade(scenario(0.5)).pricePaths.T![1]).toBeCloseTo(10 * (1 - 0.16), 9);
    expect(runCascade(scenario(1)).pricePaths.T![1]).toBeCloseTo(9, 9);
  });
});
