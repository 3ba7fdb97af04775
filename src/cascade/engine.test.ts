import { describe, expect, it } from "vitest";
import { deepCoin, only, scenarioOf } from "../../test/fixtures/cascade.ts";
import { inputErrorOf } from "../../test/input-error.ts";
import { runCascade } from "./engine.ts";

const scenario = scenarioOf({
  assets: [deepCoin("BTC", 100)],
  entities: [{ id: "x", type: "fund", holdings: [{ asset: "BTC", units: 10 }] }],
  shocks: [
    { type: "price", asset: "BTC", change: -0.5, step: 1 },
    { type: "price", asset: "BTC", change: -0.5, step: 5 },
  ],
  parameters: { steps: 8, mechanisms: only("clearing") },
});

describe("runCascade", () => {
  it("leaves out shocks beyond a shorter run, with a warning", () => {
    const result = runCascade(scenario, { steps: 3 });
    expect(result.pricePaths.BTC).toEqual([100, 100, 50, 50]);
    expect(result.warnings).toEqual(["1 shock(s) at or after step 3 are beyond the run and were left out"]);
  });

  it("adds or replaces shocks, and rejects one that names an unknown entity or asset", () => {
    const extra = { type: "price", asset: "BTC", change: -0.2, step: 0 } as const;
    expect(runCascade(scenario, { steps: 2, shocks: [extra] }).pricePaths.BTC).toEqual([100, 80, 40]);
    expect(runCascade(scenario, { steps: 2, shocks: [extra], replaceShocks: true }).pricePaths.BTC).toEqual([
      100, 80, 80,
    ]);
    const error = inputErrorOf(() =>
      runCascade(scenario, { shocks: [{ type: "loss", entity: "y", amountUsd: 1 }] }),
    );
    expect(error.issues[0]).toMatchObject({ path: "shocks[2].entity", message: 'unknown entity "y"' });
  });
});
