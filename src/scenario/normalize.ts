/**
 * Turns a validated scenario document into the form models consume: every quantity becomes a plain
 * number, and its provenance (source, range, estimate) moves to a flat list keyed by field path.
 * @module
 */
import { formatPath } from "../core/path.ts";
import type { Provenance } from "./quantity.ts";
import type { ScenarioDocument } from "./schema.ts";

/** Replaces every quantity type in `T` with `number`. */
export type Normalized<T> = T extends number | { value: number }
  ? number
  : T extends readonly (infer U)[]
    ? Normalized<U>[]
    : T extends object
      ? { [K in keyof T]: Normalized<T[K]> }
      : T;

/** Provenance of one number in a scenario. */
export interface NumberProvenance extends Provenance {
  /** Field path, e.g. `entities[3].cashUsd`. */
  readonly path: string;
  readonly value: number;
}

/** A validated scenario with plain numbers, ready for the models. */
export type Scenario = Normalized<ScenarioDocument> & {
  /** Every number in the file with its provenance (bare numbers have none), in document order. */
  readonly provenance: readonly NumberProvenance[];
};

const PROVENANCE_KEYS = new Set(["value", "source", "range", "estimate", "note"]);

function isQuantityObject(node: object): node is { value: number } & Provenance {
  if (typeof (node as { value?: unknown }).value !== "number") return false;
  for (const key of Object.keys(node)) if (!PROVENANCE_KEYS.has(key)) return false;
  return true;
}

/** Normalizes a document that has passed {@link scenarioSchema} validation. */
export function normalizeScenario(doc: ScenarioDocument): Scenario {
  const provenance: NumberProvenance[] = [];
  const walk = (node: unknown, path: (string | number)[]): unknown => {
    if (typeof node === "number") {
      provenance.push({ path: formatPath(path), value: node });
      return node;
    }
    if (node === null || typeof node !== "object") return node;
    if (Array.isArray(node)) {
      // A range is [low, high] inside a quantity; it never reaches here because quantities are handled whole.
      return node.map((item, i) => walk(item, [...path, i]));
    }
    if (isQuantityObject(node)) {
      const { value, ...rest } = node;
      provenance.push({ path: formatPath(path), value, ...rest });
      return value;
    }
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(node)) out[key] = walk(child, [...path, key]);
    return out;
  };
  const normalized = walk(doc, []) as Normalized<ScenarioDocument>;
  return { ...normalized, provenance };
}

/** An asset of a normalized scenario. */
export type ScenarioAsset = Scenario["assets"][number];
/** An entity of a normalized scenario. */
export type ScenarioEntity = Scenario["entities"][number];
/** A claim of a normalized scenario. */
export type ScenarioClaim = NonNullable<Scenario["claims"]>[number];
/** A shock of a normalized scenario. */
export type ScenarioShock = NonNullable<Scenario["shocks"]>[number];
