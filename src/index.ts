/**
 * unwind's library API. The CLI (`unwind`) and the HTTP server are thin layers over these exports.
 * @module
 */

export type { CascadeEvent, FailureCause as CascadeFailureCause } from "./cascade/context.ts";
export { type CascadeOptions, runCascade, simulate } from "./cascade/engine.ts";
export { type CascadeModel, compileScenario } from "./cascade/model.ts";
export {
  CASCADE_DEFAULTS,
  type CascadeParameters,
  type Mechanisms,
  type ParameterOverrides,
  resolveParameters,
} from "./cascade/parameters.ts";
export type { CascadeFailure, CascadeResult } from "./cascade/result.ts";
export { checkShocks, parseShock } from "./cascade/shock-syntax.ts";
export { REPO_ROOT, sharedDataDir, unwindHome, VERSION } from "./core/environment.ts";
export { type ErrorCode, InputError, type InputIssue, NotFoundError, UnwindError } from "./core/errors.ts";
export { formatNumber, formatPercent, formatUsd } from "./core/format.ts";
export { canonicalJson, sha256Hex } from "./core/hash.ts";
export { type AllInCost, type AllInParameters, allInCost } from "./cost/all-in.ts";
export { costChartSvg } from "./cost/chart.ts";
export {
  costSensitivityPerCent,
  energyKwhPerDay,
  powerFromAnnualTwh,
  productionCost,
} from "./cost/energy-cost.ts";
export { nextHalving, scheduledIssuance, subsidyAtHeight } from "./cost/halving.ts";
export { CATALOGUE_MODELS, HARDWARE_CATALOGUE } from "./cost/hardware-catalogue.ts";
export { type CostHistory, costHistory, type NetworkHistory } from "./cost/history.ts";
export { type NetworkPower, networkPower, type PowerMethodology } from "./cost/network-power.ts";
export { type CostRequest, type CostRow, type CostRun, runCost } from "./cost/pipeline.ts";
export {
  breakevenPrice,
  hashpriceFromDifficulty,
  hashpriceUsd,
  profitabilityThreshold,
} from "./cost/profitability.ts";
export {
  type DailyCsvOptions,
  type ParsedDailyCsv,
  parseCoinGeckoCsv,
  parseDailyCsv,
  parseTradingViewCsv,
} from "./data/daily-csv.ts";
export { type DatasetRecord, listDatasets, loadSeries, saveDataset } from "./data/datasets.ts";
export { dayNumber, isoDay } from "./data/days.ts";
export { fetchBlockchainCom } from "./data/fetch/blockchain-com.ts";
export { fetchCbeci } from "./data/fetch/cbeci.ts";
export { fetchCoinMetrics } from "./data/fetch/coinmetrics.ts";
export { fetchMempool } from "./data/fetch/mempool.ts";
export { DATA_FORMATS, type DataFormat, detectFormat, importText } from "./data/formats.ts";
export type { HardwareList, HardwareModel } from "./data/hardware-list.ts";
export type { ImportedDataset, ImportedSeries } from "./data/imported.ts";
export {
  type DailySeries,
  type FillMethod,
  type GridSeries,
  type SparseSeries,
  sparseColumn,
  toGrid,
} from "./data/series.ts";
export { type FloorReport, floorReport } from "./floor/analysis.ts";
export { type FloorEpisode, floorEpisodes } from "./floor/episodes.ts";
export { floorFromNetworkState, type NetworkState, type NetworkStateFloor } from "./floor/network-state.ts";
export { impliedMove, priceToCost } from "./floor/ratio.ts";
export { type SetScore, scoreFailureSet } from "./history/classification.ts";
export { changeBetween, type Trough, troughBetween } from "./history/drawdown.ts";
export { EPISODES, episodeFacts } from "./history/episodes.ts";
export type {
  EpisodeFacts,
  FailureEvent,
  FailureKind,
  MarketCapWindow,
  PriceTarget,
  ReportedLevel,
  ReportedPrice,
  Survivor,
} from "./history/facts.ts";
export { checkJpmorganClaim, JPMORGAN_CLAIM, type JpmorganCheck } from "./history/jpmorgan.ts";
export {
  columnValues,
  episodeMarketData,
  loadMarketData,
  MARKET_CAP_PROVIDER,
  MARKET_FILES,
} from "./history/market-data.ts";
export type { CascadeOutcome, FailureCause } from "./history/outcome.ts";
export { comparePath, type PathComparison } from "./history/path-comparison.ts";
export { averageRanks, spearman } from "./history/rank-correlation.ts";
export { type HistoryReport, historyReport } from "./history/report.ts";
export { closesToInstants, type DailyValues, type StepCalendar } from "./history/series.ts";
export {
  type EpisodeMarketData,
  type EpisodeValidation,
  F1_TARGET,
  validateEpisode,
} from "./history/validate.ts";
export { contSchaanningDepth, executionDiscount, impactFraction } from "./market/price-impact.ts";
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
export { rescueClaims, withoutRescuer, withRescuer } from "./scenario/counterfactuals.ts";
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
