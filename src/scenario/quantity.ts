/**
 * Sourced quantities. Any number in a scenario may be written bare (`1.2e9`) or with its provenance:
 * `{"value": 1.2e9, "source": "https://…", "range": [1.0e9, 1.5e9]}`; a figure that had to be
 * estimated says how in `estimate`. Ranges feed the Monte Carlo over uncertain inputs.
 * @module
 */
import { z } from "zod";

/** Bounds on a quantity's value (and on both ends of its range). */
export interface Bounds {
  readonly min?: number;
  /** Strict lower bound (`value > gt`). */
  readonly gt?: number;
  readonly max?: number;
  /** Strict upper bound (`value < lt`). */
  readonly lt?: number;
  readonly int?: boolean;
}

/** A source URL (http or https). */
export const sourceUrl = z.url({ protocol: /^https?$/ });

/** Provenance of one number: where it comes from and how uncertain it is. */
export interface Provenance {
  /** Source URL(s). */
  readonly source?: string | readonly string[] | undefined;
  /** Plausible interval [low, high] where sources disagree or the figure is uncertain. */
  readonly range?: readonly [number, number] | undefined;
  /** How the figure was estimated, when no source states it directly. */
  readonly estimate?: string | undefined;
  /** Free-text remark. */
  readonly note?: string | undefined;
}

/** The input form of a quantity: a bare number or a number with provenance. */
export type QuantityInput = number | ({ value: number } & Provenance);

function bounded(b: Bounds): z.ZodNumber {
  let schema = b.int ? z.number().int() : z.number();
  if (b.min !== undefined) schema = schema.min(b.min);
  if (b.gt !== undefined) schema = schema.gt(b.gt);
  if (b.max !== undefined) schema = schema.max(b.max);
  if (b.lt !== undefined) schema = schema.lt(b.lt);
  return schema;
}

/** Schema of a quantity within `bounds`: a number, or `{value, source?, range?, estimate?, note?}`. */
export function quantity(bounds: Bounds = {}) {
  const number = bounded(bounds);
  const sourced = z
    .strictObject({
      value: number,
      source: z.union([sourceUrl, z.array(sourceUrl).min(1)]).optional(),
      range: z.tuple([number, number]).optional(),
      estimate: z.string().min(1).optional(),
      note: z.string().optional(),
    })
    .superRefine((q, ctx) => {
      if (!q.range) return;
      const [low, high] = q.range;
      if (low > high) {
        ctx.addIssue({
          code: "custom",
          path: ["range"],
          message: `expected [low, high] with low ≤ high, got [${low}, ${high}]`,
        });
      } else if (q.value < low || q.value > high) {
        ctx.addIssue({
          code: "custom",
          path: ["value"],
          message: `value ${q.value} lies outside its range [${low}, ${high}]`,
        });
      }
    });
  return z.union([number, sourced]);
}

/** Numeric value of a quantity. */
export function quantityValue(q: number | { readonly value: number }): number {
  return typeof q === "number" ? q : q.value;
}
