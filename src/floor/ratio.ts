/**
 * Price against production cost: the ratio JPMorgan's strategists read as a bear-market floor signal
 * and the move from spot to cost ("a decline of around 25% from here").
 * @module
 */

/** Price ÷ cost; NaN unless both are positive. Below 1 the price is under the cost of production. */
export function priceToCost(priceUsd: number, costUsd: number): number {
  return priceUsd > 0 && costUsd > 0 ? priceUsd / costUsd : Number.NaN;
}

/**
 * Relative move from spot to cost, `cost ÷ price − 1`: −0.25 means the cost lies 25% below spot.
 * NaN unless both are positive.
 */
export function impliedMove(priceUsd: number, costUsd: number): number {
  return priceUsd > 0 && costUsd > 0 ? costUsd / priceUsd - 1 : Number.NaN;
}
