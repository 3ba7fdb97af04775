/**
 * Judges one cascade run against what actually happened in its episode: the failures (which, in
 * what order, how early or late), the market-cap hit, the bitcoin low and the price paths of the
 * assets that moved. Pure: the run, the facts and the observed series come in; a report goes out.
 * @module
 */
import { UnwindError } from "../core/errors.ts";
import { formatPercent } from "../core/format.ts";
import { type SetScore, scoreFailureSet } from "./classification.ts";
import { changeBetween, troughBetween } from "./drawdown.ts";
import { type EpisodeFacts, type FailureEvent, firstFailures, scoredEntities } from "./facts.ts";
import type { CascadeOutcome, FailureCause } from "./outcome.ts";
import { comparePath, type PathComparison } from "./path-comparison.ts";
import { spearman } from "./rank-correlation.ts";
import {
  closeDayOfIndex,
  type DailyValues,
  dateOfStep,
  daysBetween,
  type StepCalendar,
  seriesRatio,
  stepOfDate,
} from "./series.ts";

/** Observed daily series for an episode, all as levels at 00:00 UTC (see series.ts). */
export interface EpisodeMarketData {
  /** Name of the provider of `totalMarketCap`, e.g. `TradingView CRYPTOCAP:TOTAL`. */
  readonly provider?: string;
  /** Total crypto market cap, USD. */
  readonly totalMarketCap?: DailyValues;
  /** Asset id → USD price. Ratios such as stETH/ETH are formed from their two assets. */
  readonly prices?: Readonly<Record<string, DailyValues>>;
}

/** A failure the engine predicted. */
export interface PredictedFailure {
  readonly entity: string;
  readonly step: number;
  /** Day on which the step happens. */
  readonly date: string;
  readonly cause: FailureCause;
  readonly detail?: string;
  /** False for entities the facts do not score (aggregates such as "other CeFi lenders") and after the horizon. */
  readonly scored: boolean;
}

/** An entity's first actual failure. */
export interface ActualFailure {
  readonly entity: string;
  readonly kind: FailureEvent["kind"];
  readonly date: string;
  /** Step during which it happened. */
  readonly step: number;
  readonly source: string | readonly string[];
  /** After the simulated horizon or `horizonEnd`: shown, not scored. */
  readonly beyondHorizon: boolean;
}

/** Predicted against actual timing of one correctly predicted failure. */
export interface FailureTiming {
  readonly entity: string;
  readonly predictedDate: string;
  readonly actualDate: string;
  /** predicted − actual, days (negative = predicted too early). */
  readonly errorDays: number;
}

/** A market-cap window: the simulated move, the reported range and the provider's own figure. */
export interface MarketCapCheck {
  readonly id: string;
  readonly label: string;
  readonly kind: "change" | "trough";
  readonly to: string;
  readonly predicted: number;
  /** The provider's change over the same window; null without a series. */
  readonly measured: number | null;
  readonly reportedRange: readonly [number, number];
  /** The simulated move lies in the reported range. */
  readonly withinRange: boolean;
  /**
   * Date of the last path index the simulated move was taken over (00:00 UTC): `to`, or the end of
   * the run when it stops before the window ends.
   */
  readonly simulatedTo: string;
  /** The run reaches the end of the window; a shorter run's move cannot meet the target. */
  readonly coversWindow: boolean;
}

/** A simulated price path against the observed one. */
export interface PriceCheck {
  readonly id: string;
  /** Null when the run or the market data lacks the asset. */
  readonly comparison: PathComparison | null;
  readonly missing?: string;
}

/** One acceptance target and whether the run meets it. */
export interface TargetCheck {
  readonly target: string;
  readonly met: boolean;
  readonly detail: string;
}

/** The validation report of one episode: the failure-set scores, then everything else. */
export interface EpisodeValidation extends SetScore {
  readonly episode: string;
  readonly name: string;
  readonly asOf: string;
  readonly steps: number;
  readonly predictedFailures: readonly PredictedFailure[];
  readonly actualFailures: readonly ActualFailure[];
  /** Spearman ρ between predicted steps and actual dates of the correctly predicted failures; null if undefined. */
  readonly orderCorrelation: number | null;
  readonly timing: readonly FailureTiming[];
  /** Simulated change over the headline window (the episode's market-cap hit). */
  readonly marketCapChange: number;
  /** The provider's change over the headline window; null without a series. */
  readonly reportedMarketCapChange: number | null;
  readonly reportedMarketCapRange: readonly [number, number];
  readonly marketCapProvider: string | null;
  readonly marketCapWindows: readonly MarketCapCheck[];
  readonly btcLow: {
    readonly predictedUsd: number | null;
    /** Day whose close was the simulated low. */
    readonly predictedDate: string | null;
    readonly reportedUsd: number;
    readonly reportedDate: string;
  };
  readonly prices: readonly PriceCheck[];
  readonly targets: readonly TargetCheck[];
}

