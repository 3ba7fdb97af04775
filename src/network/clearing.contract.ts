/**
 * The clearing contract: one test suite that every implementation of the greatest tiered clearing
 * vector must pass (hono's shared-case pattern). `clearing.test.ts` runs it against
 * {@link clearingVector} and {@link picardClearing}.
 * @module
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ClearingOptions, ClearingResult } from "./clearing.ts";
import type { ClearingProblem } from "./clearing-problem.ts";
import { buildClearingProblem, type ClaimList, EXTERNAL_CREDITOR } from "./clearing-problem.ts";

/** A clearing implementation under test. */
export type ClearingImplementation = (problem: ClearingProblem, options?: ClearingOptions) => ClearingResult;

/** Plain interbank liabilities as a matrix `L[i][j]` = what i owes j (all tier 0). */
export function fromMatrix(L: readonly (readonly number[])[], e: readonly number[]): ClearingProblem {
  const debtor: number[] = [];
  const creditor: number[] = [];
  const amount: number[] = [];
  for (let i = 0; i < L.length; i++) {
    for (let j = 0; j < L[i]!.length; j++) {
      if (L[i]![j]! > 0) {
        debtor.push(i);
        creditor.push(j);
        amount.push(L[i]![j]!);
      }
    }
  }
  return buildClearingProblem(e.length, e, { debtor, creditor, amount }).problem;
}

/** A random tiered network: 1–8 nodes, up to 24 claims (some external), tiers 0–3. */
export const tieredNetwork = fc
  .integer({ min: 1, max: 8 })
  .chain((n) =>
    fc.record({
      n: fc.constant(n),
      e: fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0, max: 20, noNaN: true })), {
        minLength: n,
        maxLength: n,
      }),
      claims: fc.array(
        fc
          .record({
            debtor: fc.integer({ min: 0, max: n - 1 }),
            creditor: fc.integer({ min: -1, max: n - 1 }),
            amount: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 20, noNaN: true })),
            tier: fc.integer({ min: 0, max: 3 }),
          })
          .filter((c) => c.debtor !== c.creditor),
        { maxLength: 24 },
      ),
    }),
  )
  .map(({ n, e, claims }) => {
    const list: ClaimList = {
      debtor: claims.map((c) => c.debtor),
      creditor: claims.map((c) => c.creditor),
      amount: claims.map((c) => c.amount),
      tier: claims.map((c) => c.tier),
    };
    return buildClearingProblem(n, e, list).problem;
  });

/** α, β in [0, 1], with the Eisenberg–Noe corner α = β = 1 drawn often. */
export const defaultCosts = fc.oneof(
  fc.constant({ alpha: 1, beta: 1 }),
  fc.record({
    alpha: fc.double({ min: 0, max: 1, noNaN: true }),
    beta: fc.double({ min: 0, max: 1, noNaN: true }),
  }),
);

const close = (tolerance: number) => (actual: number, expected: number) =>
  Math.abs(actual - expected) <= tolerance;

/**
 * Checks that `result` is a tiered clearing vector of `problem`: bounds, tier order, pro rata within
 * tiers, the solvency rule and the payment rule at the fixed point (nodes in `forcedDefault` default
 * whatever their balance sheet), and conservation of money.
 * @returns a description of the first violation, or undefined
 */
