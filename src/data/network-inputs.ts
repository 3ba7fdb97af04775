/**
 * Assembles the daily inputs of the cost models from files and the store: hash rate, price,
 * issuance and fees on one contiguous grid, and CBECI power at a chosen electricity price. Files named
 * by the user win over the store; within the store the preferred data set is used (newest download,
 * then newest import). Irregular series are interpolated, step series carried forward, daily series
 * left with their gaps — and every choice is reported in `sources`.
 * @module
 */
import { existsSync } from "node:fs";
import { inputError } from "../core/errors.ts";
import { readTextFile } from "../core/files.ts";
import { sha256Hex } from "../core/hash.ts";
import type { CbeciPower, NetworkHistory } from "../cost/history.ts";
import type { Store } from "../store/database.ts";
import { type DatasetRecord, getDataset, listDatasets, seriesOf } from "./datasets.ts";
import { importText } from "./formats.ts";
import type { ImportedDataset, Sampling } from "./imported.ts";
import { BTC, type CbeciBound, cbeciMetric, parseCbeciMetric } from "./metrics.ts";
import { type FillMethod, type SparseSeries, toGrid } from "./series.ts";

/** Where one input series came from and how it was put on the grid. */
export interface InputSource {
  readonly metric: string;
  /** File path, or `<dataset id> (<source>)`. */
  readonly label: string;
  readonly format: string;
  readonly licence: string | null;
  readonly sampling: Sampling;
  readonly fill: FillMethod;
  /** Grid days that got an interpolated or carried value. */
  readonly filledDays: number;
}

/** A file or store data set the inputs were read from, for run records and input hashes. */
export interface InputOrigin {
  readonly kind: "file" | "dataset";
  /** File path or data set id. */
  readonly ref: string;
  /** SHA-256 of the file, or the data set's content hash. */
  readonly hash: string;
}

/** A candidate data set: parsed from a file or stored. */
interface Candidate {
  readonly label: string;
  readonly format: string;
  readonly licence: string | null;
  readonly metrics: readonly string[];
  series(metric: string): (SparseSeries & { sampling: Sampling }) | undefined;
  readonly origin: InputOrigin;
  readonly record?: DatasetRecord;
  readonly imported?: ImportedDataset;
}

/** Reads and parses a data file as a candidate. */
function fileCandidate(path: string): Candidate {
  const text = readTextFile(path);
  const dataset = importText(text, { file: path });
  return importedCandidate(dataset, { kind: "file", ref: path, hash: sha256Hex(text) });
}

function importedCandidate(dataset: ImportedDataset, origin: InputOrigin): Candidate {
  return {
    label: origin.ref,
    format: dataset.format,
    licence: dataset.licence,
    metrics: dataset.series.map((s) => s.metric),
    series: (metric) => dataset.series.find((s) => s.metric === metric),
    origin,
    imported: dataset,
  };
}

function storeCandidate(store: Store, record: DatasetRecord): Candidate {
  return {
    label: `${record.id} (${record.source})`,
    format: record.format,
    licence: record.licence,
    metrics: record.series.map((s) => s.metric),
    series: (metric) => seriesOf(store, record, metric),
    origin: { kind: "dataset", ref: record.id, hash: record.contentHash },
    record,
  };
}

/** A file path, or the id of a stored data set when no such file exists and `ref` does not look like a path. */
export function resolveCandidate(ref: string, store: Store | undefined): Candidate {
  if (existsSync(ref) || !store || /[\\/]|\.(csv|json|txt)$/i.test(ref)) return fileCandidate(ref);
  return storeCandidate(store, getDataset(store, ref));
}

/** Which series a model needs and where to look for them. */
export interface NetworkInputOptions {
  readonly startDay: number;
  readonly length: number;
  /** Files (or data set ids) given by the user, searched first, in this order. */
  readonly priceFile?: string | undefined;
  readonly hashrateFile?: string | undefined;
  readonly store?: Store | undefined;
}

/** The assembled inputs. */
export interface NetworkInputs {
  readonly history: NetworkHistory;
  /** By input name (hashrate, price, issuance, fees); null where no source had it. */
  readonly sources: Readonly<Record<string, InputSource | null>>;
  /** By input name: 1 on grid days whose value was interpolated or carried forward. */
  readonly filled: Readonly<Record<string, Uint8Array>>;
  readonly origins: readonly InputOrigin[];
}

const PRICE_METRICS = (metrics: readonly string[]) =>
  [BTC.priceUsd.metric, ...metrics.filter((m) => /\.(close|price)$/.test(m))].filter((m) =>
    metrics.includes(m),
  );

/**
 * Loads hash rate, price, issuance and fees for `[startDay, startDay + length)`.
 * @throws {InputError} when no source provides a hash rate or a price at all
 */
