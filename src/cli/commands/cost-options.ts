/**
 * Options shared by `unwind cost` and `unwind floor`, and their translation into a {@link CostRequest}.
 * @module
 */
import { type Command, InvalidArgumentError, Option } from "commander";
import { inputError } from "../../core/errors.ts";
import type { AllInParameters } from "../../cost/all-in.ts";
import type { CostRequest } from "../../cost/pipeline.ts";
import { PRICE_SOURCES, type PriceSource } from "../../data/network-inputs.ts";
import type { CliContext } from "../context.ts";
import { numberBetween, parseNumber } from "../options.ts";

/** Parsed shared options. */
export interface CostOptions {
  electricity: number;
  power: "auto" | "cbeci" | "model";
  methodology: "old" | "new";
  fees?: boolean;
  cbeci?: string;
  hashrate?: string;
  hardware?: string;
  price?: string;
  priceSource?: PriceSource;
  hardwareUsdPerTh?: number;
  hardwareLife: number;
  overhead: number;
  json?: boolean;
}

function positive(text: string): number {
  const value = parseNumber(text);
  if (!(value > 0)) throw new InvalidArgumentError("expected a positive number.");
  return value;
}

/** Adds the shared options to `command`. */
export function addCostOptions(command: Command): Command {
  return command
    .option("--electricity <usdPerKwh>", "electricity price, USD/kWh", numberBetween(0.001, 1), 0.05)
    .addOption(
      new Option(
        "--power <source>",
        "network power: CBECI, unwind's hardware-threshold model, or CBECI where it exists and the model elsewhere",
      )
        .choices(["auto", "cbeci", "model"])
        .default("auto"),
    )
    .addOption(
      new Option(
        "--methodology <method>",
        "model methodology: old (equal weight) or new (5-year life, age-weighted)",
      )
        .choices(["old", "new"])
        .default("new"),
    )
    .option("--fees", "spread the cost over subsidy + fees instead of the subsidy alone")
    .option("--cbeci <file|id>", "CBECI power (file, imported on the fly, or a stored data set id)")
    .option(
      "--hashrate <file|id>",
      "hash rate, issuance and fees (e.g. Coin Metrics btc.csv, blockchain.com or mempool.space JSON)",
    )
    .option(
      "--hardware <file|id>",
      "hardware list replacing the built-in catalogue (CBECI CSV/JSON or unwind JSON)",
    )
    .option(
      "--price <file|id>",
      "BTC price (any daily CSV with close/price, or a price JSON); overrides the stored price series",
    )
    .addOption(
      new Option(
        "--price-source <kind>",
        "use only this kind of stored price series (default: the first of these that covers the dates)",
      ).choices(Object.keys(PRICE_SOURCES)),
    )
    .option(
      "--hardware-usd-per-th <usd>",
      "hardware cost, USD per TH/s, for the all-in cost (none without it)",
      positive,
    )
    .option("--hardware-life <years>", "hardware depreciation period for the all-in cost", positive, 5)
    .option(
      "--overhead <fraction>",
      "other operating cost as a fraction of electricity, for the all-in cost",
      numberBetween(0, 10),
      0,
    )
    .option("--json", "one JSON document on stdout");
}

/** The request for a date range. Options the chosen power source does not read are reported on stderr. */
export function costRequest(options: CostOptions, ctx: CliContext, from: string, to: string): CostRequest {
  if (options.power === "cbeci" && options.hardware)
    ctx.info("note: --hardware is not used with --power cbeci (it feeds the model)");
  if (options.power === "model" && options.cbeci) ctx.info("note: --cbeci is not used with --power model");
  if (options.price && options.priceSource)
    throw inputError("give either --price (a file or data set) or --price-source (a kind), not both");
  const allIn: AllInParameters | undefined =
    options.hardwareUsdPerTh === undefined
      ? undefined
      : {
          hardwareUsdPerTh: options.hardwareUsdPerTh,
          hardwareLifeYears: options.hardwareLife,
          overheadFraction: options.overhead,
        };
  return {
    from,
    to,
    electricityUsdPerKwh: options.electricity,
    power: options.power,
    methodology: options.methodology,
    includeFees: options.fees === true,
    cbeci: options.cbeci,
    hashrate: options.hashrate,
    hardware: options.hardware,
    price: options.price,
    priceSource: options.priceSource,
    store: ctx.openStore(),
    allIn,
  };
}

/** The parameters recorded with a run (everything but the store). */
export function runParameters(request: CostRequest): Record<string, unknown> {
  const { store: _store, ...rest } = request;
  return JSON.parse(JSON.stringify(rest)) as Record<string, unknown>;
}
