/**
 * Calibrates the cascade engine's shared behavioural parameters on the Terra episode ALONE, then
 * predicts the FTX episode out of sample with the chosen set (docs/calibration.md).
 *
 *   node --import tsx scripts/calibrate.ts [--top 15] [--predict] [--sensitivity]
 *
 * Reads the public data sets in ../shared/data (TradingView's total market cap; never committed) for
 * the observed Terra market-cap moves. The grid and the objective (src/history/calibration.ts) are
 * written down here and were fixed before FTX was run with any candidate. `--predict` runs FTX with
 * the chosen set; `--sensitivity` varies each parameter alone around the chosen set on both episodes.
 */
import { formatPercent, formatUsd } from "../src/core/format.ts";
import {
  type CalibrationLoss,
  type CalibrationTargets,
  calibrationLoss,
  type Grid,
  gridPoints,
  toParameters,
} from "../src/history/calibration.ts";
import { episodeFacts } from "../src/history/episodes.ts";
import { loadMarketData } from "../src/history/market-data.ts";
import { runEpisode, withParameters } from "../src/history/run-episode.ts";
import type { EpisodeValidation } from "../src/history/validate.ts";
import { resolveScenario } from "../src/scenario/builtin.ts";

/** The grid (docs/calibration.md § Grid): each value is an anchor from Terra facts or a bracket around one. */
export const GRID: Grid = {
  // Square-root-law prefactor on CoinGecko's (wash-inflated) volumes: 1 = the textbook Y; 4.6 =
  // what Kaiko's BTC 2% order-book depth (~11,000–14,000 BTC ≈ $0.45B) implies for an instant sale.
  "market.impactCoefficient": [1, 2, 3, 4.6, 6],
  // Depth left at full stress, and the market drawdown at which stress is full.
  "market.depthUnderStress": [1, 0.5],
  "market.stressDrawdown": [0.25, 0.5],
  // Share of callable funding withdrawn per day at full distress.
  "runs.sensitivity": [0.1, 0.2, 0.3, 0.5],
  // Weight of market stress in every entity's run signal (Celsius: ≈0.15, docs/cascade.md).
  "runs.marketWeight": [0, 0.15, 0.3],
  // Days from gating to failure: Terra's Voyager 4, median 18, Celsius 31.
  "runs.gateHorizonDays": [4, 18, 31],
  // Share of a reflexive token's value lost at full issuer distress.
  "reflexivity.strength": [0.5, 0.9],
  // Rogers–Veraart α = β: 1 = no deadweight costs (no motive to rescue); 0.7 = 30% lost in default.
  defaultCosts: [1, 0.7],
};

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function observedTargets(probe: EpisodeValidation): CalibrationTargets {
  const measured = (id: string) => {
    const w = probe.marketCapWindows.find((x) => x.id === id);
    if (w?.measured == null)
      throw new Error(`no TradingView series for the Terra window ${id}: is ../shared/data there?`);
    return w.measured;
  };
  return {
    firstWeek: measured("first-week"),
    trough: measured("june-trough"),
    btcLowUsd: probe.btcLow.reportedUsd,
  };
}

/** Distance of a grid point from the middle value of every parameter's list, in list positions. */
function offCentre(point: Record<string, number>): number {
  let d = 0;
  for (const [key, values] of Object.entries(GRID))
    d += Math.abs(values.indexOf(point[key]!) - (values.length - 1) / 2);
  return d;
}

function describePoint(point: Record<string, number>): string {
  return Object.entries(point)
    .map(([k, v]) => `${k.replace(/^.*\./, "")}=${v}`)
    .join(" ");
}

function lossRow(loss: CalibrationLoss, v: EpisodeValidation): string {
  const w = (id: string) =>
    formatPercent(v.marketCapWindows.find((x) => x.id === id)?.predicted ?? 0, 1, true);
  const failures = v.predictedFailures
    .filter((f) => f.scored)
    .map((f) => `${f.entity}@${f.step}`)
    .join(" ");
  return `loss ${loss.total.toFixed(3)} | F1 ${v.f1.toFixed(2)} ρ ${v.orderCorrelation?.toFixed(2) ?? "–"} | week ${w("first-week")} trough ${w("june-trough")} | BTC low ${formatUsd(v.btcLow.predictedUsd)} | ${failures}`;
}

