/**
 * `unwind cost`: bitcoin's production cost for a date or a date range.
 * @module
 */
import { writeFileSync } from "node:fs";
import type { Command } from "commander";
import { inputError } from "../../core/errors.ts";
import { formatNumber, formatPercent, formatUsd, formatUsdExact } from "../../core/format.ts";
import { costChartSvg } from "../../cost/chart.ts";
import {
  type CostRow,
  type CostRun,
  type Fill,
  latestRowWithCost,
  runCost,
  type Splice,
} from "../../cost/pipeline.ts";
import { isoDay, today } from "../../data/days.ts";
import { PRICE_SOURCES } from "../../data/network-inputs.ts";
import { recordRun } from "../../store/runs.ts";
import type { CliContext } from "../context.ts";
import { parseDate } from "../options.ts";
import { renderFields, renderTable } from "../table.ts";
import { addCostOptions, type CostOptions, costRequest, runParameters } from "./cost-options.ts";

interface Options extends CostOptions {
  date?: string;
  from?: string;
  to?: string;
  csv?: boolean;
  chart?: string;
}

/** How far back `unwind cost` without a date looks for the latest day with data. */
const LATEST_WINDOW_DAYS = 3650;

/** Registers the `cost` command. */
export function registerCostCommand(program: Command, ctx: CliContext): void {
  const command = program
    .command("cost")
    .description("bitcoin's production cost (JPMorgan's energy-cost method) for a date or a range")
    .option("--date <date>", "one day (YYYY-MM-DD); default: the latest day with data", parseDate)
    .option("--from <date>", "first day of a range", parseDate)
    .option("--to <date>", "last day of a range (default today)", parseDate);
  addCostOptions(command)
    .option("--csv", "CSV on stdout, one row per day")
    .option("--chart <file.svg>", "write price against the cost band as an SVG chart")
    .action((options: Options) => {
      const started = new Date();
      const t0 = performance.now();
      if (options.date && (options.from || options.to))
        throw inputError("give either --date or --from/--to, not both");
      if (options.to && !options.from) throw inputError("--to needs --from");
      if (options.json && options.csv) throw inputError("give either --json or --csv, not both");
      const latest = !options.date && !options.from;
      const end = options.date ?? options.to ?? isoDay(today());
      const from = options.date ?? options.from ?? isoDay(today() - LATEST_WINDOW_DAYS);
      const request = costRequest(options, ctx, from, end);
      const run = runCost(request);
      let rows = run.rows;
      if (latest) {
        const last = rows[latestRowWithCost(rows)]!;
        ctx.info(`latest day with data: ${last.date}`);
        rows = [last];
      }
      const computeMs = performance.now() - t0;
      if (options.chart) {
        const chart = costChartSvg({
          title: `Bitcoin price vs production cost, ${rows[0]?.date} – ${rows.at(-1)?.date}`,
          subtitle: `electricity $${options.electricity}/kWh; power: ${options.power}${options.power !== "cbeci" ? ` (${options.methodology} methodology)` : ""}`,
          dates: rows.map((r) => r.date),
          priceUsd: rows.map((r) => r.priceUsd),
          costLowerUsd: rows.map((r) => r.costUsd.lower),
          costBestUsd: rows.map((r) => r.costUsd.best),
          costUpperUsd: rows.map((r) => r.costUsd.upper),
          splices: run.splices.map((s) => ({
            date: s.date,
            label: `${s.to === "model" ? "CBECI → model" : "model → CBECI"}${s.modelToCbeci === null ? "" : ` (×${s.modelToCbeci.toFixed(2)})`}`,
          })),
        });
        writeFileSync(options.chart, chart);
        ctx.info(`wrote ${options.chart}`);
      }
      const single = options.date !== undefined || latest;
      if (options.json) ctx.json(single ? rows[0] : rows);
      else if (options.csv) ctx.print(toCsv(rows));
      else ctx.print(single ? describeRow(rows[0]!) : describeRange(rows));
      if (!options.json && !options.csv) ctx.print(`\n${describeInputs(run, rows)}`);
      recordRun(ctx.openStore(), {
        command: "cost",
        parameters: runParameters(request),
        inputs: { origins: run.origins, hardware: run.hardware ?? null },
        summary: summary(rows),
        results: {
          rows,
          sources: run.sources,
          cbeci: run.cbeci?.label ?? null,
          hardware: run.hardware ?? null,
          splices: run.splices,
        },
        timings: { totalMs: performance.now() - t0, computeMs },
        startedAt: started,
      });
    });
}

