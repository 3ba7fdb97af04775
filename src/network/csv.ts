/**
 * A streaming CSV reader for large network files (10^7 rows): reads the file in 1 MiB chunks, splits
 * RFC 4180 rows (quoted fields, doubled quotes, CRLF or LF, UTF-8 BOM) without building strings for
 * fields it is not asked for, and parses decimal numbers straight from the bytes.
 * @module
 */
import { createHash, type Hash } from "node:crypto";
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { InputError } from "../core/errors.ts";
import type { ProgressListener } from "../core/progress.ts";

const CHUNK = 1 << 20;
const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;

/** The current row of a {@link readCsv} pass; valid only inside the callback. */
export interface CsvRow {
  /** 1-based line number of the row in the file. */
  readonly line: number;
  /** Number of fields in the row. */
  readonly length: number;
  /** Field `i` as text (unquoted). */
  text(i: number): string;
  /** Field `i` as a finite decimal number, or NaN if it is not one (empty, hex, `Infinity`, text…). */
  number(i: number): number;
  /**
   * Field `i` looked up in `table` by its bytes, without building a string; −1 if absent. `guess`, an
   * index likely to match (the previous row's, in a file sorted by that column), is checked first.
   */
  lookup(i: number, table: IdTable, guess?: number): number;
}

/**
 * Calls `onRow` for every non-empty row of `path`, the header included, and returns the SHA-256 of
 * the file's bytes. Memory use is bounded by the longest row, not the file. `onProgress` hears the bytes
 * read of the file's size after every chunk.
 * @throws {InputError} if the file cannot be read or a quoted field is not closed
 */
export function readCsv(path: string, onRow: (row: CsvRow) => void, onProgress?: ProgressListener): string {
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(
      code === "ENOENT" ? "FILE_NOT_FOUND" : "INVALID_INPUT",
      [
        {
          path: "",
          message: code === "ENOENT" ? "file not found" : `cannot be read (${code ?? String(error)})`,
        },
      ],
      { file: path },
    );
  }
  const hash = createHash("sha256");
  try {
    parse(fd, path, hash, onRow, onProgress, onProgress === undefined ? 0 : fstatSync(fd).size);
  } finally {
    closeSync(fd);
  }
  return hash.digest("hex");
}

function parse(
  fd: number,
  path: string,
  hash: Hash,
  onRow: (row: CsvRow) => void,
  onProgress: ProgressListener | undefined,
  size: number,
): void {
  let consumed = 0;
  let buffer = Buffer.allocUnsafe(CHUNK * 2);
  let starts = new Int32Array(16);
  let ends = new Int32Array(16);
  let quoted = new Uint8Array(16);
  let fieldCount = 0;
  let line = 1;
  let rowLine = 1;
  const row: CsvRow = {
    get line() {
      return rowLine;
    },
    get length() {
      return fieldCount;
    },
    text(i) {
      const text = buffer.toString("utf8", starts[i]!, ends[i]!);
      return quoted[i] === 1 ? text.replaceAll('""', '"') : text;
    },
    number(i) {
      return parseDecimal(buffer, starts[i]!, ends[i]!);
    },
    lookup(i, table, guess = -1) {
      if (quoted[i] === 1) return table.get(row.text(i));
      if (guess >= 0 && table.is(guess, buffer, starts[i]!, ends[i]!)) return guess;
      return table.find(buffer, starts[i]!, ends[i]!);
    },
  };
  let filled = 0; // bytes of buffer holding data
  let position = 0; // start of the unparsed part
  let eof = false;
  let first = true;
  for (;;) {
    if (!eof) {
      // Move the unparsed tail to the front and fill the rest.
      if (position > 0) {
        buffer.copy(buffer, 0, position, filled);
        filled -= position;
        position = 0;
      }
      if (buffer.length - filled < CHUNK) {
        const grown = Buffer.allocUnsafe(buffer.length * 2);
        buffer.copy(grown, 0, 0, filled);
        buffer = grown;
      }
      const read = readSync(fd, buffer, filled, buffer.length - filled, null);
      if (read === 0) eof = true;
      else {
        hash.update(buffer.subarray(filled, filled + read));
        consumed += read;
        onProgress?.(consumed, size);
        if (first && read >= 3 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf)
          position = 3;
        first = false;
        filled += read;
      }
    }
    // Parse every complete row in buffer[position, filled).
    let i = position;
    for (;;) {
      if (i >= filled && !eof) break;
      if (i >= filled && eof) {
        if (position < filled) throw unclosed(path, rowLine);
        return;
      }
      const rowStart = i;
      rowLine = line;
      fieldCount = 0;
      let complete = false;
      for (;;) {
        if (fieldCount === starts.length) {
          starts = grow(starts);
          ends = grow(ends);
          const q = new Uint8Array(quoted.length * 2);
          q.set(quoted);
          quoted = q;
        }
        if (i < filled && buffer[i] === QUOTE) {
          let j = i + 1;
          let closed = false;
          while (j < filled) {
            const c = buffer[j]!;
            if (c === QUOTE) {
              if (j + 1 < filled && buffer[j + 1] === QUOTE) j += 2;
              else if (j + 1 < filled || eof) {
                closed = true;
                break;
              } else break;
            } else {
              if (c === LF) line++;
              j++;
            }
          }
          if (!closed) {
            if (eof) throw unclosed(path, rowLine);
            line = rowLine;
            break;
          }
          starts[fieldCount] = i + 1;
          ends[fieldCount] = j;
          quoted[fieldCount] = 1;
          fieldCount++;
          i = j + 1;
        } else {
          let j = i;
          while (j < filled) {
            const c = buffer[j]!;
            if (c === COMMA || c === LF || c === CR) break;
            j++;
          }
          starts[fieldCount] = i;
          ends[fieldCount] = j;
          quoted[fieldCount] = 0;
          fieldCount++;
          i = j;
        }
        if (i >= filled) {
          if (eof) complete = true;
          break;
        }
        const c = buffer[i]!;
        if (c === COMMA) {
          i++;
          continue;
        }
        if (c === CR) {
          if (i + 1 >= filled && !eof) break;
          i += buffer[i + 1] === LF ? 2 : 1;
        } else if (c === LF) i++;
        else
          throw new InputError(
            "INVALID_INPUT",
            [{ path: "", line: rowLine, message: "unexpected text after a closing quote" }],
            { file: path },
          );
        line++;
        complete = true;
        break;
      }
      if (!complete) {
        // The row continues in the next chunk.
        line = rowLine;
        i = rowStart;
        break;
      }
      position = i;
      if (!(fieldCount === 1 && ends[0] === starts[0] && quoted[0] === 0)) onRow(row);
    }
  }
}

