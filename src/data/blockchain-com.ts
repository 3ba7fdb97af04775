/**
 * blockchain.com charts (https://www.blockchain.com/explorer/charts): both the API response of
 * `https://api.blockchain.info/charts/<chart>?format=json` (`{status, name, unit, period, values:
 * [{x: unix seconds, y}]}`) and the web page's export (`{metric1, metric2, <chart>: [{x: unix ms, y}],
 * average: "7D", …}`). The export is a 7-day average sampled every ~4 days: stored as `irregular`, so
 * a daily model interpolates it (and says so). No licence is stated; blockchain.com's terms apply.
 * @module
 */
import { z } from "zod";
import { InputError } from "../core/errors.ts";
import { parseJsonSource } from "../core/json-source.ts";
import { validate } from "../core/validation.ts";
import type { TextOrigin } from "./csv.ts";
import { type ImportedDataset, type ImportedSeries, importedSeries, samplingOf } from "./imported.ts";
import { BTC } from "./metrics.ts";

/** blockchain.com's terms. */
export const BLOCKCHAIN_COM_LICENCE = "blockchain.com terms of service (no data licence stated)";

/** Chart name → canonical metric. */
export const BLOCKCHAIN_COM_CHARTS: Readonly<Record<string, { metric: string; unit: string }>> = {
  "hash-rate": BTC.hashrate,
  difficulty: BTC.difficulty,
  "market-price": BTC.priceUsd,
  "miners-revenue": BTC.minerRevenueUsd,
  "transaction-fees": BTC.fees,
};

const point = z.object({ x: z.number(), y: z.number() });
const apiSchema = z.looseObject({
  name: z.string().optional(),
  unit: z.string().optional(),
  period: z.string().optional(),
  values: z.array(point),
});
const exportSchema = z.looseObject({ metric1: z.string(), average: z.string().optional() });

/** Options: the chart name, needed for an API response (its `name` is a title such as "Hash Rate"). */
export interface BlockchainComOptions extends TextOrigin {
  readonly chart?: string | undefined;
}

/** Parses a blockchain.com chart JSON (API response or web export). */
export function parseBlockchainComJson(text: string, options: BlockchainComOptions = {}): ImportedDataset {
  const source = parseJsonSource(text, options.file);
  const origin = { file: options.file, source };
  const value = source.value as Record<string, unknown>;
  const series: ImportedSeries[] = [];
  let average: string | undefined;
  if (value !== null && typeof value === "object" && "metric1" in value) {
    const doc = validate(exportSchema, value, origin);
    average = doc.average;
    // The export repeats metric1 as metric2 when only one chart is shown (market-price.json does).
    const charts = new Set([doc.metric1, value.metric2].filter((c): c is string => typeof c === "string"));
    for (const chart of charts) {
      const points = validate(z.object({ [chart]: z.array(point) }), value, origin)[chart]!;
      series.push(chartSeries(chart, points, 1000, average, options));
    }
  } else {
    const doc = validate(apiSchema, value, origin);
    const chart = options.chart ?? chartFromTitle(doc.name);
    if (!chart) {
      throw new InputError(
        "INVALID_INPUT",
        [
          {
            path: "name",
            message: `cannot tell which chart '${doc.name}' is; pass the chart name (e.g. hash-rate)`,
          },
        ],
        { file: options.file },
      );
    }
    series.push(chartSeries(chart, doc.values, 1, undefined, options));
  }
  return {
    format: "blockchain-charts",
    source: options.file ?? "(text)",
    licence: BLOCKCHAIN_COM_LICENCE,
    methodology: null,
    downloadDate: null,
    series,
    meta: average ? { average } : {},
  };
}

function chartFromTitle(title: string | undefined): string | undefined {
  const slug = title?.toLowerCase().trim().replace(/\s+/g, "-");
  if (slug === "market-price-(usd)") return "market-price";
  if (slug === "total-transaction-fees-(btc)") return "transaction-fees";
  return slug && slug in BLOCKCHAIN_COM_CHARTS ? slug : undefined;
}

function chartSeries(
  chart: string,
  points: readonly { x: number; y: number }[],
  xPerSecond: number,
  average: string | undefined,
  origin: TextOrigin,
): ImportedSeries {
  const target = BLOCKCHAIN_COM_CHARTS[chart];
  if (!target) {
    throw new InputError(
      "INVALID_INPUT",
      [
        {
          path: "metric1",
          message: `unsupported chart '${chart}'; expected one of ${Object.keys(BLOCKCHAIN_COM_CHARTS).join(", ")}`,
        },
      ],
      { file: origin.file },
    );
  }
  const { days, values } = dailyMeans(points, xPerSecond);
  const note = average ? `${average} rolling average as published by blockchain.com` : undefined;
  return importedSeries(target.metric, target.unit, samplingOf(days), days, values, note);
}

/** Points grouped by UTC day (several points on one day are averaged), in day order. */
export function dailyMeans(
  points: readonly { x: number; y: number }[],
  xPerSecond: number,
): { days: Int32Array; values: Float64Array } {
  const sums = new Map<number, { sum: number; n: number }>();
  for (const { x, y } of points) {
    const day = Math.floor(x / xPerSecond / 86_400);
    const entry = sums.get(day);
    if (entry) {
      entry.sum += y;
      entry.n++;
    } else sums.set(day, { sum: y, n: 1 });
  }
  const sorted = [...sums.keys()].sort((a, b) => a - b);
  return {
    days: Int32Array.from(sorted),
    values: Float64Array.from(sorted, (day) => sums.get(day)!.sum / sums.get(day)!.n),
  };
}