function summary(rows: readonly CostRow[]): string {
  const first = rows[0];
  if (!first) return "no days";
  const last = rows.at(-1)!;
  const cost = (r: CostRow) =>
    `${formatUsd(r.costUsd.best)} (price/cost ${r.priceToCost === null ? "–" : r.priceToCost.toFixed(2)})`;
  return rows.length === 1
    ? `${first.date}: ${cost(first)}`
    : `${first.date}…${last.date}: ${rows.length} days, last ${cost(last)}`;
}

/** Human-readable fields of one day. */
export function describeRow(r: CostRow): string {
  const band = (b: CostRow["costUsd"], format: (x: number | null) => string) =>
    b.best === null
      ? "– (no power data for this day)"
      : b.lower === null && b.upper === null
        ? `${format(b.best)} (no band: the source gives a best guess only)`
        : `${format(b.best)} (band ${format(b.lower)} to ${format(b.upper)})`;
  const fields: [string, string][] = [
    ["date", r.date],
    ["production cost", band(r.costUsd, formatUsdExact)],
    ["network power, GW", band(r.powerGW, (x) => formatNumber(x))],
    [
      "electricity",
      `$${r.electricityUsdPerKwh}/kWh; +1¢/kWh adds ${formatUsdExact(r.sensitivityUsdPerCent)}`,
    ],
    ["BTC per day", `${formatNumber(r.btcPerDay)}${r.feesIncluded ? " (subsidy + fees)" : " (subsidy)"}`],
    ["price", formatUsdExact(r.priceUsd)],
    ["price source", r.priceSource ?? "none (no price data for this day)"],
    ["price / cost", r.priceToCost === null ? "–" : r.priceToCost.toFixed(3)],
    ["move from price to cost", formatPercent(r.impliedMove, 1, true)],
    ["power source", r.powerSource ?? "none (no data)"],
  ];
  if (r.profitabilityThresholdJPerTh !== null) {
    fields.push([
      "profitability threshold",
      `${formatNumber(r.profitabilityThresholdJPerTh, 1)} J/TH (${r.profitableModels} models under it)`,
    ]);
    fields.push(["marginal machine break-even", formatUsdExact(r.marginalCostUsd)]);
  }
  if (r.allInCostUsd) {
    const a = r.allInCostUsd;
    fields.push([
      "all-in cost",
      `${formatUsdExact(a.totalUsd)} (electricity ${formatUsdExact(a.electricityUsd)} + hardware ${formatUsdExact(a.depreciationUsd)} + other ${formatUsdExact(a.overheadUsd)})`,
    ]);
  }
  if (r.filled.length > 0) fields.push(["filled inputs", describeFills(r.filled)]);
  return renderFields(fields);
}

function describeRange(rows: readonly CostRow[]): string {
  return renderTable(rows, [
    { header: "date", value: (r) => r.date },
    { header: "price", value: (r) => formatUsdExact(r.priceUsd), right: true },
    { header: "cost lower", value: (r) => formatUsdExact(r.costUsd.lower), right: true },
    { header: "cost best", value: (r) => formatUsdExact(r.costUsd.best), right: true },
    { header: "cost upper", value: (r) => formatUsdExact(r.costUsd.upper), right: true },
    {
      header: "price/cost",
      value: (r) => (r.priceToCost === null ? "–" : r.priceToCost.toFixed(2)),
      right: true,
    },
    { header: "power", value: (r) => r.powerSource?.split(" ")[0] ?? "–" },
  ]);
}

/** One day's fills: "hashrate interpolated between 2022-11-07 and 2022-11-11; …". */
export function describeFills(fills: readonly Fill[]): string {
  return fills
    .map((f) =>
      f.method === "linear"
        ? `${f.input} interpolated between ${f.from} and ${f.to}`
        : `${f.input} carried forward from ${f.from ?? "an earlier day"}`,
    )
    .join("; ");
}

