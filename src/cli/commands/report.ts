/**
 * `unwind report`: runs a scenario's cascade and the production-cost floor on one of its dated
 * bitcoin-network states, and writes the one-page strategist report (HTML). `unwind start` uses the
 * same steps for the FTX episode.
 * @module
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { Command } from "commander";
import { runCascade } from "../../cascade/engine.ts";
import type { CascadeResult } from "../../cascade/result.ts";
import { unwindHome } from "../../core/environment.ts";
import { formatPercent, formatUsd } from "../../core/format.ts";
import { floorFromNetworkState, type NetworkStateFloor } from "../../floor/network-state.ts";
import { applyCounterfactuals, type Counterfactuals } from "../../history/run-episode.ts";
import { reportInputFor } from "../../report/build.ts";
import { renderStrategistReport } from "../../report/strategist-report.ts";
import { type StrategistSummary, strategistSummary } from "../../report/summary.ts";
import { networkStateOn, networkStates } from "../../scenario/bitcoin-network.ts";
import { resolveScenario } from "../../scenario/builtin.ts";
import type { LoadedScenario } from "../../scenario/load.ts";
import { recordRun } from "../../store/runs.ts";
import type { CliContext } from "../context.ts";
import {
  addCounterfactualOptions,
  type CounterfactualFlags,
  counterfactualsFrom,
} from "../counterfactual-options.ts";
import { numberBetween, parseDate } from "../options.ts";
import { storedScenario } from "../stored-scenario.ts";
import { renderTable } from "../table.ts";

/** What {@link buildReport} does. */
export interface ReportRequest {
  readonly scenario: string;
  /** Date of the network state the floor is computed on (default: the scenario's latest). */
  readonly floorDate?: string | undefined;
  /** USD/kWh (default 0.05). */
  readonly electricityUsdPerKwh?: number | undefined;
  /** Output file (default `$UNWIND_HOME/reports/<scenario>.html`). */
  readonly out?: string | undefined;
  readonly counterfactuals?: Counterfactuals;
}

/** What {@link buildReport} produced. */
export interface BuiltReport {
  readonly loaded: LoadedScenario;
  readonly result: CascadeResult;
  readonly floor: NetworkStateFloor | undefined;
  readonly summary: StrategistSummary;
  /** Absolute path of the written HTML file. */
  readonly path: string;
  readonly timings: { readonly simulateMs: number; readonly floorMs: number };
}

/** Runs the scenario and the floor, writes the HTML report and records the run. */
export function buildReport(
  ctx: CliContext,
  command: string,
  request: ReportRequest,
): BuiltReport & { run: number } {
  const started = new Date();
  const t0 = performance.now();
  const store = ctx.openStore();
  const resolved = resolveScenario(request.scenario, store);
  const loaded = request.counterfactuals
    ? { ...resolved, scenario: applyCounterfactuals(resolved.scenario, request.counterfactuals) }
    : resolved;
  const t1 = performance.now();
  const result = runCascade(loaded.scenario);
  const t2 = performance.now();
  const states = networkStates(loaded.document);
  const floorDate = request.floorDate ?? states.at(-1)?.date;
  const floor =
    floorDate === undefined
      ? undefined
      : floorFromNetworkState(networkStateOn(loaded.document, floorDate), {
          electricityUsdPerKwh: request.electricityUsdPerKwh ?? 0.05,
        });
  const t3 = performance.now();
  const input = reportInputFor(loaded.scenario, result, floor, started);
  const summary = strategistSummary(input);
  const home = ctx.home ?? unwindHome(ctx.io.env);
  const path = request.out
    ? resolve(ctx.io.cwd, request.out)
    : join(home, "reports", `${loaded.scenario.id}.html`);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, renderStrategistReport(input));
  const { events, ...results } = result;
  const run = recordRun(store, {
    command,
    parameters: {
      scenario: request.scenario,
      floorDate: floorDate ?? null,
      electricityUsdPerKwh: request.electricityUsdPerKwh ?? 0.05,
      withoutRescuers: request.counterfactuals?.withoutRescuers ?? [],
      addRescuers: request.counterfactuals?.addRescuers ?? [],
    },
    seed: loaded.scenario.parameters?.seed ?? 0,
    inputs: { scenario: loaded.document },
    scenario: storedScenario(loaded),
    summary: summary.headline,
    results: { summary, floor: floor ?? null, cascade: results, reportPath: path },
    events,
    timings: {
      totalMs: performance.now() - t0,
      loadMs: t1 - t0,
      simulateMs: t2 - t1,
      floorMs: t3 - t2,
    },
    startedAt: started,
  });
  return {
    run,
    loaded,
    result,
    floor,
    summary,
    path,
    timings: { simulateMs: t2 - t1, floorMs: t3 - t2 },
  };
}

