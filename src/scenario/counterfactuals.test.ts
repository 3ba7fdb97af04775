import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { baseScenario } from "../../test/fixtures/scenario.ts";
import { InputError, NotFoundError } from "../core/errors.ts";
import { bookBalanceSheets } from "./balance-sheet.ts";
import { resolveScenario } from "./builtin.ts";
import { rescueClaims, withoutRescuer, withRescuer } from "./counterfactuals.ts";
import { validateScenario } from "./load.ts";
import type { Scenario } from "./normalize.ts";

function equities(scenario: Scenario): Record<string, number> {
  return Object.fromEntries(bookBalanceSheets(scenario).map((s) => [s.entity, s.equityUsd]));
}

/** A transformed scenario must still be a valid scenario document. */
function revalidate(scenario: Scenario): void {
  const { provenance: _p, ...document } = scenario;
  expect(() => validateScenario(document)).not.toThrow();
}

describe("withoutRescuer on the built-in episodes", () => {
  const terra = resolveScenario("terra-2022").scenario;
  const ftx = resolveScenario("ftx-2022").scenario;

  it("Terra without FTX and Alameda: no rescue capacity left for BlockFi or Voyager, balance sheets unchanged", () => {
    const without = withoutRescuer(withoutRescuer(terra, "ftx"), "alameda");
    const byId = new Map(without.entities.map((e) => [e.id, e]));
    expect(byId.get("ftx")!.rescue).toBeUndefined();
    expect(byId.get("alameda")!.rescue).toBeUndefined();
    // DCG's rescue of Genesis is untouched.
    expect(byId.get("dcg")!.rescue?.capacityUsd).toBe(1.1e9);
    // The rescues happened after 6 May, so no claim is unwound and every book stays as it was.
    expect(without.claims).toEqual(terra.claims);
    expect(equities(without)).toEqual(equities(terra));
    expect(without.notes?.slice(-2)).toEqual([
      "counterfactual: without ftx as a rescuer",
      "counterfactual: without alameda as a rescuer",
    ]);
    expect(without.provenance.some((p) => /^entities\[\d+\]\.rescue/.test(p.path) && p.value === 400e6)).toBe(
      false,
    );
    revalidate(without);
  });

  it("FTX without FTX's rescue of BlockFi: the $275M draw is given back and the line is gone", () => {
    const line = rescueClaims(ftx, "ftx");
    expect(line.map((c) => c.id)).toEqual(["ftx-blockfi"]);
    const without = withoutRescuer(ftx, "ftx");
    const before = new Map(ftx.entities.map((e) => [e.id, e]));
    const after = new Map(without.entities.map((e) => [e.id, e]));
    // BlockFi held $257M of cash: it gives all of it back and the remaining $18M in USDC (priced at
    // $1.00089 in the scenario: 18M/1.00089 = 17.984M units); its other assets are untouched.
    expect(after.get("blockfi")!.cashUsd).toBe(0);
    const usdc = (e: (typeof ftx.entities)[number]) => e.holdings!.find((h) => h.asset === "USDC")!.units;
    expect(usdc(after.get("blockfi")!)).toBeCloseTo(usdc(before.get("blockfi")!) - 18e6 / 1.00089, 0);
    expect(after.get("blockfi")!.otherAssetsUsd).toBe(before.get("blockfi")!.otherAssetsUsd);
    expect(after.get("ftx")!.cashUsd).toBeCloseTo(before.get("ftx")!.cashUsd! + 275e6, 0);
    expect(without.claims?.some((c) => c.id === "ftx-blockfi")).toBe(false);
    expect(without.claims).toHaveLength(ftx.claims!.length - 1);
    // Unwinding a loan moves cash against the claim: no one's book equity changes.
    const e0 = equities(ftx);
    const e1 = equities(without);
    for (const id of Object.keys(e0)) expect(e1[id]).toBeCloseTo(e0[id]!, 0);
    revalidate(without);
  });

  it("renumbers the provenance of the claims after the removed one", () => {
    const i = ftx.claims!.findIndex((c) => c.id === "ftx-blockfi");
    const next = ftx.claims![i + 1]!;
    const without = withoutRescuer(ftx, "ftx");
    const moved = without.provenance.find((p) => p.path === `claims[${i}].amount`);
    expect(moved?.value).toBe(next.amount);
    expect(
      without.provenance.find((p) => p.path === `claims[${ftx.claims!.length - 1}].amount`),
    ).toBeUndefined();
    const cash = without.provenance.find((p) => p.path.endsWith(".cashUsd") && p.value === 0);
    expect(cash?.note).toMatch(/^counterfactual: without ftx as a rescuer \(was 257000000\)$/);
  });

  it("does not change its input", () => {
    const snapshot = JSON.stringify(ftx);
    withoutRescuer(ftx, "ftx");
    withRescuer(ftx, "binance", 8e9, ["ftx"]);
    expect(JSON.stringify(ftx)).toBe(snapshot);
  });
});

