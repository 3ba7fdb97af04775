#!/usr/bin/env node
// `npm test`: system packages the suites need, then type-check, lint and the test suites.
// A missing Debian package is installed when running as root, otherwise the run fails naming it.
import { spawnSync } from "node:child_process";

/** Debian packages the suites need: the binary each provides and the suites that use it. */
const SYSTEM_PACKAGES = [
  { binary: "chromium", package: "chromium", usedBy: "the report page tests (src/report)" },
];

function has(binary) {
  return spawnSync("sh", ["-c", `command -v ${binary}`], { stdio: "ignore" }).status === 0;
}

function ensureSystemPackages() {
  const missing = SYSTEM_PACKAGES.filter((p) => !has(p.binary));
  if (missing.length === 0) return;
  const names = missing.map((p) => p.package);
  if (process.getuid?.() !== 0) {
    for (const p of missing)
      console.error(`npm test: missing Debian package '${p.package}' (needed by ${p.usedBy})`);
    console.error(`Install it with: sudo apt-get install -y --no-install-recommends ${names.join(" ")}`);
    process.exit(1);
  }
  console.error(`npm test: installing ${names.join(", ")}`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  for (const args of [["update"], ["install", "-y", "--no-install-recommends", ...names]]) {
    if (spawnSync("apt-get", args, { stdio: "inherit", env }).status !== 0) {
      console.error(`npm test: apt-get ${args[0]} failed; install ${names.join(" ")} by hand`);
      process.exit(1);
    }
  }
}

const STEPS = [
  ["type-check", "npx", ["tsc", "--noEmit", "-p", "."]],
  ["lint", "npx", ["biome", "check", "."]],
  ["tests", "npx", ["vitest", "run", ...process.argv.slice(2)]],
];

ensureSystemPackages();
let failed = false;
for (const [name, command, args] of STEPS) {
  const started = Date.now();
  const { status } = spawnSync(command, args, { stdio: "inherit" });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.error(`npm test: ${name} ${status === 0 ? "passed" : "FAILED"} (${seconds} s)`);
  failed ||= status !== 0;
}
process.exit(failed ? 1 : 0);
