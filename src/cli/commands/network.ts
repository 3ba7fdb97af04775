/**
 * `unwind network run|generate`: contagion models on plain interbank networks, and random networks
 * for studies and benchmarks.
 * @module
 */
import { resolve } from "node:path";
import { type Command, InvalidArgumentError, Option } from "commander";
import { type InputError, inputError } from "../../core/errors.ts";
import { formatNumber, formatUsd } from "../../core/format.ts";
import { GENERATOR_MODELS, type GeneratorModel, generateNetwork } from "../../network/generate.ts";
import { loadNetwork } from "../../network/load.ts";
import {
  NETWORK_MODELS,
  type NetworkModel,
  type NetworkRunResult,
  runNetworkModel,
} from "../../network/run.ts";
import { writeNetworkCsv, writeNetworkJson } from "../../network/write.ts";
import { recordRun } from "../../store/runs.ts";
import type { CliContext } from "../context.ts";
import { integerAtLeast, numberBetween, parseNumber } from "../options.ts";
import { withProgress } from "../progress.ts";
import { renderFields, renderTable } from "../table.ts";

/** Above this many entities a run's stored results keep aggregates, not per-entity maps. */
export const STORED_ENTITY_LIMIT = 100_000;

interface RunOptions {
  model: NetworkModel;
  network: string;
  liabilities?: string;
  alpha?: number;
  beta?: number;
  recovery?: number;
  shockExternal?: number;
  shock?: Record<string, number>;
  tolerance?: number;
  maxIterations?: number;
  json?: boolean;
}

interface GenerateCliOptions {
  model: GeneratorModel;
  nodes: number;
  avgDegree: number;
  seed: number;
  out: string;
  format?: "json" | "csv";
  capitalRatio: number;
  interbankShare: number;
  meanClaim: number;
  json?: boolean;
}

