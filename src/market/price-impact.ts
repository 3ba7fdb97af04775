/**
 * Price-impact models: how far a sale of `q` USD (valued at the pre-trade price) moves an asset's price,
 * and at what average price it executes. Each model is a pair of pure scalar functions:
 *
 * - impact `Ψ(q)`: relative fall of the price after the sale, in [0, 1]: `P_after = P·(1 − Ψ(q))`;
 * - execution discount `Ψ̄(q) = (1/q)∫₀^q Ψ(u) du`: relative shortfall of the average execution price
 *   when the sale walks down the curve: proceeds = `q·(1 − Ψ̄(q))`.
 *
 * Models (parameters in brackets; `depth` already multiplied by any stress factor):
 * - `linear` [D, USD]: `Ψ = min(1, q/D)` — a Kyle-λ book with D USD per 100% move
 *   (defi-liquidations.md §5, "Kyle λ").
 * - `sqrt` [V = daily volume USD, c = Y·σ_daily]: `Ψ = min(1, c·√(q/V))` — the square-root law
 *   (Donier & Bonart 2015, https://papers.ssrn.com/sol3/papers.cfm?abstract_id=2536001). σ and V are
 *   daily, and the law is horizon-free: `Yσ√T·√(q/(V·T)) = Yσ√(q/V)`, so the step length does not enter.
 * - `amm` [R = quote reserve USD]: constant product `x·y = k`; selling q USD worth of the base token
 *   moves the spot price to `P·(R/(R+q))²` and pays `R·q/(R+q)`, so `Ψ = 1 − (R/(R+q))²` and
 *   `Ψ̄ = q/(R+q)` (Uniswap v2 pricing, https://docs.uniswap.org/contracts/v2/concepts/advanced-topics/pricing).
 * - `exponential` [D, floor price B]: Cont & Schaanning (2017, Norges Bank WP 2/2017,
 *   https://dx.doi.org/10.2139/ssrn.2541114) `Ψ = (1 − B/P)(1 − e^{−q/δ})`, `δ = (1 − b)·D` with
 *   `b = B/P₀` the floor as a fraction of the initial price: the price never falls below B through
 *   impact. With b = 0 and `D = market cap / 1.0536` it is Caccioli et al. (2014): liquidating 10% of
 *   an asset drops its price 10%.
 * - `stableswap` [R = each side's balance of a balanced two-coin pool, A = amplification]: Curve's
 *   StableSwap invariant `4A(x + y) + D = 4AD + D³/(4xy)` (Egorov 2019, "StableSwap – efficient
 *   mechanism for Stablecoin liquidity", https://docs.curve.finance/docs/protocol/pool/understanding-stableswap.md)
 *   with `D = 2R`. Selling q of the pegged coin makes `x = R + q`; y solves the invariant (a quadratic
 *   in y); the marginal price is `p = (4A + D³/(4x²y)) / (4A + D³/(4xy²))` in units of the other coin,
 *   so `Ψ = 1 − p`, and the seller receives `R − y`: `Ψ̄ = 1 − (R − y)/q`. Near balance it behaves like
 *   a constant-sum book (tiny impact); once the pool is drained of the other coin, like a constant
 *   product (A → 0 is Uniswap's curve). Here q and R are in units of the peg asset.
 * @module
 */

/** Model codes, as stored in a `Uint8Array` per asset. */
export const IMPACT_LINEAR = 0;
/** Square-root law. */
export const IMPACT_SQRT = 1;
/** Constant-product AMM. */
export const IMPACT_AMM = 2;
/** Cont–Schaanning exponential impact with a price floor. */
export const IMPACT_EXPONENTIAL = 3;
/** Curve StableSwap pool (two coins, balanced at the start). */
export const IMPACT_STABLESWAP = 4;

/**
 * StableSwap pool after `qOverR` (the sale in units of one side's initial balance R) has been sold into a
 * balanced two-coin pool with amplification `a`: the other coin's balance `y/R`, and the marginal price
 * of the sold coin in units of the other. With `x̂ = 1 + q/R` and `D/R = 2`, the invariant multiplied by
 * `4x̂ŷ` is the quadratic `16A·x̂·ŷ² + (16A·x̂² + 8x̂(1 − 4A))·ŷ − 8 = 0`, whose positive root is taken in
 * the form that avoids cancellation. The kernels call {@link stableSwapY} and {@link stableSwapPrice},
 * which return numbers (no object per call in the sale loops).
 */
export function stableSwapState(a: number, qOverR: number): { y: number; price: number } {
  const y = stableSwapY(a, qOverR);
  return { y, price: stableSwapMarginalPrice(a, 1 + qOverR, y) };
}

/** The other coin's balance `y/R` after selling `qOverR` (see {@link stableSwapState}). */
export function stableSwapY(a: number, qOverR: number): number {
  const x = 1 + qOverR;
  const qa = 16 * a * x;
  const qb = 16 * a * x * x + 8 * x * (1 - 4 * a);
  const root = Math.sqrt(qb * qb + 32 * qa);
  return qb >= 0 ? 16 / (qb + root) : (root - qb) / (2 * qa);
}

/** The sold coin's marginal price, in units of the other, after selling `qOverR` (see {@link stableSwapState}). */
export function stableSwapPrice(a: number, qOverR: number): number {
  return stableSwapMarginalPrice(a, 1 + qOverR, stableSwapY(a, qOverR));
}

