/**
 * Writes docs/cost-validation.md: unwind's hardware-threshold estimate of network power (built-in
 * catalogue, daily Coin Metrics inputs) against CBECI's published best guess, over every day both
 * cover from 2014. Reads the public data sets in ../shared/data (never committed); writes only
 * computed statistics.
 *
 *   node --import tsx scripts/cost-validation.ts [--out docs/cost-validation.md]
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT, sharedDataDir } from "../src/core/environment.ts";
import { sha256Hex } from "../src/core/hash.ts";
import { hardwareArrays } from "../src/cost/hardware.ts";
import { HARDWARE_CATALOGUE } from "../src/cost/hardware-catalogue.ts";
import { costHistory, type NetworkHistory } from "../src/cost/history.ts";
import type { PowerMethodology } from "../src/cost/network-power.ts";
import { dayNumber, isoDay } from "../src/data/days.ts";
import { hardwareFromDataset, importText } from "../src/data/formats.ts";
import type { HardwareModel } from "../src/data/hardware-list.ts";
import type { ImportedDataset } from "../src/data/imported.ts";
import { toGrid } from "../src/data/series.ts";
import { floorFromNetworkState } from "../src/floor/network-state.ts";

const FILES = {
  network: "coinmetrics-btc-2026/btc.csv",
  old: "cbeci/cbeci_guess_twh_by_price_old-method_2023-01-25.csv",
  new: "cbeci/cbeci_guess_twh_by_price_new-method_2023-09-02.csv",
  cbeciList: "cbeci/cbeci_machines_090325.csv",
} as const;
const FROM = "2014-01-01";
const out = process.argv.includes("--out")
  ? process.argv[process.argv.indexOf("--out") + 1]!
  : join(REPO_ROOT, "docs", "cost-validation.md");

const texts = Object.fromEntries(
  Object.entries(FILES).map(([k, p]) => [k, readFileSync(join(sharedDataDir(), p), "utf8")]),
) as Record<keyof typeof FILES, string>;
const datasets = Object.fromEntries(
  Object.entries(FILES).map(([k, p]) => [k, importText(texts[k as keyof typeof FILES], { file: p })]),
) as Record<keyof typeof FILES, ImportedDataset>;

const startDay = dayNumber("2010-07-18");
const endDay = dayNumber("2023-09-02");
const length = endDay - startDay + 1;
const grid = (dataset: ImportedDataset, metric: string) =>
  toGrid(dataset.series.find((s) => s.metric === metric)!, startDay, length, { fill: "none" }).values;
const history: NetworkHistory = {
  startDay,
  hashrateThs: grid(datasets.network, "btc.hashrate"),
  priceUsd: grid(datasets.network, "btc.price_usd"),
  issuanceBtc: grid(datasets.network, "btc.issuance"),
  feesBtc: grid(datasets.network, "btc.fees"),
};

interface Comparison {
  readonly label: string;
  readonly methodology: PowerMethodology;
  readonly days: number[];
  readonly errors: number[];
  readonly model: Float64Array;
  readonly cbeci: Float64Array;
}

function compare(
  label: string,
  methodology: PowerMethodology,
  cbeciFile: ImportedDataset,
  models: readonly HardwareModel[],
): Comparison {
  const model = costHistory(history, {
    electricityUsdPerKwh: 0.05,
    power: "model",
    methodology,
    hardware: hardwareArrays(models),
  }).powerBestGW;
  const cbeci = grid(cbeciFile, "cbeci.power_gw.best@0.05");
  const days: number[] = [];
  const errors: number[] = [];
  for (let i = dayNumber(FROM) - startDay; i < length; i++) {
    if (model[i]! > 0 && cbeci[i]! > 0) {
      days.push(startDay + i);
      errors.push(model[i]! / cbeci[i]! - 1);
    }
  }
  return { label, methodology, days, errors, model, cbeci };
}

const quantile = (sorted: readonly number[], q: number) => {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  return sorted[lo]! + (sorted[Math.min(lo + 1, sorted.length - 1)]! - sorted[lo]!) * (pos - lo);
};
const pct = (x: number, digits = 1) => `${(x * 100).toFixed(digits)}%`;
const signed = (x: number) => `${x >= 0 ? "+" : ""}${pct(x)}`;
const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

function stats(errors: readonly number[]) {
  const abs = errors.map(Math.abs).sort((a, b) => a - b);
  const sorted = [...errors].sort((a, b) => a - b);
  return {
    n: errors.length,
    medianAbs: quantile(abs, 0.5),
    meanAbs: mean(abs),
    medianSigned: quantile(sorted, 0.5),
    meanSigned: mean(errors),
    q: [0.05, 0.25, 0.5, 0.75, 0.95].map((q) => quantile(sorted, q)),
    absQ: [0.5, 0.75, 0.9, 0.95].map((q) => quantile(abs, q)),
    within: [0.1, 0.15, 0.25].map((t) => abs.filter((a) => a <= t).length / abs.length),
  };
}

/** The k worst non-overlapping 90-day windows by mean absolute error. */
function worstWindows(c: Comparison, k = 5, window = 90) {
  const abs = c.errors.map(Math.abs);
  const candidates: { start: number; mean: number; signed: number }[] = [];
  for (let i = 0; i + window <= abs.length; i++) {
    if (c.days[i + window - 1]! - c.days[i]! !== window - 1) continue;
    candidates.push({
      start: i,
      mean: mean(abs.slice(i, i + window)),
      signed: mean(c.errors.slice(i, i + window)),
    });
  }
  candidates.sort((a, b) => b.mean - a.mean);
  const chosen: typeof candidates = [];
  for (const c2 of candidates) {
    if (chosen.every((x) => Math.abs(x.start - c2.start) >= window)) chosen.push(c2);
    if (chosen.length === k) break;
  }
  return chosen.map((w) => ({
    from: isoDay(c.days[w.start]!),
    to: isoDay(c.days[w.start + window - 1]!),
    meanAbs: w.mean,
    meanSigned: w.signed,
  }));
}

