/**
 * `unwind floor`: the production-cost floor on a date — cost band, price/cost, the move to the cost,
 * the cost after the next halving and the history of episodes below it. With `--scenario`, the
 * floor from the scenario's network state alone (no data needed).
 * @module
 */
import type { Command } from "commander";
import { inputError } from "../../core/errors.ts";
import { formatNumber, formatPercent, formatUsd, formatUsdExact } from "../../core/format.ts";
import { latestRowWithCost, runCost } from "../../cost/pipeline.ts";
import { isoDay, today } from "../../data/days.ts";
import { type FloorReport, floorReport } from "../../floor/analysis.ts";
import { FORWARD_HORIZONS } from "../../floor/episodes.ts";
import { floorFromNetworkState, type NetworkState } from "../../floor/network-state.ts";
import { networkStateOn } from "../../scenario/bitcoin-network.ts";
import { resolveScenario } from "../../scenario/builtin.ts";
import { recordRun } from "../../store/runs.ts";
import type { CliContext } from "../context.ts";
import { integerAtLeast, numberBetween, parseDate } from "../options.ts";
import { storedScenario } from "../stored-scenario.ts";
import { renderFields, renderTable } from "../table.ts";
import { describeInputs, describeRow } from "./cost.ts";
import { addCostOptions, type CostOptions, costRequest, runParameters } from "./cost-options.ts";

interface Options extends CostOptions {
  date?: string;
  scenario?: string;
  threshold: number;
  mergeGap: number;
  minDays: number;
  since: string;
}

/** Registers the `floor` command. */
export function registerFloorCommand(program: Command, ctx: CliContext): void {
  const command = program
    .command("floor")
    .description(
      "the production-cost floor on a date: cost band, price/cost, move to cost, next halving, past episodes",
    )
    .option("--date <date>", "the date (default: the latest day with data)", parseDate)
    .option(
      "--scenario <name>",
      "use a scenario's bitcoinNetwork state instead of data (single-date estimate; --date picks one of its dated states)",
    )
    .option("--threshold <ratio>", "an episode is price/cost below this", numberBetween(0.01, 100), 1)
    .option("--merge-gap <days>", "merge episodes separated by at most this many days", integerAtLeast(0), 0)
    .option("--min-days <days>", "ignore episodes shorter than this", integerAtLeast(1), 1)
    .option("--since <date>", "first day of the history searched for episodes", parseDate, "2010-07-18");
  addCostOptions(command).action((options: Options) => {
    const started = new Date();
    const t0 = performance.now();
    if (options.scenario) return scenarioFloor(ctx, options, started, t0);
    const date = options.date ?? isoDay(today());
    if (options.since > date) throw inputError(`--since ${options.since} is after the date ${date}`);
    const request = costRequest(options, ctx, options.since, date);
    const run = runCost(request);
    // Without --date, report the latest day that has a cost (the data may end before today).
    let at = run.rows.length - 1;
    if (!options.date) {
      at = latestRowWithCost(run.rows);
      ctx.info(`latest day with data: ${run.rows[at]!.date}`);
    }
    const report = floorReport(
      run,
      { threshold: options.threshold, mergeGapDays: options.mergeGap, minDays: options.minDays },
      at,
    );
    if (options.json) ctx.json(report);
    else {
      ctx.print(describeRow(report.today));
      if (report.afterNextHalving) {
        const h = report.afterNextHalving;
        ctx.print(
          renderFields([
            [
              `after the ${h.halvingObserved ? "" : "projected "}halving at block ${formatNumber(h.halvingHeight, 0)} (${h.halvingDate})`,
              `${formatUsdExact(h.costUsd.best)} at that day's hash rate and power (${formatNumber(h.btcPerDay)} BTC/day)`,
            ],
          ]),
        );
      }
      ctx.print();
      ctx.print(episodeTable(report.summary, report.episodes, report.threshold, options.since, ""));
      if (report.consistentEpisodes) {
        const c = report.consistentEpisodes;
        ctx.print();
        ctx.print(
          episodeTable(
            c.summary,
            c.episodes,
            report.threshold,
            options.since,
            " on the model's cost alone (one consistent series across the splice)",
          ),
        );
      }
      ctx.print(`\n${describeInputs(run, run.rows.slice(0, at + 1))}`);
    }
    recordRun(ctx.openStore(), {
      command: "floor",
      parameters: {
        ...runParameters(request),
        threshold: options.threshold,
        mergeGapDays: options.mergeGap,
        minDays: options.minDays,
      },
      inputs: { origins: run.origins, hardware: run.hardware ?? null },
      summary: `${report.date}: cost ${formatUsd(report.today.costUsd.best)}, move to cost ${formatPercent(report.today.impliedMove, 1, true)}, ${report.summary.episodes} episodes`,
      results: report,
      timings: { totalMs: performance.now() - t0 },
      startedAt: started,
    });
  });
}

