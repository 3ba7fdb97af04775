/**
 * Runs a 2022 episode end to end: its built-in scenario (optionally with counterfactual rescuers and
 * behavioural parameters other than the engine defaults) through the cascade engine, then the
 * validation against what happened. Shared by `unwind validate-history`, `scripts/calibrate.ts` and
 * the report.
 * @module
 */
import { type CascadeOptions, runCascade } from "../cascade/engine.ts";
import type { CascadeResult } from "../cascade/result.ts";
import { withoutRescuer, withRescuer } from "../scenario/counterfactuals.ts";
import type { Scenario } from "../scenario/normalize.ts";
import type { ScenarioDocument } from "../scenario/schema.ts";
import type { EpisodeFacts } from "./facts.ts";
import { type EpisodeMarketData, type EpisodeValidation, validateEpisode } from "./validate.ts";

/** Scenario parameters as written in a scenario file (plain numbers). */
export type ParameterSet = NonNullable<ScenarioDocument["parameters"]>;

/** A counterfactual: an entity given rescue capacity (a new id becomes an outside rescuer). */
export interface AddedRescuer {
  readonly id: string;
  /** USD. */
  readonly capacityUsd: number;
}

/** What to change before running an episode. */
export interface Counterfactuals {
  /** Entities whose rescue capacity and rescue claims are removed, in order. */
  readonly withoutRescuers?: readonly string[];
  /** Entities given rescue capacity. */
  readonly addRescuers?: readonly AddedRescuer[];
}

/** Applies counterfactuals to a scenario (pure; the scenario is not modified). */
export function applyCounterfactuals(scenario: Scenario, counterfactuals: Counterfactuals = {}): Scenario {
  let out = scenario;
  for (const id of counterfactuals.withoutRescuers ?? []) out = withoutRescuer(out, id);
  for (const r of counterfactuals.addRescuers ?? []) out = withRescuer(out, r.id, r.capacityUsd);
  return out;
}

/**
 * The scenario with `parameters` merged over its own (one level deep: `runs`, `market`, … are merged
 * field by field), e.g. a calibration candidate.
 */
export function withParameters(scenario: Scenario, parameters: ParameterSet): Scenario {
  const base = (scenario.parameters ?? {}) as Record<string, unknown>;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(parameters)) {
    const current = base[key];
    merged[key] =
      value !== null &&
      typeof value === "object" &&
      !Array.isArray(value) &&
      current &&
      typeof current === "object"
        ? { ...(current as object), ...value }
        : value;
  }
  return { ...scenario, parameters: merged as Scenario["parameters"] };
}

/** One episode run: the cascade result and its validation. */
export interface EpisodeRun {
  readonly scenario: Scenario;
  readonly result: CascadeResult;
  readonly validation: EpisodeValidation;
}

/** Runs `scenario` (after counterfactuals) and validates it against `facts`. */
export function runEpisode(
  scenario: Scenario,
  facts: EpisodeFacts,
  market: EpisodeMarketData = {},
  counterfactuals: Counterfactuals = {},
  options: CascadeOptions = {},
): EpisodeRun {
  const changed = applyCounterfactuals(scenario, counterfactuals);
  const result = runCascade(changed, options);
  const validation = validateEpisode(facts, result, market, {
    asOf: changed.asOf,
    stepDays: changed.parameters?.stepDays ?? 1,
  });
  return { scenario: changed, result, validation };
}
