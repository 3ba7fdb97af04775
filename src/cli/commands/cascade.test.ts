import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { tempDir, unwind, unwindProcess } from "../../../test/cli.ts";
import { only, scenarioDoc, securedLoanParts } from "../../../test/fixtures/cascade.ts";

/**
 * The secured-loan case of margin-calls.test.ts as a file: BTC −50% at step 1 takes the loan's LTV to
 * 1.2; the collateral sells for 1.0M against 1.2M, and the borrower cannot pay the 200,000 deficiency.
 */
const scenario = scenarioDoc({
  ...securedLoanParts({
    btc: {
      id: "BTC",
      kind: "coin",
      priceUsd: 20_000,
      supply: 1e9,
      impact: { model: "linear", depthUsd: 1e18 },
    },
  }),
  shocks: [{ type: "price", asset: "BTC", change: -0.5, step: 1 }],
  parameters: {
    steps: 4,
    defaultCosts: { alpha: 1, beta: 1 },
    mechanisms: only("clearing", "marginCalls", "fireSales"),
  },
});

describe("unwind cascade", () => {
  const home = tempDir();
  afterAll(home.cleanup);
  const env = { UNWIND_HOME: home.path };
  const file = join(home.path, "scenario.json");
  writeFileSync(file, JSON.stringify(scenario));

  it("prints the result as one JSON document and records the run with its events", async () => {
    const result = await unwind(["cascade", "--scenario", file, "--json"], env);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.failures).toEqual([
      expect.objectContaining({ entity: "borrower", step: 1, cause: "margin" }),
    ]);
    expect(json.lossesByCreditor.lender).toBeCloseTo(200_000, 4);
    expect(json.pricePaths.BTC).toHaveLength(5);
    const runs = JSON.parse((await unwind(["runs", "list", "--json"], env)).stdout);
    expect(runs[0]).toMatchObject({ id: json.run, command: "cascade" });
    expect(runs[0].summary).toContain("1 failed");
    const shown = JSON.parse(
      (await unwind(["runs", "show", String(json.run), "--events", "--json"], env)).stdout,
    );
    expect(shown.events).toHaveLength(json.events.length);
    expect(shown.parameters).toMatchObject({ scenario: file, steps: 4, alpha: 1, beta: 1 });
    expect(shown.results.failures).toEqual(json.failures);
  });

  it("adds --shock shocks and applies --steps, --alpha and mechanism flags", async () => {
    // A 60% fall at step 0 as well: BTC 8,000, LTV 1.5, the borrower fails at step 0. With margin
    // calls off nothing is liquidated; the scenario's own −50% at step 1 takes BTC to 4,000, and the
    // clearing pays the lender from its collateral, 100 × 4,000 = 400,000 of its 1.2M.
    const shocked = JSON.parse(
      (await unwind(["cascade", "-s", file, "--shock", "price:BTC=-60%@0", "--steps", "2", "--json"], env))
        .stdout,
    );
    expect(shocked.steps).toBe(2);
    expect(shocked.pricePaths.BTC[1]).toBeCloseTo(8000, 6);
    expect(shocked.failures[0]).toMatchObject({ entity: "borrower", step: 0, cause: "margin" });
    const noMargin = JSON.parse(
      (await unwind(["cascade", "-s", file, "--shock", "price:BTC=-0.6", "--no-margin-calls", "--json"], env))
        .stdout,
    );
    expect(noMargin.events.some((e: { type: string }) => e.type === "liquidation")).toBe(false);
    expect(noMargin.failures[0]).toMatchObject({ entity: "borrower", step: 0, cause: "insolvent" });
    expect(noMargin.lossesByCreditor.lender).toBeCloseTo(800_000, 3);
  });

  it("keeps the scenario's own mechanism switches unless a flag is given", async () => {
    // The scenario has runs off; no --no-runs flag and no --runs flag: runs stay off. --no-rescues
    // switches rescues off (already off): recorded parameters show the resolved switches.
    const result = JSON.parse((await unwind(["cascade", "-s", file, "--no-rescues", "--json"], env)).stdout);
    const shown = JSON.parse((await unwind(["runs", "show", String(result.run), "--json"], env)).stdout);
    expect(shown.parameters.mechanisms).toEqual({ ...only("clearing", "marginCalls", "fireSales") });
  });

  it("prints failures, sales, prices and market cap for humans", async () => {
    const result = await unwind(["cascade", "--scenario", file], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Failures, in order");
    expect(result.stdout).toMatch(/1\s+2022-11-02\s+borrower\s+margin/);
    expect(result.stdout).toContain("Forced sales by asset");
    expect(result.stdout).toMatch(/^BTC\s+100\s+\$/m);
    expect(result.stdout).toMatch(/BTC\s+\$20k\s+\$10k\s+\$10k\s+-50\.0%/);
    expect(result.stdout).toContain("lender");
    expect(result.stderr).toMatch(/recorded as run \d+/);
  });

  it("exits 2 naming the bad --shock token, without a stack trace or a recorded run (real process)", async () => {
    const before = JSON.parse(
      (await unwind(["runs", "list", "--json", "--limit", "100"], env)).stdout,
    ).length;
    const bad = unwindProcess(["cascade", "-s", file, "--shock", "price:ETH=-0.5", "--json"], env);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe("");
    expect(bad.stderr).toContain('--shock: "price:ETH=-0.5": unknown asset "ETH"; known: BTC');
    expect(bad.stderr).not.toMatch(/\bat .+\.(ts|js):\d+/);
    const syntax = await unwind(["cascade", "-s", file, "--shock", "withdrawal:borrower=2"], env);
    expect(syntax.code).toBe(2);
    expect(syntax.stderr).toContain(
      '"withdrawal:borrower=2": expected a fraction of deposits between 0 and 1',
    );
    const usage = await unwind(["cascade", "-s", file, "--alpha", "1.5"], env);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("expected a number between 0 and 1");
    const missing = await unwind(["cascade", "-s", join(home.path, "nope.json")], env);
    expect(missing.code).toBe(2);
    const after = JSON.parse((await unwind(["runs", "list", "--json", "--limit", "100"], env)).stdout).length;
    expect(after).toBe(before);
  });

  it("runs the built-in scenarios", async () => {
    for (const id of ["terra-2022", "ftx-2022"]) {
      const result = await unwind(["cascade", "--scenario", id, "--json"], env);
      expect(result.code).toBe(0);
      const json = JSON.parse(result.stdout);
      expect(json.scenario).toBe(id);
      expect(json.marketCap.path).toHaveLength(json.steps + 1);
      expect(json.marketCap.initialUsd).toBeGreaterThan(0);
    }
  });
});
