/**
 * CSV reading shared by the importers: RFC 4180 parsing (csv-parse), the line of every record, and
 * number parsing that says exactly which cell is wrong.
 * @module
 */
import { parse } from "csv-parse/sync";
import { InputError, type InputIssue } from "../core/errors.ts";

/** A CSV file as header plus rows of text cells. */
export interface CsvTable {
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** 1-based line of each row in the file (the line where the record ends). */
  readonly lines: readonly number[];
}

/** Where the text came from, for error messages. */
export interface TextOrigin {
  /** File name or URL shown in messages. */
  readonly file?: string | undefined;
  /** Line of the text's first line in the file (default 1), when a preamble was cut off. */
  readonly firstLine?: number;
}

/**
 * Parses CSV text whose first record is the header. Every row must have as many cells as the header.
 * @throws {InputError} naming the file and line of malformed CSV (unclosed quote, wrong cell count)
 */
export function readCsv(text: string, origin: TextOrigin = {}): CsvTable {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // Most exports quote nothing; splitting them directly is several times faster than the full parser.
  return text.includes('"') ? readQuotedCsv(text, origin) : readPlainCsv(text, origin);
}

function readPlainCsv(text: string, origin: TextOrigin): CsvTable {
  const offset = (origin.firstLine ?? 1) - 1;
  const all = text.split("\n");
  let header: string[] | undefined;
  const rows: string[][] = [];
  const lines: number[] = [];
  for (let i = 0; i < all.length; i++) {
    let line = all[i]!;
    if (line.endsWith("\r")) line = line.slice(0, -1);
    if (line === "") continue;
    const cells = line.split(",");
    if (!header) {
      header = cells.map((cell) => cell.trim());
      continue;
    }
    if (cells.length !== header.length) {
      throw new InputError(
        "INVALID_INPUT",
        [
          {
            path: "",
            message: `row has ${cells.length} cells; expected ${header.length} like the header`,
            line: i + 1 + offset,
          },
        ],
        { file: origin.file },
      );
    }
    rows.push(cells);
    lines.push(i + 1 + offset);
  }
  if (!header) throw emptyFile(origin);
  return { header, rows, lines };
}

function emptyFile(origin: TextOrigin): InputError {
  return new InputError(
    "INVALID_INPUT",
    [{ path: "", message: "the file is empty; expected a CSV header" }],
    {
      file: origin.file,
    },
  );
}

function readQuotedCsv(text: string, origin: TextOrigin): CsvTable {
  const offset = (origin.firstLine ?? 1) - 1;
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      info: true,
      skip_empty_lines: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    const { lines, message } = error as { lines?: number; message: string };
    throw new InputError(
      "INVALID_INPUT",
      [{ path: "", message: csvMessage(message), ...(lines === undefined ? {} : { line: lines + offset }) }],
      { file: origin.file },
    );
  }
  const first = records[0];
  if (!first) throw emptyFile(origin);
  const header = first.record.map((cell) => cell.trim());
  const rows: string[][] = [];
  const lines: number[] = [];
  for (let i = 1; i < records.length; i++) {
    const entry = records[i]!;
    rows.push(entry.record);
    lines.push(entry.info.lines + offset);
  }
  return { header, rows, lines };
}

function csvMessage(message: string): string {
  const length = /expect (\d+), got (\d+)/.exec(message);
  if (length) return `row has ${length[2]} cells; expected ${length[1]} like the header`;
  if (message.startsWith("Quote Not Closed")) return "a quoted cell is never closed";
  return `malformed CSV: ${message.replace(/ on line \d+$/, "")}`;
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const GROUPED = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;
const MISSING = new Set(["", "nan", "null", "na", "n/a", "none", "-"]);

/**
 * A cell as a number: decimal notation (`12`, `-0.5`, `1.2e9`); NaN for an empty or missing cell
 * (`""`, `NaN`, `null`, `NA`, `N/A`, `none`, `-`); `thousands` also accepts `1,293`.
 * @returns the number, NaN for missing, or undefined if the cell is not a number at all
 */
export function parseCell(cell: string, thousands = false): number | undefined {
  const text = cell.trim();
  if (DECIMAL.test(text)) return Number(text);
  if (MISSING.has(text.toLowerCase())) return Number.NaN;
  if (thousands && GROUPED.test(text)) return Number(text.replaceAll(",", ""));
  return undefined;
}

/** Collects located issues and throws them together, so a user sees every bad cell at once. */
export class IssueList {
  readonly issues: InputIssue[] = [];
  private truncated = 0;

  constructor(
    private readonly origin: TextOrigin,
    private readonly limit = 20,
  ) {}

  add(message: string, path = "", line?: number): void {
    if (this.issues.length < this.limit)
      this.issues.push({ path, message, ...(line === undefined ? {} : { line }) });
    else this.truncated++;
  }

  /** @throws {InputError} if any issue was added */
  throwIfAny(summary?: string): void {
    if (this.issues.length === 0) return;
    const issues = [...this.issues];
    if (this.truncated > 0) issues.push({ path: "", message: `… and ${this.truncated} more problems` });
    throw new InputError("INVALID_INPUT", issues, {
      file: this.origin.file,
      ...(summary ? { summary } : {}),
    });
  }
}
