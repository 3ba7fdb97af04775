import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { clearingVector } from "./clearing.ts";
import { generateNetwork } from "./generate.ts";
import { capital, interbankAssets, interbankLiabilities, toClearingProblem } from "./network.ts";

describe("generateNetwork", () => {
  it("property: same parameters and seed, same network; every entity starts solvent with κ_i in [κ/2, 3κ/2]", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("er" as const, "scale-free" as const),
        fc.integer({ min: 2, max: 60 }),
        fc.double({ min: 0.2, max: 6, noNaN: true }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.double({ min: 0.01, max: 0.2, noNaN: true }),
        (model, nodes, degree, seed, kappa) => {
          const options = { model, nodes, avgDegree: Math.min(degree, nodes - 1), seed, capitalRatio: kappa };
          const a = generateNetwork(options);
          expect(generateNetwork(options)).toEqual(a);
          const assets = interbankAssets(a);
          const equity = capital(a);
          for (let i = 0; i < nodes; i++) {
            const total = assets[i]! + a.externalAssets[i]!;
            expect(equity[i]! / total).toBeGreaterThanOrEqual(kappa / 2 - 1e-12);
            expect(equity[i]! / total).toBeLessThanOrEqual((3 * kappa) / 2 + 1e-12);
            expect(a.externalLiabilities[i]).toBeGreaterThanOrEqual(0);
          }
          for (let i = 0; i < nodes; i++) {
            for (let k = a.liabilityStart[i]!; k < a.liabilityStart[i + 1]!; k++) {
              expect(a.creditor[k]).not.toBe(i);
              // No two liabilities of one debtor to the same creditor.
              for (let m = a.liabilityStart[i]!; m < k; m++) expect(a.creditor[m]).not.toBe(a.creditor[k]);
            }
          }
          // Nobody defaults before a shock.
          expect([...clearingVector(toClearingProblem(a)).defaulted].every((d) => d === 0)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("reports progress in thousandths, rising to 1000, without changing the network", () => {
    for (const model of ["er", "scale-free"] as const) {
      const options = { model, nodes: 140_000, avgDegree: 2, seed: 9 };
      const reports: number[] = [];
      const withProgress = generateNetwork({
        ...options,
        onProgress: (done, total) => {
          expect(total).toBe(1000);
          reports.push(done);
        },
      });
      // Nodes 2^16 and 2·2^16 in the topology half, then claims in the second half.
      expect(reports.filter((done) => done < 500)).toEqual([
        Math.floor((500 * 65_536) / 140_000),
        Math.floor((500 * 131_072) / 140_000),
      ]);
      expect(reports.every((done, i) => i === 0 || done >= reports[i - 1]!)).toBe(true);
      expect(reports.at(-1)).toBe(1000);
      // The listener must not draw from the generator: byte-identical arrays.
      const without = generateNetwork(options);
      for (const key of [
        "liabilityStart",
        "creditor",
        "amount",
        "externalAssets",
        "externalLiabilities",
      ] as const)
        expect(Buffer.from(withProgress[key].buffer).equals(Buffer.from(without[key].buffer))).toBe(true);
    }
  });

  it("Erdős–Rényi has the requested mean degree and Poisson-like spread; scale-free has hubs", () => {
    const n = 20_000;
    const er = generateNetwork({ model: "er", nodes: n, avgDegree: 8, seed: 42 });
    // Claims ~ Binomial(n(n−1), 8/(n−1)): mean 8n = 160 000, sd ≈ √160 000 = 400; allow 5 sd.
    expect(Math.abs(er.amount.length - 8 * n)).toBeLessThan(2000);
    const degree = (start: Uint32Array) => Array.from({ length: n }, (_, i) => start[i + 1]! - start[i]!);
    // Poisson(8): P(out-degree ≥ 30) ≈ 1e-9, so over 20 000 nodes the maximum stays far below 30.
    expect(Math.max(...degree(er.liabilityStart))).toBeLessThan(30);
    const sf = generateNetwork({ model: "scale-free", nodes: n, avgDegree: 4, seed: 42 });
    expect(Math.abs(sf.amount.length - 4 * n)).toBeLessThan(50);
    const total = new Array(n).fill(0);
    for (let i = 0; i < n; i++) total[i] += sf.liabilityStart[i + 1]! - sf.liabilityStart[i]!;
    for (const c of sf.creditor) total[c]++;
    // Preferential attachment: the largest hub has hundreds of links (degree ~ √n·m), ER's none.
    expect(Math.max(...total)).toBeGreaterThan(150);
  });

  it("a uniform cut of external assets sinks exactly the entities with κ_i below s·e_i/(A_i + e_i)", () => {
    const network = generateNetwork({ model: "er", nodes: 2000, avgDegree: 5, seed: 9 });
    const s = 0.04;
    const assets = interbankAssets(network);
    const owed = interbankLiabilities(network);
    const equity = capital(network);
    const shocked = network.externalAssets.map((e) => e * (1 - s));
    const result = clearingVector(toClearingProblem(network, shocked));
    let fundamental = 0;
    for (let i = 0; i < 2000; i++) {
      const total = assets[i]! + network.externalAssets[i]!;
      const sinks = equity[i]! / total < (s * network.externalAssets[i]!) / total;
      if (sinks) fundamental++;
      expect(result.wave[i] === 0).toBe(sinks);
      expect(owed[i]).toBeGreaterThanOrEqual(0);
    }
    // Some but not all: with κ uniform on [2%, 6%] and s·(1 − φ) ≈ 3.2%, roughly 30% sink directly.
    expect(fundamental).toBeGreaterThan(300);
    expect(fundamental).toBeLessThan(1000);
  });
});
