/**
 * Floor episodes: stretches of days on which bitcoin traded below (a multiple of) its production
 * cost, with what happened next. The test of "production cost is a floor" is how long and how deep
 * these stretches were and what the price did afterwards.
 * @module
 */
import { isoDay } from "../data/days.ts";

/** Forward-return horizons, days. */
export const FORWARD_HORIZONS = [30, 90, 180, 365] as const;

/** One episode below the threshold. */
export interface FloorEpisode {
  /** First day below the threshold (YYYY-MM-DD). */
  readonly start: string;
  /** Last day below the threshold. */
  readonly end: string;
  /** Days below the threshold within the episode (gaps merged by `mergeGapDays` do not count). */
  readonly daysBelow: number;
  /** Lowest price ÷ cost in the episode and its day. */
  readonly minRatio: number;
  readonly minRatioDate: string;
  readonly priceAtStartUsd: number;
  readonly costAtStartUsd: number;
  /** True when the series ended while still below (the episode may continue). */
  readonly ongoing: boolean;
  /** Price change from the start day to `start + h` days, for h in {@link FORWARD_HORIZONS}; null past the data. */
  readonly forwardReturns: Readonly<Record<(typeof FORWARD_HORIZONS)[number], number | null>>;
}

/** Options of {@link floorEpisodes}. */
export interface EpisodeOptions {
  /** A day is "below" when price ÷ cost < threshold (default 1). */
  readonly threshold?: number;
  /** Merge episodes separated by at most this many days above the threshold (default 0). */
  readonly mergeGapDays?: number;
  /** Ignore episodes with fewer days below (default 1). */
  readonly minDays?: number;
}

/**
 * Finds the episodes in daily price and cost arrays on one grid starting at `startDay`. Days with a
 * missing price or cost neither start nor end an episode.
 */
export function floorEpisodes(
  startDay: number,
  priceUsd: Float64Array,
  costUsd: Float64Array,
  options: EpisodeOptions = {},
): FloorEpisode[] {
  const threshold = options.threshold ?? 1;
  const mergeGap = options.mergeGapDays ?? 0;
  const minDays = options.minDays ?? 1;
  const n = priceUsd.length;
  const episodes: FloorEpisode[] = [];
  let first = -1;
  let last = -1;
  let days = 0;
  let minRatio = Number.POSITIVE_INFINITY;
  let minAt = -1;
  const close = (ongoing: boolean) => {
    if (first >= 0 && days >= minDays) {
      const forward = {} as Record<(typeof FORWARD_HORIZONS)[number], number | null>;
      for (const h of FORWARD_HORIZONS) {
        const later = first + h < n ? priceUsd[first + h]! : Number.NaN;
        forward[h] = Number.isNaN(later) ? null : later / priceUsd[first]! - 1;
      }
      episodes.push({
        start: isoDay(startDay + first),
        end: isoDay(startDay + last),
        daysBelow: days,
        minRatio,
        minRatioDate: isoDay(startDay + minAt),
        priceAtStartUsd: priceUsd[first]!,
        costAtStartUsd: costUsd[first]!,
        ongoing,
        forwardReturns: forward,
      });
    }
    first = last = minAt = -1;
    days = 0;
    minRatio = Number.POSITIVE_INFINITY;
  };
  for (let i = 0; i < n; i++) {
    const price = priceUsd[i]!;
    const cost = costUsd[i]!;
    if (!(price > 0 && cost > 0)) continue;
    const ratio = price / cost;
    if (ratio < threshold) {
      if (first < 0) first = i;
      last = i;
      days++;
      if (ratio < minRatio) {
        minRatio = ratio;
        minAt = i;
      }
    } else if (first >= 0 && i - last > mergeGap) {
      close(false);
    }
  }
  if (first >= 0) close(last === lastValid(priceUsd, costUsd));
  return episodes;
}

function lastValid(price: Float64Array, cost: Float64Array): number {
  for (let i = price.length - 1; i >= 0; i--) if (price[i]! > 0 && cost[i]! > 0) return i;
  return -1;
}
