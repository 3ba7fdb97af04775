import { describe, expect, it } from "vitest";
import { deepCoin, only, scenarioOf } from "../../test/fixtures/cascade.ts";
import { runCascade } from "./engine.ts";
import type { CascadeResult } from "./result.ts";

/** [step, USD] of the withdrawals paid by `entity`. */
function withdrawals(result: CascadeResult, entity: string): [number, number][] {
  return result.events
    .filter((e) => e.type === "withdrawal" && e.entity === entity)
    .map((e) => [e.step, e.amountUsd]);
}

describe("opaque balance sheets (mechanisms.opacity)", () => {
  // x: cash 100, 10 TOK at $10, deposits 150: equity 50. TOK falls 60% at step 0: assets 140, equity −10.
  const scenario = (mechanisms: ReturnType<typeof only>, disclose: boolean) =>
    scenarioOf({
      assets: [deepCoin("TOK", 10)],
      entities: [
        {
          id: "x",
          type: "exchange",
          cashUsd: 100,
          holdings: [{ asset: "TOK", units: 10 }],
          customerDepositsUsd: 150,
        },
      ],
      shocks: [
        { type: "price", asset: "TOK", change: -0.6, step: 0 },
        ...(disclose ? [{ type: "disclosure", entity: "x", step: 1 }] : []),
      ],
      parameters: { steps: 3, runs: { sensitivity: 0.3 }, mechanisms },
    });

  it("fails an insolvent entity at once only when balance sheets are transparent", () => {
    const transparent = runCascade(scenario(only("clearing", "runs"), false));
    expect(transparent.failures).toEqual([
      expect.objectContaining({ entity: "x", step: 0, cause: "insolvent" }),
    ]);
    // Opaque: the hole is private; x can pay, nobody runs (no public signal), and it stays open.
    const opaque = runCascade(scenario(only("clearing", "runs", "opacity"), false));
    expect(opaque.failures).toEqual([]);
    expect(withdrawals(opaque, "x")).toEqual([]);
  });

  it("runs on an entity once a disclosure makes its equity loss public", () => {
    // From step 1 x's signal is its equity loss (50 − (−10))/50 = 1.2, capped at 1: the bounded run's
    // share S = 1 and rate 0.3. Step 1: 0.3 × 150 = 45 (cash 100 → 55). Step 2: R = 0.7, what still
    // wants out is 1 − 0.3 = 0.7 of the original funding: 0.3 × 0.7 × 150 = 31.5 (cash 55 → 23.5).
    const result = runCascade(scenario(only("clearing", "runs", "opacity"), true));
    expect(result.events.find((e) => e.type === "shock-disclosure")).toMatchObject({ step: 1, entity: "x" });
    expect(withdrawals(result, "x")).toEqual([
      [1, expect.closeTo(45, 9)],
      [2, expect.closeTo(31.5, 9)],
    ]);
    expect(result.failures).toEqual([]);
  });
});

