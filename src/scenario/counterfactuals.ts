/**
 * Counterfactual scenarios a strategist asks for: the same market without a rescuer ("Terra without
 * FTX/Alameda's rescues of BlockFi and Voyager") or with one that did not act ("FTX had Binance
 * completed its deal"). Pure transforms of a normalized {@link Scenario}: the input is not changed.
 * @module
 */
import { inputError, NotFoundError } from "../core/errors.ts";
import type { NumberProvenance, Scenario, ScenarioClaim, ScenarioEntity } from "./normalize.ts";
import { entityId } from "./schema.ts";

/**
 * Rescue claims of `rescuer`: loans and credit lines it holds on one of its declared rescue `targets`.
 * Equity stakes are ownership, not rescue lending (Alameda held Voyager shares before its June 2022
 * line); a rescuer without targets has extended none that can be told apart from ordinary lending.
 */
export function rescueClaims(scenario: Scenario, rescuer: string): ScenarioClaim[] {
  const targets = scenario.entities.find((e) => e.id === rescuer)?.rescue?.targets;
  if (!targets) return [];
  return (scenario.claims ?? []).filter(
    (c) => c.creditor === rescuer && c.type !== "equity" && targets.includes(c.debtor),
  );
}

/**
 * The scenario without `rescuer`: its rescue capacity is removed (it rescues no one during the run)
 * and the rescue claims it had already extended are unwound — the target gives back what it drew
 * (from cash, then USD stablecoins, then other assets) and the rescuer keeps it as cash.
 * @throws {NotFoundError} if `rescuer` is not an entity of the scenario
 * @throws {InputError} `INVALID_INPUT` if the target no longer holds enough to give the draw back
 */
export function withoutRescuer(scenario: Scenario, rescuer: string): Scenario {
  requireEntity(scenario, rescuer);
  const removed = new Set(rescueClaims(scenario, rescuer));
  const price = new Map(scenario.assets.map((a) => [a.id, a.priceUsd]));
  const returned = new Map<string, number>();
  for (const claim of removed) {
    const usd = claim.asset === undefined ? claim.amount : claim.amount * price.get(claim.asset)!;
    returned.set(claim.debtor, (returned.get(claim.debtor) ?? 0) + usd);
  }
  const totalReturned = [...returned.values()].reduce((a, b) => a + b, 0);
  const dollarCoins = new Map(
    scenario.assets.filter((a) => a.peg && a.peg.asset === undefined).map((a) => [a.id, a.priceUsd]),
  );
  const entities = scenario.entities.map((entity): ScenarioEntity => {
    if (entity.id === rescuer) {
      const { rescue: _dropped, ...rest } = entity;
      return totalReturned > 0 ? { ...rest, cashUsd: (entity.cashUsd ?? 0) + totalReturned } : rest;
    }
    const owed = returned.get(entity.id);
    return owed === undefined ? entity : giveBack(entity, owed, dollarCoins);
  });
  const claims = scenario.claims?.filter((c) => !removed.has(c));
  const removedIndices = (scenario.claims ?? []).flatMap((c, i) => (removed.has(c) ? [i] : []));
  const note = `counterfactual: without ${rescuer} as a rescuer`;
  const rescuerAt = scenario.entities.findIndex((e) => e.id === rescuer);
  let provenance = dropClaims(scenario.provenance, removedIndices).filter(
    (p) => !p.path.startsWith(`entities[${rescuerAt}].rescue.`),
  );
  entities.forEach((entity, i) => {
    const before = scenario.entities[i]!;
    if (entity.cashUsd !== before.cashUsd)
      provenance = restate(provenance, `entities[${i}].cashUsd`, entity.cashUsd!, note);
    if (entity.otherAssetsUsd !== before.otherAssetsUsd) {
      provenance = restate(provenance, `entities[${i}].otherAssetsUsd`, entity.otherAssetsUsd!, note);
    }
    entity.holdings?.forEach((h, k) => {
      if (h.units !== before.holdings?.[k]?.units)
        provenance = restate(provenance, `entities[${i}].holdings[${k}].units`, h.units, note);
    });
  });
  const { claims: _claims, ...rest } = scenario;
  return {
    ...rest,
    ...(claims === undefined ? {} : { claims }),
    entities,
    notes: [...(scenario.notes ?? []), note],
    provenance,
  };
}

/**
 * The scenario with `rescuer` able to lend or inject `capacityUsd` over the run, optionally only to
 * `targets` (an existing rescuer keeps its targets when none are given). An existing entity keeps its balance sheet (the engine draws the rescue from it); a new
 * id becomes an outside rescuer holding `capacityUsd` of cash and nothing else.
 * @throws {InputError} `INVALID_INPUT` for a capacity that is not a non-negative finite number, an
 *   invalid id, or a target that is not an entity of the scenario
 */
