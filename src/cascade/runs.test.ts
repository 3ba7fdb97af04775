import { describe, expect, it } from "vitest";
import { deepCoin, only, scenarioOf } from "../../test/fixtures/cascade.ts";
import { runCascade } from "./engine.ts";
import { boundedRunRate, runRate } from "./runs.ts";

const withdrawals = (result: ReturnType<typeof runCascade>, entity: string) =>
  result.events
    .filter((e) => e.type === "withdrawal" && e.entity === entity)
    .map((e) => [e.step, e.amountUsd]);

describe("runs, gating and the gating horizon", () => {
  it("meets withdrawals from cash, then liquid tokens; gates when both are exhausted; fails after the horizon", () => {
    // Exchange: cash 100M, 10M TOK at $10 (100M), other assets 900M, deposits 1,000M (equity 100M).
    // Step 0: 15% of 1,000M = 150M ← 100M cash + 5M TOK. Step 1: 15% of 850M = 127.5M, but only the
    // remaining 5M TOK (50M) is liquid: it gates with 77.5M unmet. Horizon 3 days: bankrupt at step 4.
    const scenario = scenarioOf({
      assets: [deepCoin("TOK", 10)],
      entities: [
        {
          id: "x",
          type: "exchange",
          cashUsd: 100e6,
          otherAssetsUsd: 900e6,
          customerDepositsUsd: 1000e6,
          holdings: [{ asset: "TOK", units: 10e6 }],
        },
      ],
      shocks: [
        { type: "withdrawal", entity: "x", fraction: 0.15, step: 0 },
        { type: "withdrawal", entity: "x", fraction: 0.15, step: 1 },
      ],
      parameters: {
        steps: 6,
        runs: { gateHorizonDays: 3, sensitivity: 0.3 },
        defaultCosts: { alpha: 1, beta: 1 },
        mechanisms: only("clearing"),
      },
    });
    const result = runCascade(scenario);
    expect(withdrawals(result, "x")).toEqual([
      [0, expect.closeTo(150e6, 2)],
      [1, expect.closeTo(50e6, 2)],
    ]);
    expect(result.gated).toEqual([{ entity: "x", step: 1 }]);
    expect(result.events.find((e) => e.type === "gate")!.amountUsd).toBeCloseTo(77.5e6, 2);
    expect(result.failures).toEqual([
      { entity: "x", step: 4, cause: "illiquid", detail: "gated for 3 steps" },
    ]);
    // Sales at the market price cost nothing: equity stays 100M, and the estate (900M of other
    // assets against 800M of deposits) pays customers in full.
    expect(result.equityPaths.x!.every((e) => Math.abs(e - 100e6) < 1)).toBe(true);
    expect(result.lossesByCreditor).toEqual({});
    // Cash: 100M + 100M of sales − 200M paid out = 0.
    expect(result.ledger.paidOutUsd).toBeCloseTo(200e6, 2);
    expect(result.ledger.finalCashUsd).toBeCloseTo(0, 2);
  });

  it("runs on an issuer whose token falls, and on its peers once it gates", () => {
    // TOK (issued by x, held by nobody) falls 50%: x's signal 0.5 and run rate 0.3·(0.5 − 0.1)/0.9 = 2/15.
    // x: cash 300M, deposits 1,000M. Step 0 pays 133.33M, step 1 pays 2/15 × 866.67M = 115.56M, step 2
    // needs 2/15 × 751.11M = 100.15M with 51.11M left: it gates with 49.04M unmet.
    // y (the other exchange) has no exposure; once x gates its peer signal is 1 (x is all of its peers'
    // assets): rate 0.3, so it pays 0.3 × 500M = 150M at step 3 and 0.3 × 350M = 105M at step 4.
    const scenario = scenarioOf({
      assets: [{ ...deepCoin("TOK", 2), issuer: "x" }],
      entities: [
        { id: "x", type: "exchange", cashUsd: 300e6, otherAssetsUsd: 800e6, customerDepositsUsd: 1000e6 },
        { id: "y", type: "exchange", cashUsd: 1000e6, customerDepositsUsd: 500e6 },
      ],
      shocks: [{ type: "price", asset: "TOK", change: -0.5, step: 0 }],
      // Unbounded runs: the rate applies to the current funding every step while the signal lasts.
      parameters: {
        steps: 5,
        runs: { sensitivity: 0.3, bounded: false },
        mechanisms: only("clearing", "runs"),
      },
    });
    expect(runRate(0.3, 0.1, 0.5)).toBeCloseTo(2 / 15, 15);
    const result = runCascade(scenario);
    expect(withdrawals(result, "x")).toEqual([
      [0, expect.closeTo(133.3333333e6, 0)],
      [1, expect.closeTo(115.5555556e6, 0)],
      [2, expect.closeTo(51.1111111e6, 0)],
    ]);
    expect(result.gated).toEqual([{ entity: "x", step: 2 }]);
    expect(result.events.find((e) => e.type === "gate")!.amountUsd).toBeCloseTo(49.037037e6, -1);
    expect(withdrawals(result, "y")).toEqual([
      [3, expect.closeTo(150e6, 2)],
      [4, expect.closeTo(105e6, 2)],
    ]);
    // Still gated at the end and solvent: listed as a failure with cause "gated" at its gating step.
    expect(result.failures).toEqual([{ entity: "x", step: 2, cause: "gated" }]);
  });

  it("draws an open lender's credit line before selling or gating", () => {
    // x: no cash, 200 of other assets, deposits 100; line of 50 from l (cash 100).
    // Step 0: withdrawal 40 → draws 40. Step 1: withdrawal 20 → draws the last 10, gates with 10 unmet.
    const scenario = scenarioOf({
      assets: [deepCoin("BTC", 1)],
      entities: [
        { id: "x", type: "lender", otherAssetsUsd: 200, customerDepositsUsd: 100 },
        { id: "l", type: "lender", cashUsd: 100 },
      ],
      claims: [{ type: "credit-line", creditor: "l", debtor: "x", amount: 0, limit: 50 }],
      shocks: [
        { type: "withdrawal", entity: "x", amountUsd: 40, step: 0 },
        { type: "withdrawal", entity: "x", amountUsd: 20, step: 1 },
      ],
      parameters: { steps: 3, mechanisms: only("clearing") },
    });
    const result = runCascade(scenario);
    const draws = result.events
      .filter((e) => e.type === "credit-line-draw")
      .map((e) => [e.step, e.amountUsd]);
    expect(draws).toEqual([
      [0, expect.closeTo(40, 9)],
      [1, expect.closeTo(10, 9)],
    ]);
    expect(result.gated).toEqual([{ entity: "x", step: 1 }]);
    expect(result.equityPaths.l).toEqual([100, 100, 100, 100]);
  });

  it("is path-dependent: a borrower that fails at once cannot drain its lenders' credit lines", () => {
    // b: other assets 200, deposits 150 (equity 50), with credit lines of 60 from l1 and from l2, each
    // with 60 of cash, 40 of other assets and 50 of deposits. Withdrawals: 120 from b at step 1, 30
    // from each lender at step 2.
    // No loss: b draws both lines at step 1 and pays; at step 2 the lenders have no cash left and gate.
    // A loss of 100 on b at step 0: b is insolvent (equity −50) and fails at once, its withdrawals are
    // frozen, the lines are never drawn, and both lenders pay theirs. The larger shock fails fewer.
    const lender = (id: string) => ({
      id,
      type: "lender",
      cashUsd: 60,
      otherAssetsUsd: 40,
      customerDepositsUsd: 50,
    });
    const scenario = (loss: number) =>
      scenarioOf({
        assets: [deepCoin("BTC", 1)],
        entities: [
          { id: "b", type: "exchange", otherAssetsUsd: 200, customerDepositsUsd: 150 },
          lender("l1"),
          lender("l2"),
        ],
        claims: [
          { type: "credit-line", creditor: "l1", debtor: "b", amount: 0, limit: 60 },
          { type: "credit-line", creditor: "l2", debtor: "b", amount: 0, limit: 60 },
        ],
        shocks: [
          { type: "loss", entity: "b", amountUsd: loss, step: 0 },
          { type: "withdrawal", entity: "b", amountUsd: 120, step: 1 },
          { type: "withdrawal", entity: "l1", amountUsd: 30, step: 2 },
          { type: "withdrawal", entity: "l2", amountUsd: 30, step: 2 },
        ],
        parameters: { steps: 3, mechanisms: only("clearing") },
      });
    expect(runCascade(scenario(0)).failures).toEqual([
      { entity: "l1", step: 2, cause: "gated" },
      { entity: "l2", step: 2, cause: "gated" },
    ]);
    expect(runCascade(scenario(100)).failures).toEqual([
      expect.objectContaining({ entity: "b", step: 0, cause: "insolvent" }),
    ]);
  });

  it("runs on the market types in proportion to market stress when the market signal is weighted", () => {
    // The only asset (cap $1B, held by nobody) falls 25% at step 0: drawdown 0.25 = stressDrawdown, so
    // market stress is 1. With marketWeight 0.4 the signal of an entity of runs.marketTypes is 0.4: run
    // rate 0.3·(0.4 − 0.1)/0.9 = 0.1 per step of its deposits: 10 at step 0, then 9 (unbounded).
    const scenario = (marketWeight: number, runs: Record<string, unknown> = {}) =>
      scenarioOf({
        assets: [deepCoin("ALT", 1)],
        entities: [{ id: "x", type: "exchange", cashUsd: 1000, customerDepositsUsd: 100 }],
        shocks: [{ type: "price", asset: "ALT", change: -0.25, step: 0 }],
        parameters: {
          steps: 2,
          runs: { marketWeight, sensitivity: 0.3, marketTypes: ["exchange"], ...runs },
          mechanisms: only("clearing", "runs"),
        },
      });
    expect(withdrawals(runCascade(scenario(0.4, { bounded: false })), "x")).toEqual([
      [0, expect.closeTo(10, 9)],
      [1, expect.closeTo(9, 9)],
    ]);
    expect(withdrawals(runCascade(scenario(0)), "x")).toEqual([]);
    // Bounded: at signal 0.4 the share S = (0.4 − 0.1)/0.9 = 1/3 of the funding wants out. Step 0:
    // 0.3 × 1/3 × 100 = 10 (R = 0.9 left). Step 1: 0.3 × (1/3 − 0.1) × 100 = 7, i.e. the rate
    // 0.3 × (7/30)/0.9 = 0.07/0.9 = 7/90 = 0.0778 of the 90 still there.
    expect(boundedRunRate(0.3, 0.1, 0.4, 0.9)).toBeCloseTo(7 / 90, 15);
    expect(withdrawals(runCascade(scenario(0.4)), "x")).toEqual([
      [0, expect.closeTo(10, 9)],
      [1, expect.closeTo(7, 9)],
    ]);
    // Exchanges are not among the default market types (lenders): no run on market stress alone.
    expect(withdrawals(runCascade(scenario(0.4, { marketTypes: undefined })), "x")).toEqual([]);
  });

  it("stops a bounded run once the share that wants out has left", () => {
    // S = 1/3 wants out; with sensitivity 1 it all leaves at step 0, and nothing more after.
    expect(boundedRunRate(1, 0.1, 0.4, 1)).toBeCloseTo(1 / 3, 15);
    expect(boundedRunRate(1, 0.1, 0.4, 2 / 3)).toBe(0);
    // At a full signal it is the unbounded rate of the current funding.
    expect(boundedRunRate(0.3, 0.1, 1, 0.5)).toBeCloseTo(runRate(0.3, 0.1, 1), 15);
    expect(boundedRunRate(0.3, 0.1, 0.05, 1)).toBe(0);
  });
});

