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
import { BLOCKS_PER_DAY } from "../cost/halving.ts";
import type { CbeciPower, NetworkHistory } from "../cost/history.ts";
import type { Store } from "../store/database.ts";
import { type DatasetRecord, getDataset, listDatasets, seriesOf } from "./datasets.ts";
import { dayNumber, isoDay } from "./days.ts";
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
  /** Grid days (reported days and the warm-up before them) that got an interpolated or carried value. */
  readonly filledDays: number;
  /** What the publisher's values are, when the source says (e.g. "7D rolling average …"). */
  readonly note: string | null;
  /** Price only: which kind of price series it is ({@link PRICE_SOURCES}), null for an unknown format. */
  readonly priceSource?: PriceSource | null;
  /** How a derived input was computed from the series named in `metric`. */
  readonly derivation?: string;
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
  /** First and last day a series gives a value for on the grid, without reading it. */
  span(metric: string): readonly [number, number] | undefined;
  note(metric: string): string | null;
  readonly origin: InputOrigin;
  readonly record?: DatasetRecord;
  readonly imported?: ImportedDataset;
}

/** Longest carry-forward of a step series (difficulty holds about two weeks), days. */
const STEP_CARRY_DAYS = 60;
/** Longest gap an irregular series is interpolated across, days (blockchain.com: every ~4 days). */
const IRREGULAR_GAP_DAYS = 8;

/** The days a series covers once gridded: a step series also covers the carry after its last value. */
function reach(first: number, last: number, sampling: Sampling): readonly [number, number] {
  return [first, sampling === "step" ? last + STEP_CARRY_DAYS : last];
}

/** Reads and parses a data file as a candidate. */
function fileCandidate(path: string): Candidate {
  const text = readTextFile(path);
  const dataset = importText(text, { file: path });
  return importedCandidate(dataset, { kind: "file", ref: path, hash: sha256Hex(text) });
}

function importedCandidate(dataset: ImportedDataset, origin: InputOrigin): Candidate {
  const find = (metric: string) => dataset.series.find((s) => s.metric === metric);
  return {
    label: origin.ref,
    format: dataset.format,
    licence: dataset.licence,
    metrics: dataset.series.map((s) => s.metric),
    series: find,
    span: (metric) => {
      const series = find(metric);
      const n = series?.days.length ?? 0;
      return series && n > 0 ? reach(series.days[0]!, series.days[n - 1]!, series.sampling) : undefined;
    },
    note: (metric) => find(metric)?.note ?? null,
    origin,
    imported: dataset,
  };
}

function storeCandidate(store: Store, record: DatasetRecord): Candidate {
  const notes = (record.meta.notes ?? {}) as Record<string, string | undefined>;
  return {
    label: `${record.id} (${record.source})`,
    format: record.format,
    licence: record.licence,
    metrics: record.series.map((s) => s.metric),
    series: (metric) => seriesOf(store, record, metric),
    span: (metric) => {
      const summary = record.series.find((s) => s.metric === metric);
      return summary
        ? reach(dayNumber(summary.firstDate), dayNumber(summary.lastDate), summary.sampling)
        : undefined;
    },
    note: (metric) => notes[metric] ?? null,
    origin: { kind: "dataset", ref: record.id, hash: record.contentHash },
    record,
  };
}

/** A file path, or the id of a stored data set when no such file exists and `ref` does not look like a path. */
export function resolveCandidate(ref: string, store: Store | undefined): Candidate {
  if (existsSync(ref) || !store || /[\\/]|\.(csv|json|txt)$/i.test(ref)) return fileCandidate(ref);
  return storeCandidate(store, getDataset(store, ref));
}

/**
 * Kinds of BTC price series, in the order they are preferred when several are stored: a daily close
 * of record first, then other closes and snapshots, then averages. `formats` are the data-set formats
 * of each kind.
 */
export const PRICE_SOURCES = {
  coinmetrics: {
    formats: ["coinmetrics-csv", "coinmetrics-api"],
    description: "Coin Metrics reference rate, daily close at 00:00 UTC",
  },
  ohlc: {
    formats: ["daily-csv", "tradingview-csv"],
    description: "daily close of an OHLC table (Yahoo, TradingView, exchange export)",
  },
  coingecko: {
    formats: ["coingecko-csv"],
    description: "CoinGecko snapshot at 00:00 UTC of the next day, as the day's close",
  },
  mempool: { formats: ["mempool-prices", "mempool-api"], description: "daily mean of mempool.space quotes" },
  blockchain: {
    formats: ["blockchain-charts"],
    description: "blockchain.com market price (its chart export is a 7-day average)",
  },
} as const;

/** A kind of price series (a key of {@link PRICE_SOURCES}). */
export type PriceSource = keyof typeof PRICE_SOURCES;

const PRICE_RANK = Object.keys(PRICE_SOURCES) as PriceSource[];

/** The kind of price series a data-set format holds, or null for a format of no known kind. */
export function priceSourceOf(format: string): PriceSource | null {
  return (
    PRICE_RANK.find((kind) => (PRICE_SOURCES[kind].formats as readonly string[]).includes(format)) ?? null
  );
}

