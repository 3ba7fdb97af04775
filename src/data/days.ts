/**
 * Calendar days as integers. Every daily series in unwind is indexed by UTC calendar day; working on
 * day numbers (days since 1970-01-01) instead of strings or Date objects keeps alignment, gaps and
 * windows to integer arithmetic.
 * @module
 */

const MS_PER_DAY = 86_400_000;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Day number (days since 1970-01-01 UTC) of an ISO date `YYYY-MM-DD`; NaN if it is not a real date. */
export function dayNumber(iso: string): number {
  const match = ISO_DAY.exec(iso);
  if (!match) return Number.NaN;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  // Date.UTC rolls 2023-02-30 over into March; a real date round-trips.
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return Number.NaN;
  return ms / MS_PER_DAY;
}

/** ISO date `YYYY-MM-DD` of a day number. */
export function isoDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Day number of today (UTC). */
export function today(now: Date = new Date()): number {
  return Math.floor(now.getTime() / MS_PER_DAY);
}

/**
 * Months since year 0 of a day number (`year × 12 + month0`), for calendar-month arithmetic.
 * Integer-only civil-from-days conversion (H. Hinnant, "chrono-Compatible Low-Level Date
 * Algorithms", https://howardhinnant.github.io/date_algorithms.html), so kernels can call it per day
 * without allocating Date objects.
 */
export function monthIndex(day: number): number {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return year * 12 + month - 1;
}