/** Minimum F1 on failures for an episode to count as reproduced. */
export const F1_TARGET = 0.8;

/**
 * Validates `result` against `episode`.
 * @param calendar step ↔ date mapping of the run (the scenario's `asOf` and `parameters.stepDays`)
 * @throws {UnwindError} `INVALID_INPUT` if the run does not start on the episode's date
 */
export function validateEpisode(
  episode: EpisodeFacts,
  result: CascadeOutcome,
  market: EpisodeMarketData = {},
  calendar: StepCalendar = { asOf: episode.asOf, stepDays: 1 },
): EpisodeValidation {
  if (calendar.asOf !== episode.asOf) {
    throw new UnwindError(
      "INVALID_INPUT",
      `the run starts on ${calendar.asOf} but episode ${episode.id} is scored from ${episode.asOf}`,
    );
  }
  const scored = scoredEntities(episode);
  // Last day scored: the day of the final step, or the episode's horizon if that comes first.
  const lastDay = minDate(dateOfStep(calendar, result.steps - 1), episode.horizonEnd);
  // Last path index compared: the state at the end of `lastDay`.
  const lastIndex = Math.min(result.steps, Math.round(stepOfDate(calendar, lastDay)) + 1);

  const predictedFailures = predicted(result, calendar, scored, lastDay);
  const actualFailures: ActualFailure[] = firstFailures(episode).map((event) => ({
    entity: event.entity,
    kind: event.kind,
    date: event.date,
    step: stepOfDate(calendar, event.date),
    source: event.source,
    beyondHorizon: event.date > lastDay,
  }));
  const predictedSet = predictedFailures.filter((f) => f.scored).map((f) => f.entity);
  const actualSet = actualFailures.filter((f) => !f.beyondHorizon).map((f) => f.entity);
  const score = scoreFailureSet(predictedSet, actualSet);

  const timing: FailureTiming[] = score.truePositives.map((entity) => {
    const p = predictedFailures.find((f) => f.entity === entity)!;
    const a = actualFailures.find((f) => f.entity === entity)!;
    return {
      entity,
      predictedDate: p.date,
      actualDate: a.date,
      errorDays: daysBetween(a.date, p.date),
    };
  });
  const rho = spearman(
    timing.map((t) => daysBetween(episode.asOf, t.predictedDate)),
    timing.map((t) => daysBetween(episode.asOf, t.actualDate)),
  );

  const marketCapWindows = episode.marketCapWindows.map((window): MarketCapCheck => {
    const wanted = Math.round(stepOfDate(calendar, window.to));
    const last = Math.min(result.steps, wanted);
    const path = result.marketCap.path;
    const base = path[0]!;
    let predictedLevel = path[last]!;
    if (window.kind === "trough")
      for (let k = 0; k <= last; k++) predictedLevel = Math.min(predictedLevel, path[k]!);
    const predictedChange = predictedLevel / base - 1;
    const series = market.totalMarketCap;
    const measured = !series
      ? Number.NaN
      : window.kind === "change"
        ? changeBetween(series, episode.asOf, window.to)
        : (troughBetween(series, episode.asOf, window.to)?.change ?? Number.NaN);
    const [low, high] = window.reportedRange;
    return {
      id: window.id,
      label: window.label,
      kind: window.kind,
      to: window.to,
      predicted: predictedChange,
      measured: Number.isNaN(measured) ? null : measured,
      reportedRange: window.reportedRange,
      withinRange: predictedChange >= low && predictedChange <= high,
      simulatedTo: dateOfStep(calendar, last),
      coversWindow: wanted <= result.steps,
    };
  });
  const headline = marketCapWindows.find((w) => w.id === episode.headlineWindow);
  if (!headline) {
    throw new UnwindError(
      "INTERNAL",
      `episode ${episode.id} has no market-cap window "${episode.headlineWindow}"`,
    );
  }

  const btcPath = result.pricePaths[episode.btcLow.asset];
  let btcLow: number | null = null;
  let btcLowDate: string | null = null;
  if (btcPath) {
    for (let k = 0; k <= Math.min(lastIndex, btcPath.length - 1); k++) {
      if (btcLow === null || btcPath[k]! < btcLow) {
        btcLow = btcPath[k]!;
        btcLowDate = closeDayOfIndex(calendar, k);
      }
    }
  }

  const prices = episode.priceTargets.map((target): PriceCheck => {
    const simulated = simulatedPath(result, target.assets);
    const observed = observedSeries(market, target.assets);
    if (!simulated) return { id: target.id, comparison: null, missing: "the run has no path for it" };
    if (!observed) return { id: target.id, comparison: null, missing: "no observed series given" };
    const comparison = comparePath(simulated, observed, calendar, lastIndex);
    return comparison
      ? { id: target.id, comparison }
      : { id: target.id, comparison: null, missing: `no observation on ${episode.asOf}` };
  });

  const falseAmongStrong = episode.mustSurvive.filter((id) => predictedSet.includes(id));
  const targets: TargetCheck[] = [
    {
      target: `F1 on failures ≥ ${F1_TARGET}`,
      met: score.f1 >= F1_TARGET,
      detail: `F1 ${score.f1.toFixed(2)} (precision ${score.precision.toFixed(2)}, recall ${score.recall.toFixed(2)})`,
    },
    {
      target: `no false failure among ${episode.mustSurvive.join(", ")}`,
      met: falseAmongStrong.length === 0,
      detail:
        falseAmongStrong.length === 0
          ? "none predicted to fail"
          : `predicted to fail: ${falseAmongStrong.join(", ")}`,
    },
    ...marketCapWindows.map((w) => ({
      target: `market cap ${w.label} within reported range`,
      met: w.withinRange && w.coversWindow,
      detail: `simulated ${formatPercent(w.predicted)} vs reported ${formatPercent(w.reportedRange[0])} to ${formatPercent(w.reportedRange[1])}${w.coversWindow ? "" : `; the run ends at ${w.simulatedTo}, before the window ends at ${w.to}`}`,
    })),
  ];

  return {
    episode: episode.id,
    name: episode.name,
    asOf: episode.asOf,
    steps: result.steps,
    predictedFailures,
    actualFailures,
    ...score,
    orderCorrelation: Number.isNaN(rho) ? null : rho,
    timing,
    marketCapChange: headline.predicted,
    reportedMarketCapChange: headline.measured,
    reportedMarketCapRange: headline.reportedRange,
    marketCapProvider: market.totalMarketCap ? (market.provider ?? null) : null,
    marketCapWindows,
    btcLow: {
      predictedUsd: btcLow,
      predictedDate: btcLowDate,
      reportedUsd: episode.btcLow.usd,
      reportedDate: episode.btcLow.date,
    },
    prices,
    targets,
  };
}

