/**
 * Parsers for option values. Each throws commander's InvalidArgumentError, which the CLI reports as
 * a usage error (exit code 2) naming the option and what it expected.
 * @module
 */
import { InvalidArgumentError } from "commander";

/** A finite number. */
export function parseNumber(text: string): number {
  const value = Number(text);
  if (text.trim() === "" || !Number.isFinite(value))
    throw new InvalidArgumentError("expected a finite number.");
  return value;
}

/** An integer ≥ `min`. */
export function integerAtLeast(min: number): (text: string) => number {
  return (text) => {
    const value = Number(text);
    if (!/^-?\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value < min) {
      throw new InvalidArgumentError(`expected an integer ≥ ${min}.`);
    }
    return value;
  };
}

/** A number in [min, max]. */
export function numberBetween(min: number, max: number): (text: string) => number {
  return (text) => {
    const value = parseNumber(text);
    if (value < min || value > max)
      throw new InvalidArgumentError(`expected a number between ${min} and ${max}.`);
    return value;
  };
}

/** A calendar date YYYY-MM-DD. */
export function parseDate(text: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (match) {
    const date = new Date(`${text}T00:00:00Z`);
    if (!Number.isNaN(date.getTime()) && date.toISOString().startsWith(text)) return text;
  }
  throw new InvalidArgumentError("expected a date as YYYY-MM-DD.");
}
