import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { tempDir, unwind, unwindProcess } from "../../../test/cli.ts";
import { parseShocks } from "./network.ts";

let dir: ReturnType<typeof tempDir>;
let env: NodeJS.ProcessEnv;
beforeEach(() => {
  dir = tempDir();
  env = { UNWIND_HOME: join(dir.path, "home") };
});
afterEach(() => dir.cleanup());

/** `network generate` of a 300-entity scale-free network with seed 11 into `out`. */
const generate = (out: string) =>
  unwind(
    [
      "network",
      "generate",
      "--model",
      "scale-free",
      "--nodes",
      "300",
      "--avg-degree",
      "3",
      "--seed",
      "11",
      "--out",
      out,
      "--json",
    ],
    env,
  );

function write(name: string, value: unknown): string {
  const path = join(dir.path, name);
  writeFileSync(path, typeof value === "string" ? value : JSON.stringify(value, null, 2));
  return path;
}

// The Eisenberg–Noe 3-bank example (FinNetValu test_rogers.jl) as a network file: L[i][j] = i owes j.
const en3 = {
  entities: [
    { id: "A", externalAssets: 1, externalLiabilities: 0 },
    { id: "B", externalAssets: 1, externalLiabilities: 0 },
    { id: "C", externalAssets: 1, externalLiabilities: 0 },
  ],
  liabilities: [
    { debtor: "A", creditor: "B", amount: 0.1 },
    { debtor: "A", creditor: "C", amount: 0.7 },
    { debtor: "B", creditor: "A", amount: 2.0 },
    { debtor: "B", creditor: "C", amount: 10.5 },
    { debtor: "C", creditor: "B", amount: 8.4 },
  ],
};

