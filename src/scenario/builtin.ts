/**
 * Built-in scenarios ship as JSON files in the repository's `scenarios/` folder; a scenario is
 * named by its file name without `.json`, which must equal its `id`.
 * @module
 */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "../core/environment.ts";
import { NotFoundError } from "../core/errors.ts";
import type { Store } from "../store/database.ts";
import { findStoredScenario, listStoredScenarios } from "../store/scenarios.ts";
import { type LoadedScenario, loadScenarioFile, validateScenario } from "./load.ts";

/** Folder of the built-in scenario files. */
export const BUILTIN_SCENARIO_DIR = join(REPO_ROOT, "scenarios");

/** A scenario available by name. */
export interface ScenarioListing {
  readonly id: string;
  readonly name: string;
  readonly asOf: string;
  readonly description: string | null;
  /** `builtin`, or `store` for one imported with `unwind scenario import`. */
  readonly kind: "builtin" | "store";
  readonly location: string;
}

/** Ids of the built-in scenarios, sorted. */
export function builtinScenarioIds(dir = BUILTIN_SCENARIO_DIR): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith(".json"))
    .map((name) => name.slice(0, -".json".length))
    .sort();
}

/** Every scenario available by name: built-ins first, then imported ones (when a store is given). */
export function listScenarios(store?: Store, dir = BUILTIN_SCENARIO_DIR): ScenarioListing[] {
  const builtins = builtinScenarioIds(dir).map((id): ScenarioListing => {
    const { document } = loadScenarioFile(join(dir, `${id}.json`));
    return {
      id,
      name: document.name,
      asOf: document.asOf,
      description: document.description ?? null,
      kind: "builtin",
      location: join(dir, `${id}.json`),
    };
  });
  const taken = new Set(builtins.map((s) => s.id));
  const stored = (store ? listStoredScenarios(store) : [])
    .filter((row) => !taken.has(row.id))
    .map(
      (row): ScenarioListing => ({
        id: row.id,
        name: row.name,
        asOf: row.asOf,
        description: null,
        kind: "store",
        location: `store:${row.hash.slice(0, 12)}`,
      }),
    );
  return [...builtins, ...stored];
}

/**
 * Resolves what a user typed after `--scenario`: a file path, a built-in name, or the id or hash of
 * an imported scenario, in that order.
 * @throws {NotFoundError} naming the available scenarios
 * @throws {InputError} if the file is invalid
 */
export function resolveScenario(ref: string, store?: Store, dir = BUILTIN_SCENARIO_DIR): LoadedScenario {
  if (ref.endsWith(".json") || ref.includes("/") || ref.includes("\\")) return loadScenarioFile(ref);
  if (builtinScenarioIds(dir).includes(ref)) {
    const loaded = loadScenarioFile(join(dir, `${ref}.json`));
    return { ...loaded, origin: `builtin:${ref}` };
  }
  const stored = store ? findStoredScenario(store, ref) : undefined;
  if (stored) return validateScenario(stored.document, `store:${stored.row.hash}`);
  if (existsSync(ref)) return loadScenarioFile(ref);
  // A built-in that was run is also in the store: list each id once.
  const names = listScenarios(store, dir).map((s) => s.id);
  throw new NotFoundError(
    "scenario",
    ref,
    names.length > 0
      ? `available: ${names.join(", ")}; or give a path to a .json file`
      : "give a path to a .json file",
  );
}
