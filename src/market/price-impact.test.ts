import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  contSchaanningDepth,
  executionDiscount,
  IMPACT_AMM,
  IMPACT_EXPONENTIAL,
  IMPACT_LINEAR,
  IMPACT_SQRT,
  IMPACT_STABLESWAP,
  impactFraction,
  stableSwapShortfall,
  stableSwapState,
} from "./price-impact.ts";

describe("impact models: published and hand-computed values", () => {
  it("Caccioli et al. (2014): α = 1.0536 makes liquidating 10% of an asset drop its price 10%", () => {
    // Exponential impact with no floor and depth D = market cap / α: selling q = 10% of the cap gives
    // Ψ = 1 − e^{−0.1·1.0536} = 1 − e^{−0.10536} = 0.100000 (ln 0.9 = −0.1053605).
    const cap = 5e9;
    const psi = impactFraction(IMPACT_EXPONENTIAL, cap / 1.0536, 0, 0, 1, 0.1 * cap);
    expect(psi).toBeCloseTo(0.1, 5);
  });

  it("Cont–Schaanning market depth and impact (FinNetValu test_csmodel.jl, csmodel8)", () => {
    // D = c·ADV·√τ/σ = 0.4 × 50 × √20 / 0.02 = 4472.136; with floor B/S = 0.5, δ = 0.5·D = 2236.07.
    const depth = contSchaanningDepth(50, 0.02, 0.4, 20);
    expect(depth).toBeCloseTo(4472.136, 3);
    // Ψ(34.73) = 0.5·(1 − e^{−34.73/2236.068}) = 0.5 × 0.015412 = 0.0077061 (the test's 0.00771).
    const psi = impactFraction(IMPACT_EXPONENTIAL, depth, 0.5, 0.5, 1, 34.73);
    expect(psi).toBeCloseTo(0.0077061, 6);
    expect(Math.round(psi * 1e5) / 1e5).toBe(0.00771);
  });

  it("constant-product pool: 100 sold into a 1,000/1,000 pool pays 1000·100/1100 = 90.909 (no fee)", () => {
    // Proceeds = R·q/(R + q); the spot price moves to P·(R/(R+q))² = (1000/1100)² = 0.826446.
    const q = 100;
    expect(q * (1 - executionDiscount(IMPACT_AMM, 1000, 0, 0, 1, q))).toBeCloseTo(90.9091, 4);
    expect(1 - impactFraction(IMPACT_AMM, 1000, 0, 0, 1, q)).toBeCloseTo(0.826446, 6);
  });

  it("linear book: $100M into $1B per 100% moves the price 10% and executes 5% below", () => {
    expect(impactFraction(IMPACT_LINEAR, 1e9, 0, 0, 1, 1e8)).toBeCloseTo(0.1, 12);
    expect(executionDiscount(IMPACT_LINEAR, 1e9, 0, 0, 1, 1e8)).toBeCloseTo(0.05, 12);
    // Beyond the depth the price is 0: selling 2D executes at (D/2 + D)/(2D) = 75% below.
    expect(impactFraction(IMPACT_LINEAR, 1e9, 0, 0, 1, 2e9)).toBe(1);
    expect(executionDiscount(IMPACT_LINEAR, 1e9, 0, 0, 1, 2e9)).toBeCloseTo(0.75, 12);
  });

  it("square-root law: Y = 1, σ = 4%, $10M against $1B daily volume moves 0.4%, executes 0.2667% below", () => {
    // Ψ = 0.04·√(1e7/1e9) = 0.04 × 0.1 = 0.004; Ψ̄ = (2/3)Ψ = 0.0026667.
    expect(impactFraction(IMPACT_SQRT, 1e9, 0.04, 0, 1, 1e7)).toBeCloseTo(0.004, 12);
    expect(executionDiscount(IMPACT_SQRT, 1e9, 0.04, 0, 1, 1e7)).toBeCloseTo(0.0026667, 7);
  });
});

describe("StableSwap pool (Curve, two coins, balanced start)", () => {
  // Reference values from solving the invariant 4A(x + y) + D = 4AD + D³/(4xy) with D = 2 (R = 1) by
  // bisection in 40-digit arithmetic (mpmath), and the marginal price as −dy/dx by central difference.
  it("A = 25: selling half a side leaves y = 0.5063331, price 0.9672511 (a 3.3% discount)", () => {
    const { y, price } = stableSwapState(25, 0.5);
    expect(y).toBeCloseTo(0.506333124739176, 12);
    expect(price).toBeCloseTo(0.967251096033642, 10);
    expect(impactFraction(IMPACT_STABLESWAP, 1e9, 25, 0, 1, 0.5e9)).toBeCloseTo(1 - 0.967251096033642, 10);
    // The seller receives R − y = 0.4936669 for 0.5: 1.2667% below par on average.
    expect(executionDiscount(IMPACT_STABLESWAP, 1e9, 25, 0, 1, 0.5e9)).toBeCloseTo(1 - 0.987333750521649, 10);
  });

  it("A = 25: draining the other side (q = R) collapses to y = 0.0904988, price 0.4751241", () => {
    const { y, price } = stableSwapState(25, 1);
    expect(y).toBeCloseTo(0.0904987562112089, 12);
    expect(price).toBeCloseTo(0.47512407024475, 10);
  });

  it("A → 0 is the constant product: x·y = 1, price (1/(1 + q))²", () => {
    const { y, price } = stableSwapState(1e-9, 1);
    expect(y).toBeCloseTo(0.5, 8);
    expect(price).toBeCloseTo(0.25, 8);
  });
});

