/**
 * Calibrates the cascade engine's shared behavioural parameters on the Terra episode ALONE, then
 * predicts the FTX episode out of sample with the chosen set (docs/calibration.md).
 *
 *   node --import tsx scripts/calibrate.ts [--top 15] [--predict] [--sensitivity] [--ablation]
 *
 * Reads the public data sets in ../shared/data (TradingView's total market cap; never committed) for
 * the observed Terra market-cap moves. The grid and the objective (src/history/calibration.ts) are
 * written down here and were fixed before FTX was run with any candidate. `--predict` runs FTX with
 * the chosen set; `--sensitivity` varies each parameter alone around the chosen set on both episodes;
 * `--ablation` switches each of round 2's changes off alone, with the chosen set, on both episodes.
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
import { type ParameterSet, runEpisode, withParameters } from "../src/history/run-episode.ts";
import type { EpisodeValidation } from "../src/history/validate.ts";
import { resolveScenario } from "../src/scenario/builtin.ts";
import type { Scenario } from "../src/scenario/normalize.ts";
import { ENTITY_TYPES } from "../src/scenario/schema.ts";

/**
 * The grid (docs/calibration.md § Grid): each value is an anchor from Terra facts or a bracket around one.
 * Round 2 (opaque balance sheets, bounded runs, pass-through recalls, redemption capacity, StableSwap):
 * Y extended to 12 and the market run weight to 0.5, written down before FTX was run with any candidate.
 */
