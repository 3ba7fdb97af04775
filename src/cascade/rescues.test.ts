import { describe, expect, it } from "vitest";
import { deepCoin, only, scenarioOf } from "../../test/fixtures/cascade.ts";
import { runCascade } from "./engine.ts";

/**
 * A rescuer r (cash 100, capacity `capacity`) lent 50 unsecured to t, which has 120 of other assets
 * and 60 of other liabilities (equity 10). A loss of 30 at step 1 leaves t at 90 against 110: equity −20.
 */
function insolvency(options: { alpha: number; capacity?: number; exposed?: boolean }) {
  const exposed = options.exposed ?? true;
  return scenarioOf({
    assets: [deepCoin("BTC", 1)],
    entities: [
      { id: "r", type: "exchange", cashUsd: 100, rescue: { capacityUsd: options.capacity ?? 50 } },
      { id: "t", type: "fund", otherAssetsUsd: 120, otherLiabilitiesUsd: exposed ? 60 : 110 },
    ],
    claims: exposed ? [{ type: "unsecured-loan", creditor: "r", debtor: "t", amount: 50 }] : [],
    shocks: [{ type: "loss", entity: "t", amountUsd: 30, step: 1 }],
    parameters: {
      steps: 3,
      defaultCosts: { alpha: options.alpha, beta: options.alpha },
      mechanisms: only("clearing", "rescues"),
    },
  });
}

/**
 * x: cash 10, other assets 200, deposits 100, owes r 50 (equity 60); a withdrawal of 40 leaves 30 unmet.
 */
const liquidityScenario = (alpha: number, takeEquity = false) =>
  scenarioOf({
    assets: [deepCoin("BTC", 1)],
    entities: [
      { id: "r", type: "lender", cashUsd: 100, rescue: { capacityUsd: 100 } },
      { id: "x", type: "exchange", cashUsd: 10, otherAssetsUsd: 200, customerDepositsUsd: 100 },
    ],
    claims: [{ type: "unsecured-loan", creditor: "r", debtor: "x", amount: 50 }],
    shocks: [{ type: "withdrawal", entity: "x", amountUsd: 40, step: 0 }],
    parameters: {
      steps: 2,
      defaultCosts: { alpha, beta: alpha },
      rescues: { takeEquity },
      mechanisms: only("clearing", "rescues"),
    },
  });

describe("rescues (Rogers–Veraart private rationality)", () => {
  it("recapitalises when the default costs it avoids exceed the hole", () => {
    // α = 0.5. Failure: t's estate realises 0.5 × 90 = 45, shared pro rata by its 50 + 60 of claims:
    // r gets 45 × 50/110 = 20.45 → r's equity 100 + 20.45 = 120.45. Rescue: r injects 20 and is paid
    // in full → 80 + 50 = 130. Gain 9.55 > 0: rescue.
    const result = runCascade(insolvency({ alpha: 0.5 }));
    expect(result.rescues).toEqual([
      { rescuer: "r", target: "t", step: 1, amountUsd: expect.closeTo(20, 6), kind: "recapitalisation" },
    ]);
    expect(result.failures).toEqual([]);
    expect(result.equityPaths.r![2]).toBeCloseTo(130, 6);
    expect(result.equityPaths.t![2]).toBeCloseTo(0, 6);
  });

  it("does not rescue when letting the target fail costs the rescuer less (no default costs)", () => {
    // α = β = 1: failure pays r 90 × 50/110 = 40.91 → equity 140.91 > 130 with the rescue.
    const result = runCascade(insolvency({ alpha: 1 }));
    expect(result.rescues).toEqual([]);
    expect(result.failures).toEqual([expect.objectContaining({ entity: "t", step: 1, cause: "insolvent" })]);
    expect(result.lossesByCreditor).toEqual({
      r: expect.closeTo(50 - 4500 / 110, 9),
      "t:other-creditors": expect.closeTo(60 - 5400 / 110, 9),
    });
  });

  it("does not rescue beyond its capacity, nor without an exposure to the target", () => {
    expect(runCascade(insolvency({ alpha: 0.5, capacity: 15 })).rescues).toEqual([]);
    expect(runCascade(insolvency({ alpha: 0.5, exposed: false })).rescues).toEqual([]);
  });

  it("lends to an illiquid but solvent target only when its failure would cost default costs", () => {
    // x: cash 10, other assets 200, deposits 100, owes r 50 (equity 60). A withdrawal of 40 leaves 30
    // unmet. If x fails (α = 0.5): its estate 0.5 × 200 = 100 pays the 90 of deposits first (senior)
    // and r gets 10. If r lends 30, it is repaid in full: r's equity is 40 higher, so it lends.
    // With α = β = 1 the estate pays everyone in full: no gain, no rescue, and x gates.
    const rescued = runCascade(liquidityScenario(0.5));
    expect(rescued.rescues).toEqual([
      { rescuer: "r", target: "x", step: 0, amountUsd: expect.closeTo(30, 9), kind: "loan" },
    ]);
    expect(rescued.gated).toEqual([]);
    const rescueEvent = rescued.events.find((e) => e.type === "rescue")!;
    expect((rescueEvent.detail as { gainUsd: number }).gainUsd).toBeCloseTo(40, 9);
    const notRescued = runCascade(liquidityScenario(1));
    expect(notRescued.rescues).toEqual([]);
    expect(notRescued.gated).toEqual([{ entity: "x", step: 0 }]);
  });

  it("lends to an illiquid but solvent target without default costs when the loan buys equity", () => {
    // Same x (equity E = 60) with α = β = 1 and rescues.takeEquity: the 30 lent convert at book value
    // into a share 30/(60 + 30) of x's equity, worth 30 × 60/90 = 20 > 0, so r lends and x stays open.
    const rescued = runCascade(liquidityScenario(1, true));
    expect(rescued.rescues).toEqual([
      { rescuer: "r", target: "x", step: 0, amountUsd: expect.closeTo(30, 9), kind: "loan" },
    ]);
    expect(rescued.gated).toEqual([]);
    const rescueEvent = rescued.events.find((e) => e.type === "rescue")!;
    expect((rescueEvent.detail as { gainUsd: number }).gainUsd).toBeCloseTo(20, 9);
  });
});