export function withRescuer(
  scenario: Scenario,
  rescuer: string,
  capacityUsd: number,
  targets?: readonly string[],
): Scenario {
  if (!Number.isFinite(capacityUsd) || capacityUsd < 0) {
    throw inputError(`rescue capacity must be a non-negative number of USD, got ${capacityUsd}`);
  }
  if (!entityId.safeParse(rescuer).success) {
    throw inputError(`invalid entity id "${rescuer}": expected lower-case letters, digits and dashes`);
  }
  for (const target of targets ?? []) {
    if (target === rescuer) throw inputError(`${rescuer} cannot rescue itself`);
    requireEntity(scenario, target);
  }
  const index = scenario.entities.findIndex((e) => e.id === rescuer);
  const kept = targets ?? (index >= 0 ? scenario.entities[index]!.rescue?.targets : undefined);
  const rescue = { capacityUsd, ...(kept === undefined ? {} : { targets: [...kept] }) };
  const entities =
    index >= 0
      ? scenario.entities.map((e, i) => (i === index ? { ...e, rescue } : e))
      : [
          ...scenario.entities,
          {
            id: rescuer,
            name: `${rescuer} (counterfactual rescuer)`,
            type: "other" as const,
            cashUsd: capacityUsd,
            rescue,
          },
        ];
  const at = index >= 0 ? index : scenario.entities.length;
  const added: NumberProvenance[] = [
    { path: `entities[${at}].rescue.capacityUsd`, value: capacityUsd, note: "counterfactual" },
    ...(index >= 0 ? [] : [{ path: `entities[${at}].cashUsd`, value: capacityUsd, note: "counterfactual" }]),
  ];
  return {
    ...scenario,
    entities,
    notes: [...(scenario.notes ?? []), `counterfactual: ${rescuer} can rescue up to $${capacityUsd} USD`],
    provenance: [
      ...scenario.provenance.filter((p) => !p.path.startsWith(`entities[${at}].rescue.`)),
      ...added,
    ],
  };
}

function requireEntity(scenario: Scenario, id: string): void {
  if (!scenario.entities.some((e) => e.id === id)) {
    throw new NotFoundError(
      "entity",
      id,
      `entities of ${scenario.id}: ${scenario.entities.map((e) => e.id).join(", ")}`,
    );
  }
}

/** Takes `usd` back from an entity that drew a rescue loan: cash first, then other assets. */
function giveBack(
  entity: ScenarioEntity,
  usd: number,
  dollarCoins: ReadonlyMap<string, number>,
): ScenarioEntity {
  let left = usd;
  const cash = entity.cashUsd ?? 0;
  const fromCash = Math.min(cash, left);
  left -= fromCash;
  // Then USD stablecoins it holds (liquid units), then other assets.
  const holdings = entity.holdings?.map((h) => {
    const price = dollarCoins.get(h.asset);
    if (price === undefined || h.locked || !(left > 0)) return h;
    const units = Math.min(h.units, left / price);
    left -= units * price;
    return { ...h, units: h.units - units };
  });
  const other = entity.otherAssetsUsd ?? 0;
  if (left > other * (1 + 1e-12)) {
    throw inputError(
      `cannot unwind the rescue of ${entity.id}: it drew $${usd} but holds $${cash} of cash, less in USD stablecoins and $${other} of other assets`,
    );
  }
  return {
    ...entity,
    cashUsd: cash - fromCash,
    ...(holdings === undefined ? {} : { holdings }),
    ...(left > 0 ? { otherAssetsUsd: other - left } : {}),
  };
}

/** Records that a counterfactual changed the number at `path` (kept in document order). */
function restate(
  provenance: NumberProvenance[],
  path: string,
  value: number,
  note: string,
): NumberProvenance[] {
  const at = provenance.findIndex((p) => p.path === path);
  const entry = { path, value, note };
  if (at < 0) return [...provenance, entry];
  const previous = provenance[at]!;
  return provenance.map((p, i) => (i === at ? { ...entry, note: `${note} (was ${previous.value})` } : p));
}

/** Drops the provenance of removed claims and renumbers the claims after them. */
function dropClaims(provenance: readonly NumberProvenance[], removed: readonly number[]): NumberProvenance[] {
  if (removed.length === 0) return [...provenance];
  const out: NumberProvenance[] = [];
  for (const entry of provenance) {
    const match = /^claims\[(\d+)\]/.exec(entry.path);
    if (!match) {
      out.push(entry);
      continue;
    }
    const i = Number(match[1]);
    if (removed.includes(i)) continue;
    const shift = removed.filter((r) => r < i).length;
    out.push(
      shift === 0 ? entry : { ...entry, path: entry.path.replace(/^claims\[\d+\]/, `claims[${i - shift}]`) },
    );
  }
  return out;
}
