/**
 * Versioned schema of the store. Each migration runs once, in its own transaction, and bumps
 * `PRAGMA user_version`; never edit a released migration, add a new one.
 * @module
 */

/** One schema change. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/** All migrations, in order. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "datasets, series, scenarios, runs",
    sql: `
      -- A data set is one import or fetch of one source; it is immutable once written.
      CREATE TABLE datasets (
        id            TEXT PRIMARY KEY,
        format        TEXT NOT NULL,
        source        TEXT NOT NULL,
        licence       TEXT,
        fetched_at    TEXT NOT NULL,
        methodology   TEXT,
        download_date TEXT,
        content_hash  TEXT NOT NULL,
        meta          TEXT NOT NULL DEFAULT '{}'
      );
      CREATE TABLE series (
        dataset_id  TEXT NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
        metric      TEXT NOT NULL,
        unit        TEXT NOT NULL,
        sampling    TEXT NOT NULL,
        first_date  TEXT NOT NULL,
        last_date   TEXT NOT NULL,
        points      INTEGER NOT NULL,
        PRIMARY KEY (dataset_id, metric)
      ) WITHOUT ROWID;
      CREATE TABLE observations (
        dataset_id  TEXT NOT NULL,
        metric      TEXT NOT NULL,
        date        TEXT NOT NULL,
        value       REAL NOT NULL,
        PRIMARY KEY (dataset_id, metric, date),
        FOREIGN KEY (dataset_id, metric) REFERENCES series(dataset_id, metric) ON DELETE CASCADE
      ) WITHOUT ROWID;
      CREATE INDEX observations_by_metric ON observations(metric, date);

      -- Scenarios are stored by content hash, so a run always points at exactly what it ran.
      CREATE TABLE scenarios (
        hash        TEXT PRIMARY KEY,
        id          TEXT NOT NULL,
        name        TEXT NOT NULL,
        as_of       TEXT NOT NULL,
        origin      TEXT NOT NULL,
        body        TEXT NOT NULL,
        stored_at   TEXT NOT NULL
      );
      CREATE INDEX scenarios_by_id ON scenarios(id, stored_at);

      CREATE TABLE runs (
        id            INTEGER PRIMARY KEY,
        command       TEXT NOT NULL,
        parameters    TEXT NOT NULL,
        seed          INTEGER,
        input_hash    TEXT NOT NULL,
        scenario_hash TEXT REFERENCES scenarios(hash),
        summary       TEXT NOT NULL,
        results       TEXT NOT NULL,
        timings       TEXT NOT NULL,
        version       TEXT NOT NULL,
        started_at    TEXT NOT NULL,
        finished_at   TEXT NOT NULL
      );
      CREATE INDEX runs_by_command ON runs(command, id);
      CREATE TABLE run_events (
        run_id        INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        seq           INTEGER NOT NULL,
        step          INTEGER NOT NULL,
        type          TEXT NOT NULL,
        entity        TEXT,
        counterparty  TEXT,
        asset         TEXT,
        amount_usd    REAL,
        detail        TEXT,
        PRIMARY KEY (run_id, seq)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 2,
    name: "HTTP response cache for data fetchers",
    sql: `
      -- One row per URL a fetcher requested: the last good response, kept so repeated fetches within
      -- their max age make no request and later ones can revalidate with ETag / Last-Modified.
      CREATE TABLE http_cache (
        url            TEXT PRIMARY KEY,
        fetched_at     TEXT NOT NULL,
        status         INTEGER NOT NULL,
        content_type   TEXT,
        etag           TEXT,
        last_modified  TEXT,
        body           TEXT NOT NULL
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 3,
    name: "drop the unused observations-by-metric index",
    sql: `
      -- Every read of observations goes through the primary key (data set, metric, date); the second
      -- index was never read and made each imported observation update two B-trees instead of one.
      DROP INDEX IF EXISTS observations_by_metric;
    `,
  },
];
