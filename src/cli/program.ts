/**
 * The `unwind` command tree. Each command lives in its own module under commands/ and is a thin
 * layer over the library: parse options, call the model, print a table or JSON, record the run.
 * @module
 */
import { Command } from "commander";
import { VERSION } from "../core/environment.ts";
import { registerCascadeCommand } from "./commands/cascade.ts";
import { registerCostCommand } from "./commands/cost.ts";
import { registerDataCommands } from "./commands/data.ts";
import { registerFloorCommand } from "./commands/floor.ts";
import { registerNetworkCommands } from "./commands/network.ts";
import { registerReportCommand } from "./commands/report.ts";
import { registerRunsCommands } from "./commands/runs.ts";
import { registerScenarioCommands } from "./commands/scenario.ts";
import { registerStartCommand } from "./commands/start.ts";
import { registerValidateHistoryCommand } from "./commands/validate-history.ts";
import type { CliContext } from "./context.ts";

/** Builds a fresh command tree bound to `ctx`. */
export function buildProgram(ctx: CliContext): Command {
  const program = new Command("unwind")
    .description(
      "Crypto-market deleveraging risk: production-cost floors, contagion cascades and the 2022 episodes.",
    )
    .version(VERSION, "-V, --version")
    .option("--home <dir>", "directory of the store (default $UNWIND_HOME or ~/.unwind)")
    .option("-q, --quiet", "no progress bars or informational messages on stderr")
    .showHelpAfterError("(run with --help for usage)")
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (text) => ctx.io.stdout.write(text),
      writeErr: (text) => ctx.io.stderr.write(text),
    })
    .exitOverride()
    .hook("preAction", (_program, action) => {
      const globals = action.optsWithGlobals<{ home?: string; quiet?: boolean }>();
      ctx.home = globals.home;
      ctx.quiet = globals.quiet === true;
    });
  registerStartCommand(program, ctx);
  registerScenarioCommands(program, ctx);
  registerCascadeCommand(program, ctx);
  registerValidateHistoryCommand(program, ctx);
  registerReportCommand(program, ctx);
  registerRunsCommands(program, ctx);
  registerCostCommand(program, ctx);
  registerFloorCommand(program, ctx);
  registerDataCommands(program, ctx);
  registerNetworkCommands(program, ctx);
  // Every subcommand reports usage errors the same way as the root.
  for (const command of walk(program)) {
    command.exitOverride().configureOutput(program.configureOutput());
  }
  return program;
}

function* walk(command: Command): Generator<Command> {
  for (const child of command.commands) {
    yield child;
    yield* walk(child);
  }
}
