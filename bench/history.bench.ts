/**
 * History validation: validating a Terra-sized run (70 steps, 20 failures, 5 price paths against
 * 800-day observed series) and the Spearman kernel on long inputs.
 */
import { Bench } from "tinybench";
import { TERRA_2022 } from "../src/history/episodes/terra-2022.ts";
import type { CascadeOutcome } from "../src/history/outcome.ts";
import { spearman } from "../src/history/rank-correlation.ts";
import { addDays, type DailyValues } from "../src/history/series.ts";
import { validateEpisode } from "../src/history/validate.ts";

function walk(start: number, n: number, seed: number): number[] {
  const out = new Array<number>(n);
  let x = start;
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    x *= 1 + (s / 2 ** 31 - 0.52) * 0.08;
    out[i] = x;
  }
  return out;
}

function series(from: string, values: number[]): DailyValues {
  return { dates: values.map((_, k) => addDays(from, k)), values: Float64Array.from(values) };
}

export default async function run(): Promise<void> {
  const steps = 70;
  const assets = ["BTC", "ETH", "LUNA", "stETH"];
  const outcome: CascadeOutcome = {
    scenario: "terra-2022",
    steps,
    failures: Array.from({ length: 20 }, (_, i) => ({
      entity: `e${i}`,
      step: i * 3,
      cause: "insolvent" as const,
    })),
    gated: [],
    pricePaths: Object.fromEntries(assets.map((a, i) => [a, walk(100, steps + 1, i + 1)])),
    marketCap: { initialUsd: 1.66e12, path: walk(1.66e12, steps + 1, 99) },
  };
  const from = "2020-11-16";
  const market = {
    totalMarketCap: series(from, walk(1e12, 800, 7)),
    prices: Object.fromEntries(assets.map((a, i) => [a, series(from, walk(100, 800, 10 + i))])),
  };
  const x = Float64Array.from(walk(1, 100_000, 3));
  const y = Float64Array.from(walk(1, 100_000, 4));

  const bench = new Bench({ time: 500 });
  bench
    .add("validateEpisode (70 steps, 5 paths, 800-day series)", () => {
      validateEpisode(TERRA_2022, outcome, market);
    })
    .add("spearman n = 100,000", () => {
      spearman(x, y);
    });
  await bench.run();
  console.table(bench.table());
}