function main(): void {
  const top = Number(argValue("--top") ?? 15);
  const market = loadMarketData();
  const terra = resolveScenario("terra-2022").scenario;
  const terraFacts = episodeFacts("terra-2022");
  const points = gridPoints(GRID);
  const probe = runEpisode(terra, terraFacts, market).validation;
  const targets = observedTargets(probe);
  console.log(
    `Terra targets (TradingView): first week ${formatPercent(targets.firstWeek, 1)}, trough ${formatPercent(targets.trough, 1)}; BTC low ${formatUsd(targets.btcLowUsd)}`,
  );
  console.log(`grid: ${points.length} candidates over ${Object.keys(GRID).join(", ")}`);
  const t0 = performance.now();
  const scored = points.map((point) => {
    const run = runEpisode(withParameters(terra, toParameters(point)), terraFacts, market);
    return { point, loss: calibrationLoss(run.validation, targets), validation: run.validation };
  });
  // Ties (equal loss: the parameter does not matter for Terra) go to the grid's middle values.
  scored.sort((a, b) => a.loss.total - b.loss.total || offCentre(a.point) - offCentre(b.point));
  console.log(`evaluated in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  console.log(`best ${top} of ${scored.length} (Terra only):`);
  scored.slice(0, top).forEach((s, i) => {
    console.log(
      `${String(i + 1).padStart(3)}. ${describePoint(s.point)}\n     ${lossRow(s.loss, s.validation)}`,
    );
  });
  const chosen = scored[0]!;
  console.log(`\nchosen set: ${JSON.stringify(toParameters(chosen.point))}`);

  if (process.argv.includes("--predict") || process.argv.includes("--sensitivity")) {
    const ftx = resolveScenario("ftx-2022").scenario;
    const ftxFacts = episodeFacts("ftx-2022");
    const predict = (point: Record<string, number>) =>
      runEpisode(withParameters(ftx, toParameters(point)), ftxFacts, market).validation;
    const v = predict(chosen.point);
    const trough = v.marketCapWindows.find((w) => w.id === "november-trough");
    console.log(
      `\nFTX out of sample with the chosen set: F1 ${v.f1.toFixed(2)} (P ${v.precision.toFixed(2)} R ${v.recall.toFixed(2)}) ρ ${v.orderCorrelation?.toFixed(2) ?? "–"} | trough ${formatPercent(trough?.predicted ?? 0, 1, true)} vs ${formatPercent(trough?.measured ?? null, 1, true)} | BTC low ${formatUsd(v.btcLow.predictedUsd)} vs ${formatUsd(v.btcLow.reportedUsd)}`,
    );
    console.log(
      `  predicted: ${v.predictedFailures.map((f) => `${f.entity}@${f.step} ${f.cause}${f.scored ? "" : " (not scored)"}`).join(", ")}`,
    );
    if (process.argv.includes("--sensitivity")) {
      console.log("\nsensitivity: one parameter varied over its grid, the others at the chosen set");
      for (const [key, values] of Object.entries(GRID)) {
        for (const value of values) {
          const point = { ...chosen.point, [key]: value };
          const t = runEpisode(withParameters(terra, toParameters(point)), terraFacts, market).validation;
          const f = predict(point);
          const tw = (id: string) =>
            formatPercent(t.marketCapWindows.find((w) => w.id === id)?.predicted ?? 0, 1, true);
          const fw = formatPercent(
            f.marketCapWindows.find((w) => w.id === "november-trough")?.predicted ?? 0,
            1,
            true,
          );
          const mark = value === chosen.point[key] ? "*" : " ";
          console.log(
            `${mark} ${key}=${value}: Terra loss ${calibrationLoss(t, targets).total.toFixed(3)} F1 ${t.f1.toFixed(2)} week ${tw("first-week")} trough ${tw("june-trough")} | FTX F1 ${f.f1.toFixed(2)} trough ${fw}`,
          );
        }
      }
    }
  }
}

main();