describe("pass-through recalls (runs.passThrough)", () => {
  // l (a lender: cash 1,000, deposits 100) has lent b (a fund, cash 100) 50, open-term. ALT (cap $1B,
  // held by nobody) falls 25%: market stress 1, l's signal 0.4 (marketWeight), unbounded run rate
  // 0.3·(0.4 − 0.1)/0.9 = 0.1. b is not of a market type: its rate is 0.
  const scenario = (recallRate: number, claim: Record<string, unknown> = {}, callableLoans = true) =>
    scenarioOf({
      assets: [deepCoin("ALT", 1)],
      entities: [
        { id: "l", type: "lender", cashUsd: 1000, customerDepositsUsd: 100 },
        { id: "b", type: "fund", cashUsd: 100 },
      ],
      claims: [{ type: "unsecured-loan", creditor: "l", debtor: "b", amount: 50, ...claim }],
      shocks: [{ type: "price", asset: "ALT", change: -0.25, step: 0 }],
      parameters: {
        steps: 2,
        runs: { marketWeight: 0.4, sensitivity: 0.3, bounded: false, recallRate, callableLoans },
        mechanisms: only("clearing", "runs"),
      },
    });
  const recalls = (result: CascadeResult) =>
    result.events.filter((e) => e.type === "loan-recall").map((e) => [e.step, e.entity, e.amountUsd]);

  it("recalls the lender's callable loans at its run rate, capped by the recall rate", () => {
    // Recall rate 1: l recalls 0.1 of the loan each step: 5 at step 0, then 0.1 × 45 = 4.5.
    expect(recalls(runCascade(scenario(1)))).toEqual([
      [0, "b", expect.closeTo(5, 9)],
      [1, "b", expect.closeTo(4.5, 9)],
    ]);
    // Recall rate 0.006: min(0.1, 0.006) = 0.006 of the loan: 0.3, then 0.006 × 49.7 = 0.2982.
    expect(recalls(runCascade(scenario(0.006)))).toEqual([
      [0, "b", expect.closeTo(0.3, 9)],
      [1, "b", expect.closeTo(0.2982, 9)],
    ]);
  });

  it("honours a claim's own callable setting over runs.callableLoans", () => {
    // A term loan (callable: false) is never recalled, though open-term loans are callable here.
    expect(recalls(runCascade(scenario(1, { callable: false })))).toEqual([]);
    // With callableLoans off the loan is not recalled, unless the claim says it is callable: then
    // 5 and 4.5 as above.
    expect(recalls(runCascade(scenario(1, {}, false)))).toEqual([]);
    expect(recalls(runCascade(scenario(1, { callable: true }, false)))).toEqual([
      [0, "b", expect.closeTo(5, 9)],
      [1, "b", expect.closeTo(4.5, 9)],
    ]);
  });
});

describe("liquidity sales: least price impact first, and the gating discount", () => {
  // DEEP: $1, linear depth 1e6; THIN: $1, linear depth 1,000 (Ψ = q/D). y holds 200 of each and must
  // pay a withdrawal of 100 with no cash.
  const scenario = (fireSales: Record<string, unknown>, holdings = ["DEEP", "THIN"]) =>
    scenarioOf({
      assets: [
        { id: "DEEP", kind: "token", priceUsd: 1, supply: 1e9, impact: { model: "linear", depthUsd: 1e6 } },
        { id: "THIN", kind: "token", priceUsd: 1, supply: 1e9, impact: { model: "linear", depthUsd: 1000 } },
      ],
      entities: [
        {
          id: "y",
          type: "exchange",
          holdings: holdings.map((asset) => ({ asset, units: 200 })),
          customerDepositsUsd: 300,
        },
      ],
      shocks: [{ type: "withdrawal", entity: "y", amountUsd: 100, step: 0 }],
      parameters: {
        steps: 1,
        market: { depthUnderStress: 1 },
        fireSales: { intradayRounds: 1, ...fireSales },
        mechanisms: only("clearing", "fireSales"),
      },
    });

  it("sells the deepest market first instead of pro rata", () => {
    // Least impact: 100 of DEEP moves it 100/1e6 = 1e-4 (THIN would move 0.1): only DEEP is sold.
    const least = runCascade(scenario({}));
    expect(least.pricePaths.DEEP![1]).toBeCloseTo(1 - 1e-4, 12);
    expect(least.pricePaths.THIN![1]).toBe(1);
    // Pro rata: 50 of each; THIN falls 50/1,000 = 5%.
    const proRata = runCascade(scenario({ saleOrder: "pro-rata" }));
    expect(proRata.pricePaths.THIN![1]).toBeCloseTo(0.95, 12);
    expect(proRata.pricePaths.DEEP![1]).toBeCloseTo(1 - 5e-5, 12);
  });

  it("stops selling at the gating discount and gates", () => {
    // Only THIN held: 100 would move it 10% > 5%, so y sells only up to Ψ = 0.05, i.e. 50 of THIN (at
    // the average 0.975: 48.75 raised), and gates with the rest unmet.
    const result = runCascade(scenario({ gateDiscount: 0.05 }, ["THIN"]));
    expect(result.pricePaths.THIN![1]).toBeCloseTo(0.95, 9);
    expect(result.gated).toEqual([{ entity: "y", step: 0 }]);
    expect(withdrawals(result, "y")).toEqual([[0, expect.closeTo(48.75, 6)]]);
  });
});

