/**
 * Boundary validation: runs a zod schema over user input and turns every zod issue into an
 * {@link InputIssue} that names the field path, the source line, what was expected and what was given.
 * @module
 */
import type { z } from "zod";
import { type ErrorCode, InputError, type InputIssue } from "./errors.ts";
import type { JsonSource } from "./json-source.ts";
import { formatPath, type JsonPath } from "./path.ts";

type ZodIssue = z.core.$ZodIssue;

/** Where the validated value came from, for precise messages. */
export interface InputOrigin {
  /** File name to print in messages. */
  readonly file?: string | undefined;
  /** The located source, so issues carry line and column. */
  readonly source?: JsonSource | undefined;
  /** Error code to throw with (default `INVALID_INPUT`). */
  readonly code?: ErrorCode;
}

/**
 * Validates `value` against `schema` and returns the parsed output.
 * @throws {InputError} listing every problem, in document order.
 */
export function validate<S extends z.ZodType>(
  schema: S,
  value: unknown,
  origin: InputOrigin = {},
): z.output<S> {
  const result = schema.safeParse(value, PARSE_OPTIONS);
  if (result.success) return result.data;
  throw new InputError(
    origin.code ?? "INVALID_INPUT",
    toInputIssues(result.error.issues, value, origin.source),
    {
      file: origin.file,
    },
  );
}

// Final zod issues no longer reference the schema, so an unknown-key issue cannot say which keys
// were allowed. The error map still can: it records them in the message, which flatten() decodes.
const ALLOWED_KEYS = "\u0000allowed:";

/** Parse options that make zod issues carry what {@link toInputIssues} needs; pass to `safeParse`. */
export const PARSE_OPTIONS = {
  error(issue: z.core.$ZodRawIssue): string | undefined {
    if (issue.code !== "unrecognized_keys") return undefined;
    const shape = (issue.inst as { _zod?: { def?: { shape?: object } } } | undefined)?._zod?.def?.shape;
    return ALLOWED_KEYS + JSON.stringify(shape ? Object.keys(shape) : []);
  },
};

