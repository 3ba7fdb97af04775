/**
 * Reading network files: JSON (`{"entities": [...], "liabilities": [...]}`) or a CSV pair
 * (entities.csv, liabilities.csv). Every problem is reported with the file, the line and the field,
 * and nothing is returned unless the whole network is valid. Validation is hand-written rather than
 * zod because files reach 10^7 liabilities.
 * @module
 */
import { existsSync, statSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { InputError, type InputIssue } from "../core/errors.ts";
import { readTextFile } from "../core/files.ts";
import { sha256Hex } from "../core/hash.ts";
import { parseJsonSource } from "../core/json-source.ts";
import { formatPath, type JsonPath } from "../core/path.ts";
import type { ProgressListener } from "../core/progress.ts";
import { describe } from "../core/validation.ts";
import { type CsvRow, IdTable, readCsv } from "./csv.ts";
import type { Network } from "./network.ts";

/** A network read from disk. */
export interface LoadedNetwork {
  readonly network: Network;
  /** `json` or `csv`. */
  readonly format: "json" | "csv";
  /** The file(s) read. */
  readonly files: readonly string[];
  /** SHA-256 of the file bytes (for a CSV pair, of the two files' hashes). */
  readonly hash: string;
}

/** Stop collecting problems after this many; a broken 10^7-row file need not list them all. */
const MAX_ISSUES = 20;

/** Largest JSON network read (a JavaScript string holds at most ~512 MB); larger networks use the CSV pair. */
export const MAX_JSON_BYTES = 256 * 1024 * 1024;

/** Column names of entities.csv (equity optional). */
export const ENTITY_COLUMNS = ["id", "externalAssets", "externalLiabilities", "equity"] as const;
/** Column names of liabilities.csv. */
export const LIABILITY_COLUMNS = ["debtor", "creditor", "amount"] as const;

/**
 * Reads a network: a `.json` file, a directory holding entities.csv and liabilities.csv, or an
 * entities CSV file whose liabilities are in `liabilities` or else in the sibling file named with
 * "liabilities" in place of "entities" (`net/entities.csv` → `net/liabilities.csv`). `onProgress`
 * hears the bytes read of a CSV pair (a JSON file is read at once).
 * @throws {InputError} naming the file, line and field of every problem (up to 20)
 */
export function loadNetwork(
  path: string,
  liabilities?: string,
  onProgress?: ProgressListener,
): LoadedNetwork {
  if (existsSync(path) && statSync(path).isDirectory()) {
    return loadNetworkCsv(
      join(path, "entities.csv"),
      liabilities ?? join(path, "liabilities.csv"),
      onProgress,
    );
  }
  if (path.toLowerCase().endsWith(".csv")) {
    const name = basename(path);
    const sibling = name.includes("entities")
      ? join(dirname(path), name.replace("entities", "liabilities"))
      : undefined;
    const other = liabilities ?? sibling;
    if (other === undefined) {
      throw new InputError(
        "INVALID_INPUT",
        [
          {
            path: "",
            message:
              "cannot tell where the liabilities are: name the file *entities*.csv or give the liabilities file",
          },
        ],
        { file: path },
      );
    }
    return loadNetworkCsv(path, other, onProgress);
  }
  const text = readTextFile(path, MAX_JSON_BYTES);
  return { network: parseNetworkJson(text, path), format: "json", files: [path], hash: sha256Hex(text) };
}

/**
 * Parses a JSON network document.
 * @throws {InputError} `INVALID_JSON` for a syntax error, `INVALID_INPUT` for content, with line numbers
 */
export function parseNetworkJson(text: string, file?: string): Network {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    parseJsonSource(text, file); // throws with the line and column of the syntax error
    throw new InputError("INVALID_JSON", [{ path: "", message: "invalid JSON" }], { file });
  }
  const issues: { path: JsonPath; message: string }[] = [];
  const report = (path: JsonPath, message: string) => {
    issues.push({ path, message });
    if (issues.length >= MAX_ISSUES) throw located();
  };
  const located = () => {
    const source = parseJsonSource(text, file);
    const list: InputIssue[] = issues.map((issue) => ({
      path: formatPath(issue.path),
      message: issue.message,
      ...source.locate(issue.path),
    }));
    return new InputError("INVALID_INPUT", list, {
      file,
      ...(issues.length >= MAX_ISSUES ? { summary: `the first ${MAX_ISSUES} problems:` } : {}),
    });
  };
  if (!isObject(document)) {
    report([], `expected an object {"entities": [...], "liabilities": [...]}, got ${describe(document)}`);
    throw located();
  }
  for (const key of Object.keys(document)) {
    if (key !== "entities" && key !== "liabilities")
      report([key], `unknown field ${JSON.stringify(key)}; expected "entities" and "liabilities"`);
  }
  const entities = document.entities;
  const liabilities = document.liabilities;
  if (!Array.isArray(entities))
    report(["entities"], `expected an array of entities, got ${describe(entities)}`);
  if (!Array.isArray(liabilities))
    report(["liabilities"], `expected an array of liabilities, got ${describe(liabilities)}`);
  if (issues.length > 0) throw located();
  const builder = new NetworkBuilder((issue) => report(issue.path, issue.message));
  for (const [index, entity] of (entities as unknown[]).entries()) {
    const at: JsonPath = ["entities", index];
    if (!isObject(entity)) {
      report(at, `expected an entity object, got ${describe(entity)}`);
      continue;
    }
    for (const key of Object.keys(entity)) {
      if (!(ENTITY_COLUMNS as readonly string[]).includes(key))
        report([...at, key], `unknown field ${JSON.stringify(key)}; expected ${ENTITY_COLUMNS.join(", ")}`);
    }
    const id = entity.id;
    if (typeof id !== "string" || id === "") {
      report([...at, "id"], `expected a non-empty string id, got ${describe(id)}`);
      continue;
    }
    const field = (name: string, required: boolean): number => {
      const value = entity[name];
      if (value === undefined && !required) return Number.NaN;
      if (typeof value === "number") return value;
      report(
        [...at, name],
        value === undefined
          ? "missing required field; expected a number"
          : `expected a number, got ${describe(value)}`,
      );
      return Number.NaN;
    };
    builder.addEntity(
      id,
      field("externalAssets", true),
      field("externalLiabilities", true),
      field("equity", false),
      at,
    );
  }
  for (const [index, liability] of (liabilities as unknown[]).entries()) {
    const at: JsonPath = ["liabilities", index];
    if (!isObject(liability)) {
      report(at, `expected a liability object, got ${describe(liability)}`);
      continue;
    }
    for (const key of Object.keys(liability)) {
      if (!(LIABILITY_COLUMNS as readonly string[]).includes(key))
        report(
          [...at, key],
          `unknown field ${JSON.stringify(key)}; expected ${LIABILITY_COLUMNS.join(", ")}`,
        );
    }
    const { debtor, creditor, amount } = liability;
    if (typeof debtor !== "string") {
      report([...at, "debtor"], `expected an entity id, got ${describe(debtor)}`);
      continue;
    }
    if (typeof creditor !== "string") {
      report([...at, "creditor"], `expected an entity id, got ${describe(creditor)}`);
      continue;
    }
    if (typeof amount !== "number") {
      report([...at, "amount"], `expected a number, got ${describe(amount)}`);
      continue;
    }
    builder.addLiability(debtor, creditor, amount, at);
  }
  if (issues.length > 0) throw located();
  return builder.finish();
}

