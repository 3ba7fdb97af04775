/**
 * Random interbank networks for studies and benchmarks: directed Erdős–Rényi and scale-free
 * (preferential attachment) topologies, exponential claim sizes and Gai–Kapadia-style balance sheets
 * in which some but not all entities are fragile. Seeded (pure-rand xoroshiro128+): the same
 * parameters and seed always give the same network.
 * @module
 */
import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import type { ProgressListener } from "../core/progress.ts";
import type { Network } from "./network.ts";

/** Topology models. */
export const GENERATOR_MODELS = ["er", "scale-free"] as const;
/** A topology model: directed Erdős–Rényi G(n, p) or directed preferential attachment. */
export type GeneratorModel = (typeof GENERATOR_MODELS)[number];

/** Parameters of {@link generateNetwork}. */
export interface GenerateOptions {
  readonly model: GeneratorModel;
  /** Number of entities, ≥ 2. */
  readonly nodes: number;
  /** Mean number of interbank liabilities per entity (= mean in- and out-degree), > 0. */
  readonly avgDegree: number;
  /** PRNG seed (a 32-bit integer). */
  readonly seed: number;
  /** Mean claim size, USD (claims are exponential). Default 1e6. */
  readonly meanClaim?: number;
  /** Mean equity / total assets κ; each entity draws κ_i uniformly from [κ/2, 3κ/2]. Default 0.04. */
  readonly capitalRatio?: number;
  /** Target interbank assets / total assets φ. Default 0.2 (Gai & Kapadia 2010). */
  readonly interbankShare?: number;
  /** Hears the share of the work done, in thousandths (`done` of 1000). */
  readonly onProgress?: ProgressListener;
}

/** Progress is reported in thousandths: the topology is the first half, the claim sizes the second. */
const PROGRESS_TOTAL = 1000;
/** Report progress every this many nodes or claims (a power of two, tested with a mask). */
const PROGRESS_EVERY = 1 << 16;

/**
 * Generates a network.
 *
 * Topology. `er`: every ordered pair (i, j), i ≠ j, is a liability of i to j independently with
 * probability `avgDegree / (nodes − 1)`, sampled in O(nodes + claims) by geometric skips (Batagelj &
 * Brandes 2005, "Efficient generation of large random networks", Phys. Rev. E 71:036113).
 * `scale-free`: entities arrive one by one and each makes ⌊K⌋ or ⌈K⌉ links (mean K) to distinct earlier
 * entities chosen with probability ∝ degree + 1 (Barabási & Albert 1999; the +1 lets new entities be
 * chosen); each link's direction (who owes whom) is a fair coin, so hubs are both large lenders and
 * large borrowers.
 *
 * Balance sheets (after Gai & Kapadia 2010, Proc. R. Soc. A 466:2401). Claim sizes are exponential
 * with mean `meanClaim`, rounded to cents (at least 0.01). With interbank assets A_i and liabilities L_i, entity i gets external assets
 * `e_i = max(A_i·(1−φ)/φ, L_i/(1−κ_i) − A_i)` — interbank assets are a share φ of total assets
 * unless that would not cover its interbank debts — and external liabilities
 * `(1−κ_i)·(A_i + e_i) − L_i ≥ 0`, so every entity starts solvent with equity κ_i of its assets.
 * A uniform cut s of external assets then pushes into default exactly the entities with
 * `κ_i < s·e_i/(A_i + e_i)` (≈ s·(1−φ)), and the losses they pass on decide who follows.
 */