/** Converts zod issues to located, human-readable issues (deduplicated, sorted by position). */
export function toInputIssues(issues: readonly ZodIssue[], root: unknown, source?: JsonSource): InputIssue[] {
  const out: InputIssue[] = [];
  const seen = new Set<string>();
  for (const issue of issues) {
    for (const flat of flatten(issue, root)) {
      const key = `${formatPath(flat.path)}\u0000${flat.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const position = source?.locate(flat.path);
      out.push({ path: formatPath(flat.path), message: flat.message, ...position });
    }
  }
  return out.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}

interface FlatIssue {
  path: JsonPath;
  message: string;
}

function flatten(issue: ZodIssue, root: unknown, prefix: JsonPath = []): FlatIssue[] {
  const path = [...prefix, ...(issue.path as (string | number)[])];
  const actual = valueAt(root, path);
  switch (issue.code) {
    case "invalid_union": {
      if (issue.discriminator !== undefined && "options" in issue && issue.options) {
        const options = issue.options.map((o) => JSON.stringify(o)).join(", ");
        return [{ path, message: `expected one of ${options}, got ${describe(actual)}` }];
      }
      // Report the branch that got furthest: the one whose issues sit deepest in the input.
      const branches = issue.errors.filter((branch) => branch.length > 0);
      if (branches.length === 0)
        return [{ path, message: `expected ${describeExpected(issue)}, got ${describe(actual)}` }];
      const best = branches.reduce((a, b) => (depth(b) > depth(a) ? b : a));
      if (depth(best) === 0 && branches.length > 1) {
        return [{ path, message: `expected ${describeExpected(issue)}, got ${describe(actual)}` }];
      }
      return best.flatMap((inner) => flatten(inner, root, path));
    }
    case "invalid_type":
      if (actual === undefined)
        return [{ path, message: `missing required field; expected ${article(issue.expected)}` }];
      return [{ path, message: `expected ${article(issue.expected)}, got ${describe(actual)}` }];
    case "too_small":
      return [
        { path, message: boundMessage(issue.origin, "at least", issue.minimum, issue.inclusive, actual) },
      ];
    case "too_big":
      return [
        { path, message: boundMessage(issue.origin, "at most", issue.maximum, issue.inclusive, actual) },
      ];
    case "invalid_value":
      return [
        {
          path,
          message: `expected ${issue.values.length === 1 ? "" : "one of "}${issue.values.map((v) => JSON.stringify(v)).join(", ")}, got ${describe(actual)}`,
        },
      ];
    case "unrecognized_keys": {
      const allowed = allowedKeys(issue);
      return issue.keys.map((key) => ({
        path: [...path, key],
        message: `unknown field ${JSON.stringify(key)}${suggest(key, allowed)}`,
      }));
    }
    case "invalid_format":
      return [
        { path, message: `expected ${formatName(issue.format, issue.pattern)}, got ${describe(actual)}` },
      ];
    default:
      return [{ path, message: issue.message }];
  }
}

function depth(branch: readonly ZodIssue[]): number {
  return Math.max(...branch.map((issue) => issue.path.length + (issue.code === "invalid_type" ? 0 : 0.5)));
}

function describeExpected(issue: ZodIssue): string {
  const expected = new Set<string>();
  if (issue.code === "invalid_union") {
    for (const branch of issue.errors) {
      for (const inner of branch) {
        if (inner.path.length === 0 && inner.code === "invalid_type") expected.add(article(inner.expected));
      }
    }
  }
  return expected.size > 0 ? [...expected].join(" or ") : "a valid value";
}

function boundMessage(
  origin: string,
  relation: "at least" | "at most",
  bound: number | bigint,
  inclusive: boolean | undefined,
  actual: unknown,
): string {
  if (origin === "array")
    return `expected ${relation} ${bound} item${bound === 1 ? "" : "s"}, got ${describe(actual)}`;
  if (origin === "string")
    return `expected ${relation} ${bound} character${bound === 1 ? "" : "s"}, got ${describe(actual)}`;
  const op = relation === "at least" ? (inclusive === false ? ">" : "≥") : inclusive === false ? "<" : "≤";
  return `expected a number ${op} ${bound}, got ${describe(actual)}`;
}

function allowedKeys(issue: ZodIssue): string[] {
  return issue.message.startsWith(ALLOWED_KEYS)
    ? (JSON.parse(issue.message.slice(ALLOWED_KEYS.length)) as string[])
    : [];
}

function suggest(key: string, allowed: readonly string[]): string {
  if (allowed.length === 0) return "";
  const close = allowed
    .map((candidate) => ({ candidate, distance: editDistance(key.toLowerCase(), candidate.toLowerCase()) }))
    .filter(({ distance, candidate }) => distance <= Math.max(2, Math.floor(candidate.length / 3)))
    .sort((a, b) => a.distance - b.distance)[0];
  if (close) return `; did you mean "${close.candidate}"?`;
  return `; expected one of: ${allowed.join(", ")}`;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(above + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

function formatName(format: string, pattern?: string): string {
  switch (format) {
    case "url":
      return "an http(s) URL";
    case "date":
      return "a date as YYYY-MM-DD";
    case "regex":
      return `a string matching ${pattern}`;
    default:
      return `a string in ${format} format`;
  }
}

function article(expected: string): string {
  switch (expected) {
    case "int":
      return "an integer";
    case "object":
    case "array":
      return `an ${expected}`;
    case "nan":
      return "NaN";
    default:
      return `a ${expected}`;
  }
}

/** Describes a value for an error message: type and, if short, the value itself. */
export function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (typeof value === "number") return Number.isNaN(value) ? "NaN" : String(value);
  if (typeof value === "string")
    return `string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value)}`;
  if (typeof value === "boolean") return `boolean ${value}`;
  if (Array.isArray(value)) return `an array of ${value.length} item${value.length === 1 ? "" : "s"}`;
  return "an object";
}

function valueAt(root: unknown, path: JsonPath): unknown {
  let node = root;
  for (const segment of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string | number, unknown>)[segment];
  }
  return node;
}
