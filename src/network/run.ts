/**
 * One network model run on a loaded network, with results keyed by entity id: the library function
 * behind `unwind network run`.
 * @module
 */
import { InputError } from "../core/errors.ts";
import { clearingVector } from "./clearing.ts";
import { debtRank } from "./debtrank.ts";
import { furfine } from "./furfine.ts";
import { capital, type Network, toClearingProblem } from "./network.ts";

/** Models `network run` offers. */
export const NETWORK_MODELS = ["en", "rv", "furfine", "debtrank", "linear-debtrank"] as const;
/**
 * `en` Eisenberg–Noe, `rv` Rogers–Veraart, `furfine` Furfine rounds, `debtrank` single-hit DebtRank,
 * `linear-debtrank` linear DebtRank.
 */
export type NetworkModel = (typeof NETWORK_MODELS)[number];

/** Parameters of {@link runNetworkModel}. */
export interface NetworkRunOptions {
  readonly model: NetworkModel;
  /** `rv`: fraction of external assets realised in default, [0, 1]. */
  readonly alpha?: number;
  /** `rv`: fraction of interbank receipts realised in default, [0, 1]. */
  readonly beta?: number;
  /** `furfine`: recovery rate on claims on failed entities, [0, 1]. Default 0. */
  readonly recovery?: number;
  /** Cut of every entity's external assets, a fraction in [0, 1]. */
  readonly shockExternal?: number;
  /** Initial loss per entity id, as a fraction in [0, 1] of its initial equity. */
  readonly shocks?: Readonly<Record<string, number>>;
  /** Solver tolerance (USD for en/rv, distress for linear-debtrank). */
  readonly tolerance?: number;
  readonly maxIterations?: number;
}

/** Results keyed by entity id (amounts in USD). */
export interface NetworkRunResult {
  readonly model: NetworkModel;
  readonly entities: number;
  readonly liabilities: number;
  /** en/rv: interbank payments (the clearing vector), id → USD paid to other entities. */
  readonly payments?: Record<string, number>;
  /** en/rv: id → USD paid to external creditors (senior to interbank). */
  readonly externalPayments?: Record<string, number>;
  /** Final equity, id → USD: en/rv `e + received − owed`; furfine capital − losses; DebtRank `E(0)·(1 − h)`. */
  readonly equity: Record<string, number>;
  /** Sum of the final equities, USD. */
  readonly totalEquity: number;
  /** Defaulted entity ids, in wave order. */
  readonly defaults: string[];
  /** The ids that newly default in each wave, in order (wave 0 first). */
  readonly waves: string[][];
  /** DebtRank models: id → distress h in [0, 1]. */
  readonly distress?: Record<string, number>;
  /** DebtRank models: the DebtRank of the shock. */
  readonly debtrank?: number;
  /** Solver iterations: Gauss–Seidel sweeps (en/rv), rounds (furfine), propagation steps (DebtRank). */
  readonly iterations: number;
  /** Number of default waves. */
  readonly rounds: number;
  readonly converged: boolean;
}

/**
 * Applies the shocks and runs the model.
 *
 * Shocks. Every model sees the same initial loss `loss_i = s·e_i + f_i·max(E_i, 0)` (USD), `s` being
 * `shockExternal`, `f_i` the entity's `shocks` fraction and `E_i` its capital (stated equity, else book
 * equity). en/rv take it out of external assets (not below zero), furfine counts it as a loss,
 * DebtRank turns it into initial distress `h_i(1) = min(1, loss_i / E_i)`.
 * @throws {InputError} for a shock on an unknown entity or a missing α/β for `rv`
 */
