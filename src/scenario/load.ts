/**
 * Reading scenario files: JSON syntax, schema, then cross-references, each reported with the file,
 * line and field path. Nothing is returned unless the whole file is valid.
 * @module
 */
import { InputError } from "../core/errors.ts";
import { readTextFile } from "../core/files.ts";
import { type JsonSource, parseJsonSource } from "../core/json-source.ts";
import { PARSE_OPTIONS, toInputIssues } from "../core/validation.ts";
import { normalizeScenario, type Scenario } from "./normalize.ts";
import { checkReferences, locateIssues } from "./references.ts";
import { type ScenarioDocument, scenarioSchema } from "./schema.ts";

/** Largest scenario file accepted (scenarios are hand-written; bulk networks use the network formats). */
export const MAX_SCENARIO_BYTES = 64 * 1024 * 1024;

/** A validated scenario with the document it came from. */
export interface LoadedScenario {
  /** Plain numbers, for the models. */
  readonly scenario: Scenario;
  /** As written, with provenance, for storing and reporting. */
  readonly document: ScenarioDocument;
  /** `builtin:<id>`, `store:<hash>`, a file path, or `api`. */
  readonly origin: string;
}

/**
 * Validates a scenario given as text.
 * @param file name used in messages and as the origin
 * @throws {InputError} `INVALID_JSON` or `INVALID_SCENARIO`, listing every problem found
 */
export function parseScenario(text: string, file?: string): LoadedScenario {
  const source = parseJsonSource(text, file);
  const document = validateScenarioDocument(source.value, { file, source });
  return { scenario: normalizeScenario(document), document, origin: file ?? "text" };
}

/**
 * Validates a scenario given as a value (e.g. an HTTP request body).
 * @throws {InputError} `INVALID_SCENARIO`
 */
export function validateScenario(value: unknown, origin = "api"): LoadedScenario {
  const document = validateScenarioDocument(value, {});
  return { scenario: normalizeScenario(document), document, origin };
}

/**
 * Reads and validates a scenario file.
 * @throws {InputError} `FILE_NOT_FOUND`, `INVALID_JSON` or `INVALID_SCENARIO`
 */
export function loadScenarioFile(path: string): LoadedScenario {
  return parseScenario(readTextFile(path, MAX_SCENARIO_BYTES), path);
}

function validateScenarioDocument(
  value: unknown,
  origin: { file?: string | undefined; source?: JsonSource },
): ScenarioDocument {
  const result = scenarioSchema.safeParse(value, PARSE_OPTIONS);
  if (!result.success) {
    throw new InputError("INVALID_SCENARIO", toInputIssues(result.error.issues, value, origin.source), {
      file: origin.file,
    });
  }
  const references = checkReferences(result.data);
  if (references.length > 0) {
    throw new InputError("INVALID_SCENARIO", locateIssues(references, origin.source?.locate), {
      file: origin.file,
    });
  }
  return result.data;
}
