import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { tempDir, unwind } from "../../test/cli.ts";
import { baseScenario } from "../../test/fixtures/scenario.ts";
import { REPO_ROOT } from "../core/environment.ts";
import { InputError } from "../core/errors.ts";
import { loadScenarioFile, parseScenario, validateScenario } from "./load.ts";

type Doc = ReturnType<typeof baseScenario>;

interface Case {
  readonly name: string;
  /** File text, or a mutation of the base scenario (serialised with 2-space indent). */
  readonly text?: string;
  readonly mutate?: (doc: Doc) => void;
  readonly code: "INVALID_JSON" | "INVALID_SCENARIO";
  /** Field path of the (first) issue. */
  readonly path: string;
  /** Fragment of the message saying what was expected. */
  readonly message: string;
  /** Only reachable through the library API (a JSON file cannot hold the value). */
  readonly apiOnly?: boolean;
  /** A snippet of the file text on the offending line, to derive the expected line number. */
  readonly lineOf?: string;
}

const pretty = (doc: unknown) => JSON.stringify(doc, null, 2);
const withText = (edit: (text: string) => string) => edit(pretty(baseScenario()));

const cases: Case[] = [
  {
    name: "malformed JSON (missing comma)",
    text: withText((t) => t.replace('"name": "Test mini-market",', '"name": "Test mini-market"')),
    code: "INVALID_JSON",
    path: "",
    message: "expected ',' or '}'",
    lineOf: '"asOf"',
  },
  {
    name: "trailing comma",
    text: withText((t) => t.replace('"steps": 10', '"steps": 10,')),
    code: "INVALID_JSON",
    path: "",
    message: "expected a quoted property name",
  },
  {
    name: "NaN literal",
    text: withText((t) => t.replace('"cashUsd": 1000000000', '"cashUsd": NaN')),
    code: "INVALID_JSON",
    path: "",
    message: "numbers must be finite",
    lineOf: '"cashUsd": NaN',
  },
  {
    name: "duplicate key",
    text: withText((t) =>
      t.replace('"name": "Test mini-market",', '"name": "Test mini-market",\n  "name": "again",'),
    ),
    code: "INVALID_JSON",
    path: "",
    message: 'duplicate key "name"',
    lineOf: '"name": "again"',
  },
  { name: "empty file", text: "  \n", code: "INVALID_JSON", path: "", message: "the file is empty" },
  {
    name: "root is an array",
    text: "[]",
    code: "INVALID_SCENARIO",
    path: "",
    message: "expected an object, got an array",
  },
  {
    name: "missing required field",
    mutate: (d) => delete d.asOf,
    code: "INVALID_SCENARIO",
    path: "asOf",
    message: "missing required field; expected a string",
  },
  {
    name: "number written as a string",
    mutate: (d) => (d.assets[1]!.priceUsd = "22"),
    code: "INVALID_SCENARIO",
    path: "assets[1].priceUsd",
    message: 'got string "22"',
    lineOf: '"priceUsd": "22"',
  },
  {
    name: "negative claim amount",
    mutate: (d) => (d.claims[0]!.amount = -1),
    code: "INVALID_SCENARIO",
    path: "claims[0].amount",
    message: "expected a number ≥ 0, got -1",
    lineOf: '"amount": -1',
  },
  {
    name: "NaN value given through the API",
    mutate: (d) => (d.entities[0]!.cashUsd = Number.NaN),
    code: "INVALID_SCENARIO",
    path: "entities[0].cashUsd",
    message: "got NaN",
    apiOnly: true,
  },
  {
    name: "unknown entity in a claim",
    mutate: (d) => (d.claims[0]!.debtor = "fnud"),
    code: "INVALID_SCENARIO",
    path: "claims[0].debtor",
    message: 'unknown entity "fnud"',
    lineOf: '"debtor": "fnud"',
  },
  {
    name: "duplicate entity id",
    mutate: (d) => (d.entities[2]!.id = "exch"),
    code: "INVALID_SCENARIO",
    path: "entities[2].id",
    message: 'duplicate entity id "exch" (first used at entities[0])',
  },
  {
    name: "misspelt field",
    mutate: (d) => {
      d.entities[1]!.cahsUsd = 5;
    },
    code: "INVALID_SCENARIO",
    path: "entities[1].cahsUsd",
    message: 'unknown field "cahsUsd"; did you mean "cashUsd"?',
    lineOf: '"cahsUsd"',
  },
  {
    name: "unknown entity type",
    mutate: (d) => (d.entities[2]!.type = "bank"),
    code: "INVALID_SCENARIO",
    path: "entities[2].type",
    message: 'expected one of "exchange", "lender"',
  },
  {
    name: "impossible calendar date",
    mutate: (d) => (d.asOf = "2022-02-30"),
    code: "INVALID_SCENARIO",
    path: "asOf",
    message: "expected a date as YYYY-MM-DD",
  },
  {
    name: "range with low above high",
    mutate: (d) => (d.assets[0]!.priceUsd = { value: 20000, range: [21000, 19000] }),
    code: "INVALID_SCENARIO",
    path: "assets[0].priceUsd.range",
    message: "expected [low, high] with low ≤ high",
  },
  {
    name: "value outside its range",
    mutate: (d) => (d.assets[0]!.priceUsd = { value: 25000, range: [19000, 21000] }),
    code: "INVALID_SCENARIO",
    path: "assets[0].priceUsd.value",
    message: "value 25000 lies outside its range [19000, 21000]",
  },
  {
    name: "source that is not a URL",
    mutate: (d) => (d.assets[0]!.priceUsd = { value: 20000, source: "coindesk" }),
    code: "INVALID_SCENARIO",
    path: "assets[0].priceUsd.source",
    message: "expected an http(s) URL",
  },
  {
    name: "margin call above liquidation",
    mutate: (d) => ((d.claims[1]!.collateral as Record<string, unknown>).marginCallLtv = 0.9),
    code: "INVALID_SCENARIO",
    path: "claims[1].collateral.marginCallLtv",
    message: "expected marginCallLtv ≤ liquidationLtv (0.85), got 0.9",
  },
  {
    name: "secured loan without collateral",
    mutate: (d) => delete d.claims[1]!.collateral,
    code: "INVALID_SCENARIO",
    path: "claims[1].collateral",
    message: "a secured-loan needs collateral",
  },
  {
    name: "entity owing itself",
    mutate: (d) => (d.claims[0]!.debtor = "exch"),
    code: "INVALID_SCENARIO",
    path: "claims[0].debtor",
    message: 'an entity cannot owe itself ("exch")',
  },
  {
    name: "holding of an unknown asset",
    mutate: (d) => ((d.entities[0]!.holdings as Record<string, unknown>[])[0]!.asset = "SOL"),
    code: "INVALID_SCENARIO",
    path: "entities[0].holdings[0].asset",
    message: 'unknown asset "SOL"; known: BTC, TOK, USDX',
  },
  {
    name: "credit line drawn beyond its limit",
    mutate: (d) => (d.claims[2]!.amount = 5e8),
    code: "INVALID_SCENARIO",
    path: "claims[2].amount",
    message: "drawn amount 500000000 exceeds the credit-line limit 400000000",
  },
  {
    name: "unsupported schema version",
    mutate: (d) => (d.schemaVersion = 2),
    code: "INVALID_SCENARIO",
    path: "schemaVersion",
    message: "expected 1, got 2",
  },
  {
    name: "unknown shock type",
    mutate: (d) => (d.shocks[0]!.type = "crash"),
    code: "INVALID_SCENARIO",
    path: "shocks[0].type",
    message: 'expected one of "price", "withdrawal", "sale", "loss", "default"',
  },
  {
    name: "price fall of more than 100%",
    mutate: (d) => (d.shocks[0]!.change = -1.5),
    code: "INVALID_SCENARIO",
    path: "shocks[0].change",
    message: "expected a number > -1, got -1.5",
  },
  {
    name: "withdrawal with both amount and fraction",
    mutate: (d) => (d.shocks[1]!.amountUsd = 1e9),
    code: "INVALID_SCENARIO",
    path: "shocks[1]",
    message: "needs exactly one of amountUsd or fraction",
  },
  {
    name: "fractional step",
    mutate: (d) => (d.shocks[0]!.step = 1.5),
    code: "INVALID_SCENARIO",
    path: "shocks[0].step",
    message: "expected an integer, got 1.5",
  },
  {
    name: "shock after the last step",
    mutate: (d) => (d.shocks[0]!.step = 10),
    code: "INVALID_SCENARIO",
    path: "shocks[0].step",
    message: "expected a step below parameters.steps (10), got 10",
  },
];

