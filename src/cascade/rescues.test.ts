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
 * `shareholder` gives x's existing shareholder ("h", or the rescuer "r" itself) an equity claim of 30 on
 * x: a stake of 30/60 = 1/2.
 */
const liquidityScenario = (alpha: number, takeEquity = false, shareholder?: "h" | "r") =>
  scenarioOf({
    assets: [deepCoin("BTC", 1)],
    entities: [
      { id: "r", type: "lender", cashUsd: 100, rescue: { capacityUsd: 100 } },
      { id: "x", type: "exchange", cashUsd: 10, otherAssetsUsd: 200, customerDepositsUsd: 100 },
      ...(shareholder === "h" ? [{ id: "h", type: "fund", cashUsd: 1 }] : []),
    ],
    claims: [
      { type: "unsecured-loan", creditor: "r", debtor: "x", amount: 50 },
      ...(shareholder ? [{ type: "equity", creditor: shareholder, debtor: "x", amount: 30 }] : []),
    ],
    shocks: [{ type: "withdrawal", entity: "x", amountUsd: 40, step: 0 }],
    parameters: {
      steps: 2,
      defaultCosts: { alpha, beta: alpha },
      rescues: { takeEquity },
      mechanisms: only("clearing", "rescues"),
    },
  });

/** The detail of a run's only rescue event. */
function rescueDetail(result: ReturnType<typeof runCascade>) {
  const events = result.events.filter((e) => e.type === "rescue");
  expect(events).toHaveLength(1);
  return events[0]!.detail as { kind: string; gainUsd: number; stake: number };
}

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
    // Same x (marked equity E = 60) with α = β = 1 and rescues.takeEquity. r lends X = 30 at full face
    // and takes s = X/(E + X) = 30/90 = 1/3 of x. x's equity after the loan is still
    // 10 + 30 + 200 − 100 − 50 − 30 = 60, so the stake is worth 60/3 = 20.
    // Failure: x's estate 210 pays its 100 of deposits and r's 50 in full → r = 100 + 50 = 150.
    // Rescue: r = 70 cash + 50 + 30 of loans + 20 of stake = 170. Gain 20 > 0: r lends, x stays open.
    const rescued = runCascade(liquidityScenario(1, true));
    expect(rescued.rescues).toEqual([
      { rescuer: "r", target: "x", step: 0, amountUsd: expect.closeTo(30, 9), kind: "loan" },
    ]);
    expect(rescued.gated).toEqual([]);
    expect(rescueDetail(rescued)).toEqual({
      kind: "loan",
      gainUsd: expect.closeTo(20, 9),
      stake: expect.closeTo(1 / 3, 12),
    });
    // What was counted is booked: after each step (paths[1] and [2]) x has paid out the 40 and keeps
    // equity 200 − 60 − 50 − 30 = 60, and r holds the loans and the stake: 170 = 150 + the gain of 20.
    for (const step of [1, 2]) {
      expect(rescued.equityPaths.x![step]).toBeCloseTo(60, 9);
      expect(rescued.equityPaths.r![step]).toBeCloseTo(170, 9);
    }
  });

  it("dilutes the existing shareholders by (1 − s), the rescuer's own stake included", () => {
    // h owns 1/2 of x (worth 30; paths[0] is the start, paths[1] after step 0). r's new stake s = 1/3 leaves h (1/2)(1 − 1/3) = 1/3 of x, worth
    // 60/3 = 20: h = 1 + 20 = 21 (from 31), and r gains 20 as above (h and x's outside shareholders
    // each give up 10).
    const diluted = runCascade(liquidityScenario(1, true, "h"));
    expect(rescueDetail(diluted).gainUsd).toBeCloseTo(20, 9);
    expect(diluted.equityPaths.h![0]).toBeCloseTo(31, 9);
    expect(diluted.equityPaths.h![1]).toBeCloseTo(21, 9);
    expect(diluted.equityPaths.r![1]).toBeCloseTo(170, 9);
    // r itself owns 1/2 of x. Failure (α = β = 1, no default costs): r = 100 + 50 + 60/2 = 180.
    // Rescue: r owns (1/2)(1 − 1/3) + 1/3 = 2/3 of x's 60: r = 70 + 80 + 40 = 190. Gain 10 — only
    // what it takes from the other shareholders, s·(1 − 1/2)·60, not s·60.
    const own = runCascade(liquidityScenario(1, true, "r"));
    expect(rescueDetail(own).gainUsd).toBeCloseTo(10, 9);
    expect(own.equityPaths.r![1]).toBeCloseTo(190, 9);
  });

  it("takes no stake without rescues.takeEquity", () => {
    // α = 0.5 as above: the gain is the 40 of avoided default costs; r = 70 + 50 + 30 = 150 after.
    const rescued = runCascade(liquidityScenario(0.5, false, "h"));
    expect(rescueDetail(rescued)).toEqual({ kind: "loan", gainUsd: expect.closeTo(40, 9), stake: 0 });
    expect(rescued.equityPaths.r![1]).toBeCloseTo(150, 9);
    expect(rescued.equityPaths.h![1]).toBeCloseTo(31, 9);
  });
});