const FILL_WORDS: Record<string, string> = {
  linear: "linearly interpolated",
  "carry-forward": "carried forward",
  none: "",
};

/**
 * Where each input came from, what its values are, how it was put on the daily grid and on how many
 * days a value was filled — over every day read (the reported days and the warm-up before them,
 * which the 14-day threshold and 7-day smoothing use) and over the reported days — and any splice
 * of power sources with its level ratio.
 */
export function describeInputs(run: CostRun, rows: readonly CostRow[]): string {
  const read = run.history.priceUsd.length;
  const lines = Object.entries(run.sources).map(([name, s]) => {
    if (!s)
      return `  ${name}: none${name === "issuance" ? " (the halving schedule stands in)" : name === "fees" ? " (counted as 0 in miner revenue)" : ""}`;
    const kind = s.priceSource ? ` — ${PRICE_SOURCES[s.priceSource].description}` : "";
    const parts = [`${name} from ${s.label}${kind}`];
    if (s.derivation) parts.push(`derived: ${s.derivation}`);
    if (s.note) parts.push(s.note);
    if (s.filledDays > 0) {
      const reported = rows.filter((r) => r.filled.some((f) => f.input === name)).length;
      parts.push(
        `${s.sampling} series ${FILL_WORDS[s.fill]} on ${s.filledDays} of ${read} days read, ${reported} of ${rows.length} reported`,
      );
    }
    return `  ${parts.join("; ")}`;
  });
  const carried = rows.filter((r) => r.filled.some((f) => f.input === "power")).length;
  if (carried > 0)
    lines.push(
      `  power: no model was profitable on ${carried} reported days; the previous power was carried forward`,
    );
  for (const splice of run.splices) lines.push(`  ${describeSplice(splice)}`);
  return `sources:\n${lines.join("\n")}`;
}

/** A splice of power sources in words. */
export function describeSplice(s: Splice): string {
  const name = (source: string) => (source === "cbeci" ? "CBECI" : "the model");
  const ratio =
    s.modelToCbeci === null
      ? "the model has no value there to compare"
      : `model ÷ CBECI = ${s.modelToCbeci.toFixed(3)} on ${s.ratioDate}`;
  return `power splice: ${name(s.from)} until ${s.previousDate}, ${name(s.to)} from ${s.date} (${ratio}); costs either side are on different levels — --power model gives one consistent series`;
}

const CSV_COLUMNS: [string, (r: CostRow) => unknown][] = [
  ["date", (r) => r.date],
  ["price_usd", (r) => r.priceUsd],
  ["cost_lower_usd", (r) => r.costUsd.lower],
  ["cost_best_usd", (r) => r.costUsd.best],
  ["cost_upper_usd", (r) => r.costUsd.upper],
  ["power_lower_gw", (r) => r.powerGW.lower],
  ["power_best_gw", (r) => r.powerGW.best],
  ["power_upper_gw", (r) => r.powerGW.upper],
  ["price_to_cost", (r) => r.priceToCost],
  ["implied_move", (r) => r.impliedMove],
  ["btc_per_day", (r) => r.btcPerDay],
  ["sensitivity_usd_per_cent", (r) => r.sensitivityUsdPerCent],
  ["electricity_usd_per_kwh", (r) => r.electricityUsdPerKwh],
  ["hashrate_ehs", (r) => r.hashrateEhs],
  ["threshold_j_per_th", (r) => r.profitabilityThresholdJPerTh],
  ["profitable_models", (r) => r.profitableModels],
  ["marginal_cost_usd", (r) => r.marginalCostUsd],
  ["all_in_cost_usd", (r) => r.allInCostUsd?.totalUsd ?? null],
  ["power_source", (r) => r.powerSource],
  ["price_source", (r) => r.priceSource],
  ["filled", (r) => describeFills(r.filled)],
];

/** Rows as CSV (RFC 4180 quoting; empty cell for null). */
export function toCsv(rows: readonly CostRow[]): string {
  const cell = (value: unknown) => {
    if (value === null || value === undefined) return "";
    const text = String(value);
    return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return [
    CSV_COLUMNS.map(([name]) => name).join(","),
    ...rows.map((r) => CSV_COLUMNS.map(([, get]) => cell(get(r))).join(",")),
  ].join("\n");
}
