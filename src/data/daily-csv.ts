/**
 * Daily CSV files: a generic reader for any daily table with a date column (Yahoo/yfinance OHLCV,
 * Coin Metrics community `btc.csv`, CBECI by-price exports…) and the two exports other unwind modules
 * rely on: TradingView chart exports (`time` in unix seconds, open/high/low/close) and CoinGecko daily
 * CSVs (`date,price,total_volume,market_cap,coin_name`). All return a {@link DailySeries}: pure, no
 * store, no I/O.
 * @module
 */
import { InputError } from "../core/errors.ts";
import { type CsvTable, IssueList, parseCell, readCsv, type TextOrigin } from "./csv.ts";
import { dayNumber, isoDay } from "./days.ts";
import type { DailySeries } from "./series.ts";

/** A parsed daily CSV: numeric columns plus the text columns, both keyed by lower-case header. */
export interface ParsedDailyCsv extends DailySeries {
  /** The dates as day numbers (days since 1970-01-01), same order as `dates`. */
  readonly days: Int32Array;
  /** Name of the column the dates came from (lower-case). */
  readonly dateColumn: string;
  /** Columns whose cells are text (e.g. CoinGecko's `coin_name`), one entry per date. */
  readonly text: Readonly<Record<string, readonly string[]>>;
}

/** Options for {@link parseDailyCsv}. */
export interface DailyCsvOptions extends TextOrigin {
  /** Header of the date column (case-insensitive). Default: the first of date, time, timestamp, day, datetime. */
  readonly dateColumn?: string;
  /** Columns that must be present (lower-case), e.g. `["close"]`. */
  readonly required?: readonly string[];
  /** Columns in which 0 means "no data" (CoinGecko's market_cap) and becomes NaN. */
  readonly zeroIsMissing?: readonly string[];
  /**
   * Read only these columns (lower-case) besides the date; the others are not parsed or checked.
   * For wide files of which an importer needs a few columns (Coin Metrics' btc.csv has 30+).
   */
  readonly columns?: readonly string[];
}

const DATE_COLUMNS = ["date", "time", "timestamp", "day", "datetime"];

/**
 * Parses a daily CSV. The date column may hold ISO dates (`2022-11-09`), ISO date-times
 * (`2022-11-09 00:00:00.000`, `2022-11-09T00:00:00Z`; taken as UTC when no zone is given) or unix
 * times in seconds or milliseconds; each row is assigned to its UTC calendar day. Rows may come in any
 * order and are returned in date order; two rows on the same day are an error (the file is not daily).
 * A column is numeric if it is required or its first non-empty cell is a number, and then every cell
 * must be a number or a missing marker (empty, NaN, null, NA, N/A, none, -), which becomes NaN. Duplicate headers get
 * a suffix: the second `ma` column is `ma_2`.
 * @throws {InputError} naming the file, line and column of every bad cell
 */
export function parseDailyCsv(text: string, options: DailyCsvOptions = {}): ParsedDailyCsv {
  return fromTable(readCsv(text, options), options);
}

/**
 * Parses a TradingView "Export chart data" CSV: `time` (unix seconds, bar open at 00:00 UTC),
 * `open`, `high`, `low`, `close`, then whatever indicators the chart had (kept as extra columns;
 * repeated names such as `MA` become `ma`, `ma_2`, …).
 */
export function parseTradingViewCsv(text: string, origin: TextOrigin = {}): ParsedDailyCsv {
  return parseDailyCsv(text, { ...origin, dateColumn: "time", required: ["open", "high", "low", "close"] });
}

/**
 * Parses a CoinGecko daily CSV (`date,price,total_volume,market_cap,coin_name`, from
 * `coins/{id}/market_chart`). `price` is CoinGecko's snapshot at 00:00 UTC of the date, i.e. about the
 * previous day's close. A `market_cap` of 0 means CoinGecko had no supply data and becomes NaN.
 */
export function parseCoinGeckoCsv(text: string, origin: TextOrigin = {}): ParsedDailyCsv {
  return parseDailyCsv(text, {
    ...origin,
    dateColumn: "date",
    required: ["price", "total_volume", "market_cap"],
    zeroIsMissing: ["market_cap"],
  });
}