const cbeciModels = hardwareFromDataset(datasets.cbeciList)!.models;
const comparisons = [
  compare(
    "built-in catalogue, old methodology vs CBECI old (2023-01-25)",
    "old",
    datasets.old,
    HARDWARE_CATALOGUE.models,
  ),
  compare(
    "built-in catalogue, new methodology vs CBECI new (2023-09-02)",
    "new",
    datasets.new,
    HARDWARE_CATALOGUE.models,
  ),
  compare("control: CBECI's own 2025 list, old methodology vs CBECI old", "old", datasets.old, cbeciModels),
  compare("control: CBECI's own 2025 list, new methodology vs CBECI new", "new", datasets.new, cbeciModels),
];

const lines: string[] = [];
const p = (s = "") => lines.push(s);
p("# Validation of unwind's network-power estimator against CBECI");
p();
p(
  "Generated by `node --import tsx scripts/cost-validation.ts` from the public data sets in `../shared/data`",
);
p("(read in place, never committed; see their PROVENANCE.md). Everything below is unwind's computed output.");
p();
p("**Question.** Where CBECI's series ends or is unavailable, unwind estimates network power itself:");
p(
  "hash rate × efficiency of the hardware that is profitable at the day's revenue (docs/cost.md). How far is that",
);
p("estimate from CBECI's published best guess on the days both exist?");
p();
p(
  "**Setup.** Daily inputs from Coin Metrics' community `btc.csv` (hash rate, price, issuance, fees); electricity",
);
p(
  "$0.05/kWh; the estimator's best guess (PUE 1.10, 14-day threshold and 7-day power smoothing) against CBECI's",
);
p(
  `best guess at $0.05/kWh, every day from ${FROM} to the end of each CBECI file. Error = unwind ÷ CBECI − 1 (the`,
);
p("same ratio holds for the production cost, whose other factors are identical). Inputs:");
p();
for (const [key, path] of Object.entries(FILES))
  p(`- \`${path}\` (sha256 ${sha256Hex(texts[key as keyof typeof FILES]).slice(0, 16)}…)`);