describe("withRescuer", () => {
  const ftx = resolveScenario("ftx-2022").scenario;

  it("gives an existing entity rescue capacity (Binance completing its deal for FTX)", () => {
    const rescued = withRescuer(ftx, "binance", 8e9, ["ftx"]);
    const binance = rescued.entities.find((e) => e.id === "binance")!;
    expect(binance.rescue).toEqual({ capacityUsd: 8e9, targets: ["ftx"] });
    expect(rescued.entities).toHaveLength(ftx.entities.length);
    expect(equities(rescued)).toEqual(equities(ftx));
    expect(rescued.provenance.at(-1)).toEqual({
      path: `entities[${ftx.entities.indexOf(ftx.entities.find((e) => e.id === "binance")!)}].rescue.capacityUsd`,
      value: 8e9,
      note: "counterfactual",
    });
    revalidate(rescued);
  });

  it("replaces a rescuer's capacity, keeping its targets unless new ones are given", () => {
    const more = withRescuer(ftx, "ftx", 125e6);
    expect(more.entities.find((e) => e.id === "ftx")!.rescue).toEqual({
      capacityUsd: 125e6,
      targets: ["blockfi"],
    });
    const retargeted = withRescuer(ftx, "dcg", 500e6, ["genesis", "gemini-earn"]);
    expect(retargeted.entities.find((e) => e.id === "dcg")!.rescue).toEqual({
      capacityUsd: 500e6,
      targets: ["genesis", "gemini-earn"],
    });
    expect(withRescuer(ftx, "nexo", 1e8).entities.find((e) => e.id === "nexo")!.rescue).toEqual({
      capacityUsd: 1e8,
    });
  });

  it("adds an outside rescuer holding its capacity in cash", () => {
    const rescued = withRescuer(ftx, "white-knight", 5e9);
    const knight = rescued.entities.at(-1)!;
    expect(knight).toMatchObject({
      id: "white-knight",
      type: "other",
      cashUsd: 5e9,
      rescue: { capacityUsd: 5e9 },
    });
    expect(equities(rescued)["white-knight"]).toBe(5e9);
    revalidate(rescued);
  });

  it("rejects bad input with clear errors", () => {
    // A user's bad --add-rescuer / --without-rescuer is bad input (CLI exit 2), not an internal error.
    expect(() => withRescuer(ftx, "binance", -1)).toThrow(InputError);
    expect(() => withRescuer(ftx, "binance", Number.NaN)).toThrow(/non-negative number/);
    expect(() => withRescuer(ftx, "Binance!", 1e9)).toThrow(/invalid entity id/);
    expect(() => withRescuer(ftx, "binance", 1e9, ["nobody"])).toThrow(NotFoundError);
    expect(() => withRescuer(ftx, "binance", 1e9, ["binance"])).toThrow(/cannot rescue itself/);
    expect(() => withoutRescuer(ftx, "nobody")).toThrow(NotFoundError);
  });
});

describe("withoutRescuer (property)", () => {
  it("unwinds any drawn rescue line without changing anyone's book equity", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e9, noNaN: true }),
        fc.double({ min: 0, max: 4e8, noNaN: true }),
        (drawn, limitExtra) => {
          const doc = baseScenario();
          doc.entities[2]!.rescue = { capacityUsd: 2e8, targets: ["exch"] };
          doc.claims[2] = {
            type: "credit-line",
            creditor: "lender",
            debtor: "exch",
            amount: drawn,
            limit: drawn + limitExtra,
          };
          const { scenario } = validateScenario(doc);
          const without = withoutRescuer(scenario, "lender");
          expect(without.claims).toHaveLength(2);
          const e0 = equities(scenario);
          const e1 = equities(without);
          for (const id of Object.keys(e0)) expect(e1[id]).toBeCloseTo(e0[id]!, 3);
          expect(without.entities.find((e) => e.id === "lender")!.rescue).toBeUndefined();
        },
      ),
    );
  });

  it("refuses to unwind a draw the target can no longer give back", () => {
    const doc = baseScenario();
    doc.entities[2]!.rescue = { capacityUsd: 2e8, targets: ["exch"] };
    doc.claims[2] = { type: "credit-line", creditor: "lender", debtor: "exch", amount: 3e9, limit: 4e9 };
    const { scenario } = validateScenario(doc);
    // exch holds $1B of cash and no other assets.
    expect(() => withoutRescuer(scenario, "lender")).toThrow(/cannot unwind the rescue of exch/);
    expect(() => withoutRescuer(scenario, "lender")).toThrow(InputError);
  });
});
