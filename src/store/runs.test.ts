import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { tempDir } from "../../test/cli.ts";
import { InputError, NotFoundError } from "../core/errors.ts";
import { openStore, type Store } from "./database.ts";
import { MIGRATIONS } from "./migrations.ts";
import { getRun, getRunEvents, inputHash, listRuns, type NewRun, recordRun } from "./runs.ts";

const run = (overrides: Partial<NewRun> = {}): NewRun => ({
  command: "cascade",
  parameters: { steps: 10, scenario: "x" },
  seed: 7,
  inputs: { file: "abc" },
  summary: "3 failures",
  results: { failures: ["a", "b", "c"], loss: 1.5e9 },
  events: [
    { step: 0, type: "shock", asset: "FTT", amountUsd: -1e9 },
    {
      step: 1,
      type: "default",
      entity: "a",
      counterparty: "b",
      amountUsd: 2e8,
      detail: { cause: "insolvent" },
    },
  ],
  timings: { totalMs: 12.5, clearing: 3 },
  startedAt: new Date("2026-11-26T00:00:00Z"),
  ...overrides,
});

describe("runs in the store", () => {
  let dir: ReturnType<typeof tempDir>;
  let store: Store;
  beforeEach(() => {
    dir = tempDir();
    store = openStore({ home: dir.path });
  });
  afterEach(() => {
    store.close();
    dir.cleanup();
  });

  it("opens in WAL mode with full sync, foreign keys and the latest schema", () => {
    expect(store.db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(store.db.pragma("synchronous", { simple: true })).toBe(2);
    expect(store.db.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(store.db.pragma("user_version", { simple: true })).toBe(MIGRATIONS.at(-1)!.version);
  });

  it("migrates once: reopening changes nothing", () => {
    store.close();
    store = openStore({ home: dir.path });
    expect(store.db.pragma("user_version", { simple: true })).toBe(MIGRATIONS.at(-1)!.version);
  });

  it("refuses a store from a newer unwind", () => {
    store.db.pragma("user_version = 999");
    store.close();
    expect(() => (store = openStore({ home: dir.path }))).toThrow(/schema version 999/);
    // The user's environment, not a bug: an InputError (CLI exit 2), code STORE.
    expect(() => openStore({ home: dir.path })).toThrow(expect.objectContaining({ code: "STORE" }));
    expect(() => openStore({ home: dir.path })).toThrow(InputError);
    store = openStore({ path: ":memory:" });
  });

  it("refuses a home that is a file, as bad input", () => {
    const file = join(dir.path, "not-a-folder");
    writeFileSync(file, "");
    expect(() => openStore({ home: file })).toThrow(InputError);
    expect(() => openStore({ home: file })).toThrow(`cannot open the store at ${join(file, "unwind.db")}`);
  });

  it("records a run and reads back parameters, results, timings and events", () => {
    const id = recordRun(store, run());
    const stored = getRun(store, id);
    expect(stored).toMatchObject({
      id,
      command: "cascade",
      summary: "3 failures",
      seed: 7,
      parameters: { steps: 10, scenario: "x" },
      results: { failures: ["a", "b", "c"], loss: 1.5e9 },
      timings: { totalMs: 12.5, clearing: 3 },
      totalMs: 12.5,
      eventCount: 2,
      startedAt: "2026-11-26T00:00:00.000Z",
    });
    expect(stored.inputHash).toBe(inputHash({ scenario: "x", steps: 10 }, { file: "abc" }));
    expect(getRunEvents(store, id)).toEqual([
      {
        step: 0,
        type: "shock",
        entity: null,
        counterparty: null,
        asset: "FTT",
        amountUsd: -1e9,
        detail: null,
      },
      {
        step: 1,
        type: "default",
        entity: "a",
        counterparty: "b",
        asset: null,
        amountUsd: 2e8,
        detail: { cause: "insolvent" },
      },
    ]);
  });

  it("lists most recent first, filtered by command", () => {
    const a = recordRun(store, run());
    const b = recordRun(store, run({ command: "network run" }));
    const c = recordRun(store, run());
    expect(listRuns(store).map((r) => r.id)).toEqual([c, b, a]);
    expect(listRuns(store, { command: "cascade", limit: 1 }).map((r) => r.id)).toEqual([c]);
  });

  it("writes nothing when any part of the run fails", () => {
    const bad = run({
      events: [
        { step: 0, type: "ok" },
        { step: 1, type: null as unknown as string },
      ],
    });
    expect(() => recordRun(store, bad)).toThrow(/NOT NULL/);
    expect(store.db.prepare("SELECT count(*) AS n FROM runs").get()).toEqual({ n: 0 });
    expect(store.db.prepare("SELECT count(*) AS n FROM run_events").get()).toEqual({ n: 0 });
  });

  it("stores the scenario of a run once, by content hash", () => {
    const scenario = { id: "s", name: "S", asOf: "2022-01-01", origin: "test", document: { b: 1, a: 2 } };
    const first = getRun(store, recordRun(store, run({ scenario })));
    const second = getRun(
      store,
      recordRun(store, run({ scenario: { ...scenario, document: { a: 2, b: 1 } } })),
    );
    expect(first.scenarioHash).toBe(second.scenarioHash);
    expect(store.db.prepare("SELECT count(*) AS n FROM scenarios").get()).toEqual({ n: 1 });
  });

  it("throws NotFoundError for an unknown run", () => {
    expect(() => getRun(store, 42)).toThrow(NotFoundError);
  });
});