/**
 * Average shortfall `Ψ̄ = 1 − (R − y)/q` of selling `qOverR` = v into the pool, without the cancellation
 * of that form for small v. With ŷ = 1 − u and x̂ = 1 + v the invariant's quadratic becomes
 * `16A·x̂·u² − x̂B·u + vB = 0` with `B = 16A·x̂ + 8`, whose small root is `u = 2vB/(x̂B + S)`,
 * `S = √(x̂B·C)`, `C = 16A(1 − v)² + 8(1 + v)`; then `x̂C − B = v·N`, `N = 16A(1 + v)(v − 2) + 8(2 + v)`,
 * and `Ψ̄ = 1 − u/v = vB(S + B + N) / ((S + B)(x̂B + S))`, every difference taken in closed form.
 * Relative error ≤ 1e-12 for A ≤ 5,000 against 60-digit arithmetic (→ v/(2A + 1) as v → 0).
 */
export function stableSwapShortfall(a: number, qOverR: number): number {
  const v = qOverR;
  const x = 1 + v;
  const b = 16 * a * x + 8;
  const c = 16 * a * (1 - v) * (1 - v) + 8 * (1 + v);
  const s = Math.sqrt(x * b * c);
  const n = 16 * a * (1 + v) * (v - 2) + 8 * (2 + v);
  return (v * b * (s + b + n)) / ((s + b) * (x * b + s));
}

/** `p = (4A + D³/(4x²y)) / (4A + D³/(4xy²))` with D = 2 and balances in units of R. */
function stableSwapMarginalPrice(a: number, x: number, y: number): number {
  return (4 * a + 2 / (x * x * y)) / (4 * a + 2 / (x * y * y));
}

/**
 * Relative price fall Ψ ∈ [0, 1] caused by selling `q` USD (valued at `price`) in one go.
 * @param model one of the `IMPACT_*` codes
 * @param depth D (linear, exponential), V (sqrt: daily volume) or R (amm: quote reserve), USD, > 0;
 *   stableswap: each side's initial balance R, in units of the peg asset
 * @param shape sqrt: Y·σ_daily; exponential: the floor fraction b = B/P₀ (δ = (1 − b)·D); stableswap:
 *   the amplification A; else unused
 * @param floorPrice exponential: floor price B, USD per unit (0: none); else unused
 * @param price the pre-trade price, USD per unit (only the exponential model's floor uses it)
 * @param q USD sold, valued at `price` (stableswap: units of the peg asset)
 */
export function impactFraction(
  model: number,
  depth: number,
  shape: number,
  floorPrice: number,
  price: number,
  q: number,
): number {
  if (!(q > 0)) return 0;
  switch (model) {
    case IMPACT_LINEAR:
      return q >= depth ? 1 : q / depth;
    case IMPACT_SQRT: {
      const psi = shape * Math.sqrt(q / depth);
      return Math.min(psi, 1);
    }
    case IMPACT_AMM: {
      const r = depth / (depth + q);
      return 1 - r * r;
    }
    case IMPACT_STABLESWAP:
      return Math.min(1, Math.max(0, 1 - stableSwapPrice(shape, q / depth)));
    default: {
      const room = floorRoom(floorPrice, price);
      if (room === 0) return 0;
      return room * -Math.expm1(-q / ((1 - shape) * depth));
    }
  }
}

/**
 * Average execution shortfall Ψ̄ ∈ [0, 1] of a sale of `q` USD that walks down the impact curve:
 * the seller receives `q·(1 − Ψ̄)`. Ψ̄ ≤ Ψ always (the first units sell at the better price).
 * Parameters as for {@link impactFraction}.
 */
export function executionDiscount(
  model: number,
  depth: number,
  shape: number,
  floorPrice: number,
  price: number,
  q: number,
): number {
  if (!(q > 0)) return 0;
  switch (model) {
    case IMPACT_LINEAR:
      // ∫₀^q u/D du = q²/2D up to the saturation point D, then the price is 0.
      return q <= depth ? q / (2 * depth) : 1 - depth / (2 * q);
    case IMPACT_SQRT: {
      // ∫₀^q c√(u/V) du = (2/3)c·q·√(q/V) until Ψ reaches 1 at q* = V/c².
      const saturation = depth / (shape * shape);
      if (q <= saturation) return (2 / 3) * shape * Math.sqrt(q / depth);
      return 1 - saturation / (3 * q);
    }
    case IMPACT_AMM:
      return q / (depth + q);
    case IMPACT_STABLESWAP:
      return Math.min(1, Math.max(0, stableSwapShortfall(shape, q / depth)));
    default: {
      const room = floorRoom(floorPrice, price);
      if (room === 0) return 0;
      const x = q / ((1 - shape) * depth);
      // 1 − (1 − e^{−x})/x, computed without cancellation for small x.
      const average = x < 1e-6 ? x / 2 - (x * x) / 6 : 1 + Math.expm1(-x) / x;
      return room * average;
    }
  }
}

/** Distance to the floor as a fraction of the price, `max(0, 1 − B/P)`. */
function floorRoom(floorPrice: number, price: number): number {
  if (!(price > 0) || floorPrice >= price) return 0;
  return 1 - floorPrice / price;
}

/**
 * Market depth `D = c·ADV·√τ/σ` (Cont & Schaanning 2017, eq. for market depth), USD: the sale that
 * moves the price by about 1/e of the way to the floor.
 * @param dailyVolumeUsd average daily volume ADV, USD
 * @param dailyVolatility daily return volatility σ (fraction)
 * @param c Cont–Schaanning's scale constant (they use 0.4)
 * @param horizonDays liquidation horizon τ, days (they use 20)
 */
export function contSchaanningDepth(
  dailyVolumeUsd: number,
  dailyVolatility: number,
  c: number,
  horizonDays: number,
): number {
  return (c * dailyVolumeUsd * Math.sqrt(horizonDays)) / dailyVolatility;
}
