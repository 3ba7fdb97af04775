/**
 * Typed errors. Every error a user can cause is an {@link InputError} (CLI exit code 2, HTTP 400);
 * anything else is a bug in unwind (exit code 1, HTTP 500). Tests check `code`, not message text.
 * @module
 */

/**
 * Machine-readable error codes. `UNAVAILABLE` is a remote source that could not be reached or kept
 * failing after retries: reported like bad input (exit 2, no stack trace), since it is not a bug.
 */
export type ErrorCode =
  | "INVALID_INPUT"
  | "INVALID_JSON"
  | "INVALID_SCENARIO"
  | "FILE_NOT_FOUND"
  | "NOT_FOUND"
  | "UNAVAILABLE"
  | "STORE"
  | "INTERNAL";

/** One precise problem in an input: where it is and what was expected. */
export interface InputIssue {
  /** Field path inside the document, e.g. `entities[2].cashUsd`; empty for the document itself. */
  readonly path: string;
  /** What was wrong and what was expected, e.g. `expected a non-negative number, got -5`. */
  readonly message: string;
  /** 1-based line of the offending value in the source file, when known. */
  readonly line?: number;
  /** 1-based column of the offending value in the source file, when known. */
  readonly column?: number;
}

/** Base class of all unwind errors. */
export class UnwindError extends Error {
  /** Stable code for programs and tests. */
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "UnwindError";
    this.code = code;
  }
}

/**
 * A problem with what the user gave us: a file, an option, a request body.
 * The message names the file (if any), the line or field path, and what was expected.
 */
export class InputError extends UnwindError {
  /** The file the problem is in, if it came from a file. */
  readonly file: string | undefined;
  /** Every problem found, in document order. */
  readonly issues: readonly InputIssue[];

  constructor(
    code: ErrorCode,
    issues: readonly InputIssue[],
    options?: { file?: string | undefined; summary?: string; cause?: unknown },
  ) {
    super(code, formatIssues(options?.file, issues, options?.summary), { cause: options?.cause });
    this.name = "InputError";
    this.file = options?.file;
    this.issues = issues;
  }
}

/** A named thing (run, scenario, dataset) that does not exist. */
export class NotFoundError extends InputError {
  constructor(what: string, id: string, hint?: string) {
    super("NOT_FOUND", [{ path: "", message: `${what} '${id}' not found${hint ? `; ${hint}` : ""}` }]);
    this.name = "NotFoundError";
  }
}

/** Shorthand for a single-issue {@link InputError}. */
export function inputError(message: string, path = "", file?: string): InputError {
  return new InputError("INVALID_INPUT", [{ path, message }], { file });
}

function formatIssues(file: string | undefined, issues: readonly InputIssue[], summary?: string): string {
  const lines = issues.map((issue) => {
    const at = [file, issue.line, issue.line !== undefined ? issue.column : undefined]
      .filter((part) => part !== undefined)
      .join(":");
    const where = [at, issue.path].filter((part) => part !== undefined && part !== "").join(": ");
    return where ? `${where}: ${issue.message}` : issue.message;
  });
  if (summary) lines.unshift(summary);
  return lines.join("\n");
}
