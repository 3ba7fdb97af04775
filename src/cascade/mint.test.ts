import { describe, expect, it } from "vitest";
import { only, scenarioOf } from "../../test/fixtures/cascade.ts";
import { runCascade } from "./engine.ts";

/**
 * An algorithmic stablecoin: 500 COIN in circulation (the protocol's customer deposits), redeemed at
 * par in TOK newly minted at TOK's market price. TOK: $10, 100 units, a linear book of depth D = 1,000
 * USD per 100% move (Ψ = q/D; sellers receive the average, Ψ̄ = q/2D). The protocol has no reserves.
 */
function protocol(shocks: Record<string, unknown>[], steps = 2, depthUsd = 1000) {
  return scenarioOf({
    assets: [
      { id: "TOK", kind: "token", priceUsd: 10, supply: 100, impact: { model: "linear", depthUsd } },
      {
        id: "COIN",
        kind: "stablecoin",
        priceUsd: 1,
        supply: 500,
        impact: { model: "amm", poolDepthUsd: 1e9 },
        peg: { issuer: "proto", redemption: "mint", mintAsset: "TOK" },
      },
    ],
    entities: [{ id: "proto", type: "stablecoin-issuer", customerDepositsUsd: 500 }],
    shocks,
    // Depth does not shrink with market stress (the hand calculations use the unstressed book).
    parameters: { steps, market: { depthUnderStress: 1 }, mechanisms: only("clearing", "fireSales") },
  });
}