describe("unwind network run", () => {
  it("en on the EN 3-bank example: payments [0.8, 9.5, 8.4], B defaults, the run is recorded", async () => {
    const path = write("en3.json", en3);
    const r = await unwind(["network", "run", "--model", "en", "--network", path, "--json"], env);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.payments.A).toBeCloseTo(0.8, 12);
    expect(out.payments.B).toBeCloseTo(9.5, 12);
    expect(out.payments.C).toBeCloseTo(8.4, 12);
    expect(out.defaults).toEqual(["B"]);
    expect(out.waves).toEqual([["B"]]);
    // B: 1 + 0.1 + 8.4 − 12.5 = −3; A: 1 + 2·9.5/12.5 − 0.8 = 1.72; C: 1 + 0.7 + 10.5·0.76 − 8.4 = 1.28.
    expect(out.equity.B).toBeCloseTo(-3, 12);
    expect(out.equity.A).toBeCloseTo(1.72, 12);
    expect(out.equity.C).toBeCloseTo(1.28, 12);
    const runs = JSON.parse((await unwind(["runs", "list", "--json"], env)).stdout);
    expect(runs[0]).toMatchObject({ command: "network run", summary: "en: 1 of 3 default in 1 wave" });
    const shown = JSON.parse((await unwind(["runs", "show", String(out.runId), "--json"], env)).stdout);
    expect(shown.parameters).toMatchObject({ model: "en" });
    expect(shown.results.defaults).toEqual(["B"]);
    // The input is identified by the SHA-256 of the file's bytes.
    const { createHash } = await import("node:crypto");
    const { readFileSync } = await import("node:fs");
    const sha256 = createHash("sha256").update(readFileSync(path)).digest("hex");
    expect(out.input).toEqual({ files: [path], sha256 });
    expect(shown.results.input.sha256).toBe(sha256);
  });

  it("external liabilities are senior and --shock-external cuts external assets", async () => {
    // A: e = 10, owes 4 externally and 8 to B; B: e = 2. A 50% cut leaves A 5 < 12: it pays the
    // external creditor 4 first and B the remaining 1; B's own assets are cut to 1, so it ends with 1 + 1.
    const path = write("senior.json", {
      entities: [
        { id: "A", externalAssets: 10, externalLiabilities: 4 },
        { id: "B", externalAssets: 2, externalLiabilities: 0 },
      ],
      liabilities: [{ debtor: "A", creditor: "B", amount: 8 }],
    });
    const r = await unwind(
      ["network", "run", "--model", "en", "--network", path, "--shock-external", "0.5", "--json"],
      env,
    );
    const out = JSON.parse(r.stdout);
    expect(out.payments).toEqual({ A: 1, B: 0 });
    expect(out.externalPayments).toEqual({ A: 4, B: 0 });
    expect(out.equity).toEqual({ A: -7, B: 2 });
  });

  it("debtrank and linear-debtrank on the 3-cycle with stated equities", async () => {
    // A owes B, B owes C, C owes A 0.5 each; equity 1 each; A loses half its equity.
    const path = write("cycle.json", {
      entities: ["A", "B", "C"].map((id) => ({ id, externalAssets: 1, externalLiabilities: 0, equity: 1 })),
      liabilities: [
        { debtor: "A", creditor: "B", amount: 0.5 },
        { debtor: "B", creditor: "C", amount: 0.5 },
        { debtor: "C", creditor: "A", amount: 0.5 },
      ],
    });
    const single = JSON.parse(
      (
        await unwind(
          ["network", "run", "--model", "debtrank", "--network", path, "--shock", "A=0.5", "--json"],
          env,
        )
      ).stdout,
    );
    expect(single.distress).toEqual({ A: 0.5625, B: 0.25, C: 0.125 });
    const linear = JSON.parse(
      (
        await unwind(
          ["network", "run", "--model", "linear-debtrank", "--network", path, "--shock", "A=0.5", "--json"],
          env,
        )
      ).stdout,
    );
    expect(linear.distress.A).toBeCloseTo(4 / 7, 10);
    expect(linear.debtrank).toBeCloseTo(1 / 6, 10);
  });

  it("rejects bad input with exit code 2 and a located message", async () => {
    const path = write("en3.json", en3);
    const rv = await unwind(["network", "run", "--model", "rv", "--network", path], env);
    expect(rv.code).toBe(2);
    expect(rv.stderr).toContain("needs --alpha and --beta");
    const alpha = await unwind(["network", "run", "--model", "en", "--alpha", "0.5", "--network", path], env);
    expect(alpha.code).toBe(2);
    expect(alpha.stderr).toContain("apply to the rv model only");
    const shock = await unwind(
      ["network", "run", "--model", "en", "--network", path, "--shock", "Z=0.5"],
      env,
    );
    expect(shock.code).toBe(2);
    expect(shock.stderr).toContain('unknown entity "Z"');
    const fraction = await unwind(
      ["network", "run", "--model", "en", "--network", path, "--shock", "A=2"],
      env,
    );
    expect(fraction.code).toBe(2);
    const bad = write(
      "bad.json",
      '{"entities": [],\n "liabilities": [{"debtor": "A", "creditor": "B", "amount": 1}]}',
    );
    const located = await unwind(["network", "run", "--model", "en", "--network", bad], env);
    expect(located.code).toBe(2);
    expect(located.stderr).toContain(`${bad}:2:`);
    expect(located.stderr).toContain('unknown entity "A"');
    const runs = JSON.parse((await unwind(["runs", "list", "--json"], env)).stdout);
    expect(runs).toEqual([]);
  });

  it("exits 2 without a stack trace as a real process", () => {
    const r = unwindProcess(
      ["network", "run", "--model", "en", "--network", join(dir.path, "missing.json")],
      env,
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("file not found");
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe("unwind network generate", () => {
  it("writes the same network for the same seed, as JSON or a CSV pair, and runs on both", async () => {
    const a = join(dir.path, "a.json");
    const b = join(dir.path, "b.json");
    for (const out of [a, b]) expect((await generate(out)).code).toBe(0);
    const { readFileSync } = await import("node:fs");
    expect(readFileSync(a, "utf8")).toBe(readFileSync(b, "utf8"));
    const csv = join(dir.path, "pair");
    const g = JSON.parse((await generate(csv)).stdout);
    expect(g.files).toEqual([join(csv, "entities.csv"), join(csv, "liabilities.csv")]);
    const rv = async (network: string) =>
      JSON.parse(
        (
          await unwind(
            [
              "network",
              "run",
              "--model",
              "rv",
              "--alpha",
              "0.6",
              "--beta",
              "0.8",
              "--network",
              network,
              "--shock-external",
              "0.05",
              "--json",
            ],
            env,
          )
        ).stdout,
      );
    const fromJson = await rv(a);
    const fromCsv = await rv(csv);
    expect(fromCsv.payments).toEqual(fromJson.payments);
    expect(fromCsv.waves).toEqual(fromJson.waves);
    // Some but not all entities are fragile: a 5% cut of external assets sinks some, not all.
    expect(fromJson.waves[0].length).toBeGreaterThan(0);
    expect(fromJson.waves[0].length).toBeLessThan(300);
  });

  it("rejects an impossible degree", async () => {
    const r = await unwind(
      [
        "network",
        "generate",
        "--model",
        "er",
        "--nodes",
        "5",
        "--avg-degree",
        "9",
        "--seed",
        "1",
        "--out",
        join(dir.path, "x.json"),
      ],
      env,
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("at most nodes − 1 = 4");
  });
});

describe("parseShocks", () => {
  it("splits ids on the last '=' and accumulates repeated options", () => {
    expect(parseShocks("a=b=0.5,c=1", { d: 0.1 })).toEqual({ d: 0.1, "a=b": 0.5, c: 1 });
    expect(() => parseShocks("a=1.5")).toThrow(/between 0 and 1/);
    expect(() => parseShocks("=0.5")).toThrow(/ID=FRACTION/);
  });
});