/** The summary as terminal text: headline, failures in order, bullets. */
export function renderSummary(summary: StrategistSummary): string {
  const failures =
    summary.failures.length === 0
      ? "  none"
      : renderTable(summary.failures, [
          { header: "day", value: (f) => String(f.step), right: true },
          { header: "date", value: (f) => f.date },
          { header: "entity", value: (f) => f.name },
          { header: "cause", value: (f) => f.cause },
        ]);
  return [
    summary.headline,
    "",
    "Failures, in order",
    failures,
    "",
    ...summary.bullets.map((b) => `• ${b}`),
  ].join("\n");
}

/** The JSON document of a report-writing command. */
export function reportJson(built: BuiltReport & { run: number }): Record<string, unknown> {
  return {
    run: built.run,
    scenario: built.loaded.scenario.id,
    reportPath: built.path,
    summary: built.summary,
    floor: built.floor ?? null,
    failures: built.result.failures,
    marketCap: built.result.marketCap,
    forcedSales: built.result.forcedSales,
    deleveragingUsd: built.result.deleveragingUsd,
  };
}

interface Options extends CounterfactualFlags {
  scenario: string;
  out?: string;
  floorDate?: string;
  electricity?: number;
  json?: boolean;
}

/** Registers `unwind report`. */
export function registerReportCommand(program: Command, ctx: CliContext): void {
  const command = program
    .command("report")
    .description(
      "run a scenario and write the one-page strategist report (HTML): failures, prices, market cap, floor",
    )
    .requiredOption("-s, --scenario <name|file>", "built-in scenario, imported scenario id, or a .json file")
    .option("-o, --out <file>", "where to write the HTML (default $UNWIND_HOME/reports/<scenario>.html)")
    .option(
      "--floor-date <date>",
      "the dated bitcoinNetwork state the floor uses (default: the scenario's latest)",
      parseDate,
    )
    .option(
      "--electricity <usd-per-kwh>",
      "electricity price for the floor, USD/kWh",
      numberBetween(0.001, 1),
      0.05,
    )
    .option("--json", "one JSON document: the summary, floor, failures and the report's path");
  addCounterfactualOptions(command).action((options: Options) => {
    const built = buildReport(ctx, "report", {
      scenario: options.scenario,
      out: options.out,
      floorDate: options.floorDate,
      electricityUsdPerKwh: options.electricity,
      counterfactuals: counterfactualsFrom(options),
    });
    if (options.json) return ctx.json(reportJson(built));
    ctx.print(renderSummary(built.summary));
    ctx.print(`\nReport written to ${built.path}`);
    ctx.info(`recorded as run ${built.run}`);
  });
}

/** One line comparing the floor with JPMorgan's note of 9 Nov 2022 (for `unwind start`). */
export function jpmorganFloorLine(floor: NetworkStateFloor): string {
  return `JPMorgan, 9 Nov 2022: production cost "about $15,000", "likely to revisit $13,000", "a decline of around 25% from here". unwind on ${floor.date}: ${formatUsd(floor.costUsd.best)} (band ${formatUsd(floor.costUsd.lower)}–${formatUsd(floor.costUsd.upper)}) at $${floor.electricityUsdPerKwh}/kWh, ${formatPercent(floor.impliedMove, 1, true)} from the ${formatUsd(floor.priceUsd)} close.`;
}