function fromTable(table: CsvTable, options: DailyCsvOptions): ParsedDailyCsv {
  const origin: TextOrigin = options;
  const names = uniqueNames(table.header);
  const dateIndex = findDateColumn(names, options.dateColumn, origin);
  const missing = (options.required ?? []).filter((name) => !names.includes(name));
  if (missing.length > 0) {
    throw new InputError(
      "INVALID_INPUT",
      [
        {
          path: "",
          message: `missing column(s) ${missing.join(", ")}; the header has ${names.join(", ")}`,
          line: firstLine(options),
        },
      ],
      { file: origin.file },
    );
  }
  const issues = new IssueList(origin);
  const rows = table.rows;
  const n = rows.length;
  const days = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    const cell = rows[r]![dateIndex]!;
    const day = parseDateCell(cell);
    if (Number.isNaN(day))
      issues.add(
        `expected a date (YYYY-MM-DD, ISO date-time or unix time), got ${JSON.stringify(cell)}`,
        names[dateIndex],
        table.lines[r],
      );
    days[r] = day;
  }
  issues.throwIfAny();

  const order = dateOrder(days, table.lines, issues);
  issues.throwIfAny();

  const zeroIsMissing = new Set(options.zeroIsMissing ?? []);
  const required = new Set(options.required ?? []);
  const wanted = options.columns ? new Set([...options.columns, ...required]) : undefined;
  const columns: Record<string, Float64Array> = {};
  const textColumns: Record<string, string[]> = {};
  for (let c = 0; c < names.length; c++) {
    if (c === dateIndex) continue;
    const name = names[c]!;
    if (wanted && !wanted.has(name)) continue;
    if (!required.has(name) && isTextColumn(rows, c)) {
      textColumns[name] = order.map((r) => rows[r]![c]!);
      continue;
    }
    const values = new Float64Array(n);
    const zeroMissing = zeroIsMissing.has(name);
    for (let i = 0; i < n; i++) {
      const r = order[i]!;
      const cell = rows[r]![c]!;
      const value = parseCell(cell);
      if (value === undefined) {
        issues.add(`expected a number, got ${JSON.stringify(cell)}`, name, table.lines[r]);
        continue;
      }
      values[i] = zeroMissing && value === 0 ? Number.NaN : value;
    }
    columns[name] = values;
  }
  issues.throwIfAny();
  return {
    dates: order.map((r) => isoDay(days[r]!)),
    days: Int32Array.from(order, (r) => days[r]!),
    columns,
    text: textColumns,
    dateColumn: names[dateIndex]!,
  };
}

function firstLine(origin: TextOrigin): number {
  return origin.firstLine ?? 1;
}

/** Lower-case, trimmed headers; the k-th repeat of a name gets `_k`. */
function uniqueNames(header: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return header.map((raw) => {
    const name = raw.trim().toLowerCase();
    const count = (seen.get(name) ?? 0) + 1;
    seen.set(name, count);
    return count === 1 ? name : `${name}_${count}`;
  });
}

function findDateColumn(names: readonly string[], wanted: string | undefined, origin: TextOrigin): number {
  const candidates = wanted ? [wanted.toLowerCase()] : DATE_COLUMNS;
  for (const candidate of candidates) {
    const index = names.indexOf(candidate);
    if (index >= 0) return index;
  }
  const expected = wanted ? `a '${wanted}' column` : `a date column (one of ${DATE_COLUMNS.join(", ")})`;
  throw new InputError(
    "INVALID_INPUT",
    [
      {
        path: "",
        message: `expected ${expected}; the header has ${names.join(", ")}`,
        line: firstLine(origin),
      },
    ],
    { file: origin.file },
  );
}

const ISO_DATE_TIME =
  /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/;
const UNIX_TIME = /^(\d{9,14})(?:\.0+)?$/;

/** UTC day number of a date cell, NaN if it is not a date. */
export function parseDateCell(cell: string): number {
  const text = cell.trim();
  const iso = ISO_DATE_TIME.exec(text);
  if (iso) {
    const day = dayNumber(iso[1]!);
    if (iso[2] === undefined || Number.isNaN(day)) return day;
    const zone = iso[5] ?? "Z";
    const ms = Date.parse(
      `${iso[1]}T${iso[2]}:${iso[3]}:${iso[4] ?? "00"}${zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone}`,
    );
    return Number.isNaN(ms) ? Number.NaN : Math.floor(ms / 86_400_000);
  }
  const unix = UNIX_TIME.exec(text);
  if (unix) {
    const value = Number(unix[1]);
    // 12+ digits are milliseconds (1e12 ms = 2001-09-09); fewer are seconds.
    const seconds = unix[1]!.length >= 12 ? value / 1000 : value;
    return Math.floor(seconds / 86_400);
  }
  return Number.NaN;
}

/** Row indices in date order; reports rows that share a day. */
function dateOrder(days: Float64Array, lines: readonly number[], issues: IssueList): number[] {
  const order = Array.from({ length: days.length }, (_, i) => i);
  let increasing = true;
  for (let i = 1; i < days.length && increasing; i++) increasing = days[i]! > days[i - 1]!;
  if (!increasing) order.sort((a, b) => days[a]! - days[b]! || a - b);
  for (let i = 1; i < order.length; i++) {
    const a = order[i - 1]!;
    const b = order[i]!;
    if (days[a] === days[b]) {
      issues.add(
        `second row for ${isoDay(days[b]!)} (first on line ${lines[a]}); expected one row per day`,
        "",
        lines[b],
      );
    }
  }
  return order;
}

function isTextColumn(rows: readonly (readonly string[])[], column: number): boolean {
  for (const row of rows) {
    const cell = row[column]!;
    const value = parseCell(cell);
    if (value === undefined) return true;
    if (!Number.isNaN(value)) return false;
  }
  return false;
}
