/**
 * Sourcing discipline for built-in scenarios: every fact (a balance-sheet figure, an exposure, a
 * price, a shock size) carries a source URL or says how it was estimated. Model settings — engine
 * parameters, behavioural parameters and shock timing — are choices, not facts, and are exempt.
 * @module
 */
import type { NumberProvenance, Scenario } from "./normalize.ts";

/** True for numbers that are model settings rather than facts. */
export function isModelSetting(path: string): boolean {
  return (
    path === "schemaVersion" ||
    path.startsWith("parameters") ||
    /\.behaviour\./.test(path) ||
    /\.step$/.test(path)
  );
}

/** Facts in `scenario` that have neither a source nor an estimate note, in document order. */
export function unsourcedFacts(scenario: Scenario): NumberProvenance[] {
  return scenario.provenance.filter(
    (entry) => !isModelSetting(entry.path) && entry.source === undefined && entry.estimate === undefined,
  );
}
