import { describe, expect, it } from "vitest";
import { episode, outcome } from "../../test/fixtures/episode.ts";
import { calibrationLoss, gridPoints, toParameters } from "./calibration.ts";
import { validateEpisode } from "./validate.ts";

describe("the calibration objective", () => {
  it("adds the components with their weights", () => {
    const v = validateEpisode(episode, outcome);
    const targets = { firstWeek: -0.3, trough: -0.5, btcLowUsd: 15_000 };
    const loss = calibrationLoss(v, targets);
    // Each component from the validation it reads, then the weighted sum.
    const week = v.marketCapWindows.find((w) => w.id === "first-week")?.predicted ?? 0;
    const trough = v.marketCapWindows.find((w) => w.id === "june-trough")?.predicted ?? 0;
    expect(loss.failures).toBeCloseTo(1 - v.f1, 12);
    expect(loss.firstWeek).toBeCloseTo(Math.abs(week + 0.3), 12);
    expect(loss.trough).toBeCloseTo(Math.abs(trough + 0.5), 12);
    expect(loss.btcLow).toBeCloseTo(Math.abs(Math.log(v.btcLow.predictedUsd! / 15_000)), 12);
    expect(loss.order).toBe(0.5); // ρ undefined with fewer than two correct failures
    expect(loss.total).toBeCloseTo(
      loss.failures + loss.firstWeek + loss.trough + 0.5 * loss.btcLow + 0.25 * loss.order + loss.strong,
      12,
    );
  });

  it("enumerates a grid and turns its points into scenario parameters", () => {
    const points = gridPoints({ "runs.sensitivity": [0.1, 0.3], defaultCosts: [1, 0.7] });
    expect(points).toEqual([
      { "runs.sensitivity": 0.1, defaultCosts: 1 },
      { "runs.sensitivity": 0.1, defaultCosts: 0.7 },
      { "runs.sensitivity": 0.3, defaultCosts: 1 },
      { "runs.sensitivity": 0.3, defaultCosts: 0.7 },
    ]);
    expect(toParameters({ "runs.sensitivity": 0.3, "runs.marketWeight": 0.15, defaultCosts: 0.7 })).toEqual({
      runs: { sensitivity: 0.3, marketWeight: 0.15 },
      defaultCosts: { alpha: 0.7, beta: 0.7 },
    });
  });
});