describe("aggregates (entities standing for many firms)", () => {
  // a (a lender with only illiquid assets: other assets 700, deposits 400) gates at step 0 on a
  // withdrawal of 100. x (a lender: cash 1,000, deposits 100) has lent a 300: x's equity is
  // 1,000 + 300 − 100 = 1,200 and its exposure to a, once a gates, 300/1,200 = 0.25, above the run
  // threshold 0.1.
  const scenario = (aggregate: boolean) =>
    scenarioOf({
      assets: [deepCoin("BTC", 1)],
      entities: [
        { id: "x", type: "lender", cashUsd: 1000, customerDepositsUsd: 100 },
        { id: "a", type: "lender", otherAssetsUsd: 700, customerDepositsUsd: 400, aggregate },
      ],
      claims: [{ type: "unsecured-loan", creditor: "x", debtor: "a", amount: 300 }],
      shocks: [{ type: "withdrawal", entity: "a", amountUsd: 100, step: 0 }],
      parameters: { steps: 2, runs: { sensitivity: 0.3 }, mechanisms: only("clearing", "runs") },
    });

  it("runs on the peers of a firm that gates", () => {
    // Step 1: x's peer signal is a's share of the other lenders' initial assets, 700/700 = 1 (above
    // its exposure, 0.25). S = 1 and the bounded run takes 0.3 × 100 = 30 of x's deposits.
    const result = runCascade(scenario(false));
    expect(result.gated).toEqual([{ entity: "a", step: 0 }]);
    expect(withdrawals(result, "x")).toEqual([[1, expect.closeTo(30, 9)]]);
  });

  it("runs on the creditors of a failed firm unless it is an aggregate", () => {
    // f (a fund, other assets 500) owes x 600 and is put in default at step 0. x: cash 1,000, the
    // claim 600, deposits 100: equity 1,500; exposure 600/1,500 = 0.4 (opacity hides x's own loss), so
    // S = (0.4 − 0.1)/0.9 = 1/3. The default comes before the step's signals, so step 0 takes
    // 0.3 × 1/3 × 100 = 10 and step 1 0.3 × (1/3 − 0.1) × 100 = 7. As an aggregate, f's failure is no
    // news: no run.
    const exposed = (aggregate: boolean) =>
      scenarioOf({
        assets: [deepCoin("BTC", 1)],
        entities: [
          { id: "x", type: "lender", cashUsd: 1000, customerDepositsUsd: 100 },
          { id: "f", type: "fund", otherAssetsUsd: 500, aggregate },
        ],
        claims: [{ type: "unsecured-loan", creditor: "x", debtor: "f", amount: 600 }],
        shocks: [{ type: "default", entity: "f", step: 0 }],
        parameters: { steps: 2, runs: { sensitivity: 0.3 }, mechanisms: only("clearing", "runs", "opacity") },
      });
    expect(withdrawals(runCascade(exposed(false)), "x")).toEqual([
      [0, expect.closeTo(10, 9)],
      [1, expect.closeTo(7, 9)],
    ]);
    expect(withdrawals(runCascade(exposed(true)), "x")).toEqual([]);
  });

  it("does not read an aggregate's gating as news about its peers or creditors", () => {
    // Either signal alone would start a run: the peer signal 1 (30, as above) or the exposure 0.25
    // (S = (0.25 − 0.1)/0.9 = 1/6: 0.3 × 1/6 × 100 = 5).
    const result = runCascade(scenario(true));
    expect(result.gated).toEqual([{ entity: "a", step: 0 }]);
    expect(withdrawals(result, "x")).toEqual([]);
  });
});