function grow(array: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const grown = new Int32Array(array.length * 2);
  grown.set(array);
  return grown;
}

function unclosed(path: string, line: number): InputError {
  return new InputError("INVALID_INPUT", [{ path: "", line, message: "quoted field is not closed" }], {
    file: path,
  });
}

const EXACT_POWERS = [
  1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
  1e20, 1e21, 1e22,
];

/**
 * Parses a decimal number (`-12`, `3.25`, `1e6`, `.5`) from `bytes[start, end)`; NaN if the text is
 * anything else. Exact when the digits fit in 2^53 and the exponent in ±22 (the fast path of Clinger
 * 1990, "How to read floating point numbers accurately"); otherwise it defers to `Number()`.
 */
export function parseDecimal(bytes: Buffer, start: number, end: number): number {
  let i = start;
  let negative = false;
  if (i < end && (bytes[i] === 0x2d || bytes[i] === 0x2b)) {
    negative = bytes[i] === 0x2d;
    i++;
  }
  let mantissa = 0;
  let digits = 0;
  let scale = 0;
  while (i < end && bytes[i]! >= 0x30 && bytes[i]! <= 0x39) {
    mantissa = mantissa * 10 + (bytes[i]! - 0x30);
    digits++;
    i++;
  }
  if (i < end && bytes[i] === 0x2e) {
    i++;
    while (i < end && bytes[i]! >= 0x30 && bytes[i]! <= 0x39) {
      mantissa = mantissa * 10 + (bytes[i]! - 0x30);
      digits++;
      scale--;
      i++;
    }
  }
  if (digits === 0) return Number.NaN;
  if (i < end && (bytes[i] === 0x65 || bytes[i] === 0x45)) {
    i++;
    let expNegative = false;
    if (i < end && (bytes[i] === 0x2d || bytes[i] === 0x2b)) {
      expNegative = bytes[i] === 0x2d;
      i++;
    }
    let exponent = 0;
    let expDigits = 0;
    while (i < end && bytes[i]! >= 0x30 && bytes[i]! <= 0x39) {
      exponent = Math.min(exponent * 10 + (bytes[i]! - 0x30), 100_000);
      expDigits++;
      i++;
    }
    if (expDigits === 0) return Number.NaN;
    scale += expNegative ? -exponent : exponent;
  }
  if (i !== end) return Number.NaN;
  if (mantissa <= Number.MAX_SAFE_INTEGER && scale >= -22 && scale <= 22) {
    const value = scale < 0 ? mantissa / EXACT_POWERS[-scale]! : mantissa * EXACT_POWERS[scale]!;
    return negative ? -value : value;
  }
  const value = Number(bytes.toString("latin1", start, end));
  return Number.isFinite(value) ? value : Number.NaN;
}

