/**
 * Test support for suites that read the public data sets in ../shared/data (never committed: their
 * licences forbid it). Outside CI a missing data set skips the suite; under CI=true it fails, so a
 * green CI run always means the real files were checked.
 * @module
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "vitest";
import { sharedDataDir } from "../src/core/environment.ts";

/** Absolute path of a file or folder inside the shared data directory. */
export function sharedDataPath(...segments: string[]): string {
  return join(sharedDataDir(), ...segments);
}

/**
 * `describe` for a suite that needs `paths` (relative to the shared data directory).
 * Missing under CI=true: one failing test naming what is missing. Missing elsewhere: skipped.
 */
export function describeWithSharedData(name: string, paths: readonly string[], body: () => void): void {
  const missing = paths.filter((p) => !existsSync(sharedDataPath(p)));
  if (missing.length === 0) {
    describe(name, body);
  } else if (process.env.CI === "true") {
    describe(name, () => {
      it("has its shared data", () => {
        throw new Error(
          `missing shared data under ${sharedDataDir()} (set UNWIND_SHARED_DATA to override): ${missing.join(", ")}`,
        );
      });
    });
  } else {
    describe.skip(`${name} (shared data missing: ${missing.join(", ")})`, body);
  }
}
