/**
 * Progress bars with ETA on stderr, for work that takes more than about a second. They are off when
 * stderr is not a terminal or with `--quiet`, so piped and `--json` output stays clean.
 * @module
 */
import cliProgress from "cli-progress";
import type { ProgressListener } from "../core/progress.ts";
import type { CliContext } from "./context.ts";

/** What the units of a bar are, for how its counts are shown (`share`: only the percentage). */
export type ProgressUnit = "bytes" | "rows" | "share";

/** A progress bar fed by a library {@link ProgressListener}. */
export interface ProgressBar {
  /** Pass this to the library call; the bar appears on its first report. */
  readonly listener: ProgressListener;
  /** Removes the bar (safe to call when it never appeared, and more than once). */
  stop(): void;
}

/** Work shorter than this never shows a bar: a bar that flashes for a moment is noise. */
const SHOW_AFTER_MS = 500;

/**
 * A bar labelled `label` counting `unit`s. It shows once the work has run for half a second and is
 * not done, and never when stderr is not a terminal or under `--quiet`.
 */
export function startProgress(ctx: CliContext, label: string, unit: ProgressUnit): ProgressBar {
  const stderr = ctx.io.stderr;
  if (ctx.quiet || !stderr.isTTY) return { listener: () => {}, stop() {} };
  const startedAt = performance.now();
  let bar: cliProgress.SingleBar | undefined;
  let stopped = false;
  const show = unit === "bytes" ? formatBytes : (n: number) => n.toLocaleString("en-US");
  const counts = unit === "share" ? "" : ` | {shownValue}/{shownTotal}${unit === "bytes" ? "" : ` ${unit}`}`;
  return {
    listener(done, total) {
      if (stopped || total <= 0) return;
      if (bar === undefined) {
        if (done >= total || performance.now() - startedAt < SHOW_AFTER_MS) return;
        bar = new cliProgress.SingleBar(
          {
            format: `${label} [{bar}] {percentage}%${counts} | ETA {eta_formatted}`,
            stream: stderr as unknown as NodeJS.WritableStream,
            clearOnComplete: true,
            hideCursor: true,
            etaBuffer: 20,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(total, done, { shownValue: show(done), shownTotal: show(total) });
        return;
      }
      bar.setTotal(total);
      bar.update(done, { shownValue: show(done), shownTotal: show(total) });
    },
    stop() {
      stopped = true;
      bar?.stop();
    },
  };
}

/** Bytes in binary multiples, e.g. `249.3 MiB`. */
function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ["KiB", "MiB", "GiB", "TiB"];
  let value = bytes / 1024;
  let u = 0;
  while (value >= 1024 && u < units.length - 1) {
    value /= 1024;
    u++;
  }
  return `${value.toFixed(1)} ${units[u]}`;
}

/** Runs `work` with a progress bar (see {@link startProgress}) that is removed however `work` ends. */
export function withProgress<T>(
  ctx: CliContext,
  label: string,
  unit: ProgressUnit,
  work: (listener: ProgressListener) => T,
): T {
  const bar = startProgress(ctx, label, unit);
  try {
    return work(bar.listener);
  } finally {
    bar.stop();
  }
}
