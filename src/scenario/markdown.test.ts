import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { baseScenario } from "../../test/fixtures/scenario.ts";
import { REPO_ROOT } from "../core/environment.ts";
import { validateScenario } from "./load.ts";
import { builtinScenarioDocs, SCENARIO_DOCS_MARKER, scenarioFiguresMarkdown } from "./markdown.ts";

/** Markdown up to table padding: cells trimmed, separator rows reduced to `---`. */
function normalize(markdown: string): string {
  return markdown
    .split("\n")
    .map((line) => {
      if (!line.startsWith("|")) return line.trimEnd();
      const cells = line
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((cell) => cell.trim());
      return `|${cells.map((cell) => (/^-+$/.test(cell) ? "---" : cell)).join("|")}|`;
    })
    .join("\n")
    .trim();
}

describe("scenarioFiguresMarkdown", () => {
  const markdown = scenarioFiguresMarkdown(validateScenario(baseScenario()));
  const lines = markdown.split("\n");

  it("lists every number with its provenance", () => {
    // BTC: price 20,000 (sourced, range 19,000–21,000), supply 19.2M → cap $384B; linear depth $5B.
    expect(lines).toContain(
      "| **BTC** (coin) | 20,000 | 19,200,000 | $384B | linear: depth $5B | [example.org](https://example.org/btc); range 19,000 – 21,000 |",
    );
    expect(lines).toContain(
      "| **TOK** (token; issuer exch) | 22 | 130,000,000 | $2.86B | exponential: depth $200M | CoinGecko defaults |",
    );
    expect(lines).toContain("| holding TOK (locked), units | 50,000,000 |  |");
    expect(lines).toContain("| rescue capacity | $200M |  |");
    expect(lines).toContain(
      "|  | secured-loan | lender → fund | $300M | 20,000 BTC, call LTV 0.7, liquidation LTV 0.85 |  |",
    );
    expect(lines).toContain("|  | credit-line | lender → exch | $100M (limit $400M) |  |  |");
    // Shocks at step 1 happen on asOf + 1 day.
    expect(lines).toContain("| 1 | 2022-11-02 | price TOK | -80.0% |  |");
    expect(lines).toContain("| 1 | 2022-11-02 | withdrawal from exch | 30.0% of deposits |  |");
  });

  it("escapes pipes inside cells", () => {
    const doc = baseScenario();
    doc.entities[0]!.notes = "a | b";
    (doc.entities[0] as Record<string, unknown>).cashUsd = { value: 1e9, estimate: "x | y" };
    const text = scenarioFiguresMarkdown(validateScenario(doc));
    expect(text).toContain("| cashUsd | $1B | _estimate:_ x \\| y |");
  });
});

describe("docs/scenarios.md", () => {
  it("is up to date with the built-in scenarios (run `npm run docs:scenarios`)", () => {
    const text = readFileSync(join(REPO_ROOT, "docs", "scenarios.md"), "utf8");
    const at = text.indexOf(SCENARIO_DOCS_MARKER);
    expect(at).toBeGreaterThan(0);
    expect(normalize(text.slice(at + SCENARIO_DOCS_MARKER.length))).toBe(normalize(builtinScenarioDocs()));
  });
});
