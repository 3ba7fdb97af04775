/**
 * Process entry point of the `unwind` CLI.
 * @module
 */
import { runCli } from "./run-cli.ts";

process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  // `unwind … | head` closes the pipe early; that is not an error.
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

const code = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
});
process.exitCode = code;
