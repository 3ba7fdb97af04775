import { describe, expect, it } from "vitest";
import { only, scenarioOf, securedLoanParts } from "../../test/fixtures/cascade.ts";
import { runCascade } from "./engine.ts";

/** The fixture's secured loan with BTC falling −10%, −10%, −5% at steps 1, 2, 3 (unless `shocks`). */
function securedLoan(
  options: {
    btcHeld?: number;
    btc?: Record<string, unknown>;
    shocks?: Record<string, unknown>[];
    fireSales?: boolean;
  } = {},
) {
  return scenarioOf({
    ...securedLoanParts(options),
    shocks: options.shocks ?? [
      { type: "price", asset: "BTC", change: -0.1, step: 1 },
      { type: "price", asset: "BTC", change: -0.1, step: 2 },
      { type: "price", asset: "BTC", change: -0.05, step: 3 },
    ],
    parameters: {
      steps: 6,
      // Depth does not shrink with market stress: the hand calculations below use the unstressed curve.
      market: { depthUnderStress: 1 },
      mechanisms: options.fireSales
        ? only("clearing", "marginCalls", "fireSales")
        : only("clearing", "marginCalls"),
    },
  });
}

describe("margin calls and liquidation", () => {
  it("calls at the first step LTV reaches the margin-call LTV and liquidates one step after an unmet call", () => {
    const result = runCascade(securedLoan());
    // BTC: 20,000 → 18,000 → 16,200 → 15,390. LTVs: 0.667, 0.741 (no call), then 1.2M / 1.539M = 0.780 ≥ 0.75.
    expect(result.pricePaths.BTC).toEqual(
      [20_000, 20_000, 18_000, 16_200, 15_390, 15_390, 15_390].map((p) => expect.closeTo(p, 6)),
    );
    const calls = result.events.filter((e) => e.type === "margin-call");
    expect(calls).toHaveLength(1);
    expect(calls[0]!.step).toBe(3);
    // Restore the initial LTV 0.6 with no free BTC: repay 1.2M − 0.6 × 1.539M = 276,600.
    expect(calls[0]!.amountUsd).toBeCloseTo(276_600, 4);
    expect(result.events.find((e) => e.type === "margin-call-unmet")?.step).toBe(3);
    const liquidation = result.events.find((e) => e.type === "liquidation")!;
    expect(liquidation.step).toBe(4);
    expect(liquidation.detail).toMatchObject({ trigger: "unmet margin call", units: 100 });
    // 100 BTC sold at 15,390 (no impact): 1,539,000 repays the 1.2M loan and returns 339,000.
    expect(result.forcedSales.BTC!.units).toBeCloseTo(100, 9);
    expect(result.forcedSales.BTC!.usd).toBeCloseTo(1_539_000, 4);
    expect(result.deleveragingUsd).toBeCloseTo(1_200_000, 4);
    // Borrower equity: 2.0M − 1.2M, 1.8M − 1.2M, 1.62M − 1.2M, 1.539M − 1.2M, then 339,000 in cash.
    expect(result.equityPaths.borrower).toEqual(
      [800_000, 800_000, 600_000, 420_000, 339_000, 339_000, 339_000].map((e) => expect.closeTo(e, 3)),
    );
    expect(result.equityPaths.lender!.every((e) => Math.abs(e - 1.2e6) < 1e-3)).toBe(true);
    expect(result.failures).toEqual([]);
    expect(result.ledger.finalCashUsd).toBeCloseTo(1_539_000, 4);
  });

  it("pledges free units of the collateral asset before asking for cash", () => {
    // 110 BTC held, 100 pledged. At 15,390 the lender wants (1.2M/0.6 − 1.539M)/15,390 = 29.95 more BTC;
    // 10 are free and pledged: collateral 1,692,900, cash still due 1.2M − 0.6 × 1,692,900 = 184,260.
    const result = runCascade(securedLoan({ btcHeld: 110 }));
    const posted = result.events.find((e) => e.type === "collateral-posted")!;
    expect(posted.step).toBe(3);
    expect(posted.amountUsd).toBeCloseTo(153_900, 4);
    expect(result.events.find((e) => e.type === "margin-call")!.amountUsd).toBeCloseTo(184_260, 4);
    // Liquidated at step 4: 110 × 15,390 = 1,692,900, of which 492,900 returns to the borrower.
    expect(result.forcedSales.BTC!.units).toBeCloseTo(110, 9);
    expect(result.equityPaths.borrower![6]).toBeCloseTo(492_900, 3);
  });

  it("sells seized collateral with price impact and credits the average execution price", () => {
    // Linear book with D = 15.39M: selling 100 BTC × 15,390 = 1.539M moves the price Ψ = 10% to 13,851
    // and executes Ψ̄ = 5% below: proceeds 1,462,050, of which 262,050 return to the borrower.
    const btc = {
      id: "BTC",
      kind: "coin",
      priceUsd: 20_000,
      supply: 1e9,
      impact: { model: "linear", depthUsd: 15.39e6 },
    };
    const result = runCascade(securedLoan({ btc, fireSales: true }));
    expect(result.pricePaths.BTC![5]).toBeCloseTo(13_851, 6);
    expect(result.forcedSales.BTC!.usd).toBeCloseTo(1_462_050, 3);
    expect(result.equityPaths.borrower![5]).toBeCloseTo(262_050, 3);
  });

  it("liquidates at once above the liquidation LTV; an unpaid deficiency fails the borrower with cause margin", () => {
    // BTC −50% at step 1: LTV 1.2M / 1.0M = 1.2 ≥ 0.9. Collateral sells for 1.0M; deficiency 200,000, unpaid.
    const result = runCascade(
      securedLoan({ shocks: [{ type: "price", asset: "BTC", change: -0.5, step: 1 }] }),
    );
    const liquidation = result.events.find((e) => e.type === "liquidation")!;
    expect(liquidation.step).toBe(1);
    expect(liquidation.detail).toMatchObject({ trigger: "liquidation LTV" });
    expect(result.events.find((e) => e.type === "deficiency")!.amountUsd).toBeCloseTo(200_000, 4);
    expect(result.failures).toEqual([
      expect.objectContaining({ entity: "borrower", step: 1, cause: "margin" }),
    ]);
    // The deficiency is an unsecured claim on an empty estate: the lender loses all of it.
    expect(result.lossesByCreditor).toEqual({ lender: expect.closeTo(200_000, 4) });
    expect(result.equityPaths.lender![2]).toBeCloseTo(1_000_000, 3);
  });
});
