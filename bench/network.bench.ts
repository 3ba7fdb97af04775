/**
 * Network valuation benchmarks: greatest-clearing-vector (EN and RV) on generated Erdős–Rényi
 * networks of 10^5 nodes / 10^6 claims and 10^6 / 10^7, Picard iteration for comparison, small
 * tiered clearings of the size the cascade engine solves every step, and streaming CSV loading of
 * 10^7 liability rows. Networks are generated here (seeded), never committed.
 *
 * Set-up of the large cases (as in the contagion research note's numpy baseline): average degree 10,
 * exponential claims, Gai–Kapadia balance sheets (capital ratio 2–6%, interbank share 20%), every
 * external asset cut by 4%; a memory workspace is reused across calls. Each size is cleared at the
 * default tolerance and at the numpy baseline's, 1e-9 × the largest p̄ (both printed).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Bench } from "tinybench";
import { type ClearingOptions, type ClearingResult, clearingVector } from "../src/network/clearing.ts";
import {
  buildClearingProblem,
  type ClearingProblem,
  ClearingWorkspace,
} from "../src/network/clearing-problem.ts";
import { generateNetwork } from "../src/network/generate.ts";
import { loadNetwork } from "../src/network/load.ts";
import { toClearingProblem } from "../src/network/network.ts";
import { picardClearing } from "../src/network/picard.ts";
import { writeNetworkCsv } from "../src/network/write.ts";

interface Case {
  name: string;
  run: () => ClearingResult;
}

async function measure(cases: Case[], options: { iterations: number; time: number }): Promise<void> {
  const bench = new Bench({
    iterations: options.iterations,
    time: options.time,
    warmupIterations: 1,
    warmupTime: 0,
  });
  const last = new Map<string, ClearingResult>();
  for (const c of cases) bench.add(c.name, () => void last.set(c.name, c.run()));
  await bench.run();
  const rows = bench.tasks.map((task) => {
    const result = task.result;
    const r = last.get(task.name)!;
    let defaults = 0;
    for (const d of r.defaulted) defaults += d;
    const stats = "latency" in result ? result.latency : undefined;
    return {
      case: task.name,
      "mean ms": stats ? Number(stats.mean.toFixed(3)) : Number.NaN,
      "min ms": stats ? Number(stats.min.toFixed(3)) : Number.NaN,
      samples: stats?.samplesCount ?? 0,
      rounds: r.rounds,
      iterations: r.iterations,
      defaults,
    };
  });
  console.table(rows);
}

function generated(nodes: number): ClearingProblem {
  const network = generateNetwork({ model: "er", nodes, avgDegree: 10, seed: 1 });
  return toClearingProblem(
    network,
    network.externalAssets.map((e) => e * 0.96),
  );
}

/** A cascade-sized tiered problem: 100 nodes, ~500 claims in 4 tiers, some to external creditors. */
function small(): ClearingProblem {
  const network = generateNetwork({ model: "scale-free", nodes: 100, avgDegree: 4, seed: 5 });
  const debtor: number[] = [];
  const creditor: number[] = [];
  const amount: number[] = [];
  const tier: number[] = [];
  for (let i = 0; i < 100; i++) {
    debtor.push(i);
    creditor.push(-1);
    amount.push(network.externalLiabilities[i]!);
    tier.push(1);
    for (let k = network.liabilityStart[i]!; k < network.liabilityStart[i + 1]!; k++) {
      debtor.push(i);
      creditor.push(network.creditor[k]!);
      amount.push(network.amount[k]!);
      tier.push(k % 4);
    }
  }
  const e = network.externalAssets.map((x) => x * 0.95);
  return buildClearingProblem(100, e, { debtor, creditor, amount, tier }).problem;
}

/** EN and RV cases, each with its own workspace (a result's arrays are views into it). */
function cases(
  label: string,
  problem: ClearingProblem,
  extra: ClearingOptions = {},
  rv = { alpha: 0.5, beta: 0.5 },
): Case[] {
  return [
    { name: `EN ${label}`, options: {} },
    { name: `RV α=${rv.alpha} β=${rv.beta} ${label}`, options: rv },
  ].map(({ name, options }) => {
    const workspace = new ClearingWorkspace();
    return { name, run: () => clearingVector(problem, { ...options, ...extra, workspace }) };
  });
}

export default async function networkBench(): Promise<void> {
  console.log("Cascade-sized tiered clearing (100 nodes, 4 tiers), workspace reused");
  const tiered = small();
  // Every 20th node is a failed entity's estate, in default from the start (forcedDefault).
  const forcedDefault = Uint8Array.from({ length: tiered.n }, (_, i) => (i % 20 === 0 ? 1 : 0));
  await measure(
    [
      ...cases("tiered, 100 nodes", tiered, {}, { alpha: 0.6, beta: 0.8 }),
      ...cases("tiered, 100 nodes, 5 forced", tiered, { forcedDefault }, { alpha: 0.6, beta: 0.8 }),
    ],
    { iterations: 2000, time: 500 },
  );

  for (const nodes of [100_000, 1_000_000]) {
    const started = performance.now();
    const problem = generated(nodes);
    const label = `${nodes / 1000}k/${(problem.amount.length / 1e6).toFixed(1)}M`;
    console.log(`\nER network ${label} claims generated in ${(performance.now() - started).toFixed(0)} ms`);
    let maxOwed = 0;
    let maxAssets = 0;
    for (let i = 0; i < problem.n; i++) {
      let owed = 0;
      for (let k = problem.debtorStart[i]!; k < problem.debtorStart[i + 1]!; k++) owed += problem.amount[k]!;
      maxOwed = Math.max(maxOwed, owed);
      maxAssets = Math.max(maxAssets, problem.externalAssets[i]!);
    }
    const numpyTolerance = 1e-9 * maxOwed;
    console.log(
      `tolerance: default 1e-12 × max(p̄, e) = ${(1e-12 * Math.max(maxOwed, maxAssets)).toExponential(2)} USD; ` +
        `"tol 1e-9·max p̄" rows use the research note's numpy baseline tolerance, ${numpyTolerance.toExponential(2)} USD`,
    );
    await measure(
      [
        ...cases(label, problem),
        ...cases(`${label} tol 1e-9·max p̄`, problem, { tolerance: numpyTolerance }),
        ...(nodes <= 100_000 ? [{ name: `Picard EN ${label}`, run: () => picardClearing(problem) }] : []),
      ],
      { iterations: nodes > 100_000 ? 3 : 8, time: 0 },
    );
  }

  const dir = mkdtempSync(join(tmpdir(), "unwind-bench-"));
  try {
    const network = generateNetwork({ model: "er", nodes: 1_000_000, avgDegree: 10, seed: 2 });
    let t = performance.now();
    const files = writeNetworkCsv(network, dir);
    const writeMs = performance.now() - t;
    t = performance.now();
    const loaded = loadNetwork(files.entities, files.liabilities);
    const loadMs = performance.now() - t;
    console.log(
      `\nCSV pair, ${network.ids.length} entities / ${loaded.network.amount.length} liability rows: write ${writeMs.toFixed(0)} ms, streaming load + validation + hash ${loadMs.toFixed(0)} ms`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