describe("distress signals", () => {
  it("counts a claim on a failed debtor net of the collateral still pledged for it", () => {
    // x (a lender: cash 1,000, deposits 100) has lent f (a fund) 600, secured by 300 BTC at $1, and f
    // is put in default at step 0. x's equity is 1,000 + 600 − 100 = 1,500. Exposure: the uncovered
    // 600 − 300 = 300 over 1,500 = 0.2 (the whole claim would be 600/1,500 = 0.4). Opacity hides x's own
    // books. Bounded run, sensitivity 0.3: S = (0.2 − 0.1)/0.9 = 1/9, step 0 takes 0.3 × 1/9 × 100 = 10/3
    // (the whole claim would give S = 1/3 and 10). The loan is undercollateralised (LTV 2); margin calls
    // are off, and the LTV thresholds are set above 2 so that none would be due anyway.
    const scenario = scenarioOf({
      assets: [deepCoin("BTC", 1)],
      entities: [
        { id: "x", type: "lender", cashUsd: 1000, customerDepositsUsd: 100 },
        { id: "f", type: "fund", holdings: [{ asset: "BTC", units: 300 }], otherAssetsUsd: 500 },
      ],
      claims: [
        {
          type: "secured-loan",
          creditor: "x",
          debtor: "f",
          amount: 600,
          collateral: { asset: "BTC", units: 300, marginCallLtv: 3, liquidationLtv: 4 },
        },
      ],
      shocks: [{ type: "default", entity: "f", step: 0 }],
      parameters: { steps: 1, runs: { sensitivity: 0.3 }, mechanisms: only("clearing", "runs", "opacity") },
    });
    expect(withdrawals(runCascade(scenario), "x")).toEqual([[0, expect.closeTo(10 / 3, 9)]]);
  });

  it("reads a token's fall with the whole market as no news about its issuer", () => {
    // A and T are risky (square-root law, σ = 0.5, Y = 1): V_A = 900, V_T = 100, so the market factor
    // has V_m = 1,000 and Y·σ_m = 0.5. y sells 640 A at $1 at step 0: the factor falls
    // 0.5 × √(640/1,000) = 0.4, and T (issued by x, nobody sells it) with it, to $0.6. With opaque
    // books x's depositors read T's fall beyond the market's: (0.6/1)/0.6 = 1, no fall, no run.
    // Read raw, T's 40% fall would be a signal 0.4 and a run from step 1.
    const sqrt = (id: string, dailyVolumeUsd: number) => ({
      id,
      kind: "token",
      priceUsd: 1,
      supply: 1e6,
      impact: { model: "sqrt", dailyVolumeUsd, dailyVolatility: 0.5 },
    });
    const scenario = (shocks: Record<string, unknown>[]) =>
      scenarioOf({
        assets: [sqrt("A", 900), { ...sqrt("T", 100), issuer: "x" }],
        entities: [
          { id: "x", type: "exchange", cashUsd: 1000, customerDepositsUsd: 100 },
          { id: "y", type: "fund", holdings: [{ asset: "A", units: 640 }] },
        ],
        shocks,
        parameters: {
          steps: 2,
          runs: { sensitivity: 0.3 },
          market: { impactCoefficient: 1, depthUnderStress: 1 },
          mechanisms: only("clearing", "runs", "opacity", "marketFactor", "fireSales"),
        },
      });
    const market = runCascade(scenario([{ type: "sale", entity: "y", asset: "A", units: 640, step: 0 }]));
    // A also takes its own impact, 0.5 × √(640/900) = 0.421637: (1 − 0.421637) × 0.6 = 0.347018.
    expect(market.pricePaths.A![1]).toBeCloseTo(0.347018, 6);
    expect(market.pricePaths.T![1]).toBeCloseTo(0.6, 12);
    expect(withdrawals(market, "x")).toEqual([]);
    // A fall of T alone, by the same 40%, is news: S = (0.4 − 0.1)/0.9 = 1/3, 0.3 × 1/3 × 100 = 10 at
    // step 0, then 0.3 × (1/3 − 0.1) × 100 = 7.
    const own = runCascade(scenario([{ type: "price", asset: "T", change: -0.4, step: 0 }]));
    expect(withdrawals(own, "x")).toEqual([
      [0, expect.closeTo(10, 9)],
      [1, expect.closeTo(7, 9)],
    ]);
  });
});

