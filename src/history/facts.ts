/**
 * What actually happened in an episode, as cited facts: who failed, how and when; who came through;
 * the reported market-cap moves the simulation is judged against. Facts live in code (one module
 * per episode) so that every number is reviewed with its source, like a scenario file.
 * @module
 */

/** How an entity failed: it froze withdrawals, defaulted on an obligation, or filed for bankruptcy. */
export type FailureKind = "gated" | "defaulted" | "bankrupt";

/** One dated failure event of an entity. An entity may have several (gated, then bankrupt). */
export interface FailureEvent {
  /** Scenario entity id. */
  readonly entity: string;
  readonly kind: FailureKind;
  /** Calendar date of the event, `YYYY-MM-DD`. */
  readonly date: string;
  /** Source URL(s). */
  readonly source: string | readonly string[];
  readonly note?: string;
}

/** An entity scored as having come through the episode without failing. */
export interface Survivor {
  readonly entity: string;
  /** What happened to it instead (a rescue, a loss it absorbed), with its source. */
  readonly note: string;
  readonly source: string | readonly string[];
}

/** A total-crypto-market-cap level reported by a source, USD. */
export interface ReportedLevel {
  readonly date: string;
  readonly usd: number;
  readonly source: string | readonly string[];
  readonly note?: string;
}

/**
 * A market-cap move the simulation is judged on: the change from `asOf` to `to` (`kind: "change"`) or
 * the lowest level on `asOf` … `to` (`kind: "trough"`), against the range the sources report.
 */
export interface MarketCapWindow {
  readonly id: string;
  readonly label: string;
  readonly kind: "change" | "trough";
  /** Last day of the window (00:00 UTC levels, so `to` = 2022-05-13 ends with the close of 12 May). */
  readonly to: string;
  /** [low, high] of the reported change (fractions, e.g. [−0.33, −0.25]). */
  readonly reportedRange: readonly [number, number];
  readonly source: string | readonly string[];
  /** How the range was assembled from the sources. */
  readonly note: string;
}

/** A price path to compare: an asset, or the ratio of two (stETH/ETH). */
export interface PriceTarget {
  /** Label and key of the observed series, e.g. `BTC` or `stETH/ETH`. */
  readonly id: string;
  /** Asset ids whose simulated prices are compared (one, or numerator and denominator). */
  readonly assets: readonly [string] | readonly [string, string];
}

/** A reported price low, USD. */
export interface ReportedPrice {
  readonly asset: string;
  readonly date: string;
  readonly usd: number;
  readonly source: string | readonly string[];
  readonly note?: string;
}

/** Everything known about how an episode actually unfolded. */
export interface EpisodeFacts {
  /** Episode id = id of the built-in scenario that replays it. */
  readonly id: string;
  readonly name: string;
  /** Date of the scenario's pre-shock state; path index 0 is 00:00 UTC of this day. */
  readonly asOf: string;
  /** Last day the validation scores: failures after it are reported but not counted. */
  readonly horizonEnd: string;
  readonly failures: readonly FailureEvent[];
  readonly survivors: readonly Survivor[];
  /** Strong balance sheets that must not be predicted to fail (JPMorgan's would-be rescuers). */
  readonly mustSurvive: readonly string[];
  readonly marketCapLevels: readonly ReportedLevel[];
  readonly marketCapWindows: readonly MarketCapWindow[];
  /** Id of the window that stands for the episode's market-cap hit (its `marketCapChange`). */
  readonly headlineWindow: string;
  readonly btcLow: ReportedPrice;
  readonly priceTargets: readonly PriceTarget[];
  /** Assumptions made in reading the sources. */
  readonly notes: readonly string[];
}

/** First failure event of each entity, in date order (ties by entity id). */
export function firstFailures(facts: EpisodeFacts): FailureEvent[] {
  const first = new Map<string, FailureEvent>();
  for (const event of facts.failures) {
    const seen = first.get(event.entity);
    if (!seen || event.date < seen.date) first.set(event.entity, event);
  }
  return [...first.values()].sort((a, b) =>
    a.date === b.date ? a.entity.localeCompare(b.entity) : a.date.localeCompare(b.date),
  );
}

/** Entities the failure scores are computed over: every entity that failed or is a listed survivor. */
export function scoredEntities(facts: EpisodeFacts): Set<string> {
  return new Set([...facts.failures.map((f) => f.entity), ...facts.survivors.map((s) => s.entity)]);
}