export function runNetworkModel(network: Network, options: NetworkRunOptions): NetworkRunResult {
  const { ids } = network;
  const n = ids.length;
  const E = capital(network);
  const loss = initialLoss(network, E, options);
  const base = { model: options.model, entities: n, liabilities: network.amount.length };

  if (options.model === "en" || options.model === "rv") {
    if (options.model === "rv" && (options.alpha === undefined || options.beta === undefined)) {
      throw new InputError("INVALID_INPUT", [
        {
          path: "",
          message:
            "the rv model needs --alpha and --beta (shares of external assets and interbank receipts realised in default)",
        },
      ]);
    }
    const e = Float64Array.from(network.externalAssets, (x, i) => Math.max(0, x - loss[i]!));
    const problem = toClearingProblem(network, e);
    const result = clearingVector(problem, {
      alpha: options.model === "rv" ? options.alpha! : 1,
      beta: options.model === "rv" ? options.beta! : 1,
      ...(options.tolerance !== undefined ? { tolerance: options.tolerance } : {}),
      ...(options.maxIterations !== undefined ? { maxIterations: options.maxIterations } : {}),
    });
    // External liabilities are the senior tier: a debtor pays them first, the rest goes to the network.
    const external = Float64Array.from(result.payments, (p, i) =>
      Math.min(p, network.externalLiabilities[i]!),
    );
    const interbank = Float64Array.from(result.payments, (p, i) => p - external[i]!);
    return keyedBy(
      ids,
      {
        ...base,
        ...waves(ids, result.wave),
        totalEquity: sum(result.equity),
        iterations: result.iterations,
        converged: result.converged,
      },
      { payments: interbank, externalPayments: external, equity: result.equity },
    );
  }

  const exposures = toClearingProblem(network);
  if (options.model === "furfine") {
    const result = furfine(exposures, { capital: E, initialLoss: loss, recovery: options.recovery ?? 0 });
    return keyedBy(
      ids,
      {
        ...base,
        ...waves(ids, result.wave),
        totalEquity: sum(result.equity),
        iterations: result.rounds,
        converged: true,
      },
      { equity: result.equity },
    );
  }
  const shock = Float64Array.from(loss, (l, i) => (E[i]! > 0 ? Math.min(1, l / E[i]!) : 1));
  const result = debtRank(exposures, {
    variant: options.model === "debtrank" ? "single-hit" : "linear",
    equity: E,
    shock,
    ...(options.tolerance !== undefined ? { tolerance: options.tolerance } : {}),
    ...(options.maxIterations !== undefined ? { maxIterations: options.maxIterations } : {}),
  });
  const equity = Float64Array.from(E, (e, i) => e * (1 - result.distress[i]!));
  return keyedBy(
    ids,
    {
      ...base,
      ...waves(ids, result.wave),
      totalEquity: sum(equity),
      debtrank: result.debtrank,
      iterations: result.iterations,
      converged: result.converged,
    },
    { equity, distress: result.distress },
  );
}

type Keyed = "payments" | "externalPayments" | "equity" | "distress";

/**
 * `fields` plus, for each per-entity array, an enumerable property holding it keyed by id, built on
 * first access: a million-key object takes a second to build, and only `--json` needs it.
 */
function keyedBy(
  ids: readonly string[],
  fields: Omit<NetworkRunResult, Keyed>,
  arrays: Partial<Record<Keyed, ArrayLike<number>>>,
): NetworkRunResult {
  const result = { ...fields } as NetworkRunResult;
  for (const [name, values] of Object.entries(arrays)) {
    let keyed: Record<string, number> | undefined;
    Object.defineProperty(result, name, {
      enumerable: true,
      get() {
        if (keyed === undefined) {
          keyed = {};
          for (let i = 0; i < ids.length; i++) keyed[ids[i]!] = values[i]!;
        }
        return keyed;
      },
    });
  }
  return result;
}

function sum(values: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i]!;
  return total;
}

function initialLoss(network: Network, E: Float64Array, options: NetworkRunOptions): Float64Array {
  const n = network.ids.length;
  const s = options.shockExternal ?? 0;
  const loss = Float64Array.from(network.externalAssets, (e) => s * e);
  const shocks = Object.entries(options.shocks ?? {});
  if (shocks.length > 0) {
    const index = new Map<string, number>();
    for (let i = 0; i < n; i++) index.set(network.ids[i]!, i);
    const unknown = shocks.filter(([id]) => !index.has(id)).map(([id]) => id);
    if (unknown.length > 0) {
      throw new InputError(
        "INVALID_INPUT",
        unknown.map((id) => ({
          path: "--shock",
          message: `unknown entity ${JSON.stringify(id)} in the network`,
        })),
      );
    }
    for (const [id, fraction] of shocks) {
      const i = index.get(id)!;
      loss[i]! += fraction * Math.max(E[i]!, 0);
    }
  }
  return loss;
}

function waves(
  ids: readonly string[],
  wave: Int32Array,
): { defaults: string[]; waves: string[][]; rounds: number } {
  const byWave: string[][] = [];
  for (let i = 0; i < wave.length; i++) {
    const w = wave[i]!;
    if (w < 0) continue;
    while (byWave.length <= w) byWave.push([]);
    byWave[w]!.push(ids[i]!);
  }
  const nonEmpty = byWave.filter((list) => list.length > 0);
  return { defaults: nonEmpty.flat(), waves: nonEmpty, rounds: nonEmpty.length };
}
