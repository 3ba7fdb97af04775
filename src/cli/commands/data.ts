/**
 * `unwind data import|fetch|list|show|remove|hardware`: the data sets the cost models read.
 * @module
 */
import { Argument, type Command, InvalidArgumentError, Option } from "commander";
import { inputError } from "../../core/errors.ts";
import { readTextFile } from "../../core/files.ts";
import { formatNumber } from "../../core/format.ts";
import { sha256Hex } from "../../core/hash.ts";
import { HARDWARE_CATALOGUE } from "../../cost/hardware-catalogue.ts";
import {
  type DatasetRecord,
  getDataset,
  listDatasets,
  removeDataset,
  saveDataset,
} from "../../data/datasets.ts";
import { BLOCKCHAIN_COM_BASE_URL, fetchBlockchainCom } from "../../data/fetch/blockchain-com.ts";
import { CBECI_BASE_URL, fetchCbeci } from "../../data/fetch/cbeci.ts";
import { COINMETRICS_BASE_URL, fetchCoinMetrics } from "../../data/fetch/coinmetrics.ts";
import type { Fetched, FetchOptions } from "../../data/fetch/fetched.ts";
import { fetchMempool, MEMPOOL_BASE_URL } from "../../data/fetch/mempool.ts";
import { DATA_FORMATS, type DataFormat, hardwareFromDataset, importText } from "../../data/formats.ts";
import { resolveCandidate } from "../../data/network-inputs.ts";
import type { CliContext } from "../context.ts";
import { integerAtLeast, numberBetween, parseDate } from "../options.ts";
import { renderFields, renderTable } from "../table.ts";

/** Live sources and their default base URL and environment override. */
const SOURCES = {
  coinmetrics: { base: COINMETRICS_BASE_URL, env: "UNWIND_COINMETRICS_URL" },
  blockchain: { base: BLOCKCHAIN_COM_BASE_URL, env: "UNWIND_BLOCKCHAIN_URL" },
  cbeci: { base: CBECI_BASE_URL, env: "UNWIND_CBECI_URL" },
  mempool: { base: MEMPOOL_BASE_URL, env: "UNWIND_MEMPOOL_URL" },
} as const;

function prices(text: string): number[] {
  const values = text.split(",").map((part) => Number(part.trim()));
  if (values.some((v) => !(v > 0 && v <= 1)))
    throw new InvalidArgumentError("expected USD/kWh prices such as 0.05,0.10.");
  return values;
}

