/**
 * `npm run bench`: runs every bench/*.bench.ts (or those whose names contain the given arguments) with
 * tinybench and prints one table per file. Each bench module exports `default: () => Promise<void>`.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const dir = fileURLToPath(new URL(".", import.meta.url));
const filters = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((name) => name.endsWith(".bench.ts"))
  .filter((name) => filters.length === 0 || filters.some((f) => name.includes(f)))
  .sort();
console.log(`node ${process.version}, ${process.arch}; ${files.length} benchmark file(s)`);
for (const file of files) {
  console.log(`\n## ${file}`);
  const module = (await import(join(dir, file))) as { default: () => Promise<void> };
  await module.default();
}