export function clearingViolation(
  problem: ClearingProblem,
  result: ClearingResult,
  { alpha = 1, beta = 1, forcedDefault }: ClearingOptions,
  tolerance: number,
): string | undefined {
  const { n, debtorStart, creditor, amount, tier, externalAssets: e } = problem;
  const near = close(tolerance);
  const received = new Float64Array(n);
  let paidToNodes = 0;
  for (let i = 0; i < n; i++) {
    let owed = 0;
    let paidTotal = 0;
    let shortTier = Number.POSITIVE_INFINITY;
    const ratios = new Map<number, number>();
    for (let k = debtorStart[i]!; k < debtorStart[i + 1]!; k++) {
      const paid = result.paid[k]!;
      const a = amount[k]!;
      owed += a;
      paidTotal += paid;
      if (paid < -tolerance || paid > a + tolerance) return `claim ${k}: paid ${paid} outside [0, ${a}]`;
      if (tier[k]! > shortTier && paid > tolerance)
        return `claim ${k}: junior tier paid while a senior one is short`;
      if (paid < a - tolerance) shortTier = Math.min(shortTier, tier[k]!);
      if (a > tolerance) {
        const ratio = paid / a;
        const seen = ratios.get(tier[k]!);
        if (seen !== undefined && Math.abs(seen - ratio) * a > tolerance)
          return `claim ${k}: not pro rata in its tier`;
        ratios.set(tier[k]!, ratio);
      }
      if (creditor[k]! >= 0) {
        received[creditor[k]!]! += paid;
        paidToNodes += paid;
      }
    }
    if (!near(result.payments[i]!, paidTotal))
      return `node ${i}: payments ${result.payments[i]} ≠ Σ paid ${paidTotal}`;
    if (!near(result.owed[i]!, owed)) return `node ${i}: owed ${result.owed[i]} ≠ ${owed}`;
  }
  let receivedTotal = 0;
  for (let i = 0; i < n; i++) {
    receivedTotal += result.received[i]!;
    if (!near(result.received[i]!, received[i]!))
      return `node ${i}: received ${result.received[i]} ≠ ${received[i]}`;
    const available = e[i]! + received[i]!;
    const owed = result.owed[i]!;
    if (!near(result.equity[i]!, available - owed))
      return `node ${i}: equity ${result.equity[i]} ≠ e + R − p̄`;
    const forced = forcedDefault !== undefined && forcedDefault[i] !== 0;
    if (result.defaulted[i] === 1) {
      if (!forced && !(available < owed + tolerance))
        return `node ${i}: defaulted although ${available} ≥ ${owed}`;
      const due = Math.min(owed, alpha * e[i]! + beta * received[i]!);
      if (!near(result.payments[i]!, due))
        return `node ${i}: defaulter pays ${result.payments[i]}, rule gives ${due}`;
      if (result.wave[i]! < 0) return `node ${i}: defaulted without a wave`;
    } else {
      if (!(available > owed - tolerance)) return `node ${i}: solvent although ${available} < ${owed}`;
      if (!near(result.payments[i]!, owed))
        return `node ${i}: solvent but pays ${result.payments[i]} of ${owed}`;
      if (result.wave[i] !== -1) return `node ${i}: solvent with wave ${result.wave[i]}`;
    }
  }
  if (!near(paidToNodes, receivedTotal)) return `paid to nodes ${paidToNodes} ≠ received ${receivedTotal}`;
  return undefined;
}

