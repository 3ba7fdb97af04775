#!/usr/bin/env node
// The CLI runs the TypeScript sources directly through tsx: one code path for users, tests and benchmarks.
import { register } from "tsx/esm/api";

register();
await import("../src/cli/main.ts");
