import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  clearingContract,
  clearingViolation,
  defaultCosts,
  fromMatrix,
  tieredNetwork,
} from "./clearing.contract.ts";
import { clearingVector } from "./clearing.ts";
import { buildClearingProblem, ClearingWorkspace, EXTERNAL_CREDITOR } from "./clearing-problem.ts";
import { generateNetwork } from "./generate.ts";
import { toClearingProblem } from "./network.ts";
import { picardClearing } from "./picard.ts";

clearingContract("greatest-clearing-vector algorithm", clearingVector);
clearingContract("Picard iteration", (problem, options) =>
  picardClearing(problem, { maxIterations: 1_000_000, ...options }),
);

describe("greatest-clearing-vector algorithm against Picard iteration", () => {
  it("needs 2 rounds on the EN cycle where Picard needs hundreds of sweeps to reach 1e-14", () => {
    // The defaulting pair feeds back 0.84 of each shortfall (p₃ = 0.8 + 0.84·p₂, p₂ = 0.1 + p₃);
    // Picard contracts the error by √0.84 per sweep, so ~ln(7/1e-14)/ln(1/√0.84) ≈ 390 sweeps.
    const problem = fromMatrix(
      [
        [0, 0.1, 0.7],
        [2.0, 0, 10.5],
        [0, 8.4, 0],
      ],
      [0, 0, 0.1],
    );
    const picard = picardClearing(problem, { tolerance: 1e-14 });
    const ga = clearingVector(problem, { tolerance: 1e-14 });
    expect(picard.iterations).toBeGreaterThan(300);
    expect(ga.rounds).toBe(2);
    expect(ga.payments[1]).toBeCloseTo(picard.payments[1]!, 12);
  });

  it("property: both find the same greatest clearing vector", () => {
    fc.assert(
      fc.property(tieredNetwork, defaultCosts, (problem, costs) => {
        const tolerance = 1e-13;
        const ga = clearingVector(problem, { ...costs, tolerance });
        const picard = picardClearing(problem, { ...costs, tolerance, maxIterations: 1_000_000 });
        expect([...ga.defaulted]).toEqual([...picard.defaulted]);
        for (let i = 0; i < problem.n; i++)
          expect(Math.abs(ga.payments[i]! - picard.payments[i]!)).toBeLessThan(1e-7);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("greatest-clearing-vector algorithm on generated networks", () => {
  // Networks of a few hundred nodes reach the kernel's paths that 8-node ones rarely do: waves of
  // thousands of claims, members whose junior tiers die on admission (RV) or during a round, sweeps
  // over all members or over the active list.
  const generated = fc.record({
    model: fc.constantFrom("er" as const, "scale-free" as const),
    seed: fc.integer({ min: 1, max: 1_000_000 }),
    avgDegree: fc.double({ min: 1, max: 8, noNaN: true }),
    cut: fc.double({ min: 0, max: 0.12, noNaN: true }),
    costs: defaultCosts,
    forced: fc.integer({ min: 0, max: 5 }),
  });

  it("property: same defaults and payments as Picard iteration, and a clearing vector, with tiers and forced defaults", () => {
    fc.assert(
      fc.property(generated, ({ model, seed, avgDegree, cut, costs, forced }) => {
        const network = generateNetwork({ model, nodes: 300, avgDegree, seed });
        const problem = toClearingProblem(
          network,
          network.externalAssets.map((e) => e * (1 - cut)),
        );
        // Every 60th node from `forced` on is in default from the start.
        const forcedDefault = Uint8Array.from({ length: 300 }, (_, i) =>
          forced > 0 && i % 60 === forced ? 1 : 0,
        );
        const options = { ...costs, forcedDefault, tolerance: 1e-6 };
        const ga = clearingVector(problem, options);
        const picard = picardClearing(problem, { ...options, maxIterations: 1_000_000 });
        expect(ga.converged).toBe(true);
        expect(clearingViolation(problem, ga, options, 1e-4)).toBeUndefined();
        expect([...ga.defaulted]).toEqual([...picard.defaulted]);
        // Claims are about 1e6 USD; both stop within about 1e-6 / (1 − ρ) of the vector.
        for (let i = 0; i < problem.n; i++)
          expect(Math.abs(ga.payments[i]! - picard.payments[i]!)).toBeLessThan(1e-3);
      }),
      { numRuns: 60 },
    );
  });

  it("property: same defaults and payments as Picard iteration on 3000 nodes", () => {
    // Thousands of members: waves of a handful of nodes late in the clearing, and long round tails in
    // which few members still move.
    const larger = fc.record({
      model: fc.constantFrom("er" as const, "scale-free" as const),
      seed: fc.integer({ min: 1, max: 1_000_000 }),
      cut: fc.double({ min: 0.02, max: 0.08, noNaN: true }),
      costs: defaultCosts,
    });
    fc.assert(
      fc.property(larger, ({ model, seed, cut, costs }) => {
        const network = generateNetwork({ model, nodes: 3000, avgDegree: 6, seed });
        const problem = toClearingProblem(
          network,
          network.externalAssets.map((e) => e * (1 - cut)),
        );
        const options = { ...costs, tolerance: 1e-6 };
        const ga = clearingVector(problem, options);
        const picard = picardClearing(problem, { ...options, maxIterations: 1_000_000 });
        expect(ga.converged).toBe(true);
        expect([...ga.defaulted]).toEqual([...picard.defaulted]);
        for (let i = 0; i < problem.n; i++)
          expect(Math.abs(ga.payments[i]! - picard.payments[i]!)).toBeLessThan(1e-3);
      }),
      { numRuns: 12 },
    );
  });
});

describe("default waves at the boundary", () => {
  // A and B owe each other 4; A also owes C 4, B owes 4 outside; e = (1, 1, 0.5). Paid in full, A and
  // B have 1 + 4 − 8 = −3 and default in wave 0, which solves p_A = 1 + p_B/2, p_B = 1 + p_A/2:
  // p_A = p_B = 2. Gauss–Seidel gets there from above, the error falling fourfold per sweep, so C's
  // receipts p_A/2 = 1 are reached only from above: a round cut short would see C solvent. C owes
  // L_C outside: its margin at the solution is 0.5 + 1 − L_C.
  const tolerance = 2 ** -20;
  const network = (owedByC: number) =>
    buildClearingProblem(3, [1, 1, 0.5], {
      debtor: [0, 0, 1, 1, 2],
      creditor: [1, 2, 0, EXTERNAL_CREDITOR, EXTERNAL_CREDITOR],
      amount: [4, 4, 4, 4, owedByC],
    }).problem;

  it("a node short by twice the tolerance at the wave's solution defaults in the next wave", () => {
    const r = clearingVector(network(1.5 + 2 * tolerance), { tolerance });
    expect([...r.wave]).toEqual([0, 0, 1]);
    expect(r.rounds).toBe(2);
    expect(r.payments[0]).toBeCloseTo(2, 5);
    expect(r.payments[1]).toBeCloseTo(2, 5);
    // C pays what it has: 0.5 + p_A/2.
    expect(r.payments[2]).toBeCloseTo(1.5, 5);
  });

  it("a node short by half the tolerance at the wave's solution stays solvent", () => {
    const r = clearingVector(network(1.5 + tolerance / 2), { tolerance });
    expect([...r.wave]).toEqual([0, 0, -1]);
    expect(r.rounds).toBe(1);
    expect(r.payments[2]).toBe(1.5 + tolerance / 2);
  });
});

describe("settlement between rounds", () => {
  it("a wave that pays nothing to other nodes leaves the earlier waves' settlements alone", () => {
    // B (nothing receivable) owes A 1; A owes C and D 1 each and holds nothing else. Both default in
    // wave 0 and end up paying 0, A after a sweep (it counted on B's 1 when it defaulted). C (e = 0.5,
    // owes 1.2 outside) then has 0.5 − 1.2 = −0.7 and defaults in wave 1; it owes only outside
    // creditors, so wave 1 pays no node. D (e = 2, owes 1 outside) loses A's 1 once: equity 2 − 1 = 1.
    const { problem } = buildClearingProblem(4, [0, 0, 0.5, 2], {
      debtor: [0, 0, 1, 2, 3],
      creditor: [2, 3, 0, EXTERNAL_CREDITOR, EXTERNAL_CREDITOR],
      amount: [1, 1, 1, 1.2, 1],
    });
    const r = clearingVector(problem);
    expect([...r.wave]).toEqual([0, 0, 1, -1]);
    expect([...r.payments]).toEqual([0, 0, 0.5, 1]);
    expect(r.equity[3]).toBe(1);
    expect(r.equity[2]).toBeCloseTo(-0.7, 12);
  });
});

describe("clearingVector limits", () => {
  it("reports non-convergence when maxIterations is reached, still flagging the defaults found", () => {
    // The EN cycle needs ~180 sweeps at this tolerance; 3 sweeps cannot get there.
    const problem = fromMatrix(
      [
        [0, 0.1, 0.7],
        [2.0, 0, 10.5],
        [0, 8.4, 0],
      ],
      [0, 0, 0.1],
    );
    const r = clearingVector(problem, { maxIterations: 3 });
    expect(r.converged).toBe(false);
    expect(r.iterations).toBe(3);
    expect([...r.defaulted]).toEqual([0, 1, 1]);
  });

  it("a workspace gives the same results as fresh memory, call after call", () => {
    const workspace = new ClearingWorkspace();
    fc.assert(
      fc.property(tieredNetwork, defaultCosts, (problem, costs) => {
        const fresh = clearingVector(problem, costs);
        const reused = clearingVector(problem, { ...costs, workspace });
        expect([...reused.payments]).toEqual([...fresh.payments]);
        expect([...reused.paid]).toEqual([...fresh.paid]);
        expect([...reused.wave]).toEqual([...fresh.wave]);
      }),
      { numRuns: 500 },
    );
  });
});

describe("buildClearingProblem", () => {
  it("sorts claims by debtor and tier, keeping the input order within a tier", () => {
    const { problem, order } = buildClearingProblem(3, [0, 0, 0], {
      debtor: [2, 0, 2, 0, 2],
      creditor: [0, 1, 1, 2, -1],
      amount: [1, 2, 3, 4, 5],
      tier: [1, 0, 0, 0, 1],
    });
    expect([...problem.debtorStart]).toEqual([0, 2, 2, 5]);
    expect([...order]).toEqual([1, 3, 2, 0, 4]);
    expect([...problem.amount]).toEqual([2, 4, 3, 1, 5]);
    expect([...problem.tier]).toEqual([0, 0, 0, 1, 1]);
  });

  it("rejects self-claims, bad indices, negative amounts and tiers out of range", () => {
    const build = (claim: { debtor: number; creditor: number; amount: number; tier?: number }) => () =>
      buildClearingProblem(2, [0, 0], {
        debtor: [claim.debtor],
        creditor: [claim.creditor],
        amount: [claim.amount],
        tier: [claim.tier ?? 0],
      });
    expect(build({ debtor: 0, creditor: 0, amount: 1 })).toThrow(/owe itself/);
    expect(build({ debtor: 2, creditor: 0, amount: 1 })).toThrow(/debtor 2 out of range/);
    expect(build({ debtor: 0, creditor: -2, amount: 1 })).toThrow(/creditor -2/);
    expect(build({ debtor: 0, creditor: 1, amount: -1 })).toThrow(/amount -1/);
    expect(build({ debtor: 0, creditor: 1, amount: 1, tier: 256 })).toThrow(/tier 256/);
  });

  it("the kernels reject claims that are not sorted by tier within a debtor", () => {
    const problem = {
      n: 2,
      externalAssets: new Float64Array(2),
      debtorStart: Uint32Array.from([0, 2, 2]),
      creditor: Int32Array.from([1, 1]),
      amount: Float64Array.from([1, 1]),
      tier: Uint8Array.from([1, 0]),
    };
    expect(() => clearingVector(problem)).toThrow(/not sorted by tier/);
  });
});

const TOLERANCE = 1e-12;

/**
 * An independent greatest-clearing-vector algorithm for single-tier networks, straight from
 * Rogers & Veraart (2013) §3: each round solves (I − βΠᵀ_DD)·p_D = α·e_D + β·Πᵀ_SD·p̄_S exactly by
 * Gaussian elimination with partial pivoting on the dense matrix.
 */
function denseGA(L: number[][], e: number[], alpha: number, beta: number) {
  const n = e.length;
  const owed = L.map((row) => row.reduce((a, b) => a + b, 0));
  const pi = L.map((row, i) => row.map((x) => (owed[i]! > 0 ? x / owed[i]! : 0)));
  const p = [...owed];
  const wave = new Array<number>(n).fill(-1);
  let round = 0;
  // A margin within rounding of −TOLERANCE (sums of ≤ 7 amounts ≤ 10 round by ~1e-14 at most) can
  // fall either way in another summation order; such a network decides nothing about the algorithm.
  let ambiguous = false;
  for (;;) {
    const received = (i: number) => p.reduce((sum, pj, j) => sum + pi[j]![i]! * pj, 0);
    for (let i = 0; i < n; i++)
      if (wave[i] === -1 && Math.abs(e[i]! + received(i) - owed[i]! + TOLERANCE) < 1e-13) ambiguous = true;
    const fresh = [...Array(n).keys()].filter(
      (i) => wave[i] === -1 && e[i]! + received(i) < owed[i]! - TOLERANCE,
    );
    if (fresh.length === 0) return { p, wave, rounds: round, ambiguous };
    for (const i of fresh) wave[i] = round;
    round++;
    const D = [...Array(n).keys()].filter((i) => wave[i]! >= 0);
    // A·x = b over D.
    const A = D.map((i) => D.map((j) => (i === j ? 1 : 0) - beta * pi[j]![i]!));
    const b = D.map(
      (i) =>
        alpha * e[i]! +
        beta *
          [...Array(n).keys()].filter((j) => wave[j] === -1).reduce((s, j) => s + pi[j]![i]! * owed[j]!, 0),
    );
    const m = D.length;
    for (let c = 0; c < m; c++) {
      let pivot = c;
      for (let r = c + 1; r < m; r++) if (Math.abs(A[r]![c]!) > Math.abs(A[pivot]![c]!)) pivot = r;
      [A[c], A[pivot]] = [A[pivot]!, A[c]!];
      [b[c], b[pivot]] = [b[pivot]!, b[c]!];
      for (let r = c + 1; r < m; r++) {
        const f = A[r]![c]! / A[c]![c]!;
        for (let k = c; k < m; k++) A[r]![k]! -= f * A[c]![k]!;
        b[r]! -= f * b[c]!;
      }
    }
    for (let r = m - 1; r >= 0; r--) {
      let x = b[r]!;
      for (let k = r + 1; k < m; k++) x -= A[r]![k]! * p[D[k]!]!;
      p[D[r]!] = x / A[r]![r]!;
    }
  }
}

describe("greatest-clearing-vector algorithm against a dense textbook GA", () => {
  it("property: same payments, defaults and default waves on single-tier networks with β < 1", () => {
    const network = fc.integer({ min: 1, max: 7 }).chain((n) =>
      fc.record({
        L: fc.array(
          fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0, max: 10, noNaN: true })), {
            minLength: n,
            maxLength: n,
          }),
          { minLength: n, maxLength: n },
        ),
        e: fc.array(fc.double({ min: 0, max: 10, noNaN: true }), { minLength: n, maxLength: n }),
        alpha: fc.double({ min: 0, max: 1, noNaN: true }),
        // β < 1 keeps every round's matrix non-singular, so the dense solve is exact.
        beta: fc.double({ min: 0, max: 0.95, noNaN: true }),
      }),
    );
    fc.assert(
      fc.property(network, ({ L, e, alpha, beta }) => {
        const matrix = L.map((row, i) => row.map((x, j) => (i === j ? 0 : x)));
        const reference = denseGA(matrix, e, alpha, beta);
        fc.pre(!reference.ambiguous);
        const r = clearingVector(fromMatrix(matrix, e), { alpha, beta, tolerance: TOLERANCE });
        expect([...r.wave]).toEqual(reference.wave);
        expect(r.rounds).toBe(reference.rounds);
        for (let i = 0; i < e.length; i++) expect(r.payments[i]).toBeCloseTo(reference.p[i]!, 7);
      }),
      { numRuns: 2000 },
    );
  });
});
