import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { clearingContract, defaultCosts, fromMatrix, tieredNetwork } from "./clearing.contract.ts";
import { clearingVector } from "./clearing.ts";
import { buildClearingProblem, ClearingWorkspace } from "./clearing-problem.ts";
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
