/**
 * A plain interbank network as read from a network file: entities with external assets and
 * liabilities (and optionally a stated equity), and interbank liabilities in CSR form by debtor.
 * @module
 */
import { type ClearingProblem, EXTERNAL_CREDITOR } from "./clearing-problem.ts";

/** An interbank network (struct of arrays). Amounts in USD. */
export interface Network {
  /** Entity ids, index = node number. */
  readonly ids: readonly string[];
  /** External (non-interbank) assets of each entity, ≥ 0. */
  readonly externalAssets: Float64Array;
  /** External liabilities of each entity, ≥ 0; senior to interbank liabilities. */
  readonly externalLiabilities: Float64Array;
  /**
   * Equity stated in the file (the capital buffer of Furfine and DebtRank), NaN where an entity
   * gives none; undefined when no entity gives one. Book equity is used where it is missing.
   */
  readonly statedEquity: Float64Array | undefined;
  /** Length `n + 1`: debtor `i`'s liabilities are `[liabilityStart[i], liabilityStart[i+1])`. */
  readonly liabilityStart: Uint32Array;
  /** Creditor entity of each interbank liability. */
  readonly creditor: Int32Array;
  /** Amount of each interbank liability (what the debtor owes the creditor), ≥ 0. */
  readonly amount: Float64Array;
}

/** Seniority tier of external liabilities in {@link toClearingProblem}. */
export const EXTERNAL_TIER = 0;
/** Seniority tier of interbank liabilities in {@link toClearingProblem}. */
export const INTERBANK_TIER = 1;

/**
 * The network as a tiered clearing problem: each entity's external liabilities become one tier-0
 * claim of an external creditor, ahead of its interbank liabilities (tier 1), as in NEVA (Barucca et
 * al. 2020, Math. Finance 30(4), https://doi.org/10.1111/mafi.12272), where external liabilities are
 * senior. With no external liabilities this is the original Eisenberg–Noe network.
 * @param externalAssets external assets to clear with (e.g. after a shock); default the network's
 */
export function toClearingProblem(
  network: Network,
  externalAssets: Float64Array = network.externalAssets,
): ClearingProblem {
  const { liabilityStart, externalLiabilities } = network;
  const n = network.ids.length;
  let externalClaims = 0;
  for (let i = 0; i < n; i++) if (externalLiabilities[i]! > 0) externalClaims++;
  const total = network.amount.length + externalClaims;
  const debtorStart = new Uint32Array(n + 1);
  const creditor = new Int32Array(total);
  const amount = new Float64Array(total);
  const tier = new Uint8Array(total);
  let k = 0;
  for (let i = 0; i < n; i++) {
    debtorStart[i] = k;
    if (externalLiabilities[i]! > 0) {
      creditor[k] = EXTERNAL_CREDITOR;
      amount[k] = externalLiabilities[i]!;
      tier[k] = EXTERNAL_TIER;
      k++;
    }
    const end = liabilityStart[i + 1]!;
    for (let j = liabilityStart[i]!; j < end; j++, k++) {
      creditor[k] = network.creditor[j]!;
      amount[k] = network.amount[j]!;
      tier[k] = INTERBANK_TIER;
    }
  }
  debtorStart[n] = k;
  return { n, externalAssets, debtorStart, creditor, amount, tier };
}

/** Interbank assets of each entity: the sum of what the others owe it, USD. */
export function interbankAssets(network: Network): Float64Array {
  const assets = new Float64Array(network.ids.length);
  const { creditor, amount } = network;
  for (let k = 0; k < amount.length; k++) assets[creditor[k]!]! += amount[k]!;
  return assets;
}

/** Interbank liabilities of each entity: the sum of what it owes the others, USD. */
export function interbankLiabilities(network: Network): Float64Array {
  const n = network.ids.length;
  const owed = new Float64Array(n);
  const { liabilityStart, amount } = network;
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let k = liabilityStart[i]!; k < liabilityStart[i + 1]!; k++) sum += amount[k]!;
    owed[i] = sum;
  }
  return owed;
}

/**
 * Each entity's capital: its stated equity where the file gives one, else book equity
 * `externalAssets + interbank assets − externalLiabilities − interbank liabilities`, USD.
 */
export function capital(network: Network): Float64Array {
  const assets = interbankAssets(network);
  const owed = interbankLiabilities(network);
  const equity = new Float64Array(network.ids.length);
  for (let i = 0; i < equity.length; i++) {
    const stated = network.statedEquity?.[i];
    equity[i] =
      stated !== undefined && !Number.isNaN(stated)
        ? stated
        : network.externalAssets[i]! + assets[i]! - network.externalLiabilities[i]! - owed[i]!;
  }
  return equity;
}