/**
 * Reads a CSV pair, streaming (10^7 liability rows take seconds, not gigabytes). `onProgress` hears the
 * bytes read of both files together.
 * @throws {InputError} naming the file, line and column of every problem (up to 20)
 */
export function loadNetworkCsv(
  entitiesPath: string,
  liabilitiesPath: string,
  onProgress?: ProgressListener,
): LoadedNetwork {
  const entitiesBytes = onProgress === undefined ? 0 : fileSize(entitiesPath);
  const totalBytes = onProgress === undefined ? 0 : entitiesBytes + fileSize(liabilitiesPath);
  let file = entitiesPath;
  const issues: InputIssue[] = [];
  const fail = () =>
    new InputError("INVALID_INPUT", issues, {
      file,
      ...(issues.length >= MAX_ISSUES ? { summary: `the first ${MAX_ISSUES} problems:` } : {}),
    });
  const builder = new NetworkBuilder((issue) => {
    issues.push({
      path: issue.path[1] === undefined ? "" : String(issue.path[1]),
      message: issue.message,
      line: Number(issue.path[0]),
    });
    if (issues.length >= MAX_ISSUES) throw fail();
  });
  const report = (line: number, column: string, message: string) =>
    builder.onIssue({ path: [line, column], message });

  let columns: (number | undefined)[] | undefined;
  let badHeader = false;
  const entitiesHash = readCsv(
    entitiesPath,
    (row) => {
      if (columns === undefined) {
        columns = header(row, ENTITY_COLUMNS, ["id", "externalAssets", "externalLiabilities"], report);
        badHeader = issues.length > 0;
        return;
      }
      if (badHeader) return; // the rows cannot be read
      const [id, assets, liabilities, equity] = columns;
      const where = [row.line] as const;
      const name = cell(row, id!);
      if (name === undefined || name === "") return report(row.line, "id", "expected a non-empty id");
      builder.addEntity(
        name,
        numberCell(row, assets!, "externalAssets", report),
        numberCell(row, liabilities!, "externalLiabilities", report),
        equity === undefined || cell(row, equity) === "" || cell(row, equity) === undefined
          ? Number.NaN
          : numberCell(row, equity, "equity", report),
        where,
      );
    },
    onProgress && ((done) => onProgress(done, totalBytes)),
  );
  if (columns === undefined)
    report(1, "", `the file is empty; expected the header ${ENTITY_COLUMNS.join(",")}`);
  if (issues.length > 0) throw fail();

  file = liabilitiesPath;
  columns = undefined;
  let table: IdTable | undefined;
  let previousDebtor = -1;
  badHeader = false;
  const liabilitiesHash = readCsv(
    liabilitiesPath,
    (row) => {
      if (columns === undefined) {
        columns = header(row, LIABILITY_COLUMNS, LIABILITY_COLUMNS, report);
        badHeader = issues.length > 0;
        return;
      }
      if (badHeader) return;
      const [d, c, a] = columns as number[];
      if (Math.max(d!, c!) >= row.length)
        return report(row.line, "", `expected ${LIABILITY_COLUMNS.length} fields, got ${row.length}`);
      table ??= new IdTable(builder.entityIds);
      // Files are usually sorted by debtor (ours are): try the previous row's first.
      const debtor = row.lookup(d!, table, previousDebtor);
      previousDebtor = debtor;
      const creditor = row.lookup(c!, table);
      const amount = numberCell(row, a!, "amount", report);
      if (debtor >= 0 && creditor >= 0) builder.addClaim(debtor, creditor, amount, [row.line]);
      else builder.addLiability(row.text(d!), row.text(c!), amount, [row.line]); // reports the unknown id
    },
    onProgress && ((done) => onProgress(entitiesBytes + done, totalBytes)),
  );
  if (columns === undefined)
    report(1, "", `the file is empty; expected the header ${LIABILITY_COLUMNS.join(",")}`);
  if (issues.length > 0) throw fail();
  return {
    network: builder.finish(),
    format: "csv",
    files: [entitiesPath, liabilitiesPath],
    hash: sha256Hex(entitiesHash + liabilitiesHash),
  };
}

