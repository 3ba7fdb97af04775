import { describe, expect, it } from "vitest";
import { deepCoin, only, scenarioOf } from "../../test/fixtures/cascade.ts";
import { runCascade } from "./engine.ts";

/**
 * A stablecoin issuer whose 1,000 coins in circulation are its customer deposits, backed by 100 of
 * cash, 1,000 BTC at $0.30 and 700 of other (illiquid) reserves (equity 100). USDX trades in a
 * constant-product pool with a $10,000 quote reserve and is redeemed instantly at par.
 */
function issuer(shock: Record<string, unknown>) {
  return scenarioOf({
    assets: [
      deepCoin("BTC", 0.3),
      {
        id: "USDX",
        kind: "stablecoin",
        priceUsd: 1,
        supply: 1000,
        impact: { model: "amm", poolDepthUsd: 10_000 },
        peg: { issuer: "issuer", redemption: "instant" },
      },
    ],
    entities: [
      {
        id: "issuer",
        type: "stablecoin-issuer",
        cashUsd: 100,
        holdings: [{ asset: "BTC", units: 1000 }],
        otherAssetsUsd: 700,
        customerDepositsUsd: 1000,
      },
    ],
    shocks: [shock],
    parameters: {
      steps: 3,
      // An unbounded run (the rate applies to the current funding every step) on an unstressed pool.
      runs: { sensitivity: 0.3, bounded: false },
      market: { depthUnderStress: 1 },
      defaultCosts: { alpha: 1, beta: 1 },
      mechanisms: only("clearing", "runs", "fireSales"),
    },
  });
}

describe("stablecoins", () => {
  it("redeems from reserves, burns supply, gates when reserves run out, and depegs after failing", () => {
    // Step 0: BTC −50% → reserves 100 + 150 + 700 = 950 against 1,000: equity −50, distress 1, run rate
    // 0.3·(1 − 0.1)/0.9 = 0.3 → 300 of redemptions. Cash pays 100, the BTC sells for 150, 50 stay
    // unmet: the issuer gates, then fails insolvent (700 of reserves against 750 still outstanding).
    // Supply burns 1,000 → 750. A failed issuer's coin is worth its payout: 700/750 = 0.93333.
    // Step 1: holders cannot redeem and sell 30% of the 750 coins, 225 × 0.93333 = 210 into the pool:
    // Ψ = 1 − (10,000/10,210)² = 0.0407131 → 0.93333 × 0.9592869 = 0.8953344.
    // Step 2: 225 × 0.8953344 = 201.45 → Ψ = 0.0391045 → 0.8603229.
    const result = runCascade(issuer({ type: "price", asset: "BTC", change: -0.5, step: 0 }));
    expect(result.gated).toEqual([{ entity: "issuer", step: 0 }]);
    expect(result.failures).toEqual([
      expect.objectContaining({ entity: "issuer", step: 0, cause: "insolvent" }),
    ]);
    expect(result.events.find((e) => e.type === "gate")!.amountUsd).toBeCloseTo(50, 9);
    expect(result.ledger.paidOutUsd).toBeCloseTo(250, 9);
    expect(result.pricePaths.USDX).toEqual(
      [1, 0.9333333, 0.8953344, 0.8603229].map((p) => expect.closeTo(p, 6)),
    );
    // Market cap of USDX: 750 coins at the end.
    const btcCap = 1e9 * 0.15;
    expect(result.marketCap.finalUsd - btcCap).toBeCloseTo(750 * 0.8603229, 3);
    const outside = result.events.filter((e) => e.type === "outside-sale").map((e) => e.step);
    expect(outside).toEqual([1, 2]);
    // Customers lose what the estate cannot pay: 750 − 700 = 50.
    expect(result.lossesByCreditor).toEqual({ "issuer:customers": expect.closeTo(50, 9) });
  });

  it("holds the peg while an open issuer meets redemptions, with arbitrage redeeming coins sold below par", () => {
    // A holder (fund) dumps 200 USDX into the pool at step 0: the price dips within the step but the
    // issuer is open, so arbitrageurs buy the 200 coins and redeem them at step 1: the price ends each
    // step at par, 200 of reserves leave, and supply falls to 800.
    const scenario = scenarioOf({
      assets: [
        deepCoin("BTC", 1),
        {
          id: "USDX",
          kind: "stablecoin",
          priceUsd: 1,
          supply: 1000,
          impact: { model: "amm", poolDepthUsd: 10_000 },
          peg: { issuer: "issuer" },
        },
      ],
      entities: [
        { id: "issuer", type: "stablecoin-issuer", cashUsd: 1000, customerDepositsUsd: 1000 },
        { id: "fund", type: "fund", holdings: [{ asset: "USDX", units: 200 }] },
      ],
      shocks: [{ type: "sale", entity: "fund", asset: "USDX", units: 200, step: 0 }],
      parameters: { steps: 2, runs: { sensitivity: 0.3 }, mechanisms: only("clearing", "runs", "fireSales") },
    });
    const result = runCascade(scenario);
    expect(result.pricePaths.USDX).toEqual([1, 1, 1]);
    // Sold at the pool's average price: 200 × 10,000/10,200 = 196.08.
    expect(result.forcedSales.USDX!.usd).toBeCloseTo(200 * (10_000 / 10_200), 9);
    expect(result.events.filter((e) => e.type === "withdrawal").map((e) => [e.step, e.amountUsd])).toEqual([
      [1, expect.closeTo(200, 9)],
    ]);
    expect(result.ledger.units.USDX!.final).toBe(0);
    expect(result.marketCap.finalUsd - 1e9).toBeCloseTo(800, 9);
  });
});

describe("a StableSwap pool across steps", () => {
  it("keeps its imbalance from step to step: two sales of half a side are one sale of a whole side", () => {
    // S: a USD coin without issuer in a balanced Curve pool with R = 1,000 on each side, A = 25. x sells
    // 500 S at step 0 and 500 at step 1. Reference values (price-impact.test.ts, the invariant solved
    // in 40-digit arithmetic): after 0.5R the marginal price is 0.9672511 and y = 0.5063331R; after a
    // whole side (q = R) 0.4751241 and y = 0.0904988R. The pool is not refilled between steps, so step 1
    // continues from q = 0.5R: S ends at 0.4751241 (a pool reset each step would leave
    // 0.9672511² = 0.93558). Proceeds: step 0 R − y(0.5R) = 493.6669; step 1
    // y(0.5R) − y(R) = 506.3331 − 90.4988 = 415.8344.
    const result = runCascade(
      scenarioOf({
        assets: [
          {
            id: "S",
            kind: "stablecoin",
            priceUsd: 1,
            supply: 1e6,
            impact: { model: "stableswap", poolDepthUsd: 1000, amplification: 25 },
            peg: {},
          },
        ],
        entities: [{ id: "x", type: "fund", holdings: [{ asset: "S", units: 1000 }] }],
        shocks: [
          { type: "sale", entity: "x", asset: "S", units: 500, step: 0 },
          { type: "sale", entity: "x", asset: "S", units: 500, step: 1 },
        ],
        parameters: {
          steps: 2,
          market: { depthUnderStress: 1 },
          mechanisms: only("clearing", "fireSales"),
        },
      }),
    );
    expect(result.pricePaths.S).toEqual([1, 0.9672511, 0.4751241].map((p) => expect.closeTo(p, 7)));
    const sales = result.events.filter((e) => e.type === "sale").map((e) => [e.step, e.amountUsd]);
    expect(sales).toEqual([
      [0, expect.closeTo(493.6669, 3)],
      [1, expect.closeTo(415.8344, 3)],
    ]);
  });
});
