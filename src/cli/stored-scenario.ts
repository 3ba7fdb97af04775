/**
 * The scenario record a command stores with its run (`recordRun`'s `scenario`), from a loaded scenario.
 * @module
 */
import type { LoadedScenario } from "../scenario/load.ts";
import type { StoredScenario } from "../store/scenarios.ts";

/** The scenario of a run, stored by content hash. */
export function storedScenario(loaded: Pick<LoadedScenario, "document" | "origin">): StoredScenario {
  const { document } = loaded;
  return { id: document.id, name: document.name, asOf: document.asOf, origin: loaded.origin, document };
}
