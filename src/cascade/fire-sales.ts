/**
 * Fire sales: the orders entities place in a round (to raise cash, to deleverage, by an estate or by
 * an exogenous shock), their execution through each asset's impact curve, and leverage-driven
 * deleveraging by the Cont–Schaanning threshold rule.
 *
 * All of a round's orders for an asset hit the market at once (Cont & Schaanning 2017, §3): the price
 * falls by the impact of the round's total flow `Ψ(q)`, every holder is marked at the new price
 * (overlapping portfolios), and sellers receive the average execution price — along the curve, or
 * `P·(1 − αΨ)` with Cont–Schaanning's implementation shortfall α.
 *
 * Deleveraging (CS §3.2): an entity whose leverage `λ = assets / equity` exceeds `λ_max` (or whose
 * equity is not positive) sells the fraction `Γ = min(1, (A − λ_target·E) / Π)` of each of its
 * marketable holdings (Π = their value) and repays debt with the proceeds, which brings λ to λ_target
 * at unchanged prices. Γ is capped so that proceeds do not exceed the debt it can repay.
 * @module
 */
import { clearSales } from "../market/market.ts";
import { emit, type RunContext } from "./context.ts";
import { settleLiquidation } from "./margin-calls.ts";
import { CREDIT_LINE, DEPOSIT, RESCUE_LOAN, SECURED, UNSECURED } from "./model.ts";
import {
  FAILED,
  faceUsd,
  repayFace,
  SALE_DELEVERAGING,
  SALE_ESTATE,
  SALE_LIQUIDATION,
  SALE_REASONS,
} from "./state.ts";

const R = SALE_REASONS.length;

/** Adds an order: entity `i` sells `units` of asset `a` this round for `reason`. */
export function placeOrder(ctx: RunContext, i: number, a: number, units: number, reason: number): void {
  if (!(units > 0)) return;
  const buffers = ctx.buffers;
  buffers.orders[(i * ctx.model.market.m + a) * R + reason]! += units;
  buffers.sellTotal[a]! += units;
  if (buffers.isSeller[i] === 0) {
    buffers.isSeller[i] = 1;
    buffers.sellers[buffers.sellerCount++] = i;
  }
}

/** Units of asset `a` entity `i` holds that are not pledged and not already ordered for sale this round. */
export function unorderedUnits(ctx: RunContext, i: number, a: number): number {
  const base = (i * ctx.model.market.m + a) * R;
  const orders = ctx.buffers.orders;
  let ordered = 0;
  for (let r = 0; r < R; r++) ordered += orders[base + r]!;
  const free = ctx.state.liquid[i * ctx.model.market.m + a]! - ordered;
  return Math.max(free, 0);
}

/**
 * Places deleveraging orders for every entity above its leverage limit. Uses `state.assets` and
 * `state.equity` from the latest marking.
 */
export function placeDeleveragingOrders(ctx: RunContext): void {
  const { model, state } = ctx;
  const m = model.market.m;
  const { price } = state.market;
  for (let i = 0; i < model.n; i++) {
    const lmax = model.leverageMax[i]!;
    if (lmax === Number.POSITIVE_INFINITY || state.status[i] === FAILED) continue;
    const assets = state.assets[i]!;
    const equity = state.equity[i]!;
    if (!(assets > lmax * equity)) continue;
    let marketable = 0;
    for (let a = 0; a < m; a++) marketable += unorderedUnits(ctx, i, a) * price[a]!;
    if (!(marketable > 0)) continue;
    let gamma = (assets - model.leverageTarget[i]! * equity) / marketable;
    const repayable = repayableDebt(ctx, i) - ctx.buffers.deleverageDue[i]!;
    if (marketable * gamma > repayable) gamma = repayable / marketable;
    if (gamma > 1) gamma = 1;
    if (!(gamma > 0)) continue;
    for (let a = 0; a < m; a++) placeOrder(ctx, i, a, gamma * unorderedUnits(ctx, i, a), SALE_DELEVERAGING);
  }
}

/** Orders of failed entities' estates: `estateSaleRate` of their liquid units (first round of a step). */
export function placeEstateOrders(ctx: RunContext): void {
  const { model, state } = ctx;
  const rate = model.parameters.estateSaleRate;
  if (!(rate > 0)) return;
  const m = model.market.m;
  for (let i = 0; i < model.n; i++) {
    if (state.status[i] !== FAILED) continue;
    for (let a = 0; a < m; a++) placeOrder(ctx, i, a, rate * unorderedUnits(ctx, i, a), SALE_ESTATE);
  }
}

/**
 * Executes the round's orders: moves prices (unless fire sales are switched off, when sales execute
 * at the current price), credits sellers, settles collateral liquidations and earmarks deleveraging
 * proceeds. Clears the orders.
 * @returns false if there was nothing to sell
 */
