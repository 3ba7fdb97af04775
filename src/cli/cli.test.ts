import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { tempDir, unwind, unwindProcess } from "../../test/cli.ts";
import { openStore } from "../store/database.ts";
import { recordRun } from "../store/runs.ts";

describe("unwind CLI", () => {
  const home = tempDir();
  afterAll(home.cleanup);
  const env = { UNWIND_HOME: home.path };

  it("lists its commands in --help (as a real process, exit 0)", () => {
    const result = unwindProcess(["--help"], env);
    expect(result.code).toBe(0);
    for (const command of ["start", "scenario", "runs"])
      expect(result.stdout).toMatch(new RegExp(`^\\s+${command}\\b`, "m"));
  });

  it("has --help on every subcommand", async () => {
    for (const args of [
      ["scenario", "--help"],
      ["scenario", "validate", "--help"],
      ["runs", "show", "--help"],
    ]) {
      const result = await unwind(args, env);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain("Usage: unwind");
    }
  });

  it("exits 2 for an unknown command or option, with a suggestion and no stack trace", () => {
    const result = unwindProcess(["scenaro"], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown command 'scenaro'");
    expect(result.stderr).toContain("Did you mean scenario?");
    expect(result.stderr).not.toMatch(/\bat .+\.(ts|js):\d+/);
    const option = unwindProcess(["runs", "list", "--limit", "zero"], env);
    expect(option.code).toBe(2);
    expect(option.stderr).toContain(
      "option '-n, --limit <n>' argument 'zero' is invalid. expected an integer ≥ 1.",
    );
  });

  it("shows recorded runs as a table and as JSON", async () => {
    const store = openStore({ home: home.path });
    const id = recordRun(store, {
      command: "cascade",
      parameters: { scenario: "ftx-2022" },
      inputs: {},
      summary: "2 failures",
      results: { failures: 2 },
      events: [{ step: 1, type: "default", entity: "ftx", amountUsd: 8e9 }],
      timings: { totalMs: 4 },
      startedAt: new Date(),
    });
    store.close();
    const list = await unwind(["runs", "list"], env);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(new RegExp(`^\\s*${id}\\s.*cascade\\s.*2 failures$`, "m"));
    const json = await unwind(["runs", "show", String(id), "--json", "--events"], env);
    expect(JSON.parse(json.stdout)).toMatchObject({
      id,
      results: { failures: 2 },
      events: [{ entity: "ftx" }],
    });
    const missing = await unwind(["runs", "show", "999"], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("run '999' not found");
  });

  it("exits 2, not as an internal error, when --home is not a folder", () => {
    const file = join(home.path, "a-file");
    writeFileSync(file, "");
    const result = unwindProcess(["--home", file, "runs", "list"], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`unwind: cannot open the store at ${join(file, "unwind.db")}`);
    expect(result.stderr).not.toContain("internal error");
  });

  it("--json output is a single JSON document on stdout", async () => {
    const result = await unwind(["runs", "list", "--json"], env);
    expect(() => JSON.parse(result.stdout)).not.toThrow();
    expect(result.stderr).toBe("");
  });
});
