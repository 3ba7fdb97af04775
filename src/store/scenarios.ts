/**
 * Scenarios in the store, by content hash. A run points at the exact scenario text it used; a
 * scenario imported by the user can then be run by its id like a built-in one.
 * @module
 */
import { canonicalJson, sha256Hex } from "../core/hash.ts";
import type { Store } from "./database.ts";

/** A scenario to store: its validated document and where it came from. */
export interface StoredScenario {
  readonly id: string;
  readonly name: string;
  readonly asOf: string;
  /** `builtin:<id>`, a file path, or `api`. */
  readonly origin: string;
  /** The scenario document as validated (with provenance). */
  readonly document: unknown;
}

/** A stored scenario as listed. */
export interface StoredScenarioRow {
  readonly hash: string;
  readonly id: string;
  readonly name: string;
  readonly asOf: string;
  readonly origin: string;
  readonly storedAt: string;
}

/** Content hash of a scenario document (key order does not matter). */
export function scenarioHash(document: unknown): string {
  return sha256Hex(canonicalJson(document));
}

/** Stores a scenario if it is not there yet. @returns its hash */
export function storeScenario(store: Store, scenario: StoredScenario): string {
  const body = canonicalJson(scenario.document);
  const hash = sha256Hex(body);
  store.db
    .prepare(
      `INSERT OR IGNORE INTO scenarios (hash, id, name, as_of, origin, body, stored_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(hash, scenario.id, scenario.name, scenario.asOf, scenario.origin, body, new Date().toISOString());
  return hash;
}

/** The latest stored version of each scenario id. */
export function listStoredScenarios(store: Store): StoredScenarioRow[] {
  const rows = store.db
    .prepare(
      `SELECT hash, id, name, as_of, origin, stored_at FROM scenarios s
       WHERE stored_at = (SELECT max(stored_at) FROM scenarios WHERE id = s.id) ORDER BY id`,
    )
    .all() as { hash: string; id: string; name: string; as_of: string; origin: string; stored_at: string }[];
  return rows.map((r) => ({
    hash: r.hash,
    id: r.id,
    name: r.name,
    asOf: r.as_of,
    origin: r.origin,
    storedAt: r.stored_at,
  }));
}

/** The document of the latest stored scenario with this id or hash, if any. */
export function findStoredScenario(
  store: Store,
  idOrHash: string,
): { row: StoredScenarioRow; document: unknown } | undefined {
  const row = store.db
    .prepare(
      `SELECT hash, id, name, as_of, origin, stored_at, body FROM scenarios
       WHERE id = ? OR hash = ? ORDER BY stored_at DESC LIMIT 1`,
    )
    .get(idOrHash, idOrHash) as
    | {
        hash: string;
        id: string;
        name: string;
        as_of: string;
        origin: string;
        stored_at: string;
        body: string;
      }
    | undefined;
  if (!row) return undefined;
  return {
    row: {
      hash: row.hash,
      id: row.id,
      name: row.name,
      asOf: row.as_of,
      origin: row.origin,
      storedAt: row.stored_at,
    },
    document: JSON.parse(row.body) as unknown,
  };
}