describe("impact models: invariants", () => {
  const positive = (min: number, max: number) => fc.double({ min, max, noNaN: true });
  // [model, depth, shape, floor fraction, q]. Books and AMMs: depth in USD, shape Y·σ or the floor
  // fraction b, sales up to $50B.
  const books = fc.tuple(
    fc.constantFrom(IMPACT_LINEAR, IMPACT_SQRT, IMPACT_AMM, IMPACT_EXPONENTIAL),
    positive(1e3, 1e10),
    positive(0.001, 0.9),
    positive(0, 0.9),
    positive(0, 5e10),
  );
  // StableSwap pools: side balance R (units of the peg asset), amplification A from near constant
  // product (0.01) to 5,000, sales up to 5R (well past draining the other side at q = R).
  const pools = fc
    .tuple(positive(1e3, 1e10), positive(0.01, 5000), positive(0, 5))
    .map(([depth, a, sold]) => [IMPACT_STABLESWAP, depth, a, 0, sold * depth] as const);

  it("0 ≤ Ψ̄ ≤ Ψ ≤ 1, both non-decreasing in q, and Ψ̄ is the average of Ψ over the sale", () => {
    fc.assert(
      fc.property(fc.oneof(books, pools), ([code, depth, shape, floorFraction, q]) => {
        const price = 2;
        const floor = floorFraction * price;
        const psi = impactFraction(code, depth, shape, floor, price, q);
        const bar = executionDiscount(code, depth, shape, floor, price, q);
        expect(psi).toBeGreaterThanOrEqual(0);
        expect(psi).toBeLessThanOrEqual(1);
        const slack = 1e-12;
        expect(bar).toBeGreaterThanOrEqual(0);
        expect(bar).toBeLessThanOrEqual(psi + slack);
        expect(impactFraction(code, depth, shape, floor, price, q * 1.5)).toBeGreaterThanOrEqual(psi - 1e-15);
        expect(executionDiscount(code, depth, shape, floor, price, q * 1.5)).toBeGreaterThanOrEqual(
          bar - slack,
        );
        // Ψ̄(q) = (1/q)∫₀^q Ψ(u) du, checked with the composite Simpson rule.
        if (q > 0) {
          const parts = 2000;
          const h = q / parts;
          let sum = 0;
          for (let j = 0; j <= parts; j++) {
            const w = j === 0 || j === parts ? 1 : j % 2 === 1 ? 4 : 2;
            sum += w * impactFraction(code, depth, shape, floor, price, j * h);
          }
          // Simpson's error is O(h²) at the kinks of the linear and sqrt models where Ψ saturates.
          expect(Math.abs(bar - (sum * h) / 3 / q)).toBeLessThan(2e-4);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("StableSwap's Ψ̄ keeps 12 significant digits for tiny and large sales", () => {
    // References: Ψ̄ = 1 − (1 − ŷ)/v with ŷ the quadratic's root, evaluated in 60-digit decimal
    // arithmetic (Python's decimal module). The plain double form gave ≈ 2.9e-9 for the third case.
    const cases: [a: number, v: number, expected: number][] = [
      [25, 1e-12, 1.9607843137254516e-14],
      [25, 1e-9, 1.9607843136870435e-11],
      [5000, 1.07e-7, 1.0698930106874957e-11],
      [5000, 1e-4, 9.999000099980003e-9],
      [25, 0.1, 0.0019758602345816938],
      [0.01, 5, 0.8307764945110137],
    ];
    for (const [a, v, expected] of cases) {
      expect(Math.abs(stableSwapShortfall(a, v) / expected - 1)).toBeLessThan(1e-12);
      expect(executionDiscount(IMPACT_STABLESWAP, 1e6, a, 0, 1, v * 1e6)).toBeCloseTo(expected, 15);
    }
    // Small sales are linear: Ψ̄ → v/(2A + 1), half the marginal impact.
    expect(stableSwapShortfall(25, 1e-12) / (1e-12 / 51)).toBeCloseTo(1, 9);
  });

  it("the exponential model never takes the price below its floor", () => {
    fc.assert(
      fc.property(
        positive(1, 1e9),
        positive(1e-6, 0.99),
        positive(0.01, 100),
        positive(0, 1e12),
        (depth, b, p0, q) => {
          const floor = b * p0;
          let price = p0;
          for (let round = 0; round < 5; round++)
            price *= 1 - impactFraction(IMPACT_EXPONENTIAL, depth, b, floor, price, q);
          // 1 − Ψ near the floor cancels to about 1e-16 / (B/P) relative error, hence the tolerance.
          expect(price).toBeGreaterThanOrEqual(floor * (1 - 1e-9));
        },
      ),
    );
  });
});
