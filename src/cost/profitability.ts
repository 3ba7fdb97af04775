/**
 * Profitability of mining hardware, after CBECI (CCAF, `data_fetch_calc.py` and the energy-consumption
 * services of https://github.com/CambridgeAltFin/ccaf_cbeci_api) and Luxor's hashprice
 * (https://hashrateindex.com/methodology).
 *
 * A machine of efficiency E [J/TH] earns the network's revenue per hash and pays E × price per joule:
 *   hashprice [USD per TH/s per day] = miner revenue [USD/day] ÷ hash rate [TH/s]
 *   hashcost  [USD per TH/s per day] = E × 86,400 s ÷ 3.6e6 J/kWh × price [USD/kWh] = E × 0.024 × price
 * It breaks even at the profitability threshold, the least efficient machine that still covers its
 * electricity:
 *   threshold [J/TH] = revenue ÷ (hash rate × 86,400) × 3.6e6 ÷ price
 * @module
 */

/** Seconds per day. */
const SECONDS_PER_DAY = 86_400;
/** Joules per kWh. */
const JOULES_PER_KWH = 3.6e6;

/**
 * Efficiency at which mining just pays for its electricity, J/TH.
 * @param revenueUsdPerDay miner revenue (subsidy + fees) × price, USD/day
 * @param hashrateThs network hash rate, TH/s
 * @param electricityUsdPerKwh USD/kWh
 */
export function profitabilityThreshold(
  revenueUsdPerDay: number,
  hashrateThs: number,
  electricityUsdPerKwh: number,
): number {
  return ((revenueUsdPerDay / (hashrateThs * SECONDS_PER_DAY)) * JOULES_PER_KWH) / electricityUsdPerKwh;
}

/** Hashprice: revenue per unit of hash rate, USD per TH/s per day. */
export function hashpriceUsd(revenueUsdPerDay: number, hashrateThs: number): number {
  return revenueUsdPerDay / hashrateThs;
}

/**
 * Hashprice from difficulty, USD per TH/s per day: expected blocks a day for 1 TH/s
 * (86,400 × 10¹² ÷ (difficulty × 2³²)) × reward per block × price.
 */
export function hashpriceFromDifficulty(
  difficulty: number,
  rewardPerBlockBtc: number,
  priceUsd: number,
): number {
  return ((SECONDS_PER_DAY * 1e12) / (difficulty * 2 ** 32)) * rewardPerBlockBtc * priceUsd;
}

/** Electricity cost of 1 TH/s for a day on a machine of `efficiencyJPerTh`, USD. */
export function hashcostUsd(efficiencyJPerTh: number, electricityUsdPerKwh: number): number {
  return ((efficiencyJPerTh * SECONDS_PER_DAY) / JOULES_PER_KWH) * electricityUsdPerKwh;
}

/**
 * Bitcoin price at which a machine of `efficiencyJPerTh` breaks even on electricity, USD/BTC:
 * hashcost ÷ BTC earned per TH/s per day = E × 0.024 × price × hash rate ÷ BTC per day.
 * @param btcPerDay BTC the network earns per day (issuance, plus fees if counted)
 */
export function breakevenPrice(
  efficiencyJPerTh: number,
  electricityUsdPerKwh: number,
  hashrateThs: number,
  btcPerDay: number,
): number {
  return (hashcostUsd(efficiencyJPerTh, electricityUsdPerKwh) * hashrateThs) / btcPerDay;
}
