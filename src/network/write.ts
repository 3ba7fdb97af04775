/**
 * Writing network files in the formats {@link loadNetwork} reads: JSON, or the CSV pair
 * entities.csv + liabilities.csv. Liability rows (10^7 of them) are encoded straight into a 1 MiB byte
 * buffer — ids copied from a pre-encoded table, amounts formatted as digits — because building a
 * string per row made writing ten times slower than generating. `onProgress` hears the rows
 * (entities + liabilities) written.
 * @module
 */
import { closeSync, mkdirSync, openSync, writeSync } from "node:fs";
import { join } from "node:path";
import type { ProgressListener } from "../core/progress.ts";
import { ENTITY_COLUMNS, LIABILITY_COLUMNS } from "./load.ts";
import type { Network } from "./network.ts";

const BUFFER_BYTES = 1 << 20;
/** Bytes {@link encodeAmount} may write: `String(x)` of a double is at most 24 characters. */
const AMOUNT_BYTES = 32;

/** Writes `network` as a JSON document, one entity or liability per line. */
export function writeNetworkJson(network: Network, path: string, onProgress?: ProgressListener): void {
  const q = JSON.stringify;
  const rows = rowCounter(network, onProgress);
  withWriter(path, rows, (out) => {
    out.text('{\n  "entities": [\n');
    forEachEntity(network, (id, assets, liabilities, equity, last) => {
      out.text(`    {"id": ${q(id)}, "externalAssets": `);
      out.amount(assets);
      out.text(', "externalLiabilities": ');
      out.amount(liabilities);
      if (!Number.isNaN(equity)) {
        out.text(', "equity": ');
        out.amount(equity);
      }
      out.text(last ? "}\n" : "},\n");
    });
    rows.done += network.ids.length;
    out.text('  ],\n  "liabilities": [\n');
    writeLiabilities(out, network, rows, q, {
      start: '    {"debtor": ',
      between: ', "creditor": ',
      beforeAmount: ', "amount": ',
      end: "},\n",
      lastEnd: "}\n",
    });
    out.text("  ]\n}\n");
  });
}

/**
 * Writes `network` as `dir/entities.csv` and `dir/liabilities.csv` (creating `dir`).
 * @returns the two paths
 */
export function writeNetworkCsv(
  network: Network,
  dir: string,
  onProgress?: ProgressListener,
): { entities: string; liabilities: string } {
  mkdirSync(dir, { recursive: true });
  const entities = join(dir, "entities.csv");
  const liabilities = join(dir, "liabilities.csv");
  const withEquity = network.statedEquity !== undefined;
  const rows = rowCounter(network, onProgress);
  withWriter(entities, rows, (out) => {
    out.text(`${(withEquity ? ENTITY_COLUMNS : ENTITY_COLUMNS.slice(0, 3)).join(",")}\n`);
    forEachEntity(network, (id, assets, owed, equity) => {
      out.text(`${csvField(id)},`);
      out.amount(assets);
      out.text(",");
      out.amount(owed);
      if (withEquity) {
        out.text(",");
        if (!Number.isNaN(equity)) out.amount(equity);
      }
      out.text("\n");
    });
    rows.done += network.ids.length;
  });
  withWriter(liabilities, rows, (out) => {
    out.text(`${LIABILITY_COLUMNS.join(",")}\n`);
    writeLiabilities(out, network, rows, csvField, {
      start: "",
      between: ",",
      beforeAmount: ",",
      end: "\n",
      lastEnd: "\n",
    });
  });
  return { entities, liabilities };
}

/**
 * Writes the text of `x` exactly as `String(x)` gives it into `bytes` at `offset` (ASCII) and returns
 * the offset after it; `bytes` must have {@link AMOUNT_BYTES} free. Amounts in whole cents (what
 * generated and most real books hold) are formatted as integer digits, several times cheaper than the
 * shortest-round-trip conversion of a double. When `c/100` is exactly `x` for c = round(100x),
 * "whole.ff" (trailing zeros dropped) reads back as x; below 2^43 a double's spacing is under 0.002,
 * so no other text of at most two decimals reads back as x and this is the shortest, i.e. the text
 * `String(x)` gives. Anything else (negative, ≥ 2^43, finer than cents) falls back to `String(x)`.
 */
export function encodeAmount(x: number, bytes: Uint8Array, offset: number): number {
  const c = Math.round(x * 100);
  if (!(x >= 0 && x < 2 ** 43) || c / 100 !== x) {
    const text = String(x);
    for (let i = 0; i < text.length; i++) bytes[offset++] = text.charCodeAt(i);
    return offset;
  }
  let whole = Math.floor(c / 100);
  const cents = c - whole * 100;
  const first = offset;
  do {
    const next = Math.floor(whole / 10);
    bytes[offset++] = 48 + whole - 10 * next;
    whole = next;
  } while (whole > 0);
  for (let i = first, j = offset - 1; i < j; i++, j--) {
    const t = bytes[i]!;
    bytes[i] = bytes[j]!;
    bytes[j] = t;
  }
  if (cents !== 0) {
    const tens = Math.floor(cents / 10);
    bytes[offset++] = 46; // "."
    bytes[offset++] = 48 + tens;
    if (cents !== 10 * tens) bytes[offset++] = 48 + cents - 10 * tens;
  }
  return offset;
}

