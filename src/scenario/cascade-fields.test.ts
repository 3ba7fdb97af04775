import { describe, expect, it } from "vitest";
import { baseScenario } from "../../test/fixtures/scenario.ts";
import { inputErrorOf } from "../../test/input-error.ts";
import { validateScenario } from "./load.ts";

describe("scenario fields of the cascade engine", () => {
  it("accepts the optional engine parameters", () => {
    const doc = baseScenario();
    doc.parameters = {
      steps: 10,
      recoveryRate: 0.4,
      runs: {
        sensitivity: 0.25,
        threshold: 0.05,
        marketWeight: 0.15,
        callableLoans: false,
        gatingTypes: ["exchange", "lender"],
        gateHorizonDays: 14,
        illiquidDiscount: 0.4,
      },
      fireSales: {
        leverageMax: 10,
        leverageTarget: 8,
        executionShortfall: 0.5,
        estateSaleRate: 0.1,
        intradayRounds: 3,
      },
      market: { stressDrawdown: 0.3, depthUnderStress: 0.5 },
      reflexivity: { strength: { value: 0.8, estimate: "test" } },
    };
    expect(validateScenario(doc).scenario.parameters?.reflexivity?.strength).toBe(0.8);
  });

  it("rejects out-of-range parameters with their path", () => {
    const doc = baseScenario();
    doc.parameters = { runs: { threshold: 1, gatingTypes: ["bank"] }, fireSales: { intradayRounds: 0 } };
    const paths = inputErrorOf(() => validateScenario(doc)).issues.map((i) => i.path);
    expect(paths).toEqual([
      "parameters.runs.threshold",
      "parameters.runs.gatingTypes[0]",
      "parameters.fireSales.intradayRounds",
    ]);
  });

  it("requires leverageTarget ≤ leverageMax, and a leverageMax for a target", () => {
    const doc = baseScenario();
    doc.parameters = { fireSales: { leverageMax: 5, leverageTarget: 6 } };
    expect(inputErrorOf(() => validateScenario(doc)).issues).toEqual([
      {
        path: "parameters.fireSales.leverageTarget",
        message: "expected leverageTarget ≤ leverageMax (5), got 6",
      },
    ]);
    doc.parameters = { fireSales: { leverageTarget: 6 } };
    expect(inputErrorOf(() => validateScenario(doc)).issues[0]!.message).toBe(
      "leverageTarget needs leverageMax",
    );
  });

  it("rejects peg cycles", () => {
    const doc = baseScenario();
    doc.assets.push(
      {
        id: "sA",
        kind: "liquid-staking",
        priceUsd: 1,
        supply: 1,
        impact: { model: "linear", depthUsd: 1 },
        peg: { asset: "sB" },
      },
      {
        id: "sB",
        kind: "liquid-staking",
        priceUsd: 1,
        supply: 1,
        impact: { model: "linear", depthUsd: 1 },
        peg: { asset: "sA" },
      },
    );
    expect(inputErrorOf(() => validateScenario(doc)).issues.map((i) => [i.path, i.message])).toEqual([
      ["assets[3].peg.asset", "peg cycle: sA → sB → sA"],
      ["assets[4].peg.asset", "peg cycle: sB → sA → sB"],
    ]);
  });

  it("requires a peg for a StableSwap pool", () => {
    const stableswap = { model: "stableswap", poolDepthUsd: 1e6, amplification: 50 };
    // USDX is pegged: accepted.
    const pegged = baseScenario();
    pegged.assets[2]!.impact = stableswap;
    expect(validateScenario(pegged).scenario.assets[2]!.impact.model).toBe("stableswap");
    // TOK (assets[1]) has no peg for the pool to price it against.
    const doc = baseScenario();
    doc.assets[1]!.impact = stableswap;
    expect(inputErrorOf(() => validateScenario(doc)).issues).toEqual([
      {
        path: "assets[1].impact.model",
        message: "a stableswap pool prices a pegged asset against its peg; add a peg",
      },
    ]);
  });

  it("requires a coin redeemed by minting for a mint-capacity shock", () => {
    const shock = { type: "mint-capacity", asset: "USDX", capacityUsd: 1e8, step: 2 };
    // USDX redeemed by minting TOK: accepted.
    const minting = baseScenario();
    minting.assets[2]!.peg = { issuer: "issuer", redemption: "mint", mintAsset: "TOK" };
    minting.shocks.push(shock);
    expect(validateScenario(minting).scenario.shocks?.[2]?.type).toBe("mint-capacity");
    // USDX redeemed instantly (the default with an issuer) has no mint capacity to change.
    const doc = baseScenario();
    doc.shocks.push(shock);
    expect(inputErrorOf(() => validateScenario(doc)).issues).toEqual([
      {
        path: "shocks[2].asset",
        message: 'a mint-capacity shock needs a coin redeemed by minting, not "USDX"',
      },
    ]);
  });
});
