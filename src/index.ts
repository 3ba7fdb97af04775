/**
 * unwind's library API. The CLI (`unwind`) and the HTTP server are thin layers over these exports.
 * @module
 */

export { REPO_ROOT, sharedDataDir, unwindHome, VERSION } from "./core/environment.ts";
export { type ErrorCode, InputError, type InputIssue, NotFoundError, UnwindError } from "./core/errors.ts";
export { formatNumber, formatPercent, formatUsd } from "./core/format.ts";
export { canonicalJson, sha256Hex } from "./core/hash.ts";
export {
  type ClearingOptions,
  type ClearingResult,
  clearingVector,
} from "./network/clearing.ts";
export {
  buildClearingProblem,
  type ClaimList,
  type ClearingProblem,
  EXTERNAL_CREDITOR,
} from "./network/clearing-problem.ts";
export { picardClearing } from "./network/picard.ts";
export { type BookBalanceSheet, bookBalanceSheets, claimValueUsd } from "./scenario/balance-sheet.ts";
export {
  builtinScenarioIds,
  listScenarios,
  resolveScenario,
  type ScenarioListing,
} from "./scenario/builtin.ts";
export { scenarioJsonSchema } from "./scenario/json-schema.ts";
export { type LoadedScenario, loadScenarioFile, parseScenario, validateScenario } from "./scenario/load.ts";
export type {
  NumberProvenance,
  Scenario,
  ScenarioAsset,
  ScenarioClaim,
  ScenarioEntity,
  ScenarioShock,
} from "./scenario/normalize.ts";
export { type Provenance, quantity, quantityValue } from "./scenario/quantity.ts";
export { type ScenarioDocument, scenarioSchema } from "./scenario/schema.ts";
export { unsourcedFacts } from "./scenario/sources.ts";
export { openStore, type Store, type StoreOptions } from "./store/database.ts";
export {
  getRun,
  getRunEvents,
  listRuns,
  type NewRun,
  type RunEvent,
  type RunRecord,
  type RunSummary,
  recordRun,
} from "./store/runs.ts";
