/**
 * All-in cost per bitcoin: electricity plus straight-line depreciation of the hardware that produces
 * the network's hash rate plus other operating costs. The shape follows the trilogik open
 * methodology (all-in = electricity × opex multiplier + capex per BTC,
 * https://bitcoin-mining-costs.trilogik.net/en/methodology, cited in production-cost.md §c).
 *
 * Parameters and their sources:
 * - `hardwareUsdPerTh`: market price of hardware per TH/s. No default — it moves by a factor of three
 *   within a year (Hashrate Index's ASIC price index for ≤25 J/TH machines fell from $60/TH in July
 *   2022 to $20/TH in July 2023: https://www.coindesk.com/consensus-magazine/2023/07/26/bitcoin-miners-buy-up-rigs-as-prices-near-all-time-lows/),
 *   so the caller must state the figure for the date in question.
 * - `hardwareLifeYears`: default 5, CBECI's economic life of mining hardware (157,680,000 s,
 *   `five_years_after_release` in CCAF's v1.3.1 service).
 * - `overheadFraction`: non-power operating costs (staff, maintenance, pool fees) as a fraction of the
 *   electricity cost. Default 0: no public industry-wide figure was found, so none is assumed.
 * @module
 */

/** Parameters of {@link allInCost}. */
export interface AllInParameters {
  /** Capital cost of hardware, USD per TH/s of capacity. */
  readonly hardwareUsdPerTh: number;
  /** Depreciation period, years (default 5). */
  readonly hardwareLifeYears?: number;
  /** Other operating cost as a fraction of electricity (default 0). */
  readonly overheadFraction?: number;
}

/** All-in cost per BTC and its parts, USD/BTC. */
export interface AllInCost {
  readonly electricityUsd: number;
  readonly depreciationUsd: number;
  readonly overheadUsd: number;
  readonly totalUsd: number;
}

/**
 * All-in cost per BTC, USD:
 *   depreciation = hash rate [TH/s] × hardwareUsdPerTh ÷ (life × 365.25 days) ÷ BTC per day
 *   overhead     = electricity × overheadFraction
 * @param electricityCostUsd electricity cost per BTC (e.g. the best-guess production cost)
 * @param hashrateThs network hash rate, TH/s
 * @param btcPerDay BTC the cost is spread over
 */
export function allInCost(
  electricityCostUsd: number,
  hashrateThs: number,
  btcPerDay: number,
  parameters: AllInParameters,
): AllInCost {
  const lifeDays = (parameters.hardwareLifeYears ?? 5) * 365.25;
  const depreciationUsd = (hashrateThs * parameters.hardwareUsdPerTh) / lifeDays / btcPerDay;
  const overheadUsd = electricityCostUsd * (parameters.overheadFraction ?? 0);
  return {
    electricityUsd: electricityCostUsd,
    depreciationUsd,
    overheadUsd,
    totalUsd: electricityCostUsd + depreciationUsd + overheadUsd,
  };
}
