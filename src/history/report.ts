/**
 * The history validation across episodes: each episode's report plus the cross-episode check of
 * JPMorgan's claim. This is what `unwind validate-history --json` prints.
 * @module
 */
import { checkJpmorganClaim, type JpmorganCheck } from "./jpmorgan.ts";
import type { EpisodeValidation } from "./validate.ts";

/** Validation of every episode run. */
export interface HistoryReport {
  readonly episodes: readonly EpisodeValidation[];
  /** Null unless both terra-2022 and ftx-2022 were run. */
  readonly jpmorgan: JpmorganCheck | null;
  /** True when every target of every episode is met and the JPMorgan check holds. */
  readonly allTargetsMet: boolean;
}

/** Assembles the report from per-episode validations. */
export function historyReport(episodes: readonly EpisodeValidation[]): HistoryReport {
  const terra = episodes.find((e) => e.episode === "terra-2022");
  const ftx = episodes.find((e) => e.episode === "ftx-2022");
  const jpmorgan = terra && ftx ? checkJpmorganClaim(terra, ftx) : null;
  const allTargetsMet = episodes.every((e) => e.targets.every((t) => t.met)) && (jpmorgan?.holds ?? true);
  return { episodes, jpmorgan, allTargetsMet };
}
