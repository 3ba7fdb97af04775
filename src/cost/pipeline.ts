/**
 * The production-cost pipeline behind `unwind cost` and `unwind floor`: load inputs (files first, then
 * the store), compute the daily cost history with a warm-up period for the 14-day threshold and 7-day
 * power smoothing, and turn each requested day into one {@link CostRow} that says where every figure
 * came from. A figure that cannot be computed is null, never made up.
 * @module
 */

import { inputError } from "../core/errors.ts";
import { dayNumber, isoDay } from "../data/days.ts";
import { hardwareFromDataset } from "../data/formats.ts";
import type { HardwareList } from "../data/hardware-list.ts";
import {
  type InputOrigin,
  type InputSource,
  type LoadedCbeci,
  loadCbeciPower,
  loadNetworkInputs,
  type NetworkInputs,
  PRICE_SOURCES,
  type PriceSource,
  resolveCandidate,
} from "../data/network-inputs.ts";
import type { Store } from "../store/database.ts";
import { type AllInCost, type AllInParameters, allInCost } from "./all-in.ts";
import { hardwareArrays } from "./hardware.ts";
import { HARDWARE_CATALOGUE } from "./hardware-catalogue.ts";
import { type CostHistory, costHistory, type NetworkHistory, POWER_SOURCE, powerSplices } from "./history.ts";
import type { PowerMethodology } from "./network-power.ts";
import { breakevenPrice } from "./profitability.ts";

/** What to compute. */
export interface CostRequest {
  /** First and last day reported (YYYY-MM-DD). */
  readonly from: string;
  readonly to: string;
  /** USD/kWh. */
  readonly electricityUsdPerKwh: number;
  readonly power: "cbeci" | "model" | "auto";
  readonly methodology: PowerMethodology;
  readonly includeFees: boolean;
  /** Files or stored data set ids given by the user. */
  readonly cbeci?: string | undefined;
  readonly hashrate?: string | undefined;
  readonly hardware?: string | undefined;
  readonly price?: string | undefined;
  /** Use only stored (or given) price series of this kind; see {@link PRICE_SOURCES}. */
  readonly priceSource?: PriceSource | undefined;
  readonly store?: Store | undefined;
  /** All-in cost parameters; no all-in figure without them. */
  readonly allIn?: AllInParameters | undefined;
  /** Days computed before `from` so smoothing windows are full (default 30). */
  readonly warmupDays?: number;
}

/** Lower / best / upper, null where unknown. */
export interface NullableBand {
  readonly lower: number | null;
  readonly best: number | null;
  readonly upper: number | null;
}

/** An input value that was not observed on a day but interpolated or carried forward. */
export interface Fill {
  /** Input name: hashrate, price, issuance, fees, or power (the model's, on a day no model was profitable). */
  readonly input: string;
  readonly method: "linear" | "carry-forward";
  /** The observation the value was carried from, or the first of the two it was interpolated between. */
  readonly from: string | null;
  /** The second observation of a linear interpolation; null for carry-forward. */
  readonly to: string | null;
}

/** The production cost on one day. */
export interface CostRow {
  readonly date: string;
  readonly electricityUsdPerKwh: number;
  /** BTC the cost is spread over (issuance, plus fees when included). */
  readonly btcPerDay: number | null;
  readonly feesIncluded: boolean;
  readonly powerGW: NullableBand;
  readonly costUsd: NullableBand;
  /** Cost change per +1 ¢/kWh at fixed energy, USD/BTC. */
  readonly sensitivityUsdPerCent: number | null;
  readonly priceUsd: number | null;
  /** Which price series the price came from (kind and data set or file), null without a price. */
  readonly priceSource: string | null;
  readonly priceToCost: number | null;
  /** Move from spot to the best-guess cost (−0.25 = 25% below spot). */
  readonly impliedMove: number | null;
  /** Description of the power source, or null when no power figure exists that day. */
  readonly powerSource: string | null;
  readonly hashrateEhs: number | null;
  /** Estimator only: smoothed profitability threshold, J/TH, and the models under it. */
  readonly profitabilityThresholdJPerTh: number | null;
  readonly profitableModels: number | null;
  /** Estimator only: price at which the least efficient profitable model just covers electricity. */
  readonly marginalCostUsd: number | null;
  readonly allInCostUsd: AllInCost | null;
  /** Every input interpolated or carried forward on this day, with the observations used. */
  readonly filled: readonly Fill[];
}

