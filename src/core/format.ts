/**
 * Number formatting for human output. Machine output (`--json`) always carries raw numbers.
 * @module
 */

// Ascending, so rounding that reaches 1000 of one unit moves up to the next (999,999.9 → $1M).
const SCALES: readonly [number, string][] = [
  [1, ""],
  [1e3, "k"],
  [1e6, "M"],
  [1e9, "B"],
  [1e12, "T"],
];

/** USD with a magnitude suffix: `$1.23B`, `-$450M`, `$15.7k`, `$12.50`; `–` for null or NaN. */
export function formatUsd(value: number | null | undefined, digits = 3): string {
  if (value === null || value === undefined || Number.isNaN(value)) return "–";
  const sign = value < 0 ? "-" : "";
  const abs = Math.abs(value);
  for (let k = SCALES.length - 1; k >= 0; k--) {
    const [scale, suffix] = SCALES[k]!;
    if (abs < scale && k > 0) continue;
    const text = k === 0 ? abs.toFixed(2) : trim((abs / scale).toPrecision(digits));
    // Rounding up to 1000 of this unit is one of the next: print it there instead.
    if (Number(text) >= 1000 && k + 1 < SCALES.length) {
      const [next, nextSuffix] = SCALES[k + 1]!;
      return `${sign}$${trim((abs / next).toPrecision(digits))}${nextSuffix}`;
    }
    return `${sign}$${text}${suffix}`;
  }
  return `${sign}$${abs.toFixed(2)}`;
}

/**
 * USD to the dollar with thousands separators, for prices and costs per BTC where a suffix would hide
 * the digits a reader compares: `$15,668`, `-$3,134`; cents below $100 (`$12.50`); `–` for null or NaN.
 */
export function formatUsdExact(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return "–";
  const sign = value < 0 ? "-" : "";
  const abs = Math.abs(value);
  return abs < 100
    ? `${sign}$${abs.toFixed(2)}`
    : `${sign}$${abs.toLocaleString("en-US", { maximumFractionDigits: 0 })}`;
}

/** A fraction as a percentage: `0.253` → `25.3%`, signed with `signed`. */
export function formatPercent(value: number | null | undefined, decimals = 1, signed = false): string {
  if (value === null || value === undefined || Number.isNaN(value)) return "–";
  const text = `${(value * 100).toFixed(decimals)}%`;
  return signed && value > 0 ? `+${text}` : text;
}

/** A plain number with thousands separators and at most `decimals` decimals. */
export function formatNumber(value: number | null | undefined, decimals = 2): string {
  if (value === null || value === undefined || Number.isNaN(value)) return "–";
  return value.toLocaleString("en-US", { maximumFractionDigits: decimals });
}

function trim(text: string): string {
  return text.includes(".") && !text.includes("e") ? text.replace(/\.?0+$/, "") : text;
}
