import { describe, expect, it } from "vitest";
import { deepCoin, only, scenarioOf } from "../../test/fixtures/cascade.ts";
import { runCascade } from "./engine.ts";

/**
 * a: 130 of other assets, 40 of customer deposits, owes b 80 unsecured (equity 10).
 * b: its claim on a (80), owes c 75 unsecured (equity 5). A loss of 30 at step 1 leaves a at 100
 * against 120: insolvent.
 */
function chain(parameters: Record<string, unknown>) {
  return scenarioOf({
    assets: [deepCoin("BTC", 1)],
    entities: [
      { id: "a", type: "fund", otherAssetsUsd: 130, customerDepositsUsd: 40 },
      { id: "b", type: "fund" },
      { id: "c", type: "fund", cashUsd: 10 },
    ],
    claims: [
      { type: "unsecured-loan", creditor: "b", debtor: "a", amount: 80 },
      { type: "unsecured-loan", creditor: "c", debtor: "b", amount: 75 },
    ],
    shocks: [{ type: "loss", entity: "a", amountUsd: 30, step: 1 }],
    parameters: { steps: 2, ...parameters },
  });
}

describe("valuation through the tiered clearing", () => {
  it("pays deposits before unsecured claims, with default costs, and propagates the default in the same step", () => {
    // α = 0.5: a's estate realises 50; deposits (40, senior) are paid in full, b gets 10.
    // b's equity 10 − 75 < 0: it fails in the same step (a second default wave); with β = 1 it passes
    // its 10 on to c, which loses 65.
    const result = runCascade(chain({ defaultCosts: { alpha: 0.5, beta: 1 }, mechanisms: only("clearing") }));
    expect(result.failures.map((f) => [f.entity, f.step, f.cause])).toEqual([
      ["a", 1, "insolvent"],
      ["b", 1, "insolvent"],
    ]);
    expect(result.lossesByCreditor).toEqual({ b: expect.closeTo(70, 9), c: expect.closeTo(65, 9) });
    expect(result.systemic.totalLossesUsd).toBeCloseTo(135, 9);
    expect(result.equityPaths.c).toEqual([85, 85, expect.closeTo(20, 9)]);
  });

  it("follows a configured seniority order", () => {
    // Unsecured before deposits: b gets all 50, customers get nothing. b: 50 − 75 < 0, c gets 50.
    const result = runCascade(
      chain({
        defaultCosts: { alpha: 0.5, beta: 1 },
        seniority: ["secured", "unsecured", "deposit", "subordinated", "equity"],
        mechanisms: only("clearing"),
      }),
    );
    expect(result.lossesByCreditor).toEqual({
      b: expect.closeTo(30, 9),
      c: expect.closeTo(25, 9),
      "a:customers": expect.closeTo(40, 9),
    });
  });

  it("without default costs is Eisenberg–Noe: a pays all 100 it has towards its 120", () => {
    // α = β = 1: deposits 40, b gets 60 and loses 20 > its equity 5 → b fails too; c gets b's 60.
    const result = runCascade(chain({ defaultCosts: { alpha: 1, beta: 1 }, mechanisms: only("clearing") }));
    expect(result.lossesByCreditor).toEqual({ b: expect.closeTo(20, 9), c: expect.closeTo(15, 9) });
  });

  it("uses Furfine's fixed recovery when the clearing is switched off", () => {
    // R = 0.4 on every claim on a failed entity, whatever its seniority: b loses 48 and fails
    // (32 − 75 < 0), customers lose 24, and c recovers 40% of 75 (loses 45).
    const result = runCascade(chain({ recoveryRate: 0.4, mechanisms: only() }));
    expect(result.failures.map((f) => f.entity)).toEqual(["a", "b"]);
    expect(result.lossesByCreditor).toEqual({
      b: expect.closeTo(48, 9),
      c: expect.closeTo(45, 9),
      "a:customers": expect.closeTo(24, 9),
    });
  });
});