/** A change of power source between CBECI and the model (see {@link powerSplices}), by date. */
export interface Splice {
  /** First day on the new source. */
  readonly date: string;
  /** Last day on the previous source. */
  readonly previousDate: string;
  readonly from: "cbeci" | "model";
  readonly to: "cbeci" | "model";
  /** Model ÷ CBECI best-guess cost on `ratioDate` (the CBECI side of the splice); null if either is missing. */
  readonly modelToCbeci: number | null;
  readonly ratioDate: string;
}

/** The result of {@link runCost}. */
export interface CostRun {
  readonly rows: readonly CostRow[];
  /** Per input (hashrate, price, issuance, fees): where it came from and how it was gridded. */
  readonly sources: Readonly<Record<string, InputSource | null>>;
  readonly cbeci: LoadedCbeci | undefined;
  readonly hardware:
    | { readonly source: string; readonly format: string; readonly models: number }
    | undefined;
  /** Files and data sets read, for the run record. */
  readonly origins: readonly InputOrigin[];
  /** The underlying arrays, for charts and floor analytics. */
  readonly history: NetworkHistory;
  readonly cost: CostHistory;
  /** Index of `from` in the arrays. */
  readonly offset: number;
  /** Changes of power source between `from` and `to` (auto mode: where CBECI's series ends). */
  readonly splices: readonly Splice[];
}

const nullable = (x: number): number | null => (Number.isFinite(x) ? x : null);

/**
 * Index of the last row with a best-guess cost (data usually ends before today).
 * @throws {InputError} when no row has one, naming what is missing
 */
export function latestRowWithCost(rows: readonly CostRow[]): number {
  for (let i = rows.length - 1; i >= 0; i--) if (rows[i]!.costUsd.best !== null) return i;
  const span = rows.length > 0 ? ` from ${rows[0]!.date} to ${rows.at(-1)!.date}` : "";
  throw inputError(
    `no day${span} has a production cost: it needs CBECI power or a hash rate (for the model) that day; import or pass data, or give --date`,
  );
}

/** Runs the pipeline. */
export function runCost(request: CostRequest): CostRun {
  const from = dayNumber(request.from);
  const to = dayNumber(request.to);
  if (Number.isNaN(from) || Number.isNaN(to))
    throw inputError(`expected dates as YYYY-MM-DD, got ${request.from} and ${request.to}`);
  if (to < from) throw inputError(`--to ${request.to} is before --from ${request.from}`);
  const warmup = request.warmupDays ?? 30;
  const startDay = from - warmup;
  const length = to - startDay + 1;
  const inputs = loadNetworkInputs({
    startDay,
    length,
    priceFile: request.price,
    hashrateFile: request.hashrate,
    priceSource: request.priceSource,
    store: request.store,
  });
  const cbeci =
    request.power !== "model"
      ? loadCbeciPower(startDay, length, request.electricityUsdPerKwh, request.cbeci, request.store)
      : undefined;
  if (request.power === "cbeci" && !cbeci) {
    throw inputError(
      "--power cbeci needs CBECI data: pass --cbeci FILE or `unwind data import` / `unwind data fetch cbeci` first",
    );
  }
  let hardware: HardwareList | undefined;
  const origins = [...inputs.origins];
  if (request.power !== "cbeci") {
    if (request.hardware) {
      const candidate = resolveCandidate(request.hardware, request.store);
      hardware = hardwareFromDataset(candidate.imported ?? candidate.record!);
      if (!hardware)
        throw inputError(`${request.hardware} is not a hardware list (format ${candidate.format})`);
      origins.push(candidate.origin);
    } else hardware = HARDWARE_CATALOGUE;
  }
  if (cbeci) origins.push(cbeci.origin);
  const cost = costHistory(inputs.history, {
    electricityUsdPerKwh: request.electricityUsdPerKwh,
    includeFees: request.includeFees,
    power: request.power,
    cbeci: cbeci?.power,
    hardware: hardware ? hardwareArrays(hardware.models) : undefined,
    methodology: request.methodology,
  });
  const modelLabel = hardware
    ? `model ${request.methodology}-method (${hardware.source === "builtin" ? "built-in catalogue" : hardware.source}, ${hardware.models.length} models)`
    : null;
  const labels = {
    cbeci: cbeci?.label ?? null,
    model: modelLabel,
    price: priceLabel(inputs.sources.price ?? null),
  };
  const rows: CostRow[] = [];
  for (let i = warmup; i < length; i++) rows.push(row(i, request, inputs, cost, labels));
  const day = (i: number) => isoDay(startDay + i);
  return {
    rows,
    sources: inputs.sources,
    cbeci,
    hardware: hardware
      ? { source: hardware.source, format: hardware.format, models: hardware.models.length }
      : undefined,
    origins,
    history: inputs.history,
    cost,
    offset: warmup,
    splices: powerSplices(cost, cbeci?.power, warmup, length).map((splice) => ({
      date: day(splice.index),
      previousDate: day(splice.previousIndex),
      from: splice.from,
      to: splice.to,
      modelToCbeci: nullable(splice.modelToCbeci),
      ratioDate: day(splice.ratioIndex),
    })),
  };
}