/** Asset ids under which generic daily tables store bitcoin (`--asset`, CoinGecko coin id, file name). */
const BTC_ASSETS = /^(btc|bitcoin|xbt|btcusd|btc_usd|xbtusd)\./;
const PRICE_COLUMNS = ["close", "price", "adj_close"];

/**
 * The metric holding the BTC/USD price in a data set: `btc.price_usd`, else a close (then price, then
 * adjusted close) column of a bitcoin table. `anyAsset` accepts any asset's column, for a file the
 * user named as the price.
 */
export function priceMetric(metrics: readonly string[], anyAsset = false): string | undefined {
  if (metrics.includes(BTC.priceUsd.metric)) return BTC.priceUsd.metric;
  for (const column of PRICE_COLUMNS) {
    const found = metrics.find((m) => m.endsWith(`.${column}`) && (anyAsset || BTC_ASSETS.test(m)));
    if (found) return found;
  }
  return undefined;
}

/** Which series a model needs and where to look for them. */
export interface NetworkInputOptions {
  readonly startDay: number;
  readonly length: number;
  /** Files (or data set ids) given by the user, searched first, in this order. */
  readonly priceFile?: string | undefined;
  readonly hashrateFile?: string | undefined;
  /** Use only price series of this kind (files included); refused when none is there. */
  readonly priceSource?: PriceSource | undefined;
  readonly store?: Store | undefined;
}

/** The assembled inputs. */
export interface NetworkInputs {
  readonly history: NetworkHistory;
  /** By input name (hashrate, price, issuance, fees); null where no source had it. */
  readonly sources: Readonly<Record<string, InputSource | null>>;
  /** By input name: 1 on grid days whose value was interpolated or carried forward. */
  readonly filled: Readonly<Record<string, Uint8Array>>;
  /** By input name: the days of the observations the grid was built from (to say what a fill used). */
  readonly observed: Readonly<Record<string, Int32Array>>;
  readonly origins: readonly InputOrigin[];
}

/** A series chosen for an input, on the grid. */
interface Picked {
  readonly values: Float64Array;
  readonly source: InputSource;
  readonly filled: Uint8Array;
  readonly observed: Int32Array;
  readonly origin: InputOrigin;
}

/** Expected hashes per block at difficulty 1 (a block at difficulty D takes D × 2³² hashes on average). */
const HASHES_PER_DIFFICULTY = 2 ** 32;

/**
 * Loads hash rate, price, issuance and fees for `[startDay, startDay + length)`.
 *
 * Each input comes from the first candidate that holds its metric with at least one observation in
 * the window: files named by the user first (`--hashrate`, then `--price`; for the price `--price`
 * first), then stored data sets, most recent import first. Stored prices are ranked by kind
 * ({@link PRICE_SOURCES}) before recency. When no source has daily fees but one has fees per block
 * (mempool.space rewards), fees per day = fees per block × blocks per day, the blocks from a
 * `btc.blocks` series, else hash rate × 86,400 ÷ (difficulty × 2³²), else the 144-block target.
 * @throws {InputError} when no source provides a hash rate or a price at all, or `priceSource` names a
 *   kind no source has
 */