/** Bytes of an id kept in its hash slot; longer ids compare the rest from the id store. */
const INLINE_BYTES = 20;
/** Int32 words per slot: hash, index + 1 (0 = empty), length, then the first INLINE_BYTES bytes. */
const SLOT = 3 + INLINE_BYTES / 4;

/**
 * Entity ids → indices, searchable by the UTF-8 bytes of a CSV field (open addressing, FNV-1a), so
 * that 10^7 liability rows resolve their two ids without allocating 2·10^7 strings. A slot holds the
 * hash, the length and the first 20 bytes of its id, so a lookup usually touches one cache line.
 */
export class IdTable {
  private readonly bytes: Uint8Array;
  private readonly offsets: Uint32Array;
  private readonly slots: Int32Array;
  private readonly mask: number;

  /** @param ids entity ids, index = position; must be unique */
  constructor(ids: readonly string[]) {
    let capacity = 16;
    while (capacity < ids.length * 2) capacity *= 2;
    this.mask = capacity - 1;
    this.slots = new Int32Array(SLOT * capacity);
    this.offsets = new Uint32Array(ids.length + 1);
    // All ids encoded back to back in one buffer (no array per id).
    let total = 0;
    for (let i = 0; i < ids.length; i++) total += Buffer.byteLength(ids[i]!);
    const bytes = Buffer.allocUnsafe(Math.max(total, 1));
    this.bytes = bytes;
    let used = 0;
    for (let i = 0; i < ids.length; i++) {
      const start = used;
      used += bytes.write(ids[i]!, start);
      this.offsets[i] = start;
      this.offsets[i + 1] = used;
      const hash = hashBytes(bytes, start, used);
      let slot = hash & this.mask;
      while (this.slots[SLOT * slot + 1] !== 0) slot = (slot + 1) & this.mask;
      const base = SLOT * slot;
      this.slots[base] = hash;
      this.slots[base + 1] = i + 1;
      this.slots[base + 2] = used - start;
      for (let w = 0; w < INLINE_BYTES / 4; w++) this.slots[base + 3 + w] = word(bytes, start, used, w);
    }
  }

  /** Index of the id whose UTF-8 bytes are `source[start, end)`, or −1. */
  find(source: Uint8Array, start: number, end: number): number {
    const hash = hashBytes(source, start, end);
    const length = end - start;
    const slots = this.slots;
    let slot = hash & this.mask;
    for (;;) {
      const base = SLOT * slot;
      const entry = slots[base + 1]!;
      if (entry === 0) return -1;
      if (
        slots[base] === hash &&
        slots[base + 2] === length &&
        this.matches(base, entry - 1, source, start, end)
      )
        return entry - 1;
      slot = (slot + 1) & this.mask;
    }
  }

  /** True if id `index`'s UTF-8 bytes are `source[start, end)`. */
  is(index: number, source: Uint8Array, start: number, end: number): boolean {
    const from = this.offsets[index]!;
    if (this.offsets[index + 1]! - from !== end - start) return false;
    for (let k = start; k < end; k++) if (this.bytes[from + k - start] !== source[k]) return false;
    return true;
  }

  /** Index of `id`, or −1. */
  get(id: string): number {
    const encoded = new TextEncoder().encode(id);
    return this.find(encoded, 0, encoded.length);
  }

  private matches(base: number, index: number, source: Uint8Array, start: number, end: number): boolean {
    const length = end - start;
    const words = Math.min(INLINE_BYTES, length + 3) >> 2;
    for (let w = 0; w < words; w++)
      if (this.slots[base + 3 + w] !== word(source, start, end, w)) return false;
    if (length <= INLINE_BYTES) return true;
    const from = this.offsets[index]!;
    for (let k = INLINE_BYTES; k < length; k++) if (this.bytes[from + k] !== source[start + k]) return false;
    return true;
  }
}

/** Bytes 4w…4w+3 of `source[start, end)` as a little-endian int32, zero-padded. */
function word(source: Uint8Array, start: number, end: number, w: number): number {
  const at = start + 4 * w;
  let value = 0;
  for (let b = 3; b >= 0; b--) value = (value << 8) | (at + b < end ? source[at + b]! : 0);
  return value;
}

/** FNV-1a with MurmurHash3's finaliser: FNV alone leaves the low bits (the slot) poorly mixed for ids like b0000001. */
function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}
