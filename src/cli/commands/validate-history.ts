/**
 * `unwind validate-history`: runs the built-in 2022 episodes through the cascade engine (with the
 * calibrated defaults, optionally with counterfactual rescuers) and scores each against what
 * happened: per episode, the failures predicted against the actual ones, the market-cap hit against
 * the reported range and the provider's series, the BTC low, the price paths and the targets; then
 * JPMorgan's claim. Without ../shared/data the simulation still runs and the output says the reported
 * series are unavailable.
 * @module
 */
import type { Command } from "commander";
import { sharedDataDir } from "../../core/environment.ts";
import { InputError } from "../../core/errors.ts";
import { formatPercent, formatUsd } from "../../core/format.ts";
import { EPISODES, episodeFacts } from "../../history/episodes.ts";
import { loadMarketData } from "../../history/market-data.ts";
import { type HistoryReport, historyReport } from "../../history/report.ts";
import { type Counterfactuals, type EpisodeRun, runEpisode } from "../../history/run-episode.ts";
import type { EpisodeMarketData, EpisodeValidation } from "../../history/validate.ts";
import { resolveScenario } from "../../scenario/builtin.ts";
import { recordRun } from "../../store/runs.ts";
import type { CliContext } from "../context.ts";
import {
  addCounterfactualOptions,
  type CounterfactualFlags,
  counterfactualsFrom,
} from "../counterfactual-options.ts";
import { renderFields, renderTable } from "../table.ts";
import { counterfactualFields } from "./cascade.ts";

interface Options extends CounterfactualFlags {
  episode?: string;
  json?: boolean;
}

/** Market data for the validation, or why there is none (the shared data set is missing). */
export function tryLoadMarketData(dir = sharedDataDir()): {
  market: EpisodeMarketData;
  unavailable?: string;
} {
  try {
    return { market: loadMarketData(dir) };
  } catch (error) {
    if (error instanceof InputError)
      return { market: {}, unavailable: `reported series unavailable (${error.message.split("\n")[0]})` };
    throw error;
  }
}

/** Runs the episodes (all, or one) with the counterfactuals and validates each. */
export function validateHistory(
  episodeIds: readonly string[],
  market: EpisodeMarketData,
  counterfactuals: Counterfactuals,
): { report: HistoryReport; runs: EpisodeRun[] } {
  const runs = episodeIds.map((id) =>
    runEpisode(resolveScenario(id).scenario, episodeFacts(id), market, counterfactuals),
  );
  return { report: historyReport(runs.map((r) => r.validation)), runs };
}

/** Registers `unwind validate-history`. */
export function registerValidateHistoryCommand(program: Command, ctx: CliContext): void {
  const command = program
    .command("validate-history")
    .description(
      "run the built-in 2022 episodes (terra-2022, ftx-2022) and score them against what happened: failures, order, market cap, BTC low, price paths, JPMorgan's claim",
    )
    .option(
      "--episode <id>",
      `one episode only (${EPISODES.map((e) => e.id).join(" or ")})`,
      (id: string) => episodeFacts(id).id,
    )
    .option("--json", "one JSON document: episodes[] with the scores, jpmorgan, allTargetsMet");
  addCounterfactualOptions(command).action((options: Options) => {
    const started = new Date();
    const t0 = performance.now();
    const store = ctx.openStore();
    const ids = options.episode ? [options.episode] : EPISODES.map((e) => e.id);
    const dataDir = sharedDataDir(ctx.io.env);
    const { market, unavailable } = tryLoadMarketData(dataDir);
    if (unavailable) ctx.info(`${unavailable}: the simulation runs; reported figures are left out`);
    const t1 = performance.now();
    const counterfactuals = counterfactualsFrom(options);
    const { report, runs } = validateHistory(ids, market, counterfactuals);
    const t2 = performance.now();
    const marketData = unavailable
      ? { available: false, note: unavailable }
      : { available: true, provider: market.provider ?? null, dir: dataDir };
    const runId = recordRun(store, {
      command: "validate-history",
      parameters: {
        episodes: ids,
        withoutRescuers: options.withoutRescuer,
        addRescuers: options.addRescuer,
      },
      inputs: { scenarios: runs.map((r) => r.scenario.id), marketData },
      summary: ids
        .map((id, i) => {
          const v = report.episodes[i]!;
          return `${id}: F1 ${v.f1.toFixed(2)}, market cap ${formatPercent(v.marketCapChange, 1, true)}`;
        })
        .join("; "),
      results: { ...report, counterfactuals, marketData },
      timings: { totalMs: performance.now() - t0, dataMs: t1 - t0, simulateMs: t2 - t1 },
      startedAt: started,
    });
    if (options.json) return ctx.json({ run: runId, ...report, counterfactuals, marketData });
    const header = counterfactualFields(counterfactuals);
    if (header.length > 0) ctx.print(`Counterfactual\n${renderFields(header)}\n`);
    if (unavailable) ctx.print(`Note: ${unavailable}.\n`);
    ctx.print(renderHistoryReport(report));
    ctx.info(`recorded as run ${runId}`);
  });
}