/** Registers the `data` command group. */
export function registerDataCommands(program: Command, ctx: CliContext): void {
  const data = program
    .command("data")
    .description("import, fetch and list the data sets the cost models use");

  data
    .command("import")
    .description("import a data file into the store (format detected from its content)")
    .argument("<file>", "CSV or JSON file")
    .addOption(new Option("--format <format>", "skip detection").choices(DATA_FORMATS))
    .addOption(
      new Option("--methodology <method>", "CBECI methodology (else from the file name)").choices([
        "old",
        "new",
      ]),
    )
    .option(
      "--download-date <date>",
      "date the CBECI file was downloaded (else from the file name)",
      parseDate,
    )
    .option("--asset <id>", "asset prefix for generic daily CSVs (e.g. btc → btc.close)")
    .option("--chart <name>", "blockchain.com chart name for an API response (e.g. hash-rate)")
    .option("--licence <text>", "licence or terms of the data")
    .option("--json", "machine-readable output")
    .action(
      (
        file: string,
        options: {
          format?: DataFormat;
          methodology?: "old" | "new";
          downloadDate?: string;
          asset?: string;
          chart?: string;
          licence?: string;
          json?: boolean;
        },
      ) => {
        const text = readTextFile(file);
        const dataset = importText(text, { file, ...options });
        const { record, created } = saveDataset(ctx.openStore(), dataset, sha256Hex(text));
        report(ctx, record, created, options.json);
      },
    );

  data
    .command("fetch")
    .description("fetch a live source into the store (responses cached in the store; retried on errors)")
    .addArgument(
      new Argument("<source>", "coinmetrics, blockchain, cbeci or mempool").choices(Object.keys(SOURCES)),
    )
    .option("--from <date>", "first day (where the API filters)", parseDate)
    .option("--to <date>", "last day (where the API filters)", parseDate)
    .option("--base-url <url>", "API base URL (default: the public API, or $UNWIND_<SOURCE>_URL)")
    .option("--timeout <seconds>", "per-request timeout", numberBetween(1, 600), 30)
    .option("--retries <n>", "retries on errors, 429 and 5xx", integerAtLeast(0), 3)
    .option(
      "--max-age <hours>",
      "reuse cached responses younger than this without a request",
      numberBetween(0, 1e6),
      12,
    )
    .option("--prices <list>", "cbeci: electricity prices, USD/kWh, comma-separated", prices, [0.05])
    .addOption(
      new Option(
        "--methodology <method>",
        "cbeci: methodology of the download (default: new after Aug 2023)",
      ).choices(["old", "new"]),
    )
    .option("--period <period>", "mempool: period such as 1y, 3y or all", "all")
    .option("--json", "machine-readable output")
    .action(async (source: keyof typeof SOURCES, options: FetchCommandOptions) => {
      if (options.from && options.to && options.to < options.from)
        throw inputError(`--to ${options.to} is before --from ${options.from}`);
      const store = ctx.openStore();
      const base = options.baseUrl ?? ctx.io.env[SOURCES[source].env] ?? SOURCES[source].base;
      const common: FetchOptions = {
        baseUrl: base,
        from: options.from,
        to: options.to,
        timeoutMs: options.timeout * 1000,
        retries: options.retries,
        maxAgeMs: options.maxAge * 3_600_000,
        cache: store,
        onRetry: (attempt, reason, delay) =>
          ctx.info(`retry ${attempt} in ${Math.round(delay)} ms: ${reason}`),
      };
      ctx.info(`fetching ${source} from ${base}`);
      let result: Fetched;
      switch (source) {
        case "coinmetrics":
          result = await fetchCoinMetrics(common);
          break;
        case "blockchain":
          result = await fetchBlockchainCom(common);
          break;
        case "cbeci":
          result = await fetchCbeci({ ...common, prices: options.prices, methodology: options.methodology });
          break;
        case "mempool":
          result = await fetchMempool({ ...common, period: options.period });
          break;
      }
      const cached = result.responses.filter((r) => r.origin !== "network").length;
      if (cached > 0) ctx.info(`${cached} of ${result.responses.length} responses from the cache`);
      const { record, created } = saveDataset(store, result.dataset, result.contentHash);
      report(ctx, record, created, options.json);
    });

  data
    .command("list")
    .description("stored data sets, most recent first")
    .option("--json", "machine-readable output")
    .action((options: { json?: boolean }) => {
      const records = listDatasets(ctx.openStore());
      if (options.json) return ctx.json(records);
      if (records.length === 0)
        return ctx.print(
          "No data sets. Import one with `unwind data import FILE` or `unwind data fetch coinmetrics`.",
        );
      ctx.print(
        renderTable(records, [
          { header: "id", value: (r) => r.id },
          { header: "format", value: (r) => r.format },
          { header: "fetched", value: (r) => r.fetchedAt.slice(0, 16).replace("T", " ") },
          { header: "series", value: (r) => String(r.series.length), right: true },
          { header: "range", value: (r) => range(r) },
          { header: "cbeci", value: (r) => (r.methodology ? `${r.methodology}, ${r.downloadDate}` : "") },
          { header: "source", value: (r) => r.source },
        ]),
      );
    });

  data
    .command("show")
    .description("provenance and series of one data set")
    .argument("<id>", "data set id (or a unique prefix)")
    .option("--json", "machine-readable output")
    .action((id: string, options: { json?: boolean }) => {
      const record = getDataset(ctx.openStore(), id);
      if (options.json) return ctx.json(record);
      ctx.print(
        renderFields([
          ["id", record.id],
          ["format", record.format],
          ["source", record.source],
          ["licence", record.licence ?? "not stated"],
          ["fetched", record.fetchedAt],
          ["methodology", record.methodology ?? "–"],
          ["download date", record.downloadDate ?? "–"],
          ["content hash", record.contentHash],
        ]),
      );
      const models = hardwareFromDataset(record)?.models.length;
      if (models !== undefined) ctx.print(`\nhardware list of ${models} models`);
      if (record.series.length > 0) ctx.print(`\n${seriesTable(record)}`);
    });

  data
    .command("remove")
    .description("delete a data set and its series")
    .argument("<id>", "data set id (or a unique prefix)")
    .action((id: string) => {
      const record = removeDataset(ctx.openStore(), id);
      ctx.print(`removed data set ${record.id}`);
    });

  data
    .command("hardware")
    .description(
      "the hardware catalogue the model uses (built in, or a file / data set given with --hardware)",
    )
    .option("--hardware <file|id>", "show this list instead of the built-in catalogue")
    .option("--json", "the list as unwind hardware JSON (can be edited and passed back with --hardware)")
    .action((options: { hardware?: string; json?: boolean }) => {
      let list = HARDWARE_CATALOGUE;
      if (options.hardware) {
        const candidate = resolveCandidate(options.hardware, ctx.openStore());
        const found = hardwareFromDataset(candidate.imported ?? candidate.record!);
        if (!found)
          throw inputError(`${options.hardware} is not a hardware list (format ${candidate.format})`);
        list = found;
      }
      if (options.json) return ctx.json({ licence: list.licence ?? undefined, models: list.models });
      ctx.print(
        renderTable(list.models, [
          { header: "model", value: (m) => m.name },
          { header: "released", value: (m) => m.released },
          { header: "J/TH", value: (m) => formatNumber(m.efficiencyJPerTh, 1), right: true },
          {
            header: "TH/s",
            value: (m) => (m.hashrateThs === undefined ? "" : formatNumber(m.hashrateThs, 4)),
            right: true,
          },
          { header: "source", value: (m) => m.source ?? "" },
        ]),
      );
      ctx.print(
        `\n${list.models.length} models from ${list.source}; licence: ${list.licence ?? "not stated"}`,
      );
    });
}

