/**
 * Where unwind keeps and finds things: its home (the SQLite store), the repository root (built-in
 * scenarios), and the shared public data sets used by tests and importers.
 * @module
 */
import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** Root of the unwind repository (the folder holding package.json). */
export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** unwind's version, from package.json. */
export const VERSION: string = (
  JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { version: string }
).version;

/** Directory of unwind's store: `$UNWIND_HOME`, else `~/.unwind`. */
export function unwindHome(env: NodeJS.ProcessEnv = process.env): string {
  return env.UNWIND_HOME ? resolve(env.UNWIND_HOME) : join(homedir(), ".unwind");
}

/**
 * Directory of the shared public data sets: `$UNWIND_SHARED_DATA`, else `../shared/data` beside the
 * repository. Their licences forbid committing them, so they are read in place.
 */
export function sharedDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.UNWIND_SHARED_DATA
    ? resolve(env.UNWIND_SHARED_DATA)
    : resolve(REPO_ROOT, "..", "shared", "data");
}