describe("pass-through recalls net of the debtor's own run", () => {
  it("recalls only the part of the creditor's run rate beyond the debtor's", () => {
    // ALT (cap $1B) and TOK (issued by b, cap $1,000) both fall 25%: the market-cap drawdown is 0.25 =
    // stressDrawdown, so stress is 1 and l's signal (a lender, marketWeight 0.4) is 0.4: unbounded rate
    // 0.3 × (0.4 − 0.1)/0.9 = 0.1. b (an exchange, not a market type) reads its token's fall, 0.25:
    // rate 0.3 × (0.25 − 0.1)/0.9 = 0.05. l lent b 50, callable: b's own run already repays
    // 0.05 × 50 = 2.5 of it, and l recalls the rest of its rate: (0.1 − 0.05) × 50 = 2.5 at step 0.
    // Step 1: the loan is 45; the recall is 0.05 × 45 = 2.25. (Without the debtor's rate taken off:
    // 0.1 × 50 = 5.)
    const scenario = scenarioOf({
      assets: [deepCoin("ALT", 1), { ...deepCoin("TOK", 1, 1000), issuer: "b" }],
      entities: [
        { id: "l", type: "lender", cashUsd: 1000, customerDepositsUsd: 100 },
        { id: "b", type: "exchange", cashUsd: 1000, customerDepositsUsd: 100 },
      ],
      claims: [{ type: "unsecured-loan", creditor: "l", debtor: "b", amount: 50 }],
      shocks: [
        { type: "price", asset: "ALT", change: -0.25, step: 0 },
        { type: "price", asset: "TOK", change: -0.25, step: 0 },
      ],
      parameters: {
        steps: 2,
        runs: { marketWeight: 0.4, sensitivity: 0.3, bounded: false, recallRate: 1 },
        mechanisms: only("clearing", "runs"),
      },
    });
    const result = runCascade(scenario);
    const recalls = result.events
      .filter((e) => e.type === "loan-recall")
      .map((e) => [e.step, e.entity, e.amountUsd]);
    expect(recalls).toEqual([
      [0, "b", expect.closeTo(2.5, 9)],
      [1, "b", expect.closeTo(2.25, 9)],
    ]);
    // b's run takes 0.05 of its callable funding, deposits and the loan: 0.05 × 150 = 7.5, then
    // 0.05 × (95 + 45) = 7.
    expect(withdrawals(result, "b")).toEqual([
      [0, expect.closeTo(7.5, 9)],
      [1, expect.closeTo(7, 9)],
    ]);
  });
});
