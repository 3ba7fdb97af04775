/**
 * The energy-cost method JPMorgan's strategists use for bitcoin's production cost (Panigirtzoglou et
 * al.; described in ../shared/research/production-cost.md §a): the network's electricity per day times
 * its price, divided by the bitcoin issued per day.
 *
 *   energy [kWh/day] = power [GW] × 24 h × 10⁶ kW/GW
 *   cost [USD/BTC]   = energy × electricity price [USD/kWh] ÷ issuance [BTC/day]
 *
 * With CBECI's old-method best guess for 2022-11-09 (103.01 TWh/yr = 11.751 GW), $0.05/kWh and
 * 900 BTC/day this gives $15,668, against JPMorgan's "about $15,000".
 * @module
 */
import { TWH_PER_YEAR_PER_GW } from "../data/metrics.ts";

/** kWh per day drawn by a constant 1 GW (24 h × 10⁶ kW). */
export const KWH_PER_DAY_PER_GW = 24e6;

/** Electricity a network drawing `powerGW` uses per day, kWh. */
export function energyKwhPerDay(powerGW: number): number {
  return powerGW * KWH_PER_DAY_PER_GW;
}

/** Average power, GW, of an annualised consumption in TWh/yr (CBECI's factor 365.25 × 24 / 1000). */
export function powerFromAnnualTwh(twhPerYear: number): number {
  return twhPerYear / TWH_PER_YEAR_PER_GW;
}

/**
 * Electricity cost per bitcoin, USD/BTC: `powerGW × 24e6 × electricityUsdPerKwh ÷ btcPerDay`.
 * @param powerGW network power, GW
 * @param electricityUsdPerKwh electricity price, USD/kWh
 * @param btcPerDay bitcoin the cost is spread over, BTC/day (issuance, plus fees if counted)
 */
export function productionCost(powerGW: number, electricityUsdPerKwh: number, btcPerDay: number): number {
  return (powerGW * KWH_PER_DAY_PER_GW * electricityUsdPerKwh) / btcPerDay;
}

/**
 * Change in cost per BTC for +1 ¢/kWh with the network's energy held fixed, USD/BTC:
 * `powerGW × 24e6 × 0.01 ÷ btcPerDay` (= cost ÷ (price in cents)).
 */
export function costSensitivityPerCent(powerGW: number, btcPerDay: number): number {
  return (powerGW * KWH_PER_DAY_PER_GW * 0.01) / btcPerDay;
}
