import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../src/core/environment.ts";
import { tempDir } from "./cli.ts";

describe("describeWithSharedData", () => {
  const dir = tempDir();
  const suite = join(dir.path, "needs-data.test.ts");
  writeFileSync(
    suite,
    `import { it } from "vitest";
import { describeWithSharedData } from ${JSON.stringify(join(REPO_ROOT, "test", "shared-data.ts"))};
describeWithSharedData("needs data", ["no-such-dataset/file.csv"], () => { it("reads", () => {}); });
`,
  );
  const run = (ci: string) =>
    spawnSync(
      process.execPath,
      [join(REPO_ROOT, "node_modules", "vitest", "vitest.mjs"), "run", "--root", dir.path, suite],
      {
        env: { ...process.env, CI: ci, UNWIND_SHARED_DATA: dir.path },
        encoding: "utf8",
      },
    );

  it("fails a suite whose data is missing under CI=true, naming the file", () => {
    const result = run("true");
    expect(result.status).toBe(1);
    expect(result.stdout + result.stderr).toContain("no-such-dataset/file.csv");
  });

  it("skips it outside CI", () => {
    const result = run("false");
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/skipped/);
    dir.cleanup();
  });
});
