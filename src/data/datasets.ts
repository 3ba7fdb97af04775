/**
 * Data sets in the store. A data set is one import or fetch of one source and is immutable: it is
 * written whole in one transaction (data set row, series rows, every observation) or not at all, and
 * importing the same content again returns the data set already there.
 * @module
 */
import { NotFoundError } from "../core/errors.ts";
import { canonicalJson, sha256Hex } from "../core/hash.ts";
import type { Store } from "../store/database.ts";
import { isoDay } from "./days.ts";
import type { ImportedDataset, Sampling } from "./imported.ts";
import type { SparseSeries } from "./series.ts";

/** A series of a stored data set, as listed. */
export interface SeriesSummary {
  readonly metric: string;
  readonly unit: string;
  readonly sampling: Sampling;
  readonly firstDate: string;
  readonly lastDate: string;
  readonly points: number;
}

/**
 * Observations per INSERT statement when a data set is saved: 256 rows = 1,024 bound parameters,
 * well under SQLite's limit of 32,766 (SQLITE_MAX_VARIABLE_NUMBER since 3.32).
 */
const BATCH_ROWS = 256;

/** A stored data set with its provenance. */
export interface DatasetRecord {
  readonly id: string;
  readonly format: string;
  /** File path or URL. */
  readonly source: string;
  readonly licence: string | null;
  /** When unwind imported or fetched it (ISO time). */
  readonly fetchedAt: string;
  /** CBECI methodology, else null. */
  readonly methodology: string | null;
  /** When the publisher's file was downloaded (YYYY-MM-DD), when known. */
  readonly downloadDate: string | null;
  /** SHA-256 of the imported content. */
  readonly contentHash: string;
  readonly meta: Readonly<Record<string, unknown>>;
  readonly series: readonly SeriesSummary[];
}

/** A stored series with the data set it came from. */
export interface StoredSeries extends SparseSeries {
  readonly metric: string;
  readonly unit: string;
  readonly sampling: Sampling;
  readonly dataset: DatasetRecord;
}

/**
 * Stores a data set in one transaction. The id is `<format>-<12 hex>` from the content hash and the
 * provenance, so the same content imported with the same provenance is stored once.
 * @param contentHash SHA-256 of the raw content (file text, or the fetched bodies)
 * @returns the stored record and whether it was new
 */
export function saveDataset(
  store: Store,
  dataset: ImportedDataset,
  contentHash: string,
  fetchedAt: Date = new Date(),
): { record: DatasetRecord; created: boolean } {
  const key = canonicalJson({
    contentHash,
    format: dataset.format,
    licence: dataset.licence,
    methodology: dataset.methodology,
    downloadDate: dataset.downloadDate,
  });
  const id = `${dataset.format}-${sha256Hex(key).slice(0, 12)}`;
  const { db } = store;
  const insertSeries = db.prepare(
    `INSERT INTO series (dataset_id, metric, unit, sampling, first_date, last_date, points) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertBatch = db.prepare(
    `INSERT INTO observations (dataset_id, metric, date, value) VALUES ${"(?, ?, ?, ?), ".repeat(BATCH_ROWS - 1)}(?, ?, ?, ?)`,
  );
  const insertOne = db.prepare(
    `INSERT INTO observations (dataset_id, metric, date, value) VALUES (?, ?, ?, ?)`,
  );
  const notes = Object.fromEntries(dataset.series.filter((s) => s.note).map((s) => [s.metric, s.note]));
  const meta = Object.keys(notes).length > 0 ? { ...dataset.meta, notes } : dataset.meta;
  // Series of one data set mostly share their days (CBECI: 19 series on one calendar): format each once.
  const dates = new Map<number, string>();
  const date = (day: number): string => {
    let text = dates.get(day);
    if (text === undefined) {
      text = isoDay(day);
      dates.set(day, text);
    }
    return text;
  };
  const params: (string | number)[] = new Array(BATCH_ROWS * 4);
  const created = db
    .transaction((): boolean => {
      if (db.prepare("SELECT 1 FROM datasets WHERE id = ?").get(id)) return false;
      db.prepare(
        `INSERT INTO datasets (id, format, source, licence, fetched_at, methodology, download_date, content_hash, meta)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        id,
        dataset.format,
        dataset.source,
        dataset.licence,
        fetchedAt.toISOString(),
        dataset.methodology,
        dataset.downloadDate,
        contentHash,
        JSON.stringify(meta),
      );
      for (const series of dataset.series) {
        const { metric, days, values } = series;
        const n = days.length;
        if (n === 0) continue;
        insertSeries.run(id, metric, series.unit, series.sampling, date(days[0]!), date(days[n - 1]!), n);
        // Multi-row statements: one call into SQLite per BATCH_ROWS observations instead of one per row.
        let i = 0;
        for (; i + BATCH_ROWS <= n; i += BATCH_ROWS) {
          for (let k = 0, p = 0; k < BATCH_ROWS; k++) {
            params[p++] = id;
            params[p++] = metric;
            params[p++] = date(days[i + k]!);
            params[p++] = values[i + k]!;
          }
          insertBatch.run(params);
        }
        for (; i < n; i++) insertOne.run(id, metric, date(days[i]!), values[i]!);
      }
      return true;
    })
    .immediate();
  return { record: getDataset(store, id), created };
}