/** "<kind description> — <data set or file>", or the bare label for a price of no known kind. */
function priceLabel(source: InputSource | null): string | null {
  if (!source) return null;
  const kind = source.priceSource ? PRICE_SOURCES[source.priceSource].description : null;
  return kind ? `${kind} — ${source.label}` : source.label;
}

/** Index of the last observation day before `day` (-1 if none) in sorted `days`. */
function lastBefore(days: Int32Array, day: number): number {
  let lo = 0;
  let hi = days.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (days[mid]! < day) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** The fills of grid day `i`: gridded inputs, and the model's power when no model was profitable. */
function fillsOn(i: number, inputs: NetworkInputs, cost: CostHistory): Fill[] {
  const day = inputs.history.startDay + i;
  const fills: Fill[] = [];
  for (const [input, mask] of Object.entries(inputs.filled)) {
    if (mask[i] !== 1) continue;
    const observed = inputs.observed[input]!;
    const before = lastBefore(observed, day);
    const linear = inputs.sources[input]?.fill === "linear";
    fills.push({
      input,
      method: linear ? "linear" : "carry-forward",
      from: before >= 0 ? isoDay(observed[before]!) : null,
      to: linear && before + 1 < observed.length ? isoDay(observed[before + 1]!) : null,
    });
  }
  const model = cost.model;
  if (model && cost.powerSource[i] === POWER_SOURCE.model && model.carried[i] === 1) {
    let k = i;
    while (k >= 0 && model.carried[k] === 1) k--;
    fills.push({
      input: "power",
      method: "carry-forward",
      from: k >= 0 ? isoDay(inputs.history.startDay + k) : null,
      to: null,
    });
  }
  return fills;
}

function row(
  i: number,
  request: CostRequest,
  inputs: NetworkInputs,
  cost: CostHistory,
  labels: { cbeci: string | null; model: string | null; price: string | null },
): CostRow {
  const history = inputs.history;
  const source = cost.powerSource[i]!;
  const price = history.priceUsd[i]!;
  const best = cost.costBestUsd[i]!;
  const btc = cost.btcPerDay[i]!;
  const hashrate = history.hashrateThs[i]!;
  const fromModel = source === POWER_SOURCE.model && cost.model;
  const marginalEfficiency = cost.model ? cost.model.marginalEfficiencyJPerTh[i]! : Number.NaN;
  const allIn =
    request.allIn && Number.isFinite(best) && hashrate > 0
      ? allInCost(best, hashrate, btc, request.allIn)
      : null;
  return {
    date: isoDay(history.startDay + i),
    electricityUsdPerKwh: request.electricityUsdPerKwh,
    btcPerDay: nullable(btc),
    feesIncluded: request.includeFees,
    powerGW: {
      lower: nullable(cost.powerLowerGW[i]!),
      best: nullable(cost.powerBestGW[i]!),
      upper: nullable(cost.powerUpperGW[i]!),
    },
    costUsd: {
      lower: nullable(cost.costLowerUsd[i]!),
      best: nullable(best),
      upper: nullable(cost.costUpperUsd[i]!),
    },
    sensitivityUsdPerCent: nullable(cost.sensitivityUsdPerCent[i]!),
    priceUsd: nullable(price),
    priceSource: Number.isFinite(price) ? labels.price : null,
    priceToCost: price > 0 && best > 0 ? price / best : null,
    impliedMove: price > 0 && best > 0 ? best / price - 1 : null,
    powerSource:
      source === POWER_SOURCE.cbeci ? labels.cbeci : source === POWER_SOURCE.model ? labels.model : null,
    hashrateEhs: hashrate > 0 ? hashrate / 1e6 : null,
    profitabilityThresholdJPerTh: fromModel ? nullable(cost.model!.thresholdJPerTh[i]!) : null,
    profitableModels: fromModel ? cost.model!.profitableModels[i]! : null,
    marginalCostUsd: fromModel
      ? nullable(breakevenPrice(marginalEfficiency, request.electricityUsdPerKwh, hashrate, btc))
      : null,
    allInCostUsd: allIn,
    filled: fillsOn(i, inputs, cost),
  };
}
