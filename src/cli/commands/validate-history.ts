/**
 * Human output of `unwind validate-history`: per episode, the failures predicted against the actual
 * ones, the market-cap hit against the reported range, the BTC low, the price paths and the targets;
 * then JPMorgan's claim. The command itself is registered once the cascade engine is in main.
 * @module
 */
import { formatPercent, formatUsd } from "../../core/format.ts";
import type { HistoryReport } from "../../history/report.ts";
import type { EpisodeValidation } from "../../history/validate.ts";
import { renderTable } from "../table.ts";

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
        `${mark(j.holds)} simulated: FTX ${formatPercent(j.predicted.ftx, 1)} vs Terra ${formatPercent(j.predicted.terra, 1)}${reported} → the claim ${j.holds ? "holds" : "does not hold"} in the simulation`,
      ].join("\n"),
    );
  }
  parts.push(report.allTargetsMet ? "All targets met." : "Some targets are missed (✗ above).");
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
      header: "log-path RMSE",
      value: (p) => (p.comparison ? p.comparison.logPathRmse.toFixed(3) : "–"),
      right: true,
    },
    { header: "", value: (p) => p.missing ?? "" },
  ]);
  const targets = v.targets.map((t) => `${mark(t.met)} ${t.target}: ${t.detail}`).join("\n");
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
  return ok ? "✓" : "✗";
}

function signedDays(days: number): string {
  return days === 0 ? "on the day" : `${days > 0 ? "+" : ""}${days} d`;
}