function textOf(c: Case): string {
  if (c.text !== undefined) return c.text;
  const doc = baseScenario();
  c.mutate!(doc);
  return pretty(doc);
}

function lineOf(text: string, snippet: string): number {
  const index = text.indexOf(snippet);
  if (index < 0) throw new Error(`snippet ${snippet} not in text`);
  return text.slice(0, index).split("\n").length;
}

function rejection(c: Case) {
  try {
    if (c.apiOnly) {
      const doc = baseScenario();
      c.mutate!(doc);
      validateScenario(doc, "case.json");
    } else parseScenario(textOf(c), "case.json");
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error("expected the scenario to be rejected");
}

describe("parseScenario", () => {
  it("accepts the base scenario and normalises quantities to numbers with provenance", () => {
    const { scenario } = parseScenario(pretty(baseScenario()), "base.json");
    expect(scenario.assets[0]!.priceUsd).toBe(20000);
    expect(scenario.provenance.find((p) => p.path === "assets[0].priceUsd")).toEqual({
      path: "assets[0].priceUsd",
      value: 20000,
      source: "https://example.org/btc",
      range: [19000, 21000],
    });
  });

  it.each(cases)("rejects: $name", (c) => {
    const text = textOf(c);
    const error = rejection(c);
    expect(error.code).toBe(c.code);
    if (!c.apiOnly) expect(error.file).toBe("case.json");
    const issue = error.issues.find((i) => i.path === c.path && i.message.includes(c.message));
    expect(issue, `issues were: ${JSON.stringify(error.issues, null, 1)}`).toBeDefined();
    if (c.lineOf) expect(issue!.line).toBe(lineOf(text, c.lineOf));
    if (!c.apiOnly) expect(error.message).toContain("case.json");
  });

  it("has at least 15 distinct malformed cases", () => {
    expect(new Set(cases.map((c) => c.message)).size).toBeGreaterThanOrEqual(15);
  });
});

describe("unwind scenario validate", () => {
  const dir = tempDir();
  afterAll(dir.cleanup);

  it("exits 0 and summarises a valid file", async () => {
    const file = join(dir.path, "ok.json");
    writeFileSync(file, pretty(baseScenario()));
    const result = await unwind(["scenario", "validate", file]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("valid (3 assets, 4 entities, 3 claims, 2 shocks");
  });

  it("counts facts apart from model settings: every fact of the built-ins is sourced", async () => {
    const files = ["ftx-2022", "terra-2022"].map((id) => join(REPO_ROOT, "scenarios", `${id}.json`));
    const result = await unwind(["scenario", "validate", "--require-sources", ...files]);
    expect(result.code).toBe(0);
    for (const file of files)
      expect(result.stdout).toMatch(
        new RegExp(`^${file}: valid \\(.*; (\\d+)/\\1 facts sourced, \\d+ model settings\\)$`, "m"),
      );
  });

  it.each(cases.filter((c) => !c.apiOnly))("exits 2 with a located message: $name", async (c) => {
    const file = join(dir.path, "case.json");
    writeFileSync(file, textOf(c));
    const result = await unwind(["scenario", "validate", file]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(file);
    expect(result.stderr).toContain(c.message);
    expect(result.stderr).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
  });

  it("reports every file in --json and exits 2 when one is invalid", async () => {
    const good = join(dir.path, "good.json");
    const bad = join(dir.path, "bad.json");
    writeFileSync(good, pretty(baseScenario()));
    writeFileSync(bad, "{");
    const result = await unwind(["scenario", "validate", "--json", good, bad]);
    expect(result.code).toBe(2);
    const report = JSON.parse(result.stdout) as { valid: boolean; files: { file: string; valid: boolean }[] };
    expect(report.valid).toBe(false);
    expect(report.files.map((f) => [f.file, f.valid])).toEqual([
      [good, true],
      [bad, false],
    ]);
  });

  it("exits 2 naming a missing file", async () => {
    const result = await unwind(["scenario", "validate", join(dir.path, "nope.json")]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("nope.json: file not found");
  });

  it("with --require-sources lists facts that have no source or estimate", async () => {
    const file = join(dir.path, "unsourced.json");
    writeFileSync(file, pretty(baseScenario()));
    const result = await unwind(["scenario", "validate", "--require-sources", file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("assets[0].supply: fact 19200000 has no source URL or estimate note");
    expect(result.stderr).not.toContain("assets[0].priceUsd");
    expect(result.stderr).not.toContain("parameters.steps");
    expect(result.stderr).not.toContain("shocks[0].step");
  });

  it("loads a file from disk with loadScenarioFile", () => {
    const file = join(dir.path, "disk.json");
    writeFileSync(file, pretty(baseScenario()));
    expect(loadScenarioFile(file).scenario.entities.map((e) => e.id)).toEqual([
      "exch",
      "fund",
      "lender",
      "issuer",
    ]);
  });
});
