/**
 * What a command gets to work with: where to write, the environment, global options and a lazily
 * opened store. Commands never touch `process` directly, so the CLI runs the same in-process (tests)
 * and as a real process.
 * @module
 */
import { unwindHome } from "../core/environment.ts";
import { openStore, type Store } from "../store/database.ts";

/** A writable text stream (process.stdout, or a buffer in tests). */
export interface TextSink {
  write(text: string): unknown;
  /** True when the stream is an interactive terminal (progress bars and colours only then). */
  readonly isTTY?: boolean;
  /** Terminal width in columns, when known. */
  readonly columns?: number;
}

/** Input and output of one CLI invocation. */
export interface CliIo {
  readonly stdout: TextSink;
  readonly stderr: TextSink;
  readonly env: NodeJS.ProcessEnv;
  /** Working directory for relative paths. */
  readonly cwd: string;
}

/** Shared state of one CLI invocation. */
export class CliContext {
  readonly io: CliIo;
  /** Suppresses progress bars and informational messages on stderr. */
  quiet = false;
  /** Overrides `$UNWIND_HOME`. */
  home: string | undefined;
  private store: Store | undefined;

  constructor(io: CliIo) {
    this.io = io;
  }

  /** The store, opened on first use. */
  openStore(): Store {
    this.store ??= openStore({ home: this.home ?? unwindHome(this.io.env) });
    return this.store;
  }

  /** Writes machine output: one JSON document on stdout and nothing else. */
  json(value: unknown): void {
    this.io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  }

  /** Writes human output on stdout. */
  print(text = ""): void {
    this.io.stdout.write(`${text}\n`);
  }

  /** Writes an informational message on stderr (suppressed by `--quiet`). */
  info(text: string): void {
    if (!this.quiet) this.io.stderr.write(`${text}\n`);
  }

  /** Closes the store if it was opened. */
  close(): void {
    this.store?.close();
    this.store = undefined;
  }
}