/** Each entity's earliest predicted failure (a failure record wins over a gate at the same step). */
function predicted(
  result: CascadeOutcome,
  calendar: StepCalendar,
  scored: Set<string>,
  lastDay: string,
): PredictedFailure[] {
  const first = new Map<string, { step: number; cause: FailureCause; detail?: string }>();
  for (const f of result.failures) {
    const seen = first.get(f.entity);
    if (!seen || f.step < seen.step) {
      first.set(f.entity, f.detail === undefined ? { step: f.step, cause: f.cause } : f);
    }
  }
  for (const g of result.gated) {
    const seen = first.get(g.entity);
    if (!seen || g.step < seen.step) first.set(g.entity, { step: g.step, cause: "gated" });
  }
  return [...first.entries()]
    .map(([entity, f]) => {
      const date = dateOfStep(calendar, f.step);
      return {
        entity,
        step: f.step,
        date,
        cause: f.cause,
        ...(f.detail === undefined ? {} : { detail: f.detail }),
        scored: scored.has(entity) && date <= lastDay,
      };
    })
    .sort((a, b) => a.step - b.step || a.entity.localeCompare(b.entity));
}

function simulatedPath(result: CascadeOutcome, assets: readonly string[]): readonly number[] | undefined {
  const top = result.pricePaths[assets[0]!];
  if (!top || assets.length === 1) return top;
  const bottom = result.pricePaths[assets[1]!];
  if (!bottom) return undefined;
  return top.map((value, k) => value / bottom[k]!);
}

function observedSeries(market: EpisodeMarketData, assets: readonly string[]): DailyValues | undefined {
  const top = market.prices?.[assets[0]!];
  if (!top || assets.length === 1) return top;
  const bottom = market.prices?.[assets[1]!];
  return bottom ? seriesRatio(top, bottom) : undefined;
}

function minDate(a: string, b: string): string {
  return a < b ? a : b;
}