export function loadNetworkInputs(options: NetworkInputOptions): NetworkInputs {
  const { startDay, length, store } = options;
  const priceFile = options.priceFile ? resolveCandidate(options.priceFile, store) : undefined;
  const hashrateFile = options.hashrateFile ? resolveCandidate(options.hashrateFile, store) : undefined;
  const stored = store ? listDatasets(store).filter((d) => d.series.length > 0) : [];
  const origins = new Map<string, InputOrigin>();
  const sources: Record<string, InputSource | null> = {};
  const filled: Record<string, Uint8Array> = {};

  const pick = (metric: string, preferred: (Candidate | undefined)[], name: string): Float64Array => {
    for (const candidate of preferred) {
      if (!candidate) continue;
      const metrics =
        metric === BTC.priceUsd.metric
          ? PRICE_METRICS(candidate.metrics)
          : [metric].filter((m) => candidate.metrics.includes(m));
      const found = metrics[0];
      if (found === undefined) continue;
      const series = candidate.series(found)!;
      const fill: FillMethod =
        series.sampling === "irregular" ? "linear" : series.sampling === "step" ? "carry-forward" : "none";
      const grid = toGrid(series, startDay, length, {
        fill,
        maxGapDays: series.sampling === "step" ? 60 : 8,
      });
      origins.set(candidate.origin.ref, candidate.origin);
      sources[name] = {
        metric: found,
        label: candidate.label,
        format: candidate.format,
        licence: candidate.licence,
        sampling: series.sampling,
        fill,
        filledDays: grid.filledDays,
      };
      filled[name] = grid.filled;
      return grid.values;
    }
    sources[name] = null;
    filled[name] = new Uint8Array(length);
    return new Float64Array(length).fill(Number.NaN);
  };

  const storeFor = (metric: string) =>
    stored
      .filter((d) =>
        d.series.some((s) =>
          metric === BTC.priceUsd.metric
            ? PRICE_METRICS([s.metric]).length > 0 && s.metric.startsWith("btc.")
            : s.metric === metric,
        ),
      )
      .map((d) => storeCandidate(store!, d));

  const hashrateThs = pick(
    BTC.hashrate.metric,
    [hashrateFile, priceFile, ...storeFor(BTC.hashrate.metric)],
    "hashrate",
  );
  const priceUsd = pick(
    BTC.priceUsd.metric,
    [priceFile, hashrateFile, ...storeFor(BTC.priceUsd.metric)],
    "price",
  );
  const issuanceBtc = pick(
    BTC.issuance.metric,
    [hashrateFile, priceFile, ...storeFor(BTC.issuance.metric)],
    "issuance",
  );
  const feesBtc = pick(BTC.fees.metric, [hashrateFile, priceFile, ...storeFor(BTC.fees.metric)], "fees");
  if (!sources.hashrate && !sources.price) {
    throw inputError(
      "no hash rate or price data: pass --hashrate FILE / --price FILE, or import or fetch some (`unwind data import btc.csv`, `unwind data fetch coinmetrics`)",
    );
  }
  return {
    history: { startDay, hashrateThs, priceUsd, issuanceBtc, feesBtc },
    sources,
    filled,
    origins: [...origins.values()],
  };
}

/** CBECI power at an electricity price, with provenance. */
export interface LoadedCbeci {
  readonly power: CbeciPower;
  readonly label: string;
  readonly methodology: string | null;
  readonly downloadDate: string | null;
  /** The electricity prices the figure was read or interpolated from. */
  readonly pricesUsed: readonly number[];
  readonly origin: InputOrigin;
}

/**
 * CBECI power for `electricityUsdPerKwh` on the grid, from a file or data set id (`ref`) or the
 * store's preferred CBECI data set. A price between CBECI's columns is interpolated linearly between
 * the two nearest; outside them, nothing is returned.
 * @returns undefined when no CBECI data is available
 */
export function loadCbeciPower(
  startDay: number,
  length: number,
  electricityUsdPerKwh: number,
  ref: string | undefined,
  store: Store | undefined,
): LoadedCbeci | undefined {
  let candidate: Candidate | undefined;
  if (ref) candidate = resolveCandidate(ref, store);
  else if (store) {
    const record = listDatasets(store)
      .filter((d) => d.series.some((s) => s.metric.startsWith("cbeci.power_gw.")))
      .sort(
        (a, b) =>
          (b.downloadDate ?? "").localeCompare(a.downloadDate ?? "") ||
          b.fetchedAt.localeCompare(a.fetchedAt),
      )[0];
    if (record) candidate = storeCandidate(store, record);
  }
  if (!candidate) return undefined;
  const c = candidate;
  const prices = [
    ...new Set(
      c.metrics
        .map(parseCbeciMetric)
        .filter((m) => m?.bound === "best")
        .map((m) => m!.electricityUsdPerKwh),
    ),
  ].sort((a, b) => a - b);
  if (prices.length === 0) throw inputError(`${c.label} holds no CBECI power series`);
  const exact = prices.find((p) => Math.abs(p - electricityUsdPerKwh) < 1e-9);
  const above = prices.findIndex((p) => p > electricityUsdPerKwh);
  const used = exact !== undefined ? [exact] : above > 0 ? [prices[above - 1]!, prices[above]!] : [];
  if (used.length === 0) {
    throw inputError(
      `CBECI in ${c.label} covers ${prices[0]}–${prices.at(-1)} USD/kWh; ${electricityUsdPerKwh} is outside it`,
    );
  }
  const bound = (b: CbeciBound): Float64Array | undefined => {
    const grids = used.map((p) => {
      const series = c.series(cbeciMetric(b, p));
      return series ? toGrid(series, startDay, length, { fill: "none" }).values : undefined;
    });
    if (grids.some((g) => !g)) return undefined;
    if (grids.length === 1) return grids[0];
    const [p0, p1] = used as [number, number];
    const w = (electricityUsdPerKwh - p0) / (p1 - p0);
    const out = new Float64Array(length);
    for (let i = 0; i < length; i++) out[i] = grids[0]![i]! * (1 - w) + grids[1]![i]! * w;
    return out;
  };
  const best = bound("best")!;
  const methodology = c.record?.methodology ?? c.imported?.methodology ?? null;
  const downloadDate = c.record?.downloadDate ?? c.imported?.downloadDate ?? null;
  return {
    power: { bestGW: best, lowerGW: bound("lower"), upperGW: bound("upper") },
    label: `CBECI ${methodology ?? "?"}-method, downloaded ${downloadDate ?? "?"} (${c.label})${used.length === 2 ? `, interpolated between ${used[0]} and ${used[1]} USD/kWh` : ""}`,
    methodology,
    downloadDate,
    pricesUsed: used,
    origin: c.origin,
  };
}