/** Renders a history report as readable tables. */
export function renderHistoryReport(report: HistoryReport): string {
  const parts = report.episodes.map(renderEpisode);
  if (report.jpmorgan) {
    const j = report.jpmorgan;
    const reported = j.reported
      ? `; reported: FTX ${formatPercent(j.reported.ftx, 1)} vs Terra ${formatPercent(j.reported.terra, 1)}`
      : "";
    parts.push(
      [
        `JPMorgan, 9 Nov 2022: "${j.claim}"`,
        `${mark(j.holds)}: simulated FTX ${formatPercent(j.predicted.ftx, 1)} vs Terra ${formatPercent(j.predicted.terra, 1)}${reported} → the claim ${j.holds ? "holds" : "does not hold"} in the simulation`,
      ].join("\n"),
    );
  }
  parts.push(report.allTargetsMet ? "All targets met." : "Some targets are MISSED (above).");
  return parts.join("\n\n");
}

function renderEpisode(v: EpisodeValidation): string {
  const actual = new Map(v.actualFailures.map((f) => [f.entity, f]));
  const predicted = new Map(v.predictedFailures.map((f) => [f.entity, f]));
  const ids = [
    ...new Set([...v.actualFailures.map((f) => f.entity), ...v.predictedFailures.map((f) => f.entity)]),
  ];
  const rows = ids.map((entity) => ({ entity, p: predicted.get(entity), a: actual.get(entity) }));
  rows.sort((x, y) => (x.a?.date ?? x.p!.date).localeCompare(y.a?.date ?? y.p!.date));
  const verdict = (r: (typeof rows)[number]) => {
    if (r.p && !r.p.scored) return "not scored";
    if (r.a?.beyondHorizon) return r.p ? "✗ counted false: it failed after the horizon" : "after horizon";
    if (r.p && r.a) return `✓ ${signedDays(v.timing.find((t) => t.entity === r.entity)?.errorDays ?? 0)}`;
    return r.p ? "✗ false failure" : "✗ missed";
  };
  const failures = renderTable(rows, [
    { header: "entity", value: (r) => r.entity },
    { header: "predicted", value: (r) => (r.p ? `${r.p.date} (step ${r.p.step}, ${r.p.cause})` : "–") },
    { header: "actual", value: (r) => (r.a ? `${r.a.date} (${r.a.kind})` : "–") },
    { header: "", value: verdict },
  ]);
  const scores = `precision ${v.precision.toFixed(2)}  recall ${v.recall.toFixed(2)}  F1 ${v.f1.toFixed(2)}  order ρ ${v.orderCorrelation === null ? "–" : v.orderCorrelation.toFixed(2)}`;
  const provider = v.marketCapProvider ?? "provider";
  const windows = renderTable(v.marketCapWindows, [
    {
      header: "market cap",
      value: (w) => `${w.label} (to ${w.to}${w.coversWindow ? "" : `; run ends ${w.simulatedTo}`})`,
    },
    { header: "simulated", value: (w) => formatPercent(w.predicted, 1, true), right: true },
    { header: provider, value: (w) => formatPercent(w.measured, 1, true), right: true },
    {
      header: "reported range",
      value: (w) => `${formatPercent(w.reportedRange[0], 0)} to ${formatPercent(w.reportedRange[1], 0)}`,
    },
    { header: "", value: (w) => mark(w.withinRange && w.coversWindow) },
  ]);
  const btc = `BTC low: simulated ${formatUsd(v.btcLow.predictedUsd)}${v.btcLow.predictedDate ? ` (close of ${v.btcLow.predictedDate})` : ""}; reported ${formatUsd(v.btcLow.reportedUsd)} on ${v.btcLow.reportedDate}`;
  const prices = renderTable(v.prices, [
    { header: "price path", value: (p) => p.id },
    {
      header: "simulated trough",
      value: (p) => (p.comparison ? formatPercent(p.comparison.predictedTrough, 1) : "–"),
      right: true,
    },
    {
      header: "actual trough",
      value: (p) => (p.comparison ? formatPercent(p.comparison.actualTrough, 1) : "–"),
      right: true,
    },
    {
      header: "simulated change",
      value: (p) => (p.comparison ? formatPercent(p.comparison.predictedChange, 1, true) : "–"),
      right: true,
    },
    {
      header: "actual change",
      value: (p) => (p.comparison ? formatPercent(p.comparison.actualChange, 1, true) : "–"),
      right: true,
    },
    {
      header: "log-path RMSE",
      value: (p) => (p.comparison ? p.comparison.logPathRmse.toFixed(3) : "–"),
      right: true,
    },
    { header: "", value: (p) => p.missing ?? "" },
  ]);
  const targets = ["Targets", ...v.targets.map((t) => `  ${mark(t.met)}: ${t.target} — ${t.detail}`)].join(
    "\n",
  );
  return [
    `${v.episode} — ${v.name} (from ${v.asOf}, ${v.steps} steps)`,
    failures,
    scores,
    windows,
    btc,
    prices,
    targets,
  ].join("\n\n");
}

function mark(ok: boolean): string {
  return ok ? "MET" : "MISSED";
}

function signedDays(days: number): string {
  return days === 0 ? "on the day" : `${days > 0 ? "+" : ""}${days} d`;
}