interface DatasetRow {
  id: string;
  format: string;
  source: string;
  licence: string | null;
  fetched_at: string;
  methodology: string | null;
  download_date: string | null;
  content_hash: string;
  meta: string;
}

function toRecord(store: Store, row: DatasetRow): DatasetRecord {
  const series = store.db
    .prepare(
      "SELECT metric, unit, sampling, first_date, last_date, points FROM series WHERE dataset_id = ? ORDER BY metric",
    )
    .all(row.id) as {
    metric: string;
    unit: string;
    sampling: Sampling;
    first_date: string;
    last_date: string;
    points: number;
  }[];
  return {
    id: row.id,
    format: row.format,
    source: row.source,
    licence: row.licence,
    fetchedAt: row.fetched_at,
    methodology: row.methodology,
    downloadDate: row.download_date,
    contentHash: row.content_hash,
    meta: JSON.parse(row.meta) as Record<string, unknown>,
    series: series.map((s) => ({
      metric: s.metric,
      unit: s.unit,
      sampling: s.sampling,
      firstDate: s.first_date,
      lastDate: s.last_date,
      points: s.points,
    })),
  };
}

/** Every stored data set, most recently imported first. */
export function listDatasets(store: Store): DatasetRecord[] {
  const rows = store.db.prepare("SELECT * FROM datasets ORDER BY fetched_at DESC, id").all() as DatasetRow[];
  return rows.map((row) => toRecord(store, row));
}

/**
 * One data set by id (or a unique id prefix).
 * @throws {NotFoundError} if there is none
 */
export function getDataset(store: Store, id: string): DatasetRecord {
  const rows = store.db
    .prepare("SELECT * FROM datasets WHERE id = ? OR id LIKE ? ESCAPE '\\' LIMIT 2")
    .all(id, `${id.replace(/[%_\\]/g, "\\$&")}%`) as DatasetRow[];
  const exact = rows.find((row) => row.id === id);
  const row = exact ?? (rows.length === 1 ? rows[0] : undefined);
  if (!row)
    throw new NotFoundError(
      "data set",
      id,
      rows.length > 1 ? "the prefix is ambiguous" : "see `unwind data list`",
    );
  return toRecord(store, row);
}

/** Deletes a data set and its series. @throws {NotFoundError} */
export function removeDataset(store: Store, id: string): DatasetRecord {
  const record = getDataset(store, id);
  store.db
    .transaction(() => {
      store.db.prepare("DELETE FROM observations WHERE dataset_id = ?").run(record.id);
      store.db.prepare("DELETE FROM series WHERE dataset_id = ?").run(record.id);
      store.db.prepare("DELETE FROM datasets WHERE id = ?").run(record.id);
    })
    .immediate();
  return record;
}

/**
 * Data sets holding `metric`, preferred first: the newest publisher download (CBECI restates its
 * history, so the latest snapshot is the default), then the most recent import.
 */
export function datasetsWithMetric(store: Store, metric: string): DatasetRecord[] {
  const rows = store.db
    .prepare(
      `SELECT d.* FROM datasets d JOIN series s ON s.dataset_id = d.id WHERE s.metric = ?
       ORDER BY d.download_date IS NULL, d.download_date DESC, d.fetched_at DESC, d.id`,
    )
    .all(metric) as DatasetRow[];
  return rows.map((row) => toRecord(store, row));
}

/**
 * Reads one series. Without `datasetId`, from the preferred data set holding it (see
 * {@link datasetsWithMetric}); undefined when no data set has it.
 */
export function loadSeries(store: Store, metric: string, datasetId?: string): StoredSeries | undefined {
  const dataset = datasetId ? getDataset(store, datasetId) : datasetsWithMetric(store, metric)[0];
  return dataset ? seriesOf(store, dataset, metric) : undefined;
}

/** One series of a data set already read; undefined if the data set has no such series. */
export function seriesOf(store: Store, dataset: DatasetRecord, metric: string): StoredSeries | undefined {
  const summary = dataset.series.find((s) => s.metric === metric);
  if (!summary) return undefined;
  // Day numbers computed by SQLite and rows as arrays: no per-row objects or date parsing in JS.
  const rows = store.db
    .prepare(
      "SELECT CAST(julianday(date) - 2440587.5 AS INTEGER), value FROM observations WHERE dataset_id = ? AND metric = ? ORDER BY date",
    )
    .raw(true)
    .all(dataset.id, metric) as [number, number][];
  const n = rows.length;
  const days = new Int32Array(n);
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const row = rows[i]!;
    days[i] = row[0];
    values[i] = row[1];
  }
  return { metric, unit: summary.unit, sampling: summary.sampling, dataset, days, values };
}
