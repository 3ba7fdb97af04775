/**
 * The cascade engine: one full run of each built-in 2022 scenario (compile + simulate, and simulate
 * alone on a compiled model), and a synthetic market ten times the FTX scenario's size to show how
 * the step loop scales. Scenarios are loaded and validated before timing.
 */
import { Bench } from "tinybench";
import { runCascade, simulate } from "../src/cascade/engine.ts";
import { compileScenario } from "../src/cascade/model.ts";
import { resolveParameters } from "../src/cascade/parameters.ts";
import { resolveScenario } from "../src/scenario/builtin.ts";
import { validateScenario } from "../src/scenario/load.ts";
import type { Scenario } from "../src/scenario/normalize.ts";

/**
 * A deterministic synthetic market: `n` entities, `m` assets, about 4n claims, a 40% fall of the
 * first asset at step 0 and withdrawals at two exchanges.
 */
function synthetic(n: number, m: number, steps: number): Scenario {
  let s = 7;
  const rand = () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
  const types = ["exchange", "lender", "fund", "market-maker", "protocol"] as const;
  const assets = Array.from({ length: m }, (_, a) => ({
    id: `A${a}`,
    kind: "token",
    priceUsd: 1 + 100 * rand(),
    supply: 1e8,
    impact: { model: "sqrt", dailyVolumeUsd: 1e9 * (0.1 + rand()), dailyVolatility: 0.05 },
    ...(a === 1 ? { issuer: "e0" } : {}),
  }));
  const entities = Array.from({ length: n }, (_, i) => ({
    id: `e${i}`,
    type: types[i % types.length],
    cashUsd: 2e7 * rand(),
    otherAssetsUsd: 5e7 * rand(),
    customerDepositsUsd: i % types.length === 0 ? 5e7 * rand() : 0,
    otherLiabilitiesUsd: 3e7 * rand(),
    holdings: Array.from({ length: 3 }, (_, h) => ({ asset: `A${(i + h) % m}`, units: 1e5 * rand() })),
    ...(i % 25 === 3 ? { rescue: { capacityUsd: 2e7 } } : {}),
  }));
  const claims = Array.from({ length: 4 * n }, (_, k) => {
    const creditor = Math.floor(rand() * n);
    const debtor = (creditor + 1 + Math.floor(rand() * (n - 1))) % n;
    return {
      type: k % 3 === 0 ? "deposit" : "unsecured-loan",
      creditor: `e${creditor}`,
      debtor: `e${debtor}`,
      amount: 5e6 * rand(),
    };
  });
  return validateScenario({
    schemaVersion: 1,
    id: "synthetic",
    name: "Synthetic market",
    asOf: "2022-11-01",
    assets,
    entities,
    claims,
    shocks: [
      { type: "price", asset: "A0", change: -0.4, step: 0 },
      { type: "withdrawal", entity: "e0", fraction: 0.3, step: 1 },
      { type: "withdrawal", entity: "e5", fraction: 0.3, step: 2 },
    ],
    parameters: { steps, defaultCosts: { alpha: 0.7, beta: 0.9 } },
  }).scenario;
}

export default async function run(): Promise<void> {
  const ftx = resolveScenario("ftx-2022").scenario;
  const terra = resolveScenario("terra-2022").scenario;
  const large = synthetic(300, 120, 30);
  const compiled = compileScenario(ftx, resolveParameters(ftx));
  const ftxShocks = ftx.shocks ?? [];
  const describe = (s: Scenario) =>
    `${s.entities.length} entities, ${s.assets.length} assets, ${s.claims?.length ?? 0} claims, ${s.parameters?.steps ?? 30} steps`;
  console.log(`ftx-2022: ${describe(ftx)}; terra-2022: ${describe(terra)}; synthetic: ${describe(large)}`);
  const bench = new Bench({ time: 1500, warmupTime: 300 });
  bench
    .add("runCascade ftx-2022 (compile + simulate)", () => {
      runCascade(ftx);
    })
    .add("simulate ftx-2022 (compiled once)", () => {
      simulate(compiled, ftxShocks);
    })
    .add("runCascade terra-2022", () => {
      runCascade(terra);
    })
    .add("runCascade synthetic 300 entities × 120 assets × 1,200 claims × 30 steps", () => {
      runCascade(large);
    });
  await bench.run();
  console.table(bench.table());
}