interface FetchCommandOptions {
  from?: string;
  to?: string;
  baseUrl?: string;
  timeout: number;
  retries: number;
  maxAge: number;
  prices: number[];
  methodology?: "old" | "new";
  period: string;
  json?: boolean;
}

function range(record: DatasetRecord): string {
  if (record.series.length === 0) return "";
  const first = record.series.map((s) => s.firstDate).sort()[0];
  const last = record.series
    .map((s) => s.lastDate)
    .sort()
    .at(-1);
  return `${first} → ${last}`;
}

function report(ctx: CliContext, record: DatasetRecord, created: boolean, json: boolean | undefined): void {
  if (json) {
    ctx.json({ ...record, created });
    return;
  }
  ctx.print(
    `${created ? "stored" : "already stored"} data set ${record.id} (${record.format}, ${record.series.length} series)`,
  );
  if (record.series.length > 0) ctx.print(seriesTable(record));
}

function seriesTable(record: DatasetRecord): string {
  return renderTable(record.series, [
    { header: "metric", value: (s) => s.metric },
    { header: "unit", value: (s) => s.unit },
    { header: "sampling", value: (s) => s.sampling },
    { header: "from", value: (s) => s.firstDate },
    { header: "to", value: (s) => s.lastDate },
    { header: "points", value: (s) => formatNumber(s.points, 0), right: true },
  ]);
}
