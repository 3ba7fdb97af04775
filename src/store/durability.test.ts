import type { ChildProcess } from "node:child_process";
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BIN, spawnScript, tempDir } from "../../test/cli.ts";
import { baseScenario } from "../../test/fixtures/scenario.ts";
import { REPO_ROOT } from "../core/environment.ts";
import { openStore } from "./database.ts";
import { getRun } from "./runs.ts";

const WRITER = join(REPO_ROOT, "test", "store-writer.ts");

/** Resolves with each stdout line until `until` returns true for one; rejects if the child exits first. */
function waitForLine(child: ChildProcess, until: (line: string) => boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffer = "";
    let stderr = "";
    child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout!.on("data", (chunk: Buffer) => {
      buffer += chunk.toString();
      for (let nl = buffer.indexOf("\n"); nl >= 0; nl = buffer.indexOf("\n")) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        if (until(line)) return resolve(line);
      }
    });
    child.on("exit", (code) =>
      reject(new Error(`child exited (${code}) before the expected line; stderr: ${stderr}`)),
    );
  });
}

function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.on("exit", () => resolve());
    child.kill("SIGKILL");
  });
}

function counts(home: string) {
  const store = openStore({ home });
  try {
    return {
      runs: (store.db.prepare("SELECT count(*) AS n FROM runs").get() as { n: number }).n,
      events: (store.db.prepare("SELECT count(*) AS n FROM run_events").get() as { n: number }).n,
    };
  } finally {
    store.close();
  }
}

describe("store durability against SIGKILL (real child processes)", () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => dir.cleanup());

  it("keeps a run whose write was reported, when the writer is killed right after", async () => {
    const child = spawnScript(WRITER, [dir.path, "2000", "hang"]);
    const line = await waitForLine(child, (l) => l.startsWith("recorded "));
    await killed(child);
    expect(child.signalCode).toBe("SIGKILL");
    const id = Number(line.split(" ")[1]);
    const store = openStore({ home: dir.path });
    try {
      expect(getRun(store, id)).toMatchObject({
        command: "durability-test",
        results: { checksum: 14000 },
        eventCount: 2000,
      });
    } finally {
      store.close();
    }
  });

  it("leaves no partial rows when the writer is killed in the middle of a write", async () => {
    // Control: the same write, uninterrupted, takes far longer than the delay before the kill.
    const control = tempDir();
    const calm = spawnScript(WRITER, [control.path, "300000", "exit"]);
    const done = await waitForLine(calm, (l) => l.startsWith("recorded "));
    await killed(calm);
    control.cleanup();
    const writeMs = Number(done.split(" ")[2]);
    expect(writeMs).toBeGreaterThan(400);

    const child = spawnScript(WRITER, [dir.path, "300000", "hang"]);
    await waitForLine(child, (l) => l.startsWith("begin "));
    await new Promise((resolve) => setTimeout(resolve, Math.min(150, writeMs / 4)));
    await killed(child);
    expect(child.signalCode).toBe("SIGKILL");
    expect(counts(dir.path)).toEqual({ runs: 0, events: 0 });
  });

  it("keeps a scenario the CLI reported as stored, when the CLI is killed right after", async () => {
    const file = join(dir.path, "s.json");
    writeFileSync(file, JSON.stringify(baseScenario()));
    const child = spawn(process.execPath, [BIN, "--home", dir.path, "scenario", "import", file], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    await waitForLine(child, (l) => l.startsWith("stored scenario test-mini"));
    await killed(child);
    const store = openStore({ home: dir.path });
    try {
      expect(store.db.prepare("SELECT id FROM scenarios").all()).toEqual([{ id: "test-mini" }]);
    } finally {
      store.close();
    }
  });
});