/** The fixed text around each liability row of a format. */
interface LiabilityRowFormat {
  readonly start: string;
  readonly between: string;
  readonly beforeAmount: string;
  /** After every row but the last. */
  readonly end: string;
  readonly lastEnd: string;
}

/** Writes every liability, debtor by debtor, as `start debtor between creditor beforeAmount amount end`. */
function writeLiabilities(
  out: ByteWriter,
  network: Network,
  rows: RowCounter,
  quote: (id: string) => string,
  format: LiabilityRowFormat,
): void {
  const { liabilityStart, creditor, amount } = network;
  const n = network.ids.length;
  const total = amount.length;
  // Every id quoted and UTF-8 encoded once, back to back: name i is names[nameStart[i], nameStart[i+1]).
  const quoted = network.ids.map(quote);
  const nameStart = new Uint32Array(n + 1);
  let longest = 0;
  for (let i = 0; i < n; i++) {
    const length = Buffer.byteLength(quoted[i]!);
    nameStart[i + 1] = nameStart[i]! + length;
    if (length > longest) longest = length;
  }
  const names = Buffer.allocUnsafe(nameStart[n]!);
  for (let i = 0; i < n; i++) names.write(quoted[i]!, nameStart[i]!);
  const start = Buffer.from(format.start);
  const between = Buffer.from(format.between);
  const beforeAmount = Buffer.from(format.beforeAmount);
  const end = Buffer.from(format.end);
  const lastEnd = Buffer.from(format.lastEnd);
  const rowBytes =
    start.length + 2 * longest + between.length + beforeAmount.length + AMOUNT_BYTES + end.length;
  let written = 0;
  for (let i = 0; i < n; i++) {
    const debtorStart = nameStart[i]!;
    const debtorEnd = nameStart[i + 1]!;
    for (let k = liabilityStart[i]!; k < liabilityStart[i + 1]!; k++) {
      const bytes = out.reserve(rowBytes);
      let at = out.used;
      at = copy(start, 0, start.length, bytes, at);
      at = copy(names, debtorStart, debtorEnd, bytes, at);
      at = copy(between, 0, between.length, bytes, at);
      const c = creditor[k]!;
      at = copy(names, nameStart[c]!, nameStart[c + 1]!, bytes, at);
      at = copy(beforeAmount, 0, beforeAmount.length, bytes, at);
      at = encodeAmount(amount[k]!, bytes, at);
      written++;
      at =
        written === total ? copy(lastEnd, 0, lastEnd.length, bytes, at) : copy(end, 0, end.length, bytes, at);
      out.used = at;
      rows.done++;
    }
  }
}

/** Copies `source[from, to)` into `target` at `at` (a plain loop: rows copy a few bytes at a time). */
function copy(source: Uint8Array, from: number, to: number, target: Uint8Array, at: number): number {
  for (let i = from; i < to; i++) target[at++] = source[i]!;
  return at;
}

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function forEachEntity(
  network: Network,
  visit: (id: string, assets: number, liabilities: number, equity: number, last: boolean) => void,
): void {
  const n = network.ids.length;
  for (let i = 0; i < n; i++) {
    visit(
      network.ids[i]!,
      network.externalAssets[i]!,
      network.externalLiabilities[i]!,
      network.statedEquity?.[i] ?? Number.NaN,
      i === n - 1,
    );
  }
}

/** Rows written so far of a whole network (both CSV files), for progress. */
interface RowCounter {
  done: number;
  readonly total: number;
  readonly listener: ProgressListener | undefined;
}

function rowCounter(network: Network, listener: ProgressListener | undefined): RowCounter {
  return { done: 0, total: network.ids.length + network.amount.length, listener };
}

/** An open file written through a byte buffer that is flushed whenever it fills. */
interface ByteWriter {
  /** Bytes of the current buffer in use; a writer of raw bytes advances it itself. */
  used: number;
  /** Makes room for `bytes` more bytes and returns the buffer to write them into at `used`. */
  reserve(bytes: number): Uint8Array;
  /** Appends `text` as UTF-8. */
  text(text: string): void;
  /** Appends a number as `String(x)` writes it. */
  amount(x: number): void;
}

function withWriter(path: string, rows: RowCounter, body: (out: ByteWriter) => void): void {
  const fd = openSync(path, "w");
  try {
    let buffer = Buffer.allocUnsafe(BUFFER_BYTES);
    const flush = () => {
      if (out.used > 0) writeSync(fd, buffer, 0, out.used);
      out.used = 0;
      rows.listener?.(rows.done, rows.total);
    };
    const out: ByteWriter = {
      used: 0,
      reserve(bytes) {
        if (buffer.length - out.used < bytes) {
          flush();
          if (buffer.length < bytes) buffer = Buffer.allocUnsafe(bytes);
        }
        return buffer;
      },
      text(text) {
        // UTF-8 takes at most 3 bytes per UTF-16 code unit.
        out.reserve(3 * text.length);
        out.used += buffer.write(text, out.used);
      },
      amount(x) {
        out.used = encodeAmount(x, out.reserve(AMOUNT_BYTES), out.used);
      },
    };
    body(out);
    flush();
  } finally {
    closeSync(fd);
  }
}
