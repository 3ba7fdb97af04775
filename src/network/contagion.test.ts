import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildClearingProblem } from "./clearing-problem.ts";
import { debtRank } from "./debtrank.ts";
import { furfine } from "./furfine.ts";

/** Claims as [debtor, creditor, amount] triples. */
function exposures(n: number, claims: readonly (readonly [number, number, number])[]) {
  return buildClearingProblem(n, new Float64Array(n), {
    debtor: claims.map((c) => c[0]),
    creditor: claims.map((c) => c[1]),
    amount: claims.map((c) => c[2]),
  }).problem;
}

describe("DebtRank", () => {
  // 3-cycle: A owes B, B owes C, C owes A 0.5 each and every equity is 1, so Λ[B][A] = Λ[C][B] =
  // Λ[A][C] = 0.5 (B exposed to A, C to B, A to C). Shock h(1) = [0.5, 0, 0].
  const cycle = exposures(3, [
    [0, 1, 0.5],
    [1, 2, 0.5],
    [2, 0, 0.5],
  ]);
  const equity = Float64Array.from([1, 1, 1]);
  const shock = Float64Array.from([0.5, 0, 0]);

  it("single-hit on the 3-cycle: h = [0.5625, 0.25, 0.125]", () => {
    // B gets 0.5·0.5, C gets 0.5·0.25; A, already inactive, still receives 0.5·0.125.
    const r = debtRank(cycle, { variant: "single-hit", equity, shock });
    expect([...r.distress]).toEqual([0.5625, 0.25, 0.125]);
    // Equal equities, so weights 1/3: (0.0625 + 0.25 + 0.125)/3.
    expect(r.debtrank).toBeCloseTo(0.4375 / 3, 15);
    expect(r.iterations).toBe(3);
  });

  it("linear on the 3-cycle: h = [4/7, 2/7, 1/7]", () => {
    // Loop gain 0.5³ = 0.125, so h_A = 0.5/(1 − 0.125) = 4/7, h_B = h_A/2, h_C = h_B/2.
    const r = debtRank(cycle, { variant: "linear", equity, shock });
    expect(r.distress[0]).toBeCloseTo(4 / 7, 11);
    expect(r.distress[1]).toBeCloseTo(2 / 7, 11);
    expect(r.distress[2]).toBeCloseTo(1 / 7, 11);
    expect(r.debtrank).toBeCloseTo((1 - 0.5) / 3, 11);
    expect(r.converged).toBe(true);
  });

  it("caps single-hit impact at 1 and marks wiped-out nodes as defaults", () => {
    // B's exposure to A is 3× its equity: W = min(1, 3) = 1, so B takes all of A's distress (1).
    const r = debtRank(exposures(2, [[0, 1, 3]]), {
      variant: "single-hit",
      equity: Float64Array.from([1, 1]),
      shock: Float64Array.from([1, 0]),
    });
    expect([...r.distress]).toEqual([1, 1]);
    expect([...r.wave]).toEqual([0, 1]);
  });

  it("property: distress stays in [shock, 1] and grows with the shock", () => {
    const network = fc.integer({ min: 2, max: 7 }).chain((n) =>
      fc.record({
        n: fc.constant(n),
        claims: fc.array(
          fc
            .tuple(
              fc.integer({ min: 0, max: n - 1 }),
              fc.integer({ min: 0, max: n - 1 }),
              fc.double({ min: 0, max: 5, noNaN: true }),
            )
            .filter(([d, c]) => d !== c),
          { maxLength: 20 },
        ),
        equity: fc.array(fc.double({ min: 0.01, max: 5, noNaN: true }), { minLength: n, maxLength: n }),
        shock: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: n, maxLength: n }),
        scale: fc.double({ min: 1, max: 3, noNaN: true }),
        variant: fc.constantFrom("single-hit" as const, "linear" as const),
      }),
    );
    fc.assert(
      fc.property(network, ({ n, claims, equity, shock, scale, variant }) => {
        // Merge duplicate pairs, as the file loaders do.
        const merged = new Map<string, [number, number, number]>();
        for (const [d, c, a] of claims) {
          const key = `${d},${c}`;
          const seen = merged.get(key);
          merged.set(key, [d, c, (seen?.[2] ?? 0) + a]);
        }
        const net = exposures(n, [...merged.values()]);
        const E = Float64Array.from(equity);
        const base = debtRank(net, { variant, equity: E, shock: Float64Array.from(shock) });
        const more = debtRank(net, {
          variant,
          equity: E,
          shock: Float64Array.from(shock, (h) => Math.min(1, h * scale)),
        });
        for (let i = 0; i < n; i++) {
          expect(base.distress[i]).toBeGreaterThanOrEqual(shock[i]! - 1e-15);
          expect(base.distress[i]).toBeLessThanOrEqual(1);
          if (variant === "linear") expect(more.distress[i]).toBeGreaterThanOrEqual(base.distress[i]! - 1e-9);
        }
        expect(base.debtrank).toBeGreaterThanOrEqual(-1e-12);
      }),
      { numRuns: 1000 },
    );
  });
});

describe("Furfine", () => {
  // A (0) owes B (1) 3 and D (3) 1; B owes C (2) 2; C owes D 0.4. Capital [1, 1, 2, 0.5].
  // A's initial loss equals its capital, so it fails in round 0.
  const network = exposures(4, [
    [0, 1, 3],
    [0, 3, 1],
    [1, 2, 2],
    [2, 3, 0.4],
  ]);
  const capital = Float64Array.from([1, 1, 2, 0.5]);
  const initialLoss = Float64Array.from([1, 0, 0, 0]);

  it("recovery 0.5: B and D fail in round 1, C survives", () => {
    // B loses 0.5·3 = 1.5 ≥ 1 and D loses 0.5·1 = 0.5 ≥ 0.5 (round 1); C then loses 0.5·2 = 1 < 2.
    const r = furfine(network, { capital, initialLoss, recovery: 0.5 });
    expect([...r.wave]).toEqual([0, 1, -1, 1]);
    expect([...r.equity]).toEqual([0, -0.5, 1, 0]);
    expect(r.rounds).toBe(2);
  });

  it("recovery 0: C fails too, in round 2", () => {
    // B loses 3, D loses 1 (round 1); C loses 2 ≥ 2 (round 2).
    const r = furfine(network, { capital, initialLoss, recovery: 0 });
    expect([...r.wave]).toEqual([0, 1, 2, 1]);
    expect(r.rounds).toBe(3);
  });

  it("nothing happens without a loss, even at zero capital", () => {
    const r = furfine(network, { capital: Float64Array.from([0, 0, 0, 0]), recovery: 0 });
    expect([...r.failed]).toEqual([0, 0, 0, 0]);
    expect(r.rounds).toBe(0);
  });
});