type Report = (line: number, column: string, message: string) => void;

function header(
  row: CsvRow,
  allowed: readonly string[],
  required: readonly string[],
  report: Report,
): (number | undefined)[] {
  const names = Array.from({ length: row.length }, (_, i) => row.text(i).trim());
  for (const name of names) {
    if (!allowed.includes(name))
      report(row.line, name, `unknown column ${JSON.stringify(name)}; expected ${allowed.join(", ")}`);
  }
  for (const name of required) {
    if (!names.includes(name))
      report(
        row.line,
        name,
        `missing column ${JSON.stringify(name)}; the header must name ${required.join(", ")}`,
      );
  }
  return allowed.map((name) => (names.includes(name) ? names.indexOf(name) : undefined));
}

function cell(row: CsvRow, index: number): string | undefined {
  return index < row.length ? row.text(index) : undefined;
}

function numberCell(row: CsvRow, index: number, column: string, report: Report): number {
  if (index >= row.length) {
    report(row.line, column, "missing value; expected a number");
    return 0;
  }
  const value = row.number(index);
  if (Number.isNaN(value))
    report(row.line, column, `expected a number, got ${JSON.stringify(row.text(index))}`);
  return value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Where a problem is: a JSON path, or `[line, column]` for CSV. */
interface BuilderIssue {
  readonly path: JsonPath;
  readonly message: string;
}

/**
 * Collects entities and liabilities, checks them (duplicate or unknown ids, self-loops, negative or
 * non-finite amounts) and builds the CSR network. Several liabilities of one debtor to the same
 * creditor are added up into one.
 */
export class NetworkBuilder {
  private readonly index = new Map<string, number>();
  private readonly ids: string[] = [];
  private assets: number[] = [];
  private externals: number[] = [];
  private equities: number[] = [];
  private anyEquity = false;
  private debtor = new Int32Array(1024);
  private creditor = new Int32Array(1024);
  private amount = new Float64Array(1024);
  private count = 0;

  constructor(readonly onIssue: (issue: BuilderIssue) => void) {}

  /** Adds an entity; `equity` NaN if not given. */
  addEntity(
    id: string,
    externalAssets: number,
    externalLiabilities: number,
    equity: number,
    at: JsonPath,
  ): void {
    if (this.index.has(id)) {
      this.onIssue({
        path: [...at, "id"],
        message: `duplicate entity id ${JSON.stringify(id)}; ids must be unique`,
      });
      return;
    }
    this.nonNegative(externalAssets, at, "externalAssets");
    this.nonNegative(externalLiabilities, at, "externalLiabilities");
    if (!Number.isNaN(equity)) {
      if (!Number.isFinite(equity))
        this.onIssue({ path: [...at, "equity"], message: `expected a finite number, got ${equity}` });
      this.anyEquity = true;
    }
    this.index.set(id, this.ids.length);
    this.ids.push(id);
    this.assets.push(externalAssets);
    this.externals.push(externalLiabilities);
    this.equities.push(equity);
  }

  /** Adds a liability: `debtor` owes `creditor` `amount` USD. */
  addLiability(debtorId: string, creditorId: string, amount: number, at: JsonPath): void {
    const d = this.index.get(debtorId);
    const c = this.index.get(creditorId);
    if (d === undefined) {
      this.onIssue({ path: [...at, "debtor"], message: `unknown entity ${JSON.stringify(debtorId)}` });
      return;
    }
    if (c === undefined) {
      this.onIssue({
        path: [...at, "creditor"],
        message: `unknown entity ${JSON.stringify(creditorId)}`,
      });
      return;
    }
    this.addClaim(d, c, amount, at);
  }

  /** The entity ids so far, index = node number. */
  get entityIds(): readonly string[] {
    return this.ids;
  }

  /** Adds a liability between known, distinct entities given by index. */
  addClaim(d: number, c: number, amount: number, at: JsonPath): void {
    if (d === c) {
      this.onIssue({
        path: [...at, "creditor"],
        message: `self-loop: ${JSON.stringify(this.ids[d])} cannot owe itself`,
      });
      return;
    }
    if (!this.nonNegative(amount, at, "amount")) return;
    if (this.count === this.debtor.length) {
      const grow = <T extends Int32Array | Float64Array>(array: T): T => {
        const grown = new (array.constructor as new (n: number) => T)(array.length * 2);
        grown.set(array);
        return grown;
      };
      this.debtor = grow(this.debtor);
      this.creditor = grow(this.creditor);
      this.amount = grow(this.amount);
    }
    this.debtor[this.count] = d;
    this.creditor[this.count] = c;
    this.amount[this.count] = amount;
    this.count++;
  }

  /** The path is built only for an issue: this runs for every one of 10^7 rows. */
  private nonNegative(value: number, at: JsonPath, field: string): boolean {
    if (Number.isNaN(value)) return false; // already reported as not a number
    if (!Number.isFinite(value) || value < 0) {
      this.onIssue({ path: [...at, field], message: `expected a non-negative number, got ${value}` });
      return false;
    }
    return true;
  }

  /** The network, liabilities sorted by debtor (stable) with duplicate pairs merged. */
  finish(): Network {
    const n = this.ids.length;
    const m = this.count;
    const start = new Uint32Array(n + 1);
    for (let k = 0; k < m; k++) start[this.debtor[k]! + 1]!++;
    for (let i = 0; i < n; i++) start[i + 1]! += start[i]!;
    const next = start.slice(0, n);
    const sortedCreditor = new Int32Array(m);
    const sortedAmount = new Float64Array(m);
    for (let k = 0; k < m; k++) {
      const slot = next[this.debtor[k]!]!++;
      sortedCreditor[slot] = this.creditor[k]!;
      sortedAmount[slot] = this.amount[k]!;
    }
    // Merge duplicate (debtor, creditor) pairs in place: slot[c] = where c already sits for this debtor.
    const owner = new Int32Array(n).fill(-1);
    const slot = new Int32Array(n);
    const liabilityStart = new Uint32Array(n + 1);
    let out = 0;
    for (let i = 0; i < n; i++) {
      liabilityStart[i] = out;
      for (let k = start[i]!; k < start[i + 1]!; k++) {
        const c = sortedCreditor[k]!;
        if (owner[c] === i) sortedAmount[slot[c]!]! += sortedAmount[k]!;
        else {
          owner[c] = i;
          slot[c] = out;
          sortedCreditor[out] = c;
          sortedAmount[out] = sortedAmount[k]!;
          out++;
        }
      }
    }
    liabilityStart[n] = out;
    return {
      ids: this.ids,
      externalAssets: Float64Array.from(this.assets),
      externalLiabilities: Float64Array.from(this.externals),
      statedEquity: this.anyEquity ? Float64Array.from(this.equities) : undefined,
      liabilityStart,
      creditor: out === m ? sortedCreditor : sortedCreditor.slice(0, out),
      amount: out === m ? sortedAmount : sortedAmount.slice(0, out),
    };
  }
}

/** Size of `path` in bytes, or 0 if it cannot be read (readCsv then reports why). */
function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