describe("redemption by minting (UST → LUNA)", () => {
  it("mints at the market price, sells the new supply, and holds the peg while the market absorbs it", () => {
    // Step 0: 100 of COIN redeemed at TOK $10 → 10 TOK minted (supply 110) and sold: q = $100,
    // Ψ = 100/1,000 = 0.1 → TOK $9; sellers get Ψ̄ = 0.05 → $9.50, i.e. $95 for $100 of COIN: COIN
    // trades at 0.95 (above 1 − θ = 0.9: no default). 100 COIN burned → supply and deposits 400.
    // Step 1: no redemption; arbitrage returns COIN to par (redeeming now realises ≈ $1).
    const result = runCascade(protocol([{ type: "withdrawal", entity: "proto", amountUsd: 100, step: 0 }]));
    expect(result.pricePaths.TOK).toEqual([10, expect.closeTo(9, 12), expect.closeTo(9, 12)]);
    expect(result.pricePaths.COIN).toEqual([1, expect.closeTo(0.95, 12), 1]);
    const mint = result.events.find((e) => e.type === "mint-redemption")!;
    expect(mint).toMatchObject({ step: 0, entity: "proto", asset: "TOK" });
    expect(mint.amountUsd).toBeCloseTo(100, 12);
    expect((mint.detail as { units: number }).units).toBeCloseTo(10, 12);
    expect(result.failures).toEqual([]);
    // Market cap: TOK 110 × 9 + COIN 400 × 1 = 1,390 (from 1,000 + 500).
    expect(result.marketCap.finalUsd).toBeCloseTo(1390, 9);
  });

  it("defaults when COIN trades more than θ below par, and keeps minting afterwards", () => {
    // Step 0: 400 redeemed → 40 TOK minted at $10; q = 400: Ψ = 0.4 → TOK $6; Ψ̄ = 0.2 → $8: COIN at
    // 0.8 < 0.9 → the protocol fails (peg broken). Step 1: 50 more redeemed at $6 → 8.3333 TOK;
    // q = 50: Ψ = 0.05 → $5.70; Ψ̄ = 0.025 → realised 0.975: COIN at 0.975. TOK supply 148.3333.
    const result = runCascade(
      protocol([
        { type: "withdrawal", entity: "proto", amountUsd: 400, step: 0 },
        { type: "withdrawal", entity: "proto", amountUsd: 50, step: 1 },
      ]),
    );
    expect(result.failures).toEqual([
      expect.objectContaining({ entity: "proto", step: 0, cause: "insolvent" }),
    ]);
    expect(result.failures[0]!.detail).toContain("COIN trades at 0.800 of par");
    expect(result.pricePaths.COIN).toEqual([1, expect.closeTo(0.8, 12), expect.closeTo(0.975, 12)]);
    expect(result.pricePaths.TOK).toEqual([10, expect.closeTo(6, 12), expect.closeTo(5.7, 12)]);
    // Market cap at the end: TOK 148.3333 × 5.7 + COIN 50 × 0.975.
    expect(result.marketCap.finalUsd).toBeCloseTo(148.33333333 * 5.7 + 50 * 0.975, 6);
  });

  it("stops minting once the minted token is worthless; the unredeemable coins are sold in their pool", () => {
    // TOK's book is 400 deep. Step 0: 450 redeemed → 45 TOK at $10, q = 450 ≥ D: Ψ = 1 → TOK $0;
    // sellers get Ψ̄ = 1 − D/2q = 1 − 400/900 = 0.5556 → COIN at 0.4444 (default). Step 1: TOK is worth
    // nothing, so the 50 asked are not minted: TOK supply stays 145, 50 COIN outstanding. Their holders
    // sell them in COIN's pool instead (R = 1e9): 50 units at the step price 4/9 are q = 22.22 USD,
    // Ψ = 1 − (R/(R + q))² ≈ 2q/R = 4.444e-8, so COIN ends at 4/9 · (1 − 4.444e-8) = 0.444444425.
    const result = runCascade(
      protocol(
        [
          { type: "withdrawal", entity: "proto", amountUsd: 450, step: 0 },
          { type: "withdrawal", entity: "proto", amountUsd: 50, step: 1 },
        ],
        2,
        400,
      ),
    );
    expect(result.pricePaths.TOK).toEqual([10, 0, 0]);
    const q = 50 * (4 / 9);
    const last = (4 / 9) * (1e9 / (1e9 + q)) ** 2;
    expect(result.pricePaths.COIN).toEqual([1, 4 / 9, last].map((p) => expect.closeTo(p, 12)));
    expect(last).toBeCloseTo(0.444444425, 9);
    expect(result.events.filter((e) => e.type === "mint-redemption").map((e) => e.step)).toEqual([0]);
    expect(result.events.find((e) => e.type === "mint-overflow")).toMatchObject({ step: 1, amountUsd: 50 });
    expect(result.marketCap.finalUsd).toBeCloseTo(50 * last, 9);
  });

  it("mints only within the protocol's daily capacity; the rest is sold in the coin's pool", () => {
    // Capacity $60 a day, COIN's pool R = 1,000 (Ψ = 1 − (R/(R + q))²), TOK's book D = 1,000.
    // Step 0: 100 asked, 60 minted → 6 TOK at $10, Ψ = 0.06 → TOK $9.40, realised 1 − 0.03 = 0.97; the
    // other 40 COIN are sold in the pool: Ψ = 1 − (1000/1040)² = 0.0754438 → COIN 0.9245562, below what
    // minting realised, so COIN trades there (above 0.9: no default).
    // Step 1: the chain halts (capacity 0) and 50 more are asked: all sold in the pool at the step price
    // 0.9245562, q = 46.2278: COIN × (1000/1046.2278)² = 0.9135819 → 0.8446578 < 0.9: the peg breaks.
    const scenario = scenarioOf({
      assets: [
        { id: "TOK", kind: "token", priceUsd: 10, supply: 100, impact: { model: "linear", depthUsd: 1000 } },
        {
          id: "COIN",
          kind: "stablecoin",
          priceUsd: 1,
          supply: 500,
          impact: { model: "amm", poolDepthUsd: 1000 },
          peg: { issuer: "proto", redemption: "mint", mintAsset: "TOK", mintCapacityUsd: 60 },
        },
      ],
      entities: [{ id: "proto", type: "stablecoin-issuer", customerDepositsUsd: 500 }],
      shocks: [
        { type: "withdrawal", entity: "proto", amountUsd: 100, step: 0 },
        { type: "mint-capacity", asset: "COIN", capacityUsd: 0, step: 1 },
        { type: "withdrawal", entity: "proto", amountUsd: 50, step: 1 },
      ],
      parameters: { steps: 2, market: { depthUnderStress: 1 }, mechanisms: only("clearing", "fireSales") },
    });
    const result = runCascade(scenario);
    const first = (1000 / 1040) ** 2;
    const second = first * (1000 / (1000 + 50 * first)) ** 2;
    expect(first).toBeCloseTo(0.9245562, 7);
    expect(second).toBeCloseTo(0.8446578, 6);
    expect(result.pricePaths.TOK).toEqual([10, expect.closeTo(9.4, 12), expect.closeTo(9.4, 12)]);
    expect(result.pricePaths.COIN).toEqual([1, expect.closeTo(first, 12), expect.closeTo(second, 12)]);
    expect(
      result.events.filter((e) => e.type === "mint-redemption").map((e) => [e.step, e.amountUsd]),
    ).toEqual([[0, expect.closeTo(60, 12)]]);
    expect(result.events.filter((e) => e.type === "mint-overflow").map((e) => [e.step, e.amountUsd])).toEqual(
      [
        [0, expect.closeTo(40, 12)],
        [1, expect.closeTo(50, 12)],
      ],
    );
    expect(result.failures).toEqual([
      expect.objectContaining({ entity: "proto", step: 1, cause: "insolvent" }),
    ]);
  });
});