export function loadNetworkInputs(options: NetworkInputOptions): NetworkInputs {
  const { startDay, length, store } = options;
  const endDay = startDay + length - 1;
  const priceFile = options.priceFile ? resolveCandidate(options.priceFile, store) : undefined;
  const hashrateFile = options.hashrateFile ? resolveCandidate(options.hashrateFile, store) : undefined;
  const stored = store
    ? listDatasets(store)
        .filter((d) => d.series.length > 0)
        .map((d) => storeCandidate(store, d))
    : [];
  const files = [hashrateFile, priceFile].filter((c): c is Candidate => c !== undefined);
  const origins = new Map<string, InputOrigin>();
  const sources: Record<string, InputSource | null> = {};
  const filled: Record<string, Uint8Array> = {};
  const observed: Record<string, Int32Array> = {};

  const inWindow = (candidate: Candidate, metric: string) => {
    const span = candidate.span(metric);
    return span !== undefined && span[0] <= endDay && span[1] >= startDay;
  };
  const grid = (candidate: Candidate, metric: string, shiftDays = 0): Picked => {
    const read = candidate.series(metric)!;
    const series = shiftDays === 0 ? read : { ...read, days: read.days.map((day) => day + shiftDays) };
    const fill: FillMethod =
      series.sampling === "irregular" ? "linear" : series.sampling === "step" ? "carry-forward" : "none";
    const gridded = toGrid(series, startDay, length, {
      fill,
      maxGapDays: series.sampling === "step" ? STEP_CARRY_DAYS : IRREGULAR_GAP_DAYS,
    });
    return {
      values: gridded.values,
      filled: gridded.filled,
      observed: series.days,
      origin: candidate.origin,
      source: {
        metric,
        label: candidate.label,
        format: candidate.format,
        licence: candidate.licence,
        sampling: series.sampling,
        fill,
        filledDays: gridded.filledDays,
        note: candidate.note(metric),
      },
    };
  };
  const find = (metric: string, candidates: readonly Candidate[]): Picked | undefined => {
    const candidate = candidates.find((c) => c.metrics.includes(metric) && inWindow(c, metric));
    return candidate && grid(candidate, metric);
  };
  const use = (name: string, picked: Picked | undefined): Float64Array => {
    if (!picked) {
      sources[name] = null;
      filled[name] = new Uint8Array(length);
      observed[name] = new Int32Array(0);
      return new Float64Array(length).fill(Number.NaN);
    }
    origins.set(picked.origin.ref, picked.origin);
    sources[name] = picked.source;
    filled[name] = picked.filled;
    observed[name] = picked.observed;
    return picked.values;
  };

  const network = [...files, ...stored];
  const hashrateThs = use("hashrate", find(BTC.hashrate.metric, network));
  const priceUsd = use("price", findPrice(options, files, stored, priceFile, inWindow, grid));
  const issuanceBtc = use("issuance", find(BTC.issuance.metric, network));
  let feesBtc = use("fees", find(BTC.fees.metric, network));
  const perBlock = sources.fees ? undefined : find(BTC.feesPerBlock.metric, network);
  if (perBlock) {
    const blocks = blocksPerDay(
      find(BTC.blocks.metric, network),
      hashrateThs,
      find(BTC.difficulty.metric, network),
      length,
    );
    feesBtc = use("fees", {
      ...perBlock,
      values: perBlock.values.map((fees, i) => fees * blocks.values[i]!),
      source: { ...perBlock.source, derivation: `fees per block × blocks per day (${blocks.description})` },
    });
    for (const origin of blocks.origins) origins.set(origin.ref, origin);
  }
  if (!sources.hashrate && !sources.price) {
    throw inputError(
      `no hash rate or price data from ${isoDay(startDay)} to ${isoDay(endDay)}: pass --hashrate FILE / --price FILE, or import or fetch some (\`unwind data import btc.csv\`, \`unwind data fetch coinmetrics\`)`,
    );
  }
  return {
    history: { startDay, hashrateThs, priceUsd, issuanceBtc, feesBtc },
    sources,
    filled,
    observed,
    origins: [...origins.values()],
  };
}

/** The price series by the precedence documented on {@link loadNetworkInputs}. */
function findPrice(
  options: NetworkInputOptions,
  files: readonly Candidate[],
  stored: readonly Candidate[],
  priceFile: Candidate | undefined,
  inWindow: (candidate: Candidate, metric: string) => boolean,
  grid: (candidate: Candidate, metric: string, shiftDays?: number) => Picked,
): Picked | undefined {
  const wanted = options.priceSource;
  const rank = (c: Candidate) => {
    const kind = priceSourceOf(c.format);
    return kind === null ? PRICE_RANK.length : PRICE_RANK.indexOf(kind);
  };
  const ordered = [
    ...(priceFile ? [priceFile] : []),
    ...files.filter((c) => c !== priceFile),
    // Array.prototype.sort is stable: within a kind the most recent import stays first.
    ...[...stored].sort((a, b) => rank(a) - rank(b)),
  ].filter((c) => wanted === undefined || priceSourceOf(c.format) === wanted);
  for (const candidate of ordered) {
    const metric = priceMetric(candidate.metrics, candidate === priceFile);
    if (metric === undefined || !inWindow(candidate, metric)) continue;
    const kind = priceSourceOf(candidate.format);
    // CoinGecko's row for day D is its snapshot at 00:00 UTC of D, the close of D − 1: move it back a
    // day so that it lines up with the other sources' close of D.
    const picked = grid(candidate, metric, kind === "coingecko" ? -1 : 0);
    return { ...picked, source: { ...picked.source, priceSource: kind } };
  }
  if (wanted) {
    throw inputError(
      `no ${wanted} price series (${PRICE_SOURCES[wanted].description}) covers the dates asked for; import one (\`unwind data import FILE\`) or choose another --price-source`,
    );
  }
  return undefined;
}

/** Blocks mined per day on the grid, from the best source available, and what it was. */
function blocksPerDay(
  blocks: Picked | undefined,
  hashrateThs: Float64Array,
  difficulty: Picked | undefined,
  length: number,
): { values: Float64Array; description: string; origins: InputOrigin[] } {
  if (blocks)
    return {
      values: blocks.values,
      description: `blocks from ${blocks.source.label}`,
      origins: [blocks.origin],
    };
  if (difficulty) {
    // Expected blocks = hashes per day ÷ hashes per block = H × 1e12 × 86,400 ÷ (difficulty × 2³²).
    const values = new Float64Array(length);
    for (let i = 0; i < length; i++)
      values[i] = (hashrateThs[i]! * 1e12 * 86_400) / (difficulty.values[i]! * HASHES_PER_DIFFICULTY);
    return {
      values,
      description: `blocks = hash rate × 86,400 ÷ (difficulty × 2³²), difficulty from ${difficulty.source.label}`,
      origins: [difficulty.origin],
    };
  }
  return {
    values: new Float64Array(length).fill(BLOCKS_PER_DAY),
    description: "the 144-block daily target: no block count or difficulty data",
    origins: [],
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
