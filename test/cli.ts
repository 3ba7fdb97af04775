/**
 * Test support: run the CLI in-process (fast) or as a real child process (exit codes, signals).
 * @module
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "../src/cli/run-cli.ts";
import { REPO_ROOT } from "../src/core/environment.ts";

/** Output of one CLI invocation. */
export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `unwind <args>` in this process with captured output. */
export async function unwind(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(args, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    env: { ...process.env, ...env },
    cwd: process.cwd(),
  });
  return { code, stdout, stderr };
}

/** Path of the CLI entry script. */
export const BIN = join(REPO_ROOT, "bin", "unwind.js");

/** Runs `unwind <args>` as a child process and waits for it. */
export function unwindProcess(args: readonly string[], env: NodeJS.ProcessEnv = {}): CliResult {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    env: { ...process.env, ...env },
    encoding: "utf8",
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** Starts `node --import tsx <script> <args>` as a child process. */
export function spawnScript(script: string, args: readonly string[], env: NodeJS.ProcessEnv = {}) {
  return spawn(process.execPath, ["--import", "tsx", script, ...args], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/** A fresh temporary directory, removed by the returned cleanup function. */
export function tempDir(prefix = "unwind-test-"): { path: string; cleanup: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, cleanup: () => rmSync(path, { recursive: true, force: true }) };
}
