/**
 * Progress bars with ETA on stderr, for work that takes more than about a second. They are off when
 * stderr is not a terminal or with `--quiet`, so piped and `--json` output stays clean.
 * @module
 */
import cliProgress from "cli-progress";
import type { CliContext } from "./context.ts";

/** A running progress indicator. */
export interface Progress {
  /** Advances by `n` units (default 1). */
  tick(n?: number): void;
  /** Sets the absolute number of units done. */
  update(done: number): void;
  /** Removes the bar. */
  stop(): void;
}

const SILENT: Progress = { tick() {}, update() {}, stop() {} };

/** Starts a progress bar for `total` units of work labelled `label`. */
export function startProgress(ctx: CliContext, label: string, total: number): Progress {
  const stderr = ctx.io.stderr;
  if (ctx.quiet || !stderr.isTTY || total <= 0) return SILENT;
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {value}/{total} | ETA {eta_formatted}`,
      stream: stderr as unknown as NodeJS.WritableStream,
      clearOnComplete: true,
      hideCursor: true,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  let done = 0;
  return {
    tick(n = 1) {
      done += n;
      bar.update(done);
    },
    update(value) {
      done = value;
      bar.update(done);
    },
    stop() {
      bar.stop();
    },
  };
}