/** The episode count line and table. */
function episodeTable(
  summary: FloorReport["summary"],
  episodes: FloorReport["episodes"],
  threshold: number,
  since: string,
  qualifier: string,
): string {
  const head = `${summary.episodes} episodes with price/cost < ${threshold} since ${since}${qualifier}: ${summary.daysBelow} days, ${formatPercent(summary.shareOfDaysBelow)} of days with data`;
  if (episodes.length === 0) return head;
  return `${head}\n${renderTable(episodes, [
    { header: "start", value: (e) => e.start },
    { header: "end", value: (e) => `${e.end}${e.ongoing ? "+" : ""}` },
    { header: "days", value: (e) => String(e.daysBelow), right: true },
    { header: "min ratio", value: (e) => e.minRatio.toFixed(2), right: true },
    { header: "on", value: (e) => e.minRatioDate },
    ...FORWARD_HORIZONS.map((h) => ({
      header: `+${h}d`,
      value: (e: FloorReport["episodes"][number]) => formatPercent(e.forwardReturns[h], 0, true),
      right: true,
    })),
  ])}`;
}

function scenarioFloor(ctx: CliContext, options: Options, started: Date, t0: number): void {
  const store = ctx.openStore();
  const loaded = resolveScenario(options.scenario!, store);
  const state: NetworkState = networkStateOn(loaded.document, options.date);
  if (options.hardware)
    throw inputError("--hardware is not supported with --scenario yet; it uses the built-in catalogue");
  const floor = floorFromNetworkState(state, {
    electricityUsdPerKwh: options.electricity,
    methodology: options.methodology,
    includeFees: options.fees === true,
  });
  if (options.json) ctx.json(floor);
  else {
    ctx.print(
      renderFields([
        ["scenario", `${loaded.document.id} (${loaded.origin})`],
        ["date", floor.date],
        [
          "production cost (lower–best–upper)",
          `${formatUsdExact(floor.costUsd.lower)} – ${formatUsdExact(floor.costUsd.best)} – ${formatUsdExact(floor.costUsd.upper)}`,
        ],
        ["price", formatUsdExact(floor.priceUsd)],
        ["price / cost", floor.priceToCost.toFixed(3)],
        ["move from price to cost", formatPercent(floor.impliedMove, 1, true)],
        [
          "profitability threshold",
          `${floor.thresholdJPerTh.toFixed(1)} J/TH (${floor.profitableModels} catalogue models under it)`,
        ],
        ["after the next halving", formatUsdExact(floor.afterNextHalving.costUsd.best)],
        ["caveats", floor.caveats.join("; ")],
      ]),
    );
  }
  recordRun(store, {
    command: "floor",
    parameters: {
      scenario: options.scenario,
      electricityUsdPerKwh: options.electricity,
      methodology: options.methodology,
      includeFees: options.fees === true,
    },
    inputs: { state },
    scenario: storedScenario(loaded),
    summary: `${floor.date} (${loaded.document.id}): cost ${formatUsd(floor.costUsd.best)}, move to cost ${formatPercent(floor.impliedMove, 1, true)}`,
    results: floor,
    timings: { totalMs: performance.now() - t0 },
    startedAt: started,
  });
}
