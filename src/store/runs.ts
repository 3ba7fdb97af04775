/**
 * Runs: every command that produces results records what it was asked (command, parameters, seed,
 * a hash of its inputs), what it found, how long it took and which version of unwind did it.
 * A run and its events are written in one transaction: all of it or nothing.
 * @module
 */
import { VERSION } from "../core/environment.ts";
import { NotFoundError } from "../core/errors.ts";
import { canonicalJson, sha256Hex } from "../core/hash.ts";
import type { Store } from "./database.ts";
import { type StoredScenario, storeScenario } from "./scenarios.ts";

/** One event of a simulation, as the cascade engine emits it. */
export interface RunEvent {
  readonly step: number;
  readonly type: string;
  readonly entity?: string | null;
  readonly counterparty?: string | null;
  readonly asset?: string | null;
  readonly amountUsd?: number | null;
  readonly detail?: unknown;
}

/** What a command hands to {@link recordRun}. */
export interface NewRun {
  /** Command path, e.g. `cascade` or `network run`. */
  readonly command: string;
  /** Options as the user gave them (after defaults). */
  readonly parameters: Record<string, unknown>;
  readonly seed?: number | null;
  /** Everything the result depends on besides parameters (file contents, data set ids); hashed. */
  readonly inputs: unknown;
  /** The scenario the run used, stored by content hash. */
  readonly scenario?: StoredScenario;
  /** One line for `runs list`. */
  readonly summary: string;
  readonly results: unknown;
  readonly events?: readonly RunEvent[];
  /** Phase timings in milliseconds; `totalMs` is required. */
  readonly timings: { readonly totalMs: number } & Record<string, number>;
  readonly startedAt: Date;
}

/** A run as listed. */
export interface RunSummary {
  readonly id: number;
  readonly command: string;
  readonly summary: string;
  readonly seed: number | null;
  readonly inputHash: string;
  readonly scenarioHash: string | null;
  readonly version: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly totalMs: number;
}

/** A run with everything recorded. */
export interface RunRecord extends RunSummary {
  readonly parameters: Record<string, unknown>;
  readonly results: unknown;
  readonly timings: Record<string, number>;
  readonly eventCount: number;
}

/** Hash of a run's inputs and parameters: equal hashes mean the run can be reproduced exactly. */
export function inputHash(parameters: unknown, inputs: unknown): string {
  return sha256Hex(canonicalJson({ parameters, inputs }));
}

/**
 * Writes a run (and its events, and its scenario if new) in a single transaction.
 * @returns the run id
 */
export function recordRun(store: Store, run: NewRun): number {
  const { db } = store;
  const insertRun = db.prepare(`
    INSERT INTO runs (command, parameters, seed, input_hash, scenario_hash, summary, results, timings, version,
                      started_at, finished_at)
    VALUES (@command, @parameters, @seed, @inputHash, @scenarioHash, @summary, @results, @timings, @version,
            @startedAt, @finishedAt)`);
  const insertEvent = db.prepare(`
    INSERT INTO run_events (run_id, seq, step, type, entity, counterparty, asset, amount_usd, detail)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const write = db.transaction((): number => {
    const scenarioHash = run.scenario ? storeScenario(store, run.scenario) : null;
    const id = Number(
      insertRun.run({
        command: run.command,
        parameters: canonicalJson(run.parameters),
        seed: run.seed ?? null,
        inputHash: inputHash(run.parameters, run.inputs),
        scenarioHash,
        summary: run.summary,
        results: JSON.stringify(run.results),
        timings: JSON.stringify(run.timings),
        version: VERSION,
        startedAt: run.startedAt.toISOString(),
        finishedAt: new Date().toISOString(),
      }).lastInsertRowid,
    );
    const events = run.events ?? [];
    for (let seq = 0; seq < events.length; seq++) {
      const e = events[seq]!;
      insertEvent.run(
        id,
        seq,
        e.step,
        e.type,
        e.entity ?? null,
        e.counterparty ?? null,
        e.asset ?? null,
        e.amountUsd ?? null,
        e.detail === undefined ? null : JSON.stringify(e.detail),
      );
    }
    return id;
  });
  return write.immediate();
}

interface RunRow {
  id: number;
  command: string;
  summary: string;
  seed: number | null;
  input_hash: string;
  scenario_hash: string | null;
  version: string;
  started_at: string;
  finished_at: string;
  timings: string;
}

function toSummary(row: RunRow): RunSummary {
  return {
    id: row.id,
    command: row.command,
    summary: row.summary,
    seed: row.seed,
    inputHash: row.input_hash,
    scenarioHash: row.scenario_hash,
    version: row.version,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    totalMs: (JSON.parse(row.timings) as { totalMs: number }).totalMs,
  };
}

/** Most recent runs first. */
export function listRuns(store: Store, options: { limit?: number; command?: string } = {}): RunSummary[] {
  const rows = store.db
    .prepare(
      `SELECT id, command, summary, seed, input_hash, scenario_hash, version, started_at, finished_at, timings
       FROM runs WHERE (@command IS NULL OR command = @command) ORDER BY id DESC LIMIT @limit`,
    )
    .all({ command: options.command ?? null, limit: options.limit ?? 20 }) as RunRow[];
  return rows.map(toSummary);
}

/**
 * One run with its results.
 * @throws {NotFoundError} if there is no run `id`
 */
export function getRun(store: Store, id: number): RunRecord {
  const row = store.db.prepare("SELECT * FROM runs WHERE id = ?").get(id) as
    | (RunRow & { parameters: string; results: string })
    | undefined;
  if (!row) throw new NotFoundError("run", String(id), "see `unwind runs list`");
  const { n } = store.db.prepare("SELECT count(*) AS n FROM run_events WHERE run_id = ?").get(id) as {
    n: number;
  };
  return {
    ...toSummary(row),
    parameters: JSON.parse(row.parameters) as Record<string, unknown>,
    results: JSON.parse(row.results) as unknown,
    timings: JSON.parse(row.timings) as Record<string, number>,
    eventCount: n,
  };
}

/** Events of a run in emission order. */
export function getRunEvents(store: Store, id: number): RunEvent[] {
  const rows = store.db
    .prepare(
      "SELECT step, type, entity, counterparty, asset, amount_usd, detail FROM run_events WHERE run_id = ? ORDER BY seq",
    )
    .all(id) as {
    step: number;
    type: string;
    entity: string | null;
    counterparty: string | null;
    asset: string | null;
    amount_usd: number | null;
    detail: string | null;
  }[];
  return rows.map((r) => ({
    step: r.step,
    type: r.type,
    entity: r.entity,
    counterparty: r.counterparty,
    asset: r.asset,
    amountUsd: r.amount_usd,
    detail: r.detail === null ? null : (JSON.parse(r.detail) as unknown),
  }));
}
