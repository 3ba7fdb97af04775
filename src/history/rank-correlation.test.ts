import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { averageRanks, spearman } from "./rank-correlation.ts";

describe("averageRanks", () => {
  it("gives tied values the mean of the ranks they span", () => {
    expect([...averageRanks([10, 20, 20, 30])]).toEqual([1, 2.5, 2.5, 4]);
    // 7 takes ranks 1–3 (mean 2), 9 rank 4, 12 ranks 5–6 (mean 5.5).
    expect([...averageRanks([12, 7, 9, 7, 12, 7])]).toEqual([5.5, 2, 4, 2, 5.5, 2]);
  });

  it("always sums to n(n+1)/2", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 30 }), (xs) => {
        const sum = averageRanks(xs).reduce((a, b) => a + b, 0);
        expect(sum).toBeCloseTo((xs.length * (xs.length + 1)) / 2, 9);
      }),
    );
  });
});

describe("spearman", () => {
  it("matches a hand calculation with a tie", () => {
    // x = 1…5 → ranks 1…5, deviations (−2, −1, 0, 1, 2); y = (5, 6, 7, 8, 7) → ranks (1, 2, 3.5, 5, 3.5),
    // deviations (−2, −1, 0.5, 2, 0.5). Σdxdy = 4 + 1 + 0 + 2 + 1 = 8, Σdx² = 10, Σdy² = 9.5: ρ = 8/√95.
    expect(spearman([1, 2, 3, 4, 5], [5, 6, 7, 8, 7])).toBeCloseTo(8 / Math.sqrt(95), 14);
  });

  it("is 1 for the same order, −1 for the reverse, NaN when undefined", () => {
    expect(spearman([3, 10, 40], [1, 2, 3])).toBeCloseTo(1, 15);
    expect(spearman([3, 10, 40], [3, 2, 1])).toBeCloseTo(-1, 15);
    expect(spearman([1], [1])).toBeNaN();
    expect(spearman([1, 2, 3], [4, 4, 4])).toBeNaN();
    expect(() => spearman([1, 2], [1])).toThrow(RangeError);
  });

  it("equals 1 − 6Σd²/(n(n²−1)) when there are no ties", () => {
    const distinctPairs = fc
      .integer({ min: 2, max: 20 })
      .chain((n) =>
        fc.tuple(
          fc.uniqueArray(fc.integer(), { minLength: n, maxLength: n }),
          fc.uniqueArray(fc.integer(), { minLength: n, maxLength: n }),
        ),
      );
    fc.assert(
      fc.property(distinctPairs, ([x, y]) => {
        const rx = averageRanks(x);
        const ry = averageRanks(y);
        const n = x.length;
        let d2 = 0;
        for (let i = 0; i < n; i++) d2 += (rx[i]! - ry[i]!) ** 2;
        expect(spearman(x, y)).toBeCloseTo(1 - (6 * d2) / (n * (n * n - 1)), 10);
      }),
    );
  });

  it("is unchanged by strictly increasing transforms of either side", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: -50, max: 50 }), fc.integer({ min: -50, max: 50 })), {
          minLength: 3,
          maxLength: 25,
        }),
        (pairs) => {
          const x = pairs.map((p) => p[0]);
          const y = pairs.map((p) => p[1]);
          const rho = spearman(x, y);
          const transformed = spearman(
            x.map((v) => v ** 3 + 7),
            y.map((v) => Math.exp(v / 10)),
          );
          if (Number.isNaN(rho)) expect(transformed).toBeNaN();
          else expect(transformed).toBeCloseTo(rho, 10);
        },
      ),
    );
  });
});
