/**
 * A hardware list as struct of arrays, sorted by release date, for the network-power kernel.
 * @module
 */
import { dayNumber, monthIndex } from "../data/days.ts";
import type { HardwareModel } from "../data/hardware-list.ts";

/** Hardware columns, sorted by release day (ties by efficiency). */
export interface HardwareArrays {
  readonly count: number;
  readonly names: readonly string[];
  /** Release day numbers. */
  readonly releaseDay: Int32Array;
  /** Calendar month index (year × 12 + month) of release + 2 months: CBECI's start of age weighting. */
  readonly weightingStartMonth: Int32Array;
  /** J/TH. */
  readonly efficiencyJPerTh: Float64Array;
}

/** Converts models to sorted columns. */
export function hardwareArrays(models: readonly HardwareModel[]): HardwareArrays {
  const sorted = models
    .map((m) => ({ name: m.name, day: dayNumber(m.released), efficiency: m.efficiencyJPerTh }))
    .sort((a, b) => a.day - b.day || a.efficiency - b.efficiency);
  return {
    count: sorted.length,
    names: sorted.map((m) => m.name),
    releaseDay: Int32Array.from(sorted, (m) => m.day),
    weightingStartMonth: Int32Array.from(sorted, (m) => monthIndex(m.day) + 2),
    efficiencyJPerTh: Float64Array.from(sorted, (m) => m.efficiency),
  };
}
