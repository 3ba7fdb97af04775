/**
 * unwind's library API. The CLI (`unwind`) and the HTTP server are thin layers over these exports.
 * @module
 */

export { REPO_ROOT, sharedDataDir, unwindHome, VERSION } from "./core/environment.ts";
export { type ErrorCode, InputError, type InputIssue, NotFoundError, UnwindError } from "./core/errors.ts";
export { formatNumber, formatPercent, formatUsd } from "./core/format.ts";
export { canonicalJson, sha256Hex } from "./core/hash.ts";
export {
  type DailyCsvOptions,
  type ParsedDailyCsv,
  parseCoinGeckoCsv,
  parseDailyCsv,
  parseTradingViewCsv,
} from "./data/daily-csv.ts";
export { dayNumber, isoDay } from "./data/days.ts";
export {
  type DailySeries,
  type FillMethod,
  type GridSeries,
  type SparseSeries,
  sparseColumn,
  toGrid,
} from "./data/series.ts";
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