export function generateNetwork(options: GenerateOptions): Network {
  const { model, nodes: n, avgDegree, seed } = options;
  const meanClaim = options.meanClaim ?? 1e6;
  const kappa = options.capitalRatio ?? 0.04;
  const phi = options.interbankShare ?? 0.2;
  if (!Number.isInteger(n) || n < 2) throw new RangeError(`nodes must be an integer ≥ 2, got ${n}`);
  if (!(avgDegree > 0 && avgDegree <= n - 1))
    throw new RangeError(`avgDegree must be in (0, ${n - 1}], got ${avgDegree}`);
  if (!(kappa > 0 && kappa < 4 / 3)) throw new RangeError(`capitalRatio must be in (0, 4/3), got ${kappa}`);
  if (!(phi > 0 && phi < 1)) throw new RangeError(`interbankShare must be in (0, 1), got ${phi}`);
  if (!(meanClaim > 0)) throw new RangeError(`meanClaim must be > 0, got ${meanClaim}`);
  const rng = xoroshiro128plus(seed);
  // xoroshiro128+'s first outputs from a small seed are far from uniform (seed 7 starts at 0.9999999).
  for (let i = 0; i < 16; i++) rng.next();
  const uniform = () => uniformFloat64(rng);
  const onProgress = options.onProgress;
  const topologyProgress =
    onProgress &&
    ((node: number) => onProgress(Math.floor(((PROGRESS_TOTAL / 2) * node) / n), PROGRESS_TOTAL));
  const { liabilityStart, creditor } =
    model === "er"
      ? erdosRenyi(n, avgDegree, uniform, topologyProgress)
      : preferentialAttachment(n, avgDegree, uniform, topologyProgress);
  const m = creditor.length;
  const amount = new Float64Array(m);
  // In cents, like the USD amounts of real books (and short to write and read back).
  for (let k = 0; k < m; k++) {
    amount[k] = Math.max(0.01, Math.round(-meanClaim * 100 * Math.log1p(-uniform())) / 100);
    if (onProgress && (k & (PROGRESS_EVERY - 1)) === 0)
      onProgress(PROGRESS_TOTAL / 2 + Math.floor(((PROGRESS_TOTAL / 2) * k) / m), PROGRESS_TOTAL);
  }

  const assets = new Float64Array(n);
  for (let k = 0; k < m; k++) assets[creditor[k]!]! += amount[k]!;
  const externalAssets = new Float64Array(n);
  const externalLiabilities = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let owed = 0;
    for (let k = liabilityStart[i]!; k < liabilityStart[i + 1]!; k++) owed += amount[k]!;
    const k_i = kappa * (0.5 + uniform());
    const a = assets[i]!;
    const e = Math.max((a * (1 - phi)) / phi, owed / (1 - k_i) - a, a === 0 && owed === 0 ? meanClaim : 0);
    externalAssets[i] = e;
    externalLiabilities[i] = Math.max(0, (1 - k_i) * (a + e) - owed);
  }
  const width = String(n - 1).length;
  const ids = Array.from({ length: n }, (_, i) => `b${String(i).padStart(width, "0")}`);
  onProgress?.(PROGRESS_TOTAL, PROGRESS_TOTAL);
  return {
    ids,
    externalAssets,
    externalLiabilities,
    statedEquity: undefined,
    liabilityStart,
    creditor,
    amount,
  };
}

interface Topology {
  liabilityStart: Uint32Array;
  creditor: Int32Array;
}

function erdosRenyi(
  n: number,
  avgDegree: number,
  uniform: () => number,
  onNode: ((node: number) => void) | undefined,
): Topology {
  const p = avgDegree / (n - 1);
  const pairs = n * (n - 1);
  const expected = pairs * p;
  let capacity = Math.ceil(expected + 6 * Math.sqrt(expected) + 16);
  let creditor = new Int32Array(capacity);
  const liabilityStart = new Uint32Array(n + 1);
  const logQ = Math.log1p(-p);
  let m = 0;
  let v = -1;
  let row = 0;
  for (;;) {
    v += p >= 1 ? 1 : 1 + Math.floor(Math.log1p(-uniform()) / logQ);
    if (v >= pairs) break;
    const i = Math.floor(v / (n - 1));
    const j0 = v - i * (n - 1);
    while (row < i) {
      liabilityStart[++row] = m;
      if (onNode && (row & (PROGRESS_EVERY - 1)) === 0) onNode(row);
    }
    if (m === capacity) {
      capacity *= 2;
      const grown = new Int32Array(capacity);
      grown.set(creditor);
      creditor = grown;
    }
    creditor[m++] = j0 >= i ? j0 + 1 : j0;
  }
  while (row < n) liabilityStart[++row] = m;
  return { liabilityStart, creditor: creditor.slice(0, m) };
}

function preferentialAttachment(
  n: number,
  avgDegree: number,
  uniform: () => number,
  onNode: ((node: number) => void) | undefined,
): Topology {
  const whole = Math.floor(avgDegree);
  const fraction = avgDegree - whole;
  const capacity = Math.ceil(n * avgDegree) + n;
  const from = new Int32Array(capacity);
  const to = new Int32Array(capacity);
  // Every endpoint of every link so far: drawing one uniformly picks a node ∝ its degree.
  const ends = new Int32Array(2 * capacity);
  let m = 0;
  const chosen: number[] = [];
  for (let t = 1; t < n; t++) {
    if (onNode && (t & (PROGRESS_EVERY - 1)) === 0) onNode(t);
    const links = Math.min(t, whole + (uniform() < fraction ? 1 : 0));
    chosen.length = 0;
    while (chosen.length < links) {
      const pick = uniform() * (2 * m + t);
      const target = pick < 2 * m ? ends[Math.floor(pick)]! : Math.floor(pick - 2 * m);
      if (!chosen.includes(target)) chosen.push(target);
    }
    for (const target of chosen) {
      const newOwes = uniform() < 0.5;
      from[m] = newOwes ? t : target;
      to[m] = newOwes ? target : t;
      ends[2 * m] = t;
      ends[2 * m + 1] = target;
      m++;
    }
  }
  // Counting sort by debtor into CSR.
  const liabilityStart = new Uint32Array(n + 1);
  for (let k = 0; k < m; k++) liabilityStart[from[k]! + 1]!++;
  for (let i = 0; i < n; i++) liabilityStart[i + 1]! += liabilityStart[i]!;
  const next = liabilityStart.slice(0, n);
  const creditor = new Int32Array(m);
  for (let k = 0; k < m; k++) creditor[next[from[k]!]!++] = to[k]!;
  return { liabilityStart, creditor };
}