export const GRID: Grid = {
  // Square-root-law prefactor on CoinGecko's (wash-inflated) volumes: Kaiko's BTC 2% order-book depth
  // (~11,000–14,000 BTC ≈ $0.45B) implies Y ≈ 4.6 for an instant sale; 12 brackets what round 1 hit.
  "market.impactCoefficient": [4, 6, 8, 10, 12],
  // Depth left at full stress, and the market drawdown at which stress is full.
  "market.depthUnderStress": [1, 0.5],
  "market.stressDrawdown": [0.25, 0.5],
  // Share of what wants out that leaves per day: FTX lost ~70% of customer funds in 3 days (≈ 0.3).
  "runs.sensitivity": [0.1, 0.2, 0.3],
  // Weight of market stress in lenders' run signal: Celsius lost >$1B (~8% of deposits) in the 5 days
  // after Terra, which a bounded run reaches at a signal of ≈ 0.3.
  "runs.marketWeight": [0, 0.2, 0.3, 0.4, 0.5],
  // Days from gating to failure: Terra's Voyager 4, median 18, Celsius 31.
  "runs.gateHorizonDays": [4, 18, 31],
  // Largest share of a loan its creditor can recall per day: Genesis's active loans fell from $4.9B
  // (30 Jun 2022) to $2.8B (30 Sep), ≈ 0.6% of the book a day
  // (https://www.straitstimes.com/business/crypto-broker-genesis-says-lending-plunged-80-in-third-quarter);
  // 1 = open-term loans called overnight.
  "runs.recallRate": [0.006, 1],
  // Largest discount at which a lender that can gate still sells a token (else it gates): Celsius held
  // its ~409,000 stETH through a 5–6% discount and gated; 1 = it sells at any price.
  "fireSales.gateDiscount": [0.05, 1],
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
    formatPercent(v.marketCapWindows.find((x) => x.id === id)?.predicted ?? null, 1, true);
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

  if (process.argv.includes("--ablation")) ablation(toParameters(chosen.point), market, targets);
  if (process.argv.includes("--predict") || process.argv.includes("--sensitivity")) {
    const ftx = resolveScenario("ftx-2022").scenario;
    const ftxFacts = episodeFacts("ftx-2022");
    const predict = (point: Record<string, number>) =>
      runEpisode(withParameters(ftx, toParameters(point)), ftxFacts, market).validation;
    const v = predict(chosen.point);
    const trough = v.marketCapWindows.find((w) => w.id === "november-trough");
    console.log(
      `\nFTX out of sample with the chosen set: F1 ${v.f1.toFixed(2)} (P ${v.precision.toFixed(2)} R ${v.recall.toFixed(2)}) ρ ${v.orderCorrelation?.toFixed(2) ?? "–"} | trough ${formatPercent(trough?.predicted ?? null, 1, true)} vs ${formatPercent(trough?.measured ?? null, 1, true)} | BTC low ${formatUsd(v.btcLow.predictedUsd)} vs ${formatUsd(v.btcLow.reportedUsd)}`,
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
            formatPercent(t.marketCapWindows.find((w) => w.id === id)?.predicted ?? null, 1, true);
          const fw = formatPercent(
            f.marketCapWindows.find((w) => w.id === "november-trough")?.predicted ?? null,
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

/** The scenario without the `aggregate` marks: every aggregate is a peer and a public debtor again. */
function withoutAggregates(scenario: Scenario): Scenario {
  return { ...scenario, entities: scenario.entities.map(({ aggregate: _a, ...e }) => e) };
}

/** The scenario with unlimited redemption by minting: no capacity, no capacity shocks (the chain halt). */
function withoutMintCapacity(scenario: Scenario): Scenario {
  return {
    ...scenario,
    assets: scenario.assets.map((a) => {
      if (!a.peg || a.peg.mintCapacityUsd === undefined) return a;
      const { mintCapacityUsd: _c, ...peg } = a.peg;
      return { ...a, peg };
    }),
    shocks: scenario.shocks?.filter((s) => s.type !== "mint-capacity"),
  };
}

/**
 * Round 2's changes switched off one at a time, the others and the chosen set kept: what each one does
 * to both episodes (docs/calibration.md § Changes of round 2).
 */
const ABLATIONS: readonly {
  name: string;
  parameters?: ParameterSet;
  scenario?: (s: Scenario) => Scenario;
}[] = [
  { name: "all round-2 changes (the defaults)" },
  {
    name: "no opacity (insolvency at marked prices fails; private equity feeds the signals)",
    parameters: { mechanisms: { opacity: false } },
  },
  { name: "unbounded runs", parameters: { runs: { bounded: false } } },
  { name: "no pass-through recalls", parameters: { runs: { passThrough: false } } },
  {
    name: "market run signal for every entity type",
    parameters: { runs: { marketTypes: [...ENTITY_TYPES] } },
  },
  { name: "pro-rata liquidity sales", parameters: { fireSales: { saleOrder: "pro-rata" } } },
  { name: "rescues without equity (Rogers–Veraart alone)", parameters: { rescues: { takeEquity: false } } },
  { name: "aggregates count as peers and debtors", scenario: withoutAggregates },
  { name: "unlimited redemption by minting, no chain halt", scenario: withoutMintCapacity },
];

function ablation(
  chosen: ParameterSet,
  market: ReturnType<typeof loadMarketData>,
  targets: CalibrationTargets,
): void {
  console.log("\nablation: each round-2 change switched off alone, with the chosen set");
  const episodes = ["terra-2022", "ftx-2022"].map((id) => ({
    scenario: resolveScenario(id).scenario,
    facts: episodeFacts(id),
  }));
  for (const a of ABLATIONS) {
    const [terra, ftx] = episodes.map(({ scenario, facts }) => {
      const base = withParameters(a.scenario ? a.scenario(scenario) : scenario, chosen);
      return runEpisode(a.parameters ? withParameters(base, a.parameters) : base, facts, market).validation;
    }) as [EpisodeValidation, EpisodeValidation];
    const w = (v: EpisodeValidation, id: string) =>
      formatPercent(v.marketCapWindows.find((x) => x.id === id)?.predicted ?? null, 1, true);
    const fails = (v: EpisodeValidation) =>
      v.predictedFailures
        .filter((f) => f.scored)
        .map((f) => `${f.entity}@${f.step}`)
        .join(" ");
    console.log(
      `${a.name}\n  Terra loss ${calibrationLoss(terra, targets).total.toFixed(3)} F1 ${terra.f1.toFixed(2)} week ${w(terra, "first-week")} trough ${w(terra, "june-trough")} | ${fails(terra)}\n  FTX F1 ${ftx.f1.toFixed(2)} trough ${w(ftx, "november-trough")} | ${fails(ftx)}`,
    );
  }
}

main();