/** Registers the `network` command group. */
export function registerNetworkCommands(program: Command, ctx: CliContext): void {
  const network = program
    .command("network")
    .description("contagion on interbank networks: Eisenberg–Noe, Rogers–Veraart, Furfine, DebtRank");

  network
    .command("run")
    .description("run a contagion model on a network file (JSON, or a CSV pair) and record the run")
    .addOption(new Option("--model <model>", "model").choices(NETWORK_MODELS).makeOptionMandatory())
    .requiredOption(
      "--network <path>",
      "network .json file, a directory with entities.csv and liabilities.csv, or an entities CSV",
    )
    .option("--liabilities <file>", "liabilities CSV, if not beside the entities CSV")
    .option("--alpha <a>", "rv: share of external assets realised in default, 0–1", numberBetween(0, 1))
    .option("--beta <b>", "rv: share of interbank receipts realised in default, 0–1", numberBetween(0, 1))
    .option(
      "--recovery <r>",
      "furfine: recovery rate on claims on failed entities, 0–1 (default 0)",
      numberBetween(0, 1),
    )
    .option(
      "--shock-external <fraction>",
      "cut every entity's external assets by this fraction, 0–1",
      numberBetween(0, 1),
    )
    .option(
      "--shock <id=fraction,...>",
      "initial loss of each named entity as a fraction of its equity (repeatable)",
      parseShocks,
    )
    .option("--tolerance <x>", "solver tolerance (USD for en/rv, distress for linear-debtrank)", positive)
    .option("--max-iterations <n>", "cap on solver iterations", integerAtLeast(1))
    .option("--json", "one JSON document on stdout")
    .action((options: RunOptions) => {
      if (options.model !== "rv" && (options.alpha !== undefined || options.beta !== undefined))
        throw usage("--alpha and --beta apply to the rv model only");
      if (options.model !== "furfine" && options.recovery !== undefined)
        throw usage("--recovery applies to the furfine model only");
      const startedAt = new Date();
      const t0 = performance.now();
      const loaded = withProgress(ctx, "reading", "bytes", (onProgress) =>
        loadNetwork(options.network, options.liabilities, onProgress),
      );
      const t1 = performance.now();
      const modelOptions = defined({
        alpha: options.alpha,
        beta: options.beta,
        recovery: options.recovery,
        shockExternal: options.shockExternal,
        shocks: options.shock,
        tolerance: options.tolerance,
        maxIterations: options.maxIterations,
      });
      const result = runNetworkModel(loaded.network, { model: options.model, ...modelOptions });
      const t2 = performance.now();
      const summary = summarize(result);
      const parameters = defined({
        model: options.model,
        network: resolve(options.network),
        liabilities: options.liabilities && resolve(options.liabilities),
        ...modelOptions,
      });
      const timings = { totalMs: t2 - t0, loadMs: t1 - t0, modelMs: t2 - t1 };
      const runId = recordRun(ctx.openStore(), {
        command: "network run",
        parameters,
        inputs: { network: loaded.hash },
        summary,
        results: {
          input: { files: loaded.files, sha256: loaded.hash },
          ...(result.entities <= STORED_ENTITY_LIMIT ? result : aggregates(result)),
        },
        timings,
        startedAt,
      });
      if (!result.converged)
        ctx.info(`warning: the solver stopped after ${result.iterations} iterations before converging`);
      if (options.json)
        return ctx.json({ runId, input: { files: loaded.files, sha256: loaded.hash }, ...result, timings });
      ctx.print(describeRun(result, loaded.files, summary, runId, timings));
    });

  network
    .command("generate")
    .description(
      "write a random interbank network (directed Erdős–Rényi or scale-free) with fragile balance sheets",
    )
    .addOption(new Option("--model <model>", "topology").choices(GENERATOR_MODELS).makeOptionMandatory())
    .requiredOption("--nodes <n>", "number of entities", integerAtLeast(2))
    .requiredOption("--avg-degree <k>", "mean number of liabilities per entity", positive)
    .requiredOption("--seed <s>", "PRNG seed (integer)", integerAtLeast(0))
    .requiredOption("--out <path>", "file.json, or a directory for entities.csv + liabilities.csv")
    .addOption(
      new Option("--format <format>", "json or csv (default: json if --out ends in .json, else csv)").choices(
        ["json", "csv"],
      ),
    )
    .option(
      "--capital-ratio <k>",
      "mean equity / total assets; entities draw uniformly from [k/2, 3k/2]",
      positive,
      0.04,
    )
    .option("--interbank-share <phi>", "target interbank assets / total assets", numberBetween(0, 1), 0.2)
    .option("--mean-claim <usd>", "mean liability size, USD (exponential)", positive, 1e6)
    .option("--json", "one JSON document on stdout")
    .action((options: GenerateCliOptions) => {
      if (options.avgDegree > options.nodes - 1)
        throw usage(`--avg-degree must be at most nodes − 1 = ${options.nodes - 1}`);
      if (options.capitalRatio >= 4 / 3) throw usage("--capital-ratio must be below 4/3");
      if (options.interbankShare <= 0 || options.interbankShare >= 1)
        throw usage("--interbank-share must be strictly between 0 and 1");
      const startedAt = new Date();
      const t0 = performance.now();
      const network = withProgress(ctx, "generating", "share", (onProgress) =>
        generateNetwork({
          model: options.model,
          nodes: options.nodes,
          avgDegree: options.avgDegree,
          seed: options.seed,
          capitalRatio: options.capitalRatio,
          interbankShare: options.interbankShare,
          meanClaim: options.meanClaim,
          onProgress,
        }),
      );
      const t1 = performance.now();
      const format = options.format ?? (options.out.toLowerCase().endsWith(".json") ? "json" : "csv");
      const files = withProgress(ctx, "writing", "rows", (onProgress) => {
        if (format === "json") {
          writeNetworkJson(network, options.out, onProgress);
          return [options.out];
        }
        const written = writeNetworkCsv(network, options.out, onProgress);
        return [written.entities, written.liabilities];
      });
      const t2 = performance.now();
      const liabilities = network.amount.length;
      const summary = `${options.model} network: ${options.nodes} entities, ${liabilities} liabilities → ${files.join(", ")}`;
      const timings = { totalMs: t2 - t0, generateMs: t1 - t0, writeMs: t2 - t1 };
      const { json, out, ...parameters } = options;
      const result = {
        model: options.model,
        entities: options.nodes,
        liabilities,
        seed: options.seed,
        format,
        files,
      };
      const runId = recordRun(ctx.openStore(), {
        command: "network generate",
        parameters: { ...parameters, out: resolve(out), format },
        seed: options.seed,
        inputs: null,
        summary,
        results: result,
        timings,
        startedAt,
      });
      if (json) return ctx.json({ runId, ...result, timings });
      ctx.print(
        renderFields([
          ["generated", `${options.model}, seed ${options.seed}`],
          ["entities", formatNumber(options.nodes, 0)],
          ["liabilities", formatNumber(liabilities, 0)],
          ["files", files.join(", ")],
          [
            "time",
            `${formatNumber(timings.generateMs, 0)} ms generate, ${formatNumber(timings.writeMs, 0)} ms write`,
          ],
          ["run", String(runId)],
        ]),
      );
    });
}

