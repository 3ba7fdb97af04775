import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { scoreFailureSet } from "./classification.ts";

describe("scoreFailureSet", () => {
  it("scores a hand-checked case", () => {
    // predicted {a, b, c, d}, actual {a, b, e}: TP {a, b}, FP {c, d}, FN {e}.
    // precision 2/4 = 0.5, recall 2/3, F1 = 2·0.5·(2/3) / (0.5 + 2/3) = (2/3) / (7/6) = 4/7.
    const score = scoreFailureSet(["d", "a", "c", "b", "a"], ["e", "b", "a"]);
    expect(score.truePositives).toEqual(["a", "b"]);
    expect(score.falsePositives).toEqual(["c", "d"]);
    expect(score.falseNegatives).toEqual(["e"]);
    expect(score.precision).toBe(0.5);
    expect(score.recall).toBeCloseTo(2 / 3, 15);
    expect(score.f1).toBeCloseTo(4 / 7, 15);
  });

  it("follows the empty-set conventions", () => {
    expect(scoreFailureSet([], [])).toMatchObject({ precision: 1, recall: 1, f1: 1 });
    expect(scoreFailureSet([], ["x"])).toMatchObject({ precision: 1, recall: 0, f1: 0 });
    expect(scoreFailureSet(["x"], [])).toMatchObject({ precision: 0, recall: 1, f1: 0 });
    expect(scoreFailureSet(["x"], ["y"])).toMatchObject({ precision: 0, recall: 0, f1: 0 });
  });

  const ids = fc.uniqueArray(fc.constantFrom("a", "b", "c", "d", "e", "f", "g"), { maxLength: 7 });

  it("keeps scores in [0, 1], F1 between min and max of precision and recall", () => {
    fc.assert(
      fc.property(ids, ids, (p, a) => {
        const s = scoreFailureSet(p, a);
        for (const x of [s.precision, s.recall, s.f1]) expect(x >= 0 && x <= 1).toBe(true);
        expect(s.f1).toBeLessThanOrEqual(Math.max(s.precision, s.recall) + 1e-12);
        expect(s.f1).toBeGreaterThanOrEqual(Math.min(s.precision, s.recall) - 1e-12);
        expect(s.truePositives.length + s.falsePositives.length).toBe(p.length);
        expect(s.truePositives.length + s.falseNegatives.length).toBe(a.length);
      }),
    );
  });

  it("swaps precision and recall when predicted and actual swap", () => {
    fc.assert(
      fc.property(ids, ids, (p, a) => {
        const s = scoreFailureSet(p, a);
        const t = scoreFailureSet(a, p);
        expect(t.precision).toBe(s.recall);
        expect(t.recall).toBe(s.precision);
        expect(t.f1).toBeCloseTo(s.f1, 12);
      }),
    );
  });

  it("gives F1 = 1 exactly when the sets are equal", () => {
    fc.assert(
      fc.property(ids, ids, (p, a) => {
        const equal = new Set(p).size === new Set(a).size && p.every((x) => a.includes(x));
        expect(scoreFailureSet(p, a).f1 === 1).toBe(equal);
      }),
    );
  });
});
