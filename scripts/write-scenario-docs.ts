/**
 * `npm run docs:scenarios`: regenerates the "every figure" sections of docs/scenarios.md from the
 * built-in scenario files and formats the file. Everything above the marker line is hand-written and kept.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "../src/core/environment.ts";
import { builtinScenarioDocs, SCENARIO_DOCS_MARKER } from "../src/scenario/markdown.ts";

const path = join(REPO_ROOT, "docs", "scenarios.md");
const text = readFileSync(path, "utf8");
const at = text.indexOf(SCENARIO_DOCS_MARKER);
if (at < 0) throw new Error(`${path} has no line "${SCENARIO_DOCS_MARKER}"`);
writeFileSync(path, `${text.slice(0, at)}${SCENARIO_DOCS_MARKER}\n\n${builtinScenarioDocs()}\n`);
// Biome pads the tables; formatting here keeps `npm test` (biome check) green after a regeneration.
execFileSync(join(REPO_ROOT, "node_modules", ".bin", "biome"), ["format", "--write", path], {
  stdio: "ignore",
});
console.error(`wrote ${path}`);