export function executeOrders(ctx: RunContext): boolean {
  const { model, state, buffers } = ctx;
  const m = model.market.m;
  const { sellTotal, executionPrice, orders } = buffers;
  let any = false;
  for (let a = 0; a < m; a++) if (sellTotal[a]! > 0) any = true;
  if (!any) return false;
  if (model.parameters.mechanisms.fireSales)
    clearSales(
      model.market,
      state.market,
      sellTotal,
      buffers.stress,
      model.parameters.executionShortfall,
      executionPrice,
    );
  else executionPrice.set(state.market.price);
  for (let a = 0; a < m; a++) {
    buffers.stepSold[a]! += sellTotal[a]!;
    const minted = buffers.mintPending[a]!;
    if (minted > 0) {
      buffers.mintProceeds[a]! += minted * executionPrice[a]!;
      buffers.mintPending[a] = 0;
    }
  }

  for (let s = 0; s < buffers.sellerCount; s++) {
    const i = buffers.sellers[s]!;
    buffers.isSeller[i] = 0;
    if (buffers.hasSold[i] === 0) {
      buffers.hasSold[i] = 1;
      buffers.soldBy[buffers.soldCount++] = i;
    }
    for (let a = 0; a < m; a++) {
      const base = (i * m + a) * R;
      for (let r = 0; r < R; r++) {
        const units = orders[base + r]!;
        if (units === 0) continue;
        orders[base + r] = 0;
        const usd = units * executionPrice[a]!;
        state.liquid[i * m + a] = Math.max(0, state.liquid[i * m + a]! - units);
        state.cash[i]! += usd;
        buffers.salesUsd[base + r]! += usd;
        buffers.salesUnits[base + r]! += units;
        ctx.soldUnits[a]! += units;
        ctx.soldUsd[a]! += usd;
        if (r === SALE_DELEVERAGING) buffers.deleverageDue[i]! += usd;
      }
    }
  }
  buffers.sellerCount = 0;
  const { liquidating } = buffers;
  for (let k = 0; k < state.claims; k++) {
    const units = liquidating[k]!;
    if (units === 0) continue;
    liquidating[k] = 0;
    const a = state.collateralAsset[k]!;
    const usd = units * executionPrice[a]!;
    ctx.soldUnits[a]! += units;
    ctx.soldUsd[a]! += usd;
    const lender = state.creditor[k]!;
    if (buffers.hasSold[lender] === 0) {
      buffers.hasSold[lender] = 1;
      buffers.soldBy[buffers.soldCount++] = lender;
    }
    const base = (lender * m + a) * R + SALE_LIQUIDATION;
    buffers.salesUsd[base]! += usd;
    buffers.salesUnits[base]! += units;
    settleLiquidation(ctx, k, usd);
  }
  sellTotal.fill(0);
  return true;
}

/** True if claim `k` is a loan its debtor can repay early: secured, unsecured, credit line or rescue loan. */
function isLoan(kind: number): boolean {
  return kind === SECURED || kind === UNSECURED || kind === CREDIT_LINE || kind === RESCUE_LOAN;
}

/** Debt entity `i` could repay when deleveraging: loans from entities and other liabilities, USD. */
function repayableDebt(ctx: RunContext, i: number): number {
  const { state, byDebtor, model } = ctx;
  let total = state.otherLiabilities[i]!;
  for (let s = byDebtor.start[i]!, end = byDebtor.start[i + 1]!; s < end; s++) {
    const k = byDebtor.claim[s]!;
    if (isLoan(state.kind[k]!)) total += faceUsd(state, k);
  }
  for (let k = model.claims; k < state.claims; k++)
    if (state.debtor[k] === i && isLoan(state.kind[k]!)) total += faceUsd(state, k);
  return total;
}

/**
 * Uses up to `amount` of entity `i`'s earmarked deleveraging proceeds to repay its loans and other
 * liabilities pro rata. @returns the amount repaid
 */
export function repayDebtProRata(ctx: RunContext, i: number, amount: number): number {
  const { state, byDebtor, model } = ctx;
  const total = repayableDebt(ctx, i);
  if (!(total > 0) || !(amount > 0)) return 0;
  const pay = Math.min(amount, total, state.cash[i]!);
  const fraction = pay / total;
  const repay = (k: number) => {
    const usd = faceUsd(state, k) * fraction;
    if (!(usd > 0)) return;
    repayFace(state, k, usd);
    state.cash[state.creditor[k]!]! += usd;
  };
  for (let s = byDebtor.start[i]!, end = byDebtor.start[i + 1]!; s < end; s++) {
    const k = byDebtor.claim[s]!;
    if (isLoan(state.kind[k]!)) repay(k);
  }
  for (let k = model.claims; k < state.claims; k++)
    if (state.debtor[k] === i && isLoan(state.kind[k]!)) repay(k);
  const external = state.otherLiabilities[i]! * fraction;
  state.otherLiabilities[i]! -= external;
  ctx.flows.paidOutUsd += external;
  state.cash[i]! -= pay;
  ctx.deleveragingUsd += pay;
  emit(ctx, "deleveraging", i, pay);
  return pay;
}

/** Kinds withdrawn in a run: deposits always, loans from entities when `callableLoans`. */
export function isCallable(kind: number, callableLoans: boolean): boolean {
  return kind === DEPOSIT || (callableLoans && (kind === UNSECURED || kind === CREDIT_LINE));
}
