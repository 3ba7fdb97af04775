/**
 * `unwind runs list|show`: the record of every result-producing command.
 * @module
 */
import type { Command } from "commander";
import { formatNumber } from "../../core/format.ts";
import { getRun, getRunEvents, listRuns } from "../../store/runs.ts";
import type { CliContext } from "../context.ts";
import { integerAtLeast } from "../options.ts";
import { renderFields, renderTable } from "../table.ts";

/** Registers the `runs` command group. */
export function registerRunsCommands(program: Command, ctx: CliContext): void {
  const runs = program.command("runs").description("list and show recorded runs");

  runs
    .command("list")
    .description("most recent runs first")
    .option("-n, --limit <n>", "how many", integerAtLeast(1), 20)
    .option("--command <name>", "only runs of this command (e.g. cascade)")
    .option("--json", "machine-readable output")
    .action((options: { limit: number; command?: string; json?: boolean }) => {
      const rows = listRuns(ctx.openStore(), {
        limit: options.limit,
        ...(options.command ? { command: options.command } : {}),
      });
      if (options.json) return ctx.json(rows);
      if (rows.length === 0) return ctx.print("No runs recorded yet.");
      ctx.print(
        renderTable(rows, [
          { header: "id", value: (r) => String(r.id), right: true },
          { header: "started", value: (r) => r.startedAt.replace("T", " ").slice(0, 19) },
          { header: "command", value: (r) => r.command },
          { header: "ms", value: (r) => formatNumber(r.totalMs, 0), right: true },
          { header: "summary", value: (r) => r.summary },
        ]),
      );
    });

  runs
    .command("show")
    .description("parameters, timings and results of one run")
    .argument("<id>", "run id", integerAtLeast(1))
    .option("--events", "include the run's event log")
    .option("--json", "machine-readable output")
    .action((id: number, options: { events?: boolean; json?: boolean }) => {
      const store = ctx.openStore();
      const run = getRun(store, id);
      const events = options.events ? getRunEvents(store, id) : undefined;
      if (options.json) return ctx.json(events ? { ...run, events } : run);
      ctx.print(
        renderFields([
          ["run", String(run.id)],
          ["command", run.command],
          ["summary", run.summary],
          ["started", run.startedAt],
          ["finished", run.finishedAt],
          ["version", run.version],
          ["seed", run.seed === null ? "–" : String(run.seed)],
          ["input hash", run.inputHash],
          ["scenario", run.scenarioHash ?? "–"],
          ["parameters", JSON.stringify(run.parameters)],
          [
            "timings",
            Object.entries(run.timings)
              .map(([k, v]) => `${k} ${formatNumber(v, 1)} ms`)
              .join(", "),
          ],
          ["events", String(run.eventCount)],
        ]),
      );
      ctx.print();
      ctx.print(JSON.stringify(run.results, null, 2));
      if (events) {
        ctx.print();
        ctx.print(
          renderTable(events, [
            { header: "step", value: (e) => String(e.step), right: true },
            { header: "type", value: (e) => e.type },
            { header: "entity", value: (e) => e.entity ?? "" },
            { header: "counterparty", value: (e) => e.counterparty ?? "" },
            { header: "asset", value: (e) => e.asset ?? "" },
            { header: "amount USD", value: (e) => formatNumber(e.amountUsd ?? null, 0), right: true },
          ]),
        );
      }
    });
}
