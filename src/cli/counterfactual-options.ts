/**
 * The counterfactual flags shared by `unwind cascade` and `unwind validate-history`:
 * `--without-rescuer ID` (repeatable) and `--add-rescuer ID=CAPACITY_USD` (repeatable).
 * @module
 */
import { type Command, InvalidArgumentError } from "commander";
import type { AddedRescuer, Counterfactuals } from "../history/run-episode.ts";

/** The parsed flags. */
export interface CounterfactualFlags {
  withoutRescuer: string[];
  addRescuer: AddedRescuer[];
}

const ENTITY_ID = /^[a-z0-9][a-z0-9-]*$/;

/** Parses `ID=CAPACITY_USD` (e.g. `binance=8e9`); a usage error names what was expected. */
export function parseAddedRescuer(text: string): AddedRescuer {
  const match = /^([^=]+)=(.+)$/.exec(text.trim());
  const id = match?.[1]?.trim() ?? "";
  const capacityUsd = Number(match?.[2]?.trim().replace(/usd$/i, ""));
  if (!match || !ENTITY_ID.test(id) || !Number.isFinite(capacityUsd) || capacityUsd < 0)
    throw new InvalidArgumentError(`expected ID=CAPACITY_USD, e.g. binance=8e9 (got "${text}").`);
  return { id, capacityUsd };
}

function parseEntityId(text: string): string {
  if (!ENTITY_ID.test(text))
    throw new InvalidArgumentError(`expected an entity id such as ftx (got "${text}").`);
  return text;
}

/** Adds the counterfactual flags to a command. */
export function addCounterfactualOptions(command: Command): Command {
  return command
    .option(
      "--without-rescuer <id>",
      "counterfactual: remove the entity's rescue capacity and unwind the rescue loans it had extended (repeatable)",
      (id: string, list: string[]) => [...list, parseEntityId(id)],
      [] as string[],
    )
    .option(
      "--add-rescuer <id=usd>",
      "counterfactual: give an entity (or a new outside rescuer) rescue capacity in USD, e.g. binance=8e9 (repeatable)",
      (spec: string, list: AddedRescuer[]) => [...list, parseAddedRescuer(spec)],
      [] as AddedRescuer[],
    );
}

/** The counterfactuals the flags ask for. */
export function counterfactualsFrom(flags: CounterfactualFlags): Counterfactuals {
  return { withoutRescuers: flags.withoutRescuer, addRescuers: flags.addRescuer };
}

/** True if any counterfactual flag was given. */
export function hasCounterfactuals(flags: CounterfactualFlags): boolean {
  return flags.withoutRescuer.length > 0 || flags.addRescuer.length > 0;
}
