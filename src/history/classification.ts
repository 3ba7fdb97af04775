/**
 * Scoring a predicted set of failures against the set that actually failed.
 * @module
 */

/** Confusion counts and the scores derived from them. */
export interface SetScore {
  /** Predicted and actual, sorted. */
  readonly truePositives: readonly string[];
  /** Predicted but did not fail, sorted. */
  readonly falsePositives: readonly string[];
  /** Failed but not predicted, sorted. */
  readonly falseNegatives: readonly string[];
  /** TP / (TP + FP); 1 when nothing was predicted (no false claim was made). */
  readonly precision: number;
  /** TP / (TP + FN); 1 when nothing failed (nothing was missed). */
  readonly recall: number;
  /** Harmonic mean of precision and recall; 0 when both are 0. */
  readonly f1: number;
}

/**
 * Precision, recall and F1 of `predicted` against `actual` (van Rijsbergen's F-measure with β = 1).
 * Duplicates are ignored. The empty-set conventions make a run that predicts nothing in a calm
 * episode score 1, and one that predicts nothing in a crisis score recall 0, F1 0.
 */
export function scoreFailureSet(predicted: Iterable<string>, actual: Iterable<string>): SetScore {
  const p = new Set(predicted);
  const a = new Set(actual);
  const truePositives = [...p].filter((id) => a.has(id)).sort();
  const falsePositives = [...p].filter((id) => !a.has(id)).sort();
  const falseNegatives = [...a].filter((id) => !p.has(id)).sort();
  const tp = truePositives.length;
  const precision = p.size === 0 ? 1 : tp / p.size;
  const recall = a.size === 0 ? 1 : tp / a.size;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { truePositives, falsePositives, falseNegatives, precision, recall, f1 };
}
