/**
 * Liquidity: what an entity must pay within a step and how it raises the cash.
 *
 * Dues, in order of priority: deficiencies left by collateral liquidations and margin-call repayments
 * (secured lenders enforce first), then withdrawals (runs, exogenous withdrawals, stablecoin
 * redemptions), then debt repayment from deleveraging proceeds. Cash is raised, in order, from cash on
 * hand, undrawn credit lines whose lender is open and has the cash, sales of unpledged liquid tokens
 * (USD stablecoins first, then the rest least price impact first — or pro rata by value with
 * `fireSales.saleOrder: "pro-rata"` — with price impact), and — only for an entity that does not gate —
 * sales of other (illiquid) assets at `illiquidDiscount`. Locked tokens are never sold.
 * @module
 */
import { PEG_USD, pegValue, REDEMPTION_NONE, saleImpact } from "../market/market.ts";
import { emit, type RunContext } from "./context.ts";
import { placeOrder, repayDebtProRata, unorderedUnits } from "./fire-sales.ts";
import { CREDIT_LINE, DEPOSIT, SECURED } from "./model.ts";
import { ACTIVE, FAILED, faceUsd, repayFace, SALE_LIQUIDITY } from "./state.ts";

/** Callable funding of entity `i`: customer deposits and callable claims of other entities, USD. */
export function callableFunding(ctx: RunContext, i: number): number {
  const { state, byDebtor, model } = ctx;
  let total = state.deposits[i]!;
  for (let s = byDebtor.start[i]!, end = byDebtor.start[i + 1]!; s < end; s++) {
    const k = byDebtor.claim[s]!;
    if (model.callable[k] === 1) total += faceUsd(state, k);
  }
  return total;
}

/** Margin repayments and deficiencies entity `i` owes now, USD. */
export function securedDue(ctx: RunContext, i: number): number {
  const { state, byDebtor } = ctx;
  let total = 0;
  for (let s = byDebtor.start[i]!, end = byDebtor.start[i + 1]!; s < end; s++) {
    const k = byDebtor.claim[s]!;
    if (state.kind[k] === SECURED) total += state.marginDue[k]! + state.deficiencyDue[k]!;
  }
  return total;
}

/** Loans recalled from entity `i` this step by creditors that are themselves being run, USD still unpaid. */
export function recallsDue(ctx: RunContext, i: number): number {
  const { buffers, byDebtor } = ctx;
  let total = 0;
  for (let s = byDebtor.start[i]!, end = byDebtor.start[i + 1]!; s < end; s++)
    total += buffers.recallDue[byDebtor.claim[s]!]!;
  return total;
}

/** Everything entity `i` must pay this step that is still unpaid, USD (deleveraging excluded). */
function totalDue(ctx: RunContext, i: number): number {
  return securedDue(ctx, i) + ctx.buffers.runDue[i]! + ctx.buffers.externalDue[i]! + recallsDue(ctx, i);
}

/** Pays entity `i`'s dues from its cash, in priority order. */
export function payDues(ctx: RunContext, i: number): void {
  const { state, byDebtor } = ctx;
  // Secured lenders first: deficiencies, then margin repayments.
  for (let pass = 0; pass < 2; pass++) {
    for (let s = byDebtor.start[i]!, end = byDebtor.start[i + 1]!; s < end; s++) {
      const k = byDebtor.claim[s]!;
      if (state.kind[k] !== SECURED) continue;
      const due = pass === 0 ? state.deficiencyDue : state.marginDue;
      const pay = Math.min(due[k]!, state.cash[i]!);
      if (!(pay > 0)) continue;
      due[k]! -= pay;
      repayFace(state, k, pay);
      state.cash[i]! -= pay;
      state.cash[state.creditor[k]!]! += pay;
      ctx.deleveragingUsd += pay;
      emit(ctx, pass === 0 ? "deficiency-payment" : "margin-repayment", i, pay, {
        counterparty: state.creditor[k]!,
      });
    }
  }
  payWithdrawals(ctx, i);
  payRecalls(ctx, i);
  const earmarked = ctx.buffers.deleverageDue[i]!;
  if (earmarked > 0 && state.cash[i]! > 0)
    ctx.buffers.deleverageDue[i]! -= repayDebtProRata(ctx, i, earmarked);
}

