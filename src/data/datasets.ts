/**
 * Data sets in the store. A data set is one import or fetch of one source and is immutable: it is
 * written whole in one transaction (data set row, series rows, every observation) or not at all, and
 * importing the same content again returns the data set already there.
 * @module
 */
import { NotFoundError } from "../core/errors.ts";
import { canonicalJson, sha256Hex } from "../core/hash.ts";
import type { Store } from "../store/database.ts";
import { dayNumber, isoDay } from "./days.ts";
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
  const insertObservation = db.prepare(
    `INSERT INTO observations (dataset_id, metric, date, value) VALUES (?, ?, ?, ?)`,
  );
  const notes = Object.fromEntries(dataset.series.filter((s) => s.note).map((s) => [s.metric, s.note]));
  const meta = Object.keys(notes).length > 0 ? { ...dataset.meta, notes } : dataset.meta;
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
        const n = series.days.length;
        if (n === 0) continue;
        insertSeries.run(
          id,
          series.metric,
          series.unit,
          series.sampling,
          isoDay(series.days[0]!),
          isoDay(series.days[n - 1]!),
          n,
        );
        for (let i = 0; i < n; i++)
          insertObservation.run(id, series.metric, isoDay(series.days[i]!), series.values[i]!);
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
  const summary = dataset?.series.find((s) => s.metric === metric);
  if (!dataset || !summary) return undefined;
  const rows = store.db
    .prepare("SELECT date, value FROM observations WHERE dataset_id = ? AND metric = ? ORDER BY date")
    .all(dataset.id, metric) as { date: string; value: number }[];
  const days = new Int32Array(rows.length);
  const values = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    days[i] = dayNumber(rows[i]!.date);
    values[i] = rows[i]!.value;
  }
  return { metric, unit: summary.unit, sampling: summary.sampling, dataset, days, values };
}
