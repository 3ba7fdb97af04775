/**
 * JSON parsing that knows where every value sits in the source text, so that a schema error can say
 * `scenario.json:41:17` as well as `entities[3].cashUsd`. It also rejects what `JSON.parse` silently
 * accepts in hand-written files: duplicate keys (the last one would win without a word).
 * @module
 */
import { InputError } from "./errors.ts";
import { formatPath, type JsonPath } from "./path.ts";

/** 1-based line and column of a value in the source. */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

/** A parsed JSON document with the position of every value, keyed by {@link formatPath}. */
export interface JsonSource {
  readonly value: unknown;
  /** Position of the value at `path`, or of its nearest existing ancestor. */
  locate(path: JsonPath): SourcePosition | undefined;
}

/**
 * Parses `text` as strict JSON (RFC 8259) and records positions.
 * @throws {InputError} code `INVALID_JSON` with the line, column and what was expected.
 */
export function parseJsonSource(text: string, file?: string): JsonSource {
  const parser = new LocatingParser(text, file);
  const value = parser.document();
  const positions = parser.positions;
  return {
    value,
    locate(path) {
      for (let n = path.length; n >= 0; n--) {
        const found = positions.get(formatPath(path.slice(0, n)));
        if (found) return found;
      }
      return undefined;
    },
  };
}

class LocatingParser {
  readonly positions = new Map<string, SourcePosition>();
  private i = 0;
  private readonly lineStarts: number[] = [0];

  constructor(
    private readonly text: string,
    private readonly file: string | undefined,
  ) {
    for (let k = 0; k < text.length; k++) if (text.charCodeAt(k) === 10) this.lineStarts.push(k + 1);
  }

  document(): unknown {
    if (this.text.charCodeAt(0) === 0xfeff) this.i = 1;
    this.skipWhitespace();
    if (this.i >= this.text.length) this.fail("the file is empty; expected a JSON value");
    const value = this.value([]);
    this.skipWhitespace();
    if (this.i < this.text.length) this.fail(`unexpected ${this.describe()} after the end of the JSON value`);
    return value;
  }

  private value(path: (string | number)[]): unknown {
    this.positions.set(formatPath(path), this.position(this.i));
    if (/^(NaN|-?Infinity)/.test(this.text.slice(this.i, this.i + 9))) {
      this.fail(`${this.describe()} is not valid JSON; numbers must be finite (write null or a number)`);
    }
    const c = this.text[this.i];
    if (c === "{") return this.object(path);
    if (c === "[") return this.array(path);
    if (c === '"') return this.string();
    if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) return this.number();
    if (this.text.startsWith("true", this.i)) return this.literal("true", true);
    if (this.text.startsWith("false", this.i)) return this.literal("false", false);
    if (this.text.startsWith("null", this.i)) return this.literal("null", null);
    return this.fail(`unexpected ${this.describe()}; expected a JSON value`);
  }

  private object(path: (string | number)[]): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const seen = new Set<string>();
    this.i++;
    this.skipWhitespace();
    if (this.text[this.i] === "}") {
      this.i++;
      return out;
    }
    for (;;) {
      this.skipWhitespace();
      if (this.text[this.i] !== '"')
        this.fail(`unexpected ${this.describe()}; expected a quoted property name`);
      const keyAt = this.i;
      const key = this.string();
      if (seen.has(key))
        this.fail(`duplicate key ${JSON.stringify(key)} in ${formatPath(path) || "the document"}`, keyAt);
      seen.add(key);
      this.skipWhitespace();
      if (this.text[this.i] !== ":")
        this.fail(`unexpected ${this.describe()}; expected ':' after property name`);
      this.i++;
      this.skipWhitespace();
      const child = [...path, key];
      Object.defineProperty(out, key, {
        value: this.value(child),
        enumerable: true,
        writable: true,
        configurable: true,
      });
      this.skipWhitespace();
      const c = this.text[this.i];
      if (c === ",") {
        this.i++;
        continue;
      }
      if (c === "}") {
        this.i++;
        return out;
      }
      this.fail(`unexpected ${this.describe()}; expected ',' or '}' in an object`);
    }
  }

  private array(path: (string | number)[]): unknown[] {
    const out: unknown[] = [];
    this.i++;
    this.skipWhitespace();
    if (this.text[this.i] === "]") {
      this.i++;
      return out;
    }
    for (;;) {
      this.skipWhitespace();
      out.push(this.value([...path, out.length]));
      this.skipWhitespace();
      const c = this.text[this.i];
      if (c === ",") {
        this.i++;
        continue;
      }
      if (c === "]") {
        this.i++;
        return out;
      }
      this.fail(`unexpected ${this.describe()}; expected ',' or ']' in an array`);
    }
  }

  private string(): string {
    const start = this.i;
    this.i++;
    for (;;) {
      const code = this.text.charCodeAt(this.i);
      if (Number.isNaN(code)) this.fail("unterminated string", start);
      if (code === 34) break;
      if (code < 0x20) this.fail("control character in string; expected it escaped (e.g. \\n)");
      this.i += code === 92 ? 2 : 1;
    }
    this.i++;
    try {
      return JSON.parse(this.text.slice(start, this.i)) as string;
    } catch {
      return this.fail("invalid escape sequence in string", start);
    }
  }

  private number(): number {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.text.slice(this.i, this.i + 400));
    if (!match) return this.fail(`malformed number at ${this.describe()}`);
    const value = Number(match[0]);
    if (!Number.isFinite(value)) this.fail(`number ${match[0]} overflows a 64-bit float`);
    this.i += match[0].length;
    return value;
  }

  private literal<T>(word: string, value: T): T {
    this.i += word.length;
    return value;
  }

  private skipWhitespace(): void {
    for (;;) {
      const c = this.text.charCodeAt(this.i);
      if (c === 32 || c === 9 || c === 10 || c === 13) this.i++;
      else return;
    }
  }

  private describe(): string {
    if (this.i >= this.text.length) return "end of file";
    const token = /^[\w.+-]+/.exec(this.text.slice(this.i, this.i + 20))?.[0] ?? this.text[this.i];
    return `'${token}'`;
  }

  private position(offset: number): SourcePosition {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.lineStarts[lo]! + 1 };
  }

  private fail(message: string, at = this.i): never {
    const { line, column } = this.position(at);
    throw new InputError("INVALID_JSON", [{ path: "", message, line, column }], { file: this.file });
  }
}