/** Pays withdrawals due from cash: external ones from deposits, run ones pro rata over callable funding. */
function payWithdrawals(ctx: RunContext, i: number): void {
  const { state, buffers, byDebtor, model } = ctx;
  const external = buffers.externalDue[i]!;
  const run = buffers.runDue[i]!;
  const due = external + run;
  const pay = Math.min(due, state.cash[i]!);
  if (!(pay > 0)) return;
  const externalPart = Math.min(pay * (external / due), state.deposits[i]!);
  buffers.externalDue[i]! -= pay * (external / due);
  state.deposits[i]! -= externalPart;
  let paid = externalPart;
  let redeemed = externalPart;
  const runPart = pay - pay * (external / due);
  if (runPart > 0) {
    buffers.runDue[i]! -= runPart;
    const callable = callableFunding(ctx, i);
    const f = callable > 0 ? Math.min(1, runPart / callable) : 0;
    state.runRemaining[i]! *= 1 - f;
    const fromDeposits = state.deposits[i]! * f;
    state.deposits[i]! -= fromDeposits;
    paid += fromDeposits;
    redeemed += fromDeposits;
    for (let s = byDebtor.start[i]!, end = byDebtor.start[i + 1]!; s < end; s++) {
      const k = byDebtor.claim[s]!;
      if (model.callable[k] === 0) continue;
      const usd = faceUsd(state, k) * f;
      if (!(usd > 0)) continue;
      repayFace(state, k, usd);
      state.cash[state.creditor[k]!]! += usd;
      paid += usd;
      if (state.kind[k] !== DEPOSIT) ctx.deleveragingUsd += usd;
    }
  }
  state.cash[i] = Math.max(0, state.cash[i]! - paid);
  buffers.withdrawn[i]! += paid;
  ctx.flows.paidOutUsd += redeemed;
  if (redeemed > 0) redeem(ctx, i, redeemed);
}

/** Orders sales of `need` USD of entity `i`'s liquid tokens pro rata by value. @returns what is still needed */
function sellProRata(ctx: RunContext, i: number, need: number): number {
  const m = ctx.model.market.m;
  const { price } = ctx.state.market;
  let value = 0;
  for (let a = 0; a < m; a++) value += unorderedUnits(ctx, i, a) * price[a]!;
  if (!(value > 0)) return need;
  const fraction = Math.min(1, need / value);
  for (let a = 0; a < m; a++) placeOrder(ctx, i, a, fraction * unorderedUnits(ctx, i, a), SALE_LIQUIDITY);
  return need - fraction * value;
}

/**
 * Orders sales of `need` USD of entity `i`'s liquid tokens in a pecking order: each time, of the tokens
 * it still holds, the one whose price the sale of what is needed (or all it holds) would move least —
 * a treasurer raises cash in its deepest markets first and touches thin ones (a drained pool, a
 * collapsing token) last. An entity that can gate sells a token only as long as its price stays within
 * `fireSales.gateDiscount` of its level at the start of the step (of its peg, for a pool-traded coin):
 * past that it freezes withdrawals rather than dump (Celsius held its ~409,000 stETH through a 5–6%
 * discount and gated; https://forklog.com/en/news/since-early-may-the-largest-steth-liquidity-pool-has-shrunk-sevenfold).
 * @returns what is still needed
 */
function sellLeastImpactFirst(ctx: RunContext, i: number, need: number): number {
  const { model, state } = ctx;
  const m = model.market.m;
  const { price } = state.market;
  const cap = model.gates[i] === 1 ? model.parameters.gateDiscount : 1;
  // Stop at rounding dust: each pass covers the need, exhausts a token, or takes one to its cap.
  const dust = 1e-9 * (need + 1);
  while (need > dust) {
    let best = -1;
    let bestCost = Number.POSITIVE_INFINITY;
    let bestUnits = 0;
    for (let a = 0; a < m; a++) {
      const held = unorderedUnits(ctx, i, a);
      if (!(held > 0) || !(price[a]! > 0)) continue;
      let units = Math.min(held, need / price[a]!);
      if (totalImpact(ctx, a, units) > cap) units = unitsWithin(ctx, a, units, cap);
      if (!(units * price[a]! > dust)) continue;
      saleImpact(model.market, state.market, a, units, ctx.buffers.sellTotal[a]!, ctx.buffers.stress, IMPACT);
      if (IMPACT[0]! < bestCost) {
        best = a;
        bestCost = IMPACT[0]!;
        bestUnits = units;
      }
    }
    if (best < 0) break;
    placeOrder(ctx, i, best, bestUnits, SALE_LIQUIDITY);
    need -= bestUnits * price[best]!;
  }
  return need;
}

/** Scratch of {@link saleImpact}: [move, total]. */
const IMPACT = new Float64Array(2);

/** The whole fall of asset `a`'s curve after selling `units` more this round (see `saleImpact`). */
function totalImpact(ctx: RunContext, a: number, units: number): number {
  const { model, state, buffers } = ctx;
  saleImpact(model.market, state.market, a, units, buffers.sellTotal[a]!, buffers.stress, IMPACT);
  return IMPACT[1]!;
}

/**
 * The largest sale of asset `a` in [0, `units`] whose total impact stays within `cap`, by bisection
 * (impact grows with the amount sold). 0 if even the smallest sale exceeds it.
 */
