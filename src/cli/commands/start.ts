/**
 * `unwind start` (what `npm start` runs): the main job on built-in data, no network.
 * @module
 */
import type { Command } from "commander";
import { listScenarios } from "../../scenario/builtin.ts";
import type { CliContext } from "../context.ts";
import { renderTable } from "../table.ts";

/** Registers the `start` command. */
export function registerStartCommand(program: Command, ctx: CliContext): void {
  program
    .command("start")
    .description("the main job on built-in data: lists the built-in scenarios and the store")
    .action(() => {
      const store = ctx.openStore();
      const listings = listScenarios(store);
      ctx.print(`unwind store: ${store.path}`);
      ctx.print(
        listings.length === 0
          ? "No built-in scenarios yet."
          : renderTable(listings, [
              { header: "scenario", value: (s) => s.id },
              { header: "as of", value: (s) => s.asOf },
              { header: "name", value: (s) => s.name },
            ]),
      );
    });
}