/** Runs the clearing contract against `clear`. */
export function clearingContract(name: string, clear: ClearingImplementation): void {
  describe(`${name}: clearing contract`, () => {
    // Eisenberg–Noe 3-bank network, from bertschi/FinNetValu test/models/test_rogers.jl (RV with
    // α = β = 1 is EN). L[i][j] = what i owes j, so p̄ = [0.8, 12.5, 8.4].
    const L = [
      [0, 0.1, 0.7],
      [2.0, 0, 10.5],
      [0, 8.4, 0],
    ];

    it("EN 3-bank, e = [1, 1, 1]: only bank 2 defaults, p* = [0.8, 9.5, 8.4]", () => {
      // Bank 2 receives 0.1 + 8.4 and has 1: 9.5 < 12.5, so it pays 9.5. Bank 3 then has
      // 1 + 0.7 + 10.5·9.5/12.5 = 9.68 ≥ 8.4 and bank 1 has 1 + 2·9.5/12.5 = 2.52 ≥ 0.8.
      const r = clear(fromMatrix(L, [1, 1, 1]));
      expect([...r.payments].map((p) => +p.toFixed(12))).toEqual([0.8, 9.5, 8.4]);
      expect([...r.defaulted]).toEqual([0, 1, 0]);
      expect([...r.wave]).toEqual([-1, 0, -1]);
      expect(r.rounds).toBe(1);
      expect(r.converged).toBe(true);
    });

    it("EN 3-bank, e = [0, 0, 0.1]: banks 2 and 3 default in a cycle, p* = [0.8, 5.625, 5.525]", () => {
      // p₃ = 0.1 + 0.7 + (10.5/12.5)·p₂ and p₂ = 0 + 0.1 + p₃ give p₂ = 0.9/0.16 = 5.625, p₃ = 5.525;
      // bank 1 keeps 2·5.625/12.5 = 0.9 ≥ 0.8. Bank 2 is insolvent at full payment (8.5 < 12.5),
      // bank 3 only once bank 2 pays 8.5 (0.8 + 0.84·8.5 = 7.94 < 8.4): two waves.
      const r = clear(fromMatrix(L, [0, 0, 0.1]), { tolerance: 1e-13 });
      expect(r.payments[0]).toBeCloseTo(0.8, 10);
      expect(r.payments[1]).toBeCloseTo(5.625, 10);
      expect(r.payments[2]).toBeCloseTo(5.525, 10);
      expect([...r.wave]).toEqual([-1, 0, 1]);
      expect(r.rounds).toBe(2);
      expect(r.equity[0]).toBeCloseTo(0.1, 10);
    });

    // Rogers & Veraart (2013) §5.1 circular network, as encoded in
    // ninagad/Greatest-Clearing-Vector-Algorithm test/correctnessTests.py: γ = 0.4, ε = 1.
    const ring = [
      [0, 2, 0, 0, 0, 0],
      [0, 0, 3, 0, 0, 0],
      [0, 0, 0, 2, 0, 0],
      [0, 0, 0, 0, 3, 0],
      [0, 0, 0, 0, 0, 2],
      [3, 0, 0, 0, 0, 0],
    ];
    const ringAssets = [0, 0.8, 0, 0.8, 0, 0.8];

    it("RV 6-bank ring, α = β = 0.5: all six default in two waves", () => {
      // Closed form αγ/(1−β²)·((1−ε)+β(1+ε)) = 0.2/0.75·1 = 4/15 and αγ/(1−β²)·(β(1−ε)+(1+ε)) = 8/15.
      // Odd banks have 0.8 + 2 < 3 (wave 0); paying 0.5·0.8 + 0.5·2 = 1.4 < 2 sinks the even ones.
      const r = clear(fromMatrix(ring, ringAssets), { alpha: 0.5, beta: 0.5 });
      for (let i = 0; i < 6; i++) expect(r.payments[i]).toBeCloseTo(i % 2 === 0 ? 4 / 15 : 8 / 15, 10);
      expect([...r.wave]).toEqual([1, 0, 1, 0, 1, 0]);
      expect(r.rounds).toBe(2);
    });

    it("same ring without default costs (EN): only the odd banks default, p* = [2, 2.8, …]", () => {
      // Odd banks pay 0.8 + 2 = 2.8; even banks receive 2.8 ≥ 2 and pay in full.
      const r = clear(fromMatrix(ring, ringAssets));
      for (let i = 0; i < 6; i++) expect(r.payments[i]).toBeCloseTo(i % 2 === 0 ? 2 : 2.8, 10);
      expect([...r.defaulted]).toEqual([0, 1, 0, 1, 0, 1]);
    });

    it("RV Example 3.3, α = β = ½: nobody defaults, p* = p̄ = [2, 2.2]", () => {
      // Bank 1 has 1 + 2.2 ≥ 2, bank 2 has 1 + 2 ≥ 2.2 at full payment.
      const r = clear(
        fromMatrix(
          [
            [0, 2],
            [2.2, 0],
          ],
          [1, 1],
        ),
        { alpha: 0.5, beta: 0.5 },
      );
      expect([...r.payments]).toEqual([2, 2.2]);
      expect([...r.defaulted]).toEqual([0, 0]);
      expect(r.rounds).toBe(0);
    });

    // Tiers, by hand. A (0) has e = 10.5 and owes 6 to an external creditor (tier 0) and 8 to B
    // (tier 1). B (1) has e = 1 and owes 4 to A, secured (tier 0), and 10 externally (tier 1).
    const tiered = buildClearingProblem(2, [10.5, 1], {
      debtor: [0, 0, 1, 1],
      creditor: [EXTERNAL_CREDITOR, 1, 0, EXTERNAL_CREDITOR],
      amount: [6, 8, 4, 10],
      tier: [0, 1, 0, 1],
    }).problem;

    it("tiers without costs: B pays its secured lender A first, then its external creditors", () => {
      // B has 1 + 8 = 9 < 14 and pays 9: 4 to A (tier 0) and 5 externally. A has 10.5 + 4 ≥ 14.
      const r = clear(tiered);
      expect([...r.paid]).toEqual([6, 8, 4, 5]);
      expect([...r.defaulted]).toEqual([0, 1]);
      expect(r.equity[0]).toBeCloseTo(0.5, 12);
    });

    it("tiers with costs α = β = ¼: A's marginal tier moves up to its external creditor", () => {
      // Wave 0: B pays ¼·1 + ¼·8 = 2.25 < 4 to A; A has 10.5 + 2.25 < 14 (wave 1). In default A pays
      // ¼·10.5 + ¼·R_A; if that is < 6 nothing reaches B, so B pays ¼·1 = 0.25, all to A, and
      // A pays 2.625 + 0.0625 = 2.6875 < 6, all to its tier-0 external creditor.
      const r = clear(tiered, { alpha: 0.25, beta: 0.25 });
      expect(r.paid[0]).toBeCloseTo(2.6875, 12);
      expect(r.paid[1]).toBeCloseTo(0, 12);
      expect(r.paid[2]).toBeCloseTo(0.25, 12);
      expect(r.paid[3]).toBeCloseTo(0, 12);
      expect([...r.wave]).toEqual([1, 0]);
    });

    it("pays pro rata within a tier", () => {
      // A (e = 6) owes 4 to B and 8 to C in one tier: it pays 6 in the ratio 1 : 2.
      const r = clear(
        buildClearingProblem(3, [6, 0, 0], { debtor: [0, 0], creditor: [1, 2], amount: [4, 8] }).problem,
      );
      expect([...r.paid]).toEqual([2, 4]);
    });

    it("property: the result is a clearing vector (bounds, tiers, fixed point, conservation)", () => {
      fc.assert(
        fc.property(tieredNetwork, defaultCosts, (problem, costs) => {
          const r = clear(problem, costs);
          expect(r.converged).toBe(true);
          expect(clearingViolation(problem, r, costs, 1e-8)).toBeUndefined();
        }),
        { numRuns: 2000 },
      );
    });

    it("property: more shock never means fewer defaults", () => {
      fc.assert(
        fc.property(
          tieredNetwork,
          defaultCosts,
          fc.double({ min: 0, max: 1, noNaN: true }),
          (problem, costs, keep) => {
            const shocked = { ...problem, externalAssets: problem.externalAssets.map((x) => x * keep) };
            const base = clear(problem, costs);
            const worse = clear(shocked, costs);
            for (let i = 0; i < problem.n; i++) {
              expect(worse.defaulted[i]).toBeGreaterThanOrEqual(base.defaulted[i]!);
              expect(worse.payments[i]).toBeLessThanOrEqual(base.payments[i]! + 1e-9);
            }
          },
        ),
        { numRuns: 1000 },
      );
    });

    // Forced defaults, by hand. A (0) has e = 20 and owes B (1) 10; B has e = 1 and owes 7 to an
    // external creditor. Both are solvent as they stand (20 ≥ 10; 1 + 10 ≥ 7).
    const estate = buildClearingProblem(2, [20, 1], {
      debtor: [0, 1],
      creditor: [1, EXTERNAL_CREDITOR],
      amount: [10, 7],
    }).problem;

    it("forced default: the estate pays α·e + β·R even when it could pay in full, and that can sink others", () => {
      // A forced, α = β = ¼: A pays min(10, ¼·20 + ¼·0) = 5. B then has 1 + 5 = 6 < 7 (wave 1) and
      // pays ¼·1 + ¼·5 = 1.5. Equity before default costs: A 20 − 10 = 10, B 6 − 7 = −1.
      const costs = { alpha: 0.25, beta: 0.25 };
      expect([...clear(estate, costs).defaulted]).toEqual([0, 0]);
      const r = clear(estate, { ...costs, forcedDefault: Uint8Array.from([1, 0]) });
      expect([...r.paid]).toEqual([5, 1.5]);
      expect([...r.wave]).toEqual([0, 1]);
      expect([...r.defaulted]).toEqual([1, 1]);
      expect([...r.equity]).toEqual([10, -1]);
      expect(r.rounds).toBe(2);
    });

    it("forced default without costs: an estate that covers its debts pays them in full, still in default", () => {
      // α = β = 1: A pays min(10, 20) = 10, B stays solvent (11 ≥ 7).
      const r = clear(estate, { forcedDefault: Uint8Array.from([1, 0]) });
      expect([...r.paid]).toEqual([10, 7]);
      expect([...r.defaulted]).toEqual([1, 0]);
      expect([...r.wave]).toEqual([0, -1]);
    });

    it("rejects a forcedDefault that does not have one entry per node", () => {
      expect(() => clear(estate, { forcedDefault: new Uint8Array(3) })).toThrow(
        /forcedDefault has 3 entries/,
      );
    });

    it("property: a forced default is the same as a junior claim larger than anything the node could pay", () => {
      fc.assert(
        fc.property(
          tieredNetwork,
          defaultCosts,
          fc.array(fc.boolean(), { maxLength: 8 }),
          (problem, costs, marks) => {
            const { n, debtorStart, creditor, amount, tier, externalAssets: e } = problem;
            const forcedDefault = Uint8Array.from({ length: n }, (_, i) => (marks[i] ? 1 : 0));
            const claims = {
              debtor: [] as number[],
              creditor: [...creditor],
              amount: [...amount],
              tier: [...tier],
            };
            for (let i = 0; i < n; i++)
              for (let k = debtorStart[i]!; k < debtorStart[i + 1]!; k++) claims.debtor.push(i);
            const m = amount.length;
            for (let i = 0; i < n; i++) {
              if (forcedDefault[i] === 0) continue;
              let receivable = 0;
              for (let k = 0; k < m; k++) if (creditor[k] === i) receivable += amount[k]!;
              claims.debtor.push(i);
              claims.creditor.push(EXTERNAL_CREDITOR);
              claims.amount.push(e[i]! + receivable + 1);
              claims.tier.push(255);
            }
            const dummy = buildClearingProblem(n, e, claims);
            const options = { ...costs, tolerance: 1e-12 };
            const forced = clear(problem, { ...options, forcedDefault });
            const reference = clear(dummy.problem, options);
            expect(forced.converged).toBe(true);
            expect(clearingViolation(problem, forced, { ...costs, forcedDefault }, 1e-8)).toBeUndefined();
            expect([...forced.defaulted]).toEqual([...reference.defaulted]);
            expect([...forced.wave]).toEqual([...reference.wave]);
            for (let slot = 0; slot < dummy.order.length; slot++) {
              const k = dummy.order[slot]!;
              if (k < m) expect(Math.abs(forced.paid[k]! - reference.paid[slot]!)).toBeLessThan(1e-9);
            }
            for (let i = 0; i < n; i++)
              expect(Math.abs(forced.received[i]! - reference.received[i]!)).toBeLessThan(1e-9);
          },
        ),
        { numRuns: 1000 },
      );
    });

    it("is deterministic and does not modify its input", () => {
      fc.assert(
        fc.property(tieredNetwork, defaultCosts, (problem, costs) => {
          const copy = structuredClone(problem);
          const a = clear(problem, costs);
          const b = clear(problem, costs);
          expect(b).toEqual(a);
          expect(problem).toEqual(copy);
        }),
        { numRuns: 300 },
      );
    });
  });
}
