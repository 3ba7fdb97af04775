/**
 * The strategist summary in words: the same sentences head the HTML report and the terminal output of
 * `npm start`, so the two never disagree.
 * @module
 */
import { formatPercent, formatUsd } from "../core/format.ts";
import { dateOfStep } from "../history/series.ts";
import type { ReportInput } from "./types.ts";

/** Date of a step: the scenario date plus `step × stepDays` days, as YYYY-MM-DD (see {@link dateOfStep}). */
export function stepDate(asOf: string, step: number, stepDays: number): string {
  return dateOfStep({ asOf, stepDays }, step);
}

/** A failure as a strategist reads it. */
export interface FailureLine {
  readonly step: number;
  readonly date: string;
  readonly entity: string;
  readonly name: string;
  readonly cause: string;
}

/** The summary: a headline and the figures behind it. */
export interface StrategistSummary {
  readonly headline: string;
  /** The headline without the scenario's name, for a page that already shows it as its title. */
  readonly verdict: string;
  readonly failures: readonly FailureLine[];
  readonly bullets: readonly string[];
}

/** Builds the summary sentences from a report input. */
export function strategistSummary(input: ReportInput): StrategistSummary {
  const { scenario, cascade, floor } = input;
  const name = (id: string) => scenario.entityNames[id] ?? id;
  const failures = cascade.failures.map((f) => ({
    step: f.step,
    date: stepDate(scenario.asOf, f.step, scenario.stepDays),
    entity: f.entity,
    name: name(f.entity),
    cause: f.cause,
  }));
  const forcedUsd = Object.values(cascade.forcedSales).reduce((sum, s) => sum + s.usd, 0);
  const bullets = [
    failures.length === 0
      ? "No entity fails."
      : `${failures.length} ${failures.length === 1 ? "entity fails" : "entities fail"}: ${failures.map((f) => `${f.name} (day ${f.step}, ${f.cause})`).join(" → ")}.`,
    `Forced selling: ${formatUsd(forcedUsd)} across ${Object.keys(cascade.forcedSales).length} assets; debt repaid or liquidated: ${formatUsd(cascade.deleveragingUsd)}.`,
    `Market cap: ${formatUsd(cascade.marketCap.initialUsd)} → trough ${formatUsd(cascade.marketCap.troughUsd)} (${formatPercent(cascade.marketCap.troughChange, 1, true)}), ${formatUsd(cascade.marketCap.finalUsd)} after ${cascade.steps * scenario.stepDays} days (${formatPercent(cascade.marketCap.change, 1, true)}).`,
  ];
  if (cascade.rescues.length > 0) {
    bullets.push(
      `Rescues: ${cascade.rescues.map((r) => `${name(r.rescuer)} → ${name(r.target)} ${formatUsd(r.amountUsd)} (day ${r.step})`).join("; ")}.`,
    );
  }
  if (floor?.costUsd.best != null) {
    const band = `${formatUsd(floor.costUsd.lower)}–${formatUsd(floor.costUsd.upper)}`;
    const move =
      floor.impliedMove === null
        ? ""
        : floor.impliedMove < 0
          ? `; spot ${formatUsd(floor.priceUsd)} implies a decline of ${formatPercent(-floor.impliedMove)} to cost`
          : `; spot ${formatUsd(floor.priceUsd)} is already ${formatPercent(floor.impliedMove)} below cost`;
    bullets.push(
      `Bitcoin production cost on ${floor.date} at $${floor.electricityUsdPerKwh}/kWh: ${formatUsd(floor.costUsd.best)} (band ${band})${move}.`,
    );
  }
  const trough = formatPercent(cascade.marketCap.troughChange, 1, true);
  const verdict =
    failures.length === 0
      ? `No failures; market cap ${trough} at the trough.`
      : `${failures.length} failure${failures.length === 1 ? "" : "s"}, market cap ${trough} at the trough.`;
  return {
    headline: `${scenario.name}: ${verdict[0]!.toLowerCase()}${verdict.slice(1)}`,
    verdict,
    failures,
    bullets,
  };
}
