import { describe, expect, it } from "vitest";
import { deepCoin, only, scenarioOf } from "../../test/fixtures/cascade.ts";
import { runCascade } from "./engine.ts";

/**
 * A two-entity reflexive loop: an issuer holding 50M of its own token T ($2) plus 100M of other assets
 * against 150M of liabilities (equity 50M), and a fund holding 10M T against 10M of liabilities
 * (equity 10M). T falls 20% at step 0; reflexivity strength k = 0.5.
 */
function loop(reflexive: boolean) {
  return scenarioOf({
    assets: [{ ...deepCoin("T", 2), issuer: "issuer" }],
    entities: [
      {
        id: "issuer",
        type: "exchange",
        holdings: [{ asset: "T", units: 50e6 }],
        otherAssetsUsd: 100e6,
        otherLiabilitiesUsd: 150e6,
      },
      { id: "fund", type: "fund", holdings: [{ asset: "T", units: 10e6 }], otherLiabilitiesUsd: 10e6 },
    ],
    shocks: [{ type: "price", asset: "T", change: -0.2, step: 0 }],
    parameters: {
      steps: 5,
      reflexivity: { strength: 0.5 },
      defaultCosts: { alpha: 1, beta: 1 },
      mechanisms: reflexive ? only("clearing", "reflexive") : only("clearing"),
    },
  });
}

describe("reflexive tokens", () => {
  it("spirals the token down with its issuer's equity until the issuer and the holder fail", () => {
    // The issuer's equity is 50M·P − 50M, so its distress is h = 2 − P and the price factor
    // 1 − k·h = P/2: each step multiplies the price by (1 − 0.5·h_t)/(1 − 0.5·h_{t−1}).
    // Step 0: P = 1.6 after the shock, h = 0.4, factor 0.8 → 1.28.
    // Step 1: h = 0.72, factor 0.64/0.8 = 0.8 → 1.024.  Step 2: h = 0.976, factor 0.512/0.64 → 0.8192:
    // issuer equity 40.96M − 50M < 0 and fund 8.192M − 10M < 0: both fail insolvent at step 2.
    // Step 3: the failed issuer's distress is 1: factor 0.5/0.512 = 0.9765625 → 0.8, then constant.
    const result = runCascade(loop(true));
    expect(result.pricePaths.T).toEqual([2, 1.28, 1.024, 0.8192, 0.8, 0.8].map((p) => expect.closeTo(p, 12)));
    expect(result.failures).toEqual([
      expect.objectContaining({ entity: "issuer", step: 2, cause: "insolvent" }),
      expect.objectContaining({ entity: "fund", step: 2, cause: "insolvent" }),
    ]);
    // At T = 0.8 the issuer's estate is 40M + 100M against 150M; the fund's 8M against 10M.
    expect(result.lossesByCreditor).toEqual({
      "issuer:other-creditors": expect.closeTo(10e6, 2),
      "fund:other-creditors": expect.closeTo(2e6, 2),
    });
    expect(result.equityPaths.issuer![1]).toBeCloseTo(14e6, 2);
  });

  it("without reflexivity the same shock leaves both solvent", () => {
    // T = 1.6: issuer equity 80M − 50M = 30M, fund 16M − 10M = 6M.
    const result = runCascade(loop(false));
    expect(result.pricePaths.T![5]).toBeCloseTo(1.6, 12);
    expect(result.failures).toEqual([]);
    expect(result.equityPaths.fund![5]).toBeCloseTo(6e6, 2);
  });
});

describe("an issuer's distress under opaque balance sheets", () => {
  // x issues T ($2, held by nobody): cash 100, other assets 100, other liabilities 150 (equity 50).
  // Reflexivity strength k = 0.5.
  const scenario = (assets: Record<string, unknown>[], shocks: Record<string, unknown>[]) =>
    scenarioOf({
      assets: [{ ...deepCoin("T", 2), issuer: "x" }, ...assets],
      entities: [{ id: "x", type: "exchange", cashUsd: 100, otherAssetsUsd: 100, otherLiabilitiesUsd: 150 }],
      shocks,
      parameters: {
        steps: 1,
        reflexivity: { strength: 0.5 },
        mechanisms: only("clearing", "reflexive", "opacity"),
      },
    });

  it("reads the issuer's public signals: a disclosed equity loss moves its token", () => {
    // A loss of 25 takes x's equity from 50 to 25: h = 25/50 = 0.5. Disclosed, it is x's distress:
    // T × (1 − 0.5 × 0.5) = 2 × 0.75 = 1.5. Undisclosed, nobody sees it and T stays at 2.
    const loss = { type: "loss", entity: "x", amountUsd: 25, step: 0 };
    const disclosed = runCascade(scenario([], [loss, { type: "disclosure", entity: "x", step: 0 }]));
    expect(disclosed.pricePaths.T![1]).toBeCloseTo(1.5, 12);
    expect(runCascade(scenario([], [loss])).pricePaths.T![1]).toBe(2);
  });

  it("reads the fall of the issuer's other tokens (UST for LUNA)", () => {
    // x also issues U, a USD coin it does not redeem. U falls 40% from its peg: x's distress is 0.4 and
    // T × (1 − 0.5 × 0.4) = 2 × 0.8 = 1.6.
    const coin = {
      ...deepCoin("U", 1, 1000),
      kind: "stablecoin",
      peg: { issuer: "x", redemption: "none" },
    };
    const result = runCascade(scenario([coin], [{ type: "price", asset: "U", change: -0.4, step: 0 }]));
    expect(result.pricePaths.U![1]).toBeCloseTo(0.6, 12);
    expect(result.pricePaths.T![1]).toBeCloseTo(1.6, 12);
  });
});
