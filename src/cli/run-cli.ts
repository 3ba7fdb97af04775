/**
 * Runs one CLI invocation and maps its outcome to an exit code: 0 success, 2 bad input (the message
 * names the file, line or field and what was expected; never a stack trace), 1 internal error.
 * @module
 */
import { CommanderError } from "commander";
import { InputError } from "../core/errors.ts";
import { CliContext, type CliIo } from "./context.ts";
import { buildProgram } from "./program.ts";

/** Exit codes. */
export const EXIT = { ok: 0, internal: 1, input: 2 } as const;

/** Runs `unwind <argv>` against `io`. @returns the exit code */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const ctx = new CliContext(io);
  try {
    await buildProgram(ctx).parseAsync([...argv], { from: "user" });
    return EXIT.ok;
  } catch (error) {
    return report(ctx, error);
  } finally {
    ctx.close();
  }
}

/** Thrown by a command to end with a given exit code after printing its own output. */
export class ExitRequest extends Error {
  constructor(readonly exitCode: number) {
    super(`exit ${exitCode}`);
  }
}

function report(ctx: CliContext, error: unknown): number {
  if (error instanceof ExitRequest) return error.exitCode;
  if (error instanceof CommanderError) {
    // Commander has already printed help, the version or the usage error.
    return error.exitCode === 0 ? EXIT.ok : EXIT.input;
  }
  if (error instanceof InputError) {
    ctx.io.stderr.write(`unwind: ${indent(error.message)}\n`);
    return EXIT.input;
  }
  const detail = error instanceof Error ? error.message : String(error);
  ctx.io.stderr.write(`unwind: internal error: ${detail}\n`);
  if (ctx.io.env.UNWIND_DEBUG && error instanceof Error && error.stack)
    ctx.io.stderr.write(`${error.stack}\n`);
  else
    ctx.io.stderr.write(
      "This is a bug in unwind; rerun with UNWIND_DEBUG=1 for a stack trace and report it.\n",
    );
  return EXIT.internal;
}

function indent(message: string): string {
  return message.split("\n").join("\n  ");
}
