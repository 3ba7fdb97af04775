/**
 * Canonical metric ids and units. Importers translate each source's names into these, so a model asks
 * for `btc.hashrate` in TH/s whether it came from Coin Metrics, blockchain.com or mempool.space.
 * @module
 */

/** Bitcoin network and market metrics, one value per UTC day unless the series says otherwise. */
export const BTC = {
  /** Daily close, USD per BTC. */
  priceUsd: { metric: "btc.price_usd", unit: "USD" },
  /** Mean network hash rate, TH/s. */
  hashrate: { metric: "btc.hashrate", unit: "TH/s" },
  /** Mining difficulty (dimensionless). */
  difficulty: { metric: "btc.difficulty", unit: "1" },
  /** Blocks mined that day. */
  blocks: { metric: "btc.blocks", unit: "blocks/day" },
  /** New BTC issued that day (block subsidies). */
  issuance: { metric: "btc.issuance", unit: "BTC/day" },
  /** Transaction fees paid to miners that day. */
  fees: { metric: "btc.fees", unit: "BTC/day" },
  /** Average coinbase reward (subsidy + fees) per block. */
  rewardPerBlock: { metric: "btc.reward_per_block", unit: "BTC" },
  /** Average fees per block (coinbase reward − subsidy at the block's height). */
  feesPerBlock: { metric: "btc.fees_per_block", unit: "BTC" },
  /** Miner revenue (subsidy + fees) that day, USD. */
  minerRevenueUsd: { metric: "btc.miner_revenue_usd", unit: "USD/day" },
  /** Market capitalisation, USD. */
  marketCapUsd: { metric: "btc.market_cap_usd", unit: "USD" },
} as const;

/** CBECI network power bound. */
export type CbeciBound = "lower" | "best" | "upper";

/**
 * Metric id of a CBECI power series: `cbeci.power_gw.<bound>@<price>`, price in USD/kWh with two
 * decimals (CBECI publishes one series per electricity price).
 */
export function cbeciMetric(bound: CbeciBound, electricityUsdPerKwh: number): string {
  return `cbeci.power_gw.${bound}@${electricityUsdPerKwh.toFixed(2)}`;
}

/** Parses a {@link cbeciMetric} id. */
export function parseCbeciMetric(
  metric: string,
): { bound: CbeciBound; electricityUsdPerKwh: number } | undefined {
  const match = /^cbeci\.power_gw\.(lower|best|upper)@(\d+\.\d+)$/.exec(metric);
  return match ? { bound: match[1] as CbeciBound, electricityUsdPerKwh: Number(match[2]) } : undefined;
}

/** CBECI's conversion between power and annualised energy: TWh/yr = GW × 365.25 × 24 / 1000. */
export const TWH_PER_YEAR_PER_GW = 8.766;
