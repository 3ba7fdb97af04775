// Regenerates docs/scenario.schema.json from the zod schema: `npm run docs:schema`.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "../src/core/environment.ts";
import { scenarioJsonSchema } from "../src/scenario/json-schema.ts";

const path = join(REPO_ROOT, "docs", "scenario.schema.json");
writeFileSync(path, `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
console.error(`wrote ${path}`);
