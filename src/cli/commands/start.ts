/**
 * `unwind start` (what `npm start` runs): the main job on built-in data, no network. Runs the FTX
 * scenario (ftx-2022) through the cascade engine and the production-cost floor for 9 Nov 2022, the
 * date of JPMorgan's note, prints the strategist summary, writes the HTML report to
 * `$UNWIND_HOME/reports/ftx-2022.html` and records the run in the embedded store.
 * @module
 */
import type { Command } from "commander";
import type { CliContext } from "../context.ts";
import { buildReport, jpmorganFloorLine, renderSummary, reportJson } from "./report.ts";

/** The scenario and floor date `unwind start` reports on. */
export const START = { scenario: "ftx-2022", floorDate: "2022-11-09" } as const;

/** Registers the `start` command. */
export function registerStartCommand(program: Command, ctx: CliContext): void {
  program
    .command("start")
    .description(
      "the main job on built-in data (no network): the FTX cascade, the production-cost floor on 9 Nov 2022, a strategist summary and the HTML report",
    )
    .option("--json", "one JSON document: the summary, floor, failures and the report's path")
    .action((options: { json?: boolean }) => {
      const built = buildReport(ctx, "start", START);
      if (options.json) return ctx.json(reportJson(built));
      ctx.print(renderSummary(built.summary));
      if (built.floor) ctx.print(`\n${jpmorganFloorLine(built.floor)}`);
      ctx.print(`\nReport written to ${built.path}`);
      ctx.print(`Store: ${ctx.openStore().path} (run ${built.run}; unwind runs show ${built.run} --events)`);
    });
}
