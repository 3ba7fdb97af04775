import { describe, expect, it } from "vitest";
import { deepCoin, only, scenarioOf } from "../../test/fixtures/cascade.ts";
import { runCascade } from "./engine.ts";
import { runRate } from "./runs.ts";

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
      parameters: { steps: 5, runs: { sensitivity: 0.3 }, mechanisms: only("clearing", "runs") },
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

  it("runs on every open entity in proportion to market stress when the market signal is weighted", () => {
    // The only asset (cap $1B, held by nobody) falls 25% at step 0: drawdown 0.25 = stressDrawdown, so
    // market stress is 1. With marketWeight 0.4 every entity's signal is 0.4: run rate
    // 0.3·(0.4 − 0.1)/0.9 = 0.1 per step of its deposits: 10 at step 0, then 9.
    const scenario = (marketWeight: number) =>
      scenarioOf({
        assets: [deepCoin("ALT", 1)],
        entities: [{ id: "x", type: "exchange", cashUsd: 1000, customerDepositsUsd: 100 }],
        shocks: [{ type: "price", asset: "ALT", change: -0.25, step: 0 }],
        parameters: {
          steps: 2,
          runs: { marketWeight, sensitivity: 0.3 },
          mechanisms: only("clearing", "runs"),
        },
      });
    expect(withdrawals(runCascade(scenario(0.4)), "x")).toEqual([
      [0, expect.closeTo(10, 9)],
      [1, expect.closeTo(9, 9)],
    ]);
    expect(withdrawals(runCascade(scenario(0)), "x")).toEqual([]);
  });
});
