/**
 * unwind's library API. The CLI (`unwind`) and the HTTP server are thin layers over these exports.
 * @module
 */

export { REPO_ROOT, sharedDataDir, unwindHome, VERSION } from "./core/environment.ts";
export { type ErrorCode, InputError, type InputIssue, NotFoundError, UnwindError } from "./core/errors.ts";
export { formatNumber, formatPercent, formatUsd } from "./core/format.ts";
export { canonicalJson, sha256Hex } from "./core/hash.ts";
export { type ClearingOptions, type ClearingResult, clearingVector } from "./network/clearing.ts";
export {
  buildClearingProblem,
  type ClaimList,
  type ClearingProblem,
  ClearingWorkspace,
  EXTERNAL_CREDITOR,
} from "./network/clearing-problem.ts";
export {
  type DebtRankOptions,
  type DebtRankResult,
  type DebtRankVariant,
  debtRank,
} from "./network/debtrank.ts";
export { type ExposureNetwork, type FurfineOptions, type FurfineResult, furfine } from "./network/furfine.ts";
export { type GenerateOptions, type GeneratorModel, generateNetwork } from "./network/generate.ts";
export { type LoadedNetwork, loadNetwork, parseNetworkJson } from "./network/load.ts";
export { capital, type Network, toClearingProblem } from "./network/network.ts";
export { picardClearing } from "./network/picard.ts";
export {
  NETWORK_MODELS,
  type NetworkModel,
  type NetworkRunOptions,
  type NetworkRunResult,
  runNetworkModel,
} from "./network/run.ts";
export { writeNetworkCsv, writeNetworkJson } from "./network/write.ts";
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