function usage(message: string): InputError {
  return inputError(message);
}

function positive(text: string): number {
  const value = parseNumber(text);
  if (value <= 0) throw new InvalidArgumentError("expected a positive number.");
  return value;
}

/** `--shock A=0.5,B=0.2` (repeatable) → `{A: 0.5, B: 0.2}`; ids may contain `=` (the last one splits). */
export function parseShocks(text: string, previous: Record<string, number> = {}): Record<string, number> {
  const shocks = { ...previous };
  for (const part of text.split(",")) {
    const at = part.lastIndexOf("=");
    const id = part.slice(0, at).trim();
    const fraction = Number(part.slice(at + 1));
    if (at <= 0 || id === "" || part.slice(at + 1).trim() === "" || !(fraction >= 0 && fraction <= 1)) {
      throw new InvalidArgumentError(`expected ID=FRACTION with a fraction between 0 and 1, got "${part}".`);
    }
    shocks[id] = fraction;
  }
  return shocks;
}

function defined<T extends Record<string, unknown>>(values: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };
}

function summarize(result: NetworkRunResult): string {
  const waves = `${result.rounds} wave${result.rounds === 1 ? "" : "s"}`;
  const base = `${result.model}: ${result.defaults.length} of ${result.entities} default in ${waves}`;
  return result.debtrank === undefined ? base : `${base}; DebtRank ${result.debtrank.toPrecision(4)}`;
}

function aggregates(result: NetworkRunResult) {
  return {
    model: result.model,
    entities: result.entities,
    liabilities: result.liabilities,
    defaultCount: result.defaults.length,
    waveSizes: result.waves.map((w) => w.length),
    totalEquity: result.totalEquity,
    debtrank: result.debtrank,
    iterations: result.iterations,
    rounds: result.rounds,
    converged: result.converged,
    note: `per-entity results are not stored above ${STORED_ENTITY_LIMIT} entities; rerun with --json to get them`,
  };
}

function describeRun(
  result: NetworkRunResult,
  files: readonly string[],
  summary: string,
  runId: number,
  timings: { totalMs: number; loadMs: number; modelMs: number },
): string {
  const fields: [string, string][] = [
    [
      "network",
      `${files.join(", ")} (${formatNumber(result.entities, 0)} entities, ${formatNumber(result.liabilities, 0)} liabilities)`,
    ],
    ["result", summary],
    ["iterations", `${result.iterations}${result.converged ? "" : " (not converged)"}`],
    ["total equity after", formatUsd(result.totalEquity)],
    ["time", `${formatNumber(timings.loadMs, 0)} ms load, ${formatNumber(timings.modelMs, 0)} ms model`],
    ["run", String(runId)],
  ];
  const parts = [renderFields(fields)];
  if (result.waves.length > 0) {
    parts.push(
      "",
      renderTable(
        result.waves.map((ids, wave) => ({ wave, ids })),
        [
          { header: "wave", value: (w) => String(w.wave), right: true },
          { header: "defaults", value: (w) => formatNumber(w.ids.length, 0), right: true },
          {
            header: "entities",
            value: (w) => (w.ids.length > 8 ? `${w.ids.slice(0, 8).join(", ")}, …` : w.ids.join(", ")),
          },
        ],
      ),
    );
  }
  return parts.join("\n");
}