p();
p(
  "The built-in catalogue is unwind's own list of models with cited sources (src/cost/hardware-catalogue.ts). The",
);
p(
  "control rows run the same estimator on CBECI's own hardware list (CC BY-NC-SA, read locally, not shipped): they",
);
p("measure how faithfully the method reproduces CBECI, separately from how complete the catalogue is.");
p();
p("## Error distribution");
p();
p(
  "| comparison | days | median \\|error\\| | mean \\|error\\| | median error | mean error | within ±10% | within ±15% | within ±25% |",
);
p("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
for (const c of comparisons) {
  const s = stats(c.errors);
  p(
    `| ${c.label} | ${s.n} | ${pct(s.medianAbs)} | ${pct(s.meanAbs)} | ${signed(s.medianSigned)} | ${signed(s.meanSigned)} | ${pct(s.within[0]!, 0)} | ${pct(s.within[1]!, 0)} | ${pct(s.within[2]!, 0)} |`,
  );
}
p();
p(
  "Quantiles of the signed error (5% / 25% / 50% / 75% / 95%) and of the absolute error (50% / 75% / 90% / 95%):",
);
p();
p("| comparison | signed quantiles | absolute quantiles |");
p("|---|---|---|");
for (const c of comparisons) {
  const s = stats(c.errors);
  p(`| ${c.label} | ${s.q.map(signed).join(" / ")} | ${s.absQ.map((x) => pct(x)).join(" / ")} |`);
}
p();
p("## By year (built-in catalogue)");
p();
p(
  "| year | days | old: median \\|error\\| | old: median error | new: median \\|error\\| | new: median error |",
);
p("|---|---:|---:|---:|---:|---:|");
const byYear = (c: Comparison) => {
  const groups = new Map<string, number[]>();
  c.days.forEach((d, i) => {
    const y = isoDay(d).slice(0, 4);
    if (!groups.has(y)) groups.set(y, []);
    groups.get(y)!.push(c.errors[i]!);
  });
  return groups;
};
const oldYears = byYear(comparisons[0]!);
const newYears = byYear(comparisons[1]!);
for (const year of [...new Set([...oldYears.keys(), ...newYears.keys()])].sort()) {
  const o = oldYears.get(year);
  const n = newYears.get(year);
  const cell = (xs: number[] | undefined, f: (s: ReturnType<typeof stats>) => string) =>
    xs ? f(stats(xs)) : "–";
  p(
    `| ${year} | ${Math.max(o?.length ?? 0, n?.length ?? 0)} | ${cell(o, (s) => pct(s.medianAbs))} | ${cell(o, (s) => signed(s.medianSigned))} | ${cell(n, (s) => pct(s.medianAbs))} | ${cell(n, (s) => signed(s.medianSigned))} |`,
  );
}
p();
p("## Worst periods (built-in catalogue, 90-day windows)");
p();
for (const c of comparisons.slice(0, 2)) {
  p(`${c.label}:`);
  p();
  p("| from | to | mean \\|error\\| | mean error |");
  p("|---|---|---:|---:|");
  for (const w of worstWindows(c)) p(`| ${w.from} | ${w.to} | ${pct(w.meanAbs)} | ${signed(w.meanSigned)} |`);
  p();
}
p("## Checkpoints: the production cost JPMorgan quoted");
p();
p(
  "Cost per BTC at $0.05/kWh, 900 BTC/day (subsidy only). JPMorgan: about $24,000 early June 2022 (CoinDesk: about",
);
p("$20,000), about $13,000 on 13 July 2022, about $15,000 on 9 November 2022 (production-cost.md §a).");
p();
p("| date | CBECI old | CBECI new | unwind, old methodology | unwind, new methodology | BTC price |");
p("|---|---:|---:|---:|---:|---:|");
const costOf = (gw: number) =>
  Number.isFinite(gw) ? `$${Math.round((gw * 24e6 * 0.05) / 900).toLocaleString("en-US")}` : "–";
for (const date of ["2022-06-01", "2022-07-13", "2022-11-09", "2023-01-25"]) {
  const i = dayNumber(date) - startDay;
  p(
    `| ${date} | ${costOf(comparisons[0]!.cbeci[i]!)} | ${costOf(comparisons[1]!.cbeci[i]!)} | ${costOf(comparisons[0]!.model[i]!)} | ${costOf(comparisons[1]!.model[i]!)} | $${Math.round(history.priceUsd[i]!).toLocaleString("en-US")} |`,
  );
}
p();
const i9 = dayNumber("2022-11-09") - startDay;
const single = floorFromNetworkState({
  date: "2022-11-09",
  hashrateEhs: history.hashrateThs[i9]! / 1e6,
  difficulty: 0,
  priceUsd: history.priceUsd[i9]!,
  blockSubsidyBtc: 6.25,
  feesBtcPerDay: history.feesBtc[i9]!,
});
p("## One date without history");
p();
p(
  `The single-date floor (no 14-day threshold average, no 7-day power average; \`floorFromNetworkState\`) on 2022-11-09`,
);
p(
  `from that day's Coin Metrics values gives a threshold of ${single.thresholdJPerTh.toFixed(1)} J/TH (${single.profitableModels} catalogue models)`,
);
p(
  `and a best-guess cost of ${costOf(single.powerGW.best)}, against ${costOf(comparisons[1]!.model[i9]!)} from the smoothed daily estimator: the`,
);
p("crash made the spot threshold lower than its 14-day average, so fewer, more efficient models count.");
p();
p("## Reading the results");
p();
const s0 = stats(comparisons[0]!.errors);
const s1 = stats(comparisons[1]!.errors);
const c0 = stats(comparisons[2]!.errors);
const c1 = stats(comparisons[3]!.errors);
p(
  `- **Headline.** Median absolute error ${pct(s0.medianAbs)} against CBECI's old series and ${pct(s1.medianAbs)} against the new one,`,
);
p(
  `  over ${s0.n} and ${s1.n} days (target: under 15%). The control with CBECI's own hardware list gives ${pct(c0.medianAbs)} and`,
);
p(`  ${pct(c1.medianAbs)}: the method reproduces CBECI; the remaining error comes from the hardware list.`);
p(
  "- **Why the list matters.** The best guess is a mean over the *listed* profitable models, so the number of models",
);
p(
  "  of each generation weighs as much as their efficiency. CBECI's list carries many variants of each generation;",
);
p(
  "  the built-in catalogue lists only models whose specifications and release dates have a public source (see its",
);
p(
  "  module comment for the gaps). Where a generation is thin in the catalogue the mean tilts towards the others.",
);
p(
  "- **Early 2014 (too low).** The profitability threshold was still about 200,000 J/TH. CBECI's list counts FPGA",
);
p(
  "  boards (43,000–75,000 J/TH) as profitable then; the catalogue has no FPGA with a sourced figure, so its mean covers",
);
p("  three 2013 ASICs only (Avalon batch 1, BFL SC, Antminer S1).");
p(
  "- **2017–2018 (too high).** The catalogue has few models between the Antminer S9 (2016) and the 7 nm generation",
);
p(
  "  (S15, Nov 2018) — CBECI lists many S9-class variants — so older, less efficient models (S7, AvalonMiner 6) weigh",
);
p("  more in the mean while the bull-market threshold keeps them all profitable.");
p(
  "- **2019–2022 (too low).** The catalogue lacks most 2018 releases — CBECI's list has 27 models released in 2018 at",
);
p(
  "  60–110 J/TH (S9-class machines and their competitors), still profitable in 2019–2020 — and many mid-generation",
);
p(
  "  models (S17+/T17+, M20S, AvalonMiner 10xx/11xx, Ebang), so the 7 nm and later S19/M30 generations dominate the",
);
p("  mean and it stays below CBECI's.");
p(
  "- **Both directions are list composition, not tuning.** No parameter was fitted to CBECI; the estimator uses CBECI's",
);
p(
  "  published constants (PUE 1.01/1.10/1.20, 14- and 7-day windows, 5-year life, age weights). A model added to the",
);
p(
  "  catalogue pulls the mean towards its own efficiency, so it narrows the gap only where it resembles what the list",
);
p(
  "  is missing: the Antminer S17 (45 J/TH, April 2019) added in the latest revision made 2019 worse, because the",
);
p(
  "  machines the catalogue lacks there are less efficient than its mean, not more. Models are added because a source",
);
p(
  "  documents them, never to move the error; passing CBECI's list with `--hardware` closes the gap (the control rows).",
);
p(
  "- **Catalogue revisions.** Before the latest revision (35 models; S19j Pro at 29.5 J/TH) the median absolute",
);
p(
  "  error was 13.5% (old) and 12.0% (new). It added the Antminer S17 and S19 XP Hyd (Glassnode's reference rigs) and",
);
p("  corrected the S19j Pro to 30.5 J/TH (Mining Store's 100 TH/s, 3,050 W figure).");
writeFileSync(out, `${lines.join("\n")}\n`);
console.log(`wrote ${out}`);
