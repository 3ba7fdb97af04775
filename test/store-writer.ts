/**
 * Child process for the store durability tests: writes one run and reports on stdout.
 *   node --import tsx test/store-writer.ts HOME EVENTS hang|exit
 * Prints `begin <ms>` just before the write and `recorded <id> <ms>` after it commits; with `hang`
 * it then spins until killed, so the parent can SIGKILL it at a known point.
 */
import { openStore } from "../src/store/database.ts";
import { type RunEvent, recordRun } from "../src/store/runs.ts";

const [home, eventCount, after] = process.argv.slice(2);
const store = openStore({ home: home! });
const events: RunEvent[] = Array.from({ length: Number(eventCount) }, (_, i) => ({
  step: i % 50,
  type: "fire-sale",
  entity: `e${i % 97}`,
  asset: "BTC",
  amountUsd: i * 1000.5,
  detail: { i },
}));
const t0 = performance.now();
process.stdout.write(`begin ${Date.now()}\n`);
const id = recordRun(store, {
  command: "durability-test",
  parameters: { events: events.length },
  inputs: { events: events.length },
  summary: `${events.length} events`,
  results: { checksum: events.length * 7 },
  events,
  timings: { totalMs: 0 },
  startedAt: new Date(),
});
process.stdout.write(`recorded ${id} ${(performance.now() - t0).toFixed(0)}\n`);
if (after === "hang") for (;;) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1000);
store.close();
