/**
 * Assembles a report's input from a scenario, its cascade run and (optionally) the production-cost
 * floor on one of the scenario's dated bitcoin-network states.
 * @module
 */
import type { CascadeResult } from "../cascade/result.ts";
import { VERSION } from "../core/environment.ts";
import type { NetworkStateFloor } from "../floor/network-state.ts";
import type { Scenario } from "../scenario/normalize.ts";
import { isModelSetting, unsourcedFacts } from "../scenario/sources.ts";
import type { FloorSummaryInput, ReportInput } from "./types.ts";

/** The floor as the report shows it. */
export function floorSummary(floor: NetworkStateFloor): FloorSummaryInput {
  return {
    date: floor.date,
    electricityUsdPerKwh: floor.electricityUsdPerKwh,
    priceUsd: floor.priceUsd,
    costUsd: floor.costUsd,
    priceToCost: floor.priceToCost,
    impliedMove: floor.impliedMove,
    costAfterHalvingUsd: floor.afterNextHalving.costUsd.best,
    method: "model: hardware profitability threshold on the scenario's network state, single date",
  };
}

/** The report input for a run of `scenario`. */
export function reportInputFor(
  scenario: Scenario,
  cascade: CascadeResult,
  floor?: NetworkStateFloor,
  generatedAt: Date = new Date(),
): ReportInput {
  const facts = scenario.provenance.filter((p) => !isModelSetting(p.path)).length;
  return {
    scenario: {
      id: scenario.id,
      name: scenario.name,
      asOf: scenario.asOf,
      stepDays: scenario.parameters?.stepDays ?? 1,
      description: scenario.description,
      notes: scenario.notes,
      entityNames: Object.fromEntries(scenario.entities.map((e) => [e.id, e.name ?? e.id])),
      facts: { total: facts, sourced: facts - unsourcedFacts(scenario).length },
    },
    cascade,
    floor: floor ? floorSummary(floor) : undefined,
    generatedAt,
    version: VERSION,
  };
}
