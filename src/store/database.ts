/**
 * The embedded store: one SQLite file at `$UNWIND_HOME/unwind.db`, in WAL mode with full
 * synchronisation, so a write the CLI has reported survives the process being killed and a write
 * that was interrupted leaves nothing behind (every write is one transaction).
 * @module
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { unwindHome } from "../core/environment.ts";
import { InputError, UnwindError } from "../core/errors.ts";
import { MIGRATIONS, type Migration } from "./migrations.ts";

/** An open store. */
export interface Store {
  readonly db: Database.Database;
  /** Path of the database file. */
  readonly path: string;
  close(): void;
}

/** Options for {@link openStore}. */
export interface StoreOptions {
  /** Directory holding `unwind.db` (default {@link unwindHome}). */
  readonly home?: string;
  /** Full path of the database file; overrides `home`. `:memory:` for a throwaway store. */
  readonly path?: string;
  /** Milliseconds to wait for another process's write lock before failing (default 10 000). */
  readonly busyTimeoutMs?: number;
}

/**
 * Opens (creating if needed) the store and brings its schema up to date.
 * @throws {InputError} `STORE` if the file cannot be opened (a home that is not a writable folder, a
 *   file that is not an unwind store) or is newer than this version of unwind: the user's environment,
 *   not a bug, so the CLI reports it with exit code 2 and no stack trace
 */
export function openStore(options: StoreOptions = {}): Store {
  const path = options.path ?? join(options.home ?? unwindHome(), "unwind.db");
  let db: Database.Database;
  try {
    if (path !== ":memory:") mkdirSync(join(path, ".."), { recursive: true });
    db = new Database(path);
  } catch (error) {
    throw storeError(`cannot open the store at ${path}: ${(error as Error).message}`, error);
  }
  try {
    db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 10_000}`);
    db.pragma("journal_mode = WAL");
    // FULL: a commit is on disk before the call returns, not only in the OS cache.
    db.pragma("synchronous = FULL");
    db.pragma("foreign_keys = ON");
    migrate(db, MIGRATIONS);
  } catch (error) {
    db.close();
    throw error instanceof UnwindError
      ? error
      : storeError(`cannot prepare the store at ${path}: ${(error as Error).message}`, error);
  }
  return { db, path, close: () => db.close() };
}

/** Applies the migrations newer than the database's `user_version`, each in its own transaction. */
export function migrate(db: Database.Database, migrations: readonly Migration[]): void {
  const current = db.pragma("user_version", { simple: true }) as number;
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) {
    throw storeError(
      `the store has schema version ${current} but this unwind knows only up to ${latest}; upgrade unwind`,
    );
  }
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    // Re-read inside the write lock: another process may have migrated since we looked.
    db.transaction(() => {
      if ((db.pragma("user_version", { simple: true }) as number) >= migration.version) return;
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
}

function storeError(message: string, cause?: unknown): InputError {
  return new InputError("STORE", [{ path: "", message }], { cause });
}