function unitsWithin(ctx: RunContext, a: number, units: number, cap: number): number {
  let lo = 0;
  let hi = units;
  for (let k = 0; k < 40; k++) {
    const mid = 0.5 * (lo + hi);
    if (totalImpact(ctx, a, mid) <= cap) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** Pays recalled loans from cash, pro rata over the recalled claims (after withdrawals: deposits are senior). */
function payRecalls(ctx: RunContext, i: number): void {
  const { state, buffers, byDebtor } = ctx;
  const due = recallsDue(ctx, i);
  if (!(due > 0) || !(state.cash[i]! > 0)) return;
  const f = Math.min(1, state.cash[i]! / due);
  for (let s = byDebtor.start[i]!, end = byDebtor.start[i + 1]!; s < end; s++) {
    const k = byDebtor.claim[s]!;
    const usd = buffers.recallDue[k]! * f;
    if (!(usd > 0)) continue;
    buffers.recallDue[k]! -= usd;
    buffers.recallPaid[k]! += usd;
    repayFace(state, k, usd);
    state.cash[i]! -= usd;
    state.cash[state.creditor[k]!]! += usd;
    ctx.deleveragingUsd += usd;
  }
  if (state.cash[i]! < 0) state.cash[i] = 0;
}

/**
 * Burns the stablecoins an issuer redeemed: `usd` of its external deposits repaid at par retires
 * supply of the assets it redeems, pro rata to their outstanding value.
 */
export function redeem(ctx: RunContext, issuer: number, usd: number): void {
  const { model, state } = ctx;
  const market = model.market;
  let outstanding = 0;
  for (let a = 0; a < market.m; a++)
    if (market.pegIssuer[a] === issuer && market.redemption[a] !== REDEMPTION_NONE)
      outstanding += state.market.supply[a]! * pegValue(market, state.market, a);
  if (!(outstanding > 0)) return;
  const fraction = Math.min(1, usd / outstanding);
  for (let a = 0; a < market.m; a++)
    if (market.pegIssuer[a] === issuer && market.redemption[a] !== REDEMPTION_NONE)
      state.market.supply[a]! -= state.market.supply[a]! * fraction;
}

/**
 * Raises the cash entity `i` still needs: draws credit lines, orders sales of liquid tokens, and —
 * if it does not gate — sells other assets at a discount.
 */
export function raiseCash(ctx: RunContext, i: number): void {
  const { model, state, byDebtor } = ctx;
  if (state.status[i] === FAILED) return;
  let need = totalDue(ctx, i) - state.cash[i]!;
  if (!(need > 1e-9 * (need + state.cash[i]! + 1))) return;
  const { price } = state.market;
  // Undrawn credit lines of open lenders.
  for (let s = byDebtor.start[i]!, end = byDebtor.start[i + 1]!; s < end && need > 0; s++) {
    const k = byDebtor.claim[s]!;
    if (state.kind[k] !== CREDIT_LINE) continue;
    const lender = state.creditor[k]!;
    if (state.status[lender] !== ACTIVE) continue;
    const den = state.denomination[k]!;
    const unit = den < 0 ? 1 : price[den]!;
    const draw = Math.min(need, (state.limit[k]! - state.face[k]!) * unit, state.cash[lender]!);
    if (!(draw > 0)) continue;
    state.face[k]! += draw / unit;
    state.cash[lender]! -= draw;
    state.cash[i]! += draw;
    need -= draw;
    emit(ctx, "credit-line-draw", i, draw, { counterparty: lender });
  }
  if (!(need > 0)) return;
  // Liquid tokens: USD stablecoins first, then the rest — least price impact first, or pro rata.
  const m = model.market.m;
  const pegAsset = model.market.pegAsset;
  for (let a = 0; a < m && need > 0; a++) {
    if (pegAsset[a] !== PEG_USD || !(price[a]! > 0)) continue;
    const units = Math.min(unorderedUnits(ctx, i, a), need / price[a]!);
    placeOrder(ctx, i, a, units, SALE_LIQUIDITY);
    need -= units * price[a]!;
  }
  if (!(need > 0)) return;
  need = model.parameters.proRataSales ? sellProRata(ctx, i, need) : sellLeastImpactFirst(ctx, i, need);
  // Other assets at a discount, for entities that do not gate.
  if (need > 0 && model.gates[i] === 0 && state.otherAssets[i]! > 0) {
    const keep = 1 - model.parameters.illiquidDiscount;
    if (keep > 0) {
      const sold = Math.min(state.otherAssets[i]!, need / keep);
      state.otherAssets[i]! -= sold;
      state.cash[i]! += sold * keep;
      ctx.flows.otherAssetSalesUsd += sold * keep;
      emit(ctx, "illiquid-sale", i, sold * keep, { detail: { bookValueUsd: sold } });
    }
  }
}
