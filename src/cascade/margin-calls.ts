/**
 * Secured loans: collateral marked to market every round, margin calls, and liquidation.
 *
 * - `LTV = debt / collateral value`, both at current prices.
 * - `LTV ≥ marginCallLtv`: the lender calls for margin to restore the loan's initial LTV (at most its
 *   margin-call LTV). The borrower first pledges more units of the collateral asset from its free
 *   holdings, then repays the rest in cash (raising it like any other need: cash, credit lines, sales).
 * - A call still unmet at the end of the step is in default: the lender liquidates at the start of the
 *   next step (one step of grace, as INET's `TIMESTEPS_TO_PAY`). `LTV ≥ liquidationLtv`, or the
 *   borrower's failure, triggers liquidation at once.
 * - Liquidation: the lender seizes the collateral and sells its unlocked units into the market (price
 *   impact); locked units pass to the lender at their market value. Proceeds repay the loan, any surplus
 *   returns to the borrower, and a deficiency becomes an unsecured claim due at once; a borrower that
 *   cannot pay it fails with cause `margin`.
 * @module
 */
import { emit, type RunContext } from "./context.ts";
import { unorderedUnits } from "./fire-sales.ts";
import { SECURED } from "./model.ts";
import { FAILED, faceUsd, repayFace } from "./state.ts";

/** Loan-to-value of secured claim `k` at current prices (Infinity without collateral value). */
function loanToValue(ctx: RunContext, k: number): number {
  const { state } = ctx;
  const value =
    (state.collateralUnits[k]! + state.collateralLockedUnits[k]!) *
    state.market.price[state.collateralAsset[k]!]!;
  const debt = faceUsd(state, k);
  if (debt <= 0) return 0;
  return value > 0 ? debt / value : Number.POSITIVE_INFINITY;
}

function hasCollateral(ctx: RunContext, k: number): boolean {
  const { state } = ctx;
  return (
    state.kind[k] === SECURED &&
    state.collateralAsset[k]! >= 0 &&
    state.collateralUnits[k]! + state.collateralLockedUnits[k]! > 0
  );
}

/**
 * Seizes the collateral of every loan due for liquidation (borrower failed, LTV at or above the
 * liquidation LTV, or a margin call unmet in an earlier step) and orders its sale by the lender.
 */
export function startLiquidations(ctx: RunContext): void {
  const { model, state, buffers } = ctx;
  const m = model.market.m;
  for (let k = 0; k < model.claims; k++) {
    if (!hasCollateral(ctx, k) || state.face[k]! <= 0) continue;
    const borrower = state.debtor[k]!;
    const ltv = loanToValue(ctx, k);
    const unmet = state.callUnmetAt[k]! >= 0 && state.callUnmetAt[k]! < ctx.step;
    const trigger =
      state.status[borrower] === FAILED
        ? "borrower failed"
        : ltv >= model.liquidationLtv[k]!
          ? "liquidation LTV"
          : unmet
            ? "unmet margin call"
            : undefined;
    if (trigger === undefined) continue;
    const a = state.collateralAsset[k]!;
    const lender = state.creditor[k]!;
    const units = state.collateralUnits[k]!;
    const lockedUnits = state.collateralLockedUnits[k]!;
    state.collateralUnits[k] = 0;
    state.collateralLockedUnits[k] = 0;
    state.marginDue[k] = 0;
    state.callUnmetAt[k] = -1;
    // Locked units cannot be sold: the lender takes them at their market value against the debt.
    if (lockedUnits > 0) {
      const value = Math.min(lockedUnits * state.market.price[a]!, faceUsd(state, k));
      state.locked[lender * m + a]! += lockedUnits;
      repayFace(state, k, value);
      ctx.deleveragingUsd += value;
    }
    buffers.liquidating[k]! += units;
    buffers.sellTotal[a]! += units;
    emit(ctx, "liquidation", lender, units * state.market.price[a]!, {
      counterparty: borrower,
      asset: a,
      detail: { trigger, ltv, units, lockedUnits },
    });
    if (units === 0) settleLiquidation(ctx, k, 0);
  }
}

/**
 * Applies the proceeds of claim `k`'s collateral sale: repays the loan, returns any surplus to the
 * borrower, and turns a deficiency into an unsecured claim due now.
 */
export function settleLiquidation(ctx: RunContext, k: number, proceedsUsd: number): void {
  const { model, state } = ctx;
  const lender = state.creditor[k]!;
  const borrower = state.debtor[k]!;
  const debt = faceUsd(state, k);
  const repaid = Math.min(proceedsUsd, debt);
  repayFace(state, k, repaid);
  state.cash[lender]! += repaid;
  state.cash[borrower]! += proceedsUsd - repaid;
  ctx.deleveragingUsd += repaid;
  state.tier[k] = model.tierOf.unsecured;
  const deficiency = debt - repaid;
  if (deficiency > 1e-9 * (debt + 1)) {
    if (state.status[borrower] !== FAILED) state.deficiencyDue[k] = deficiency;
    emit(ctx, "deficiency", borrower, deficiency, { counterparty: lender });
  } else state.face[k] = 0;
}

/**
 * Margin calls of the round on loans whose collateral is still pledged: pledges free units of the
 * collateral asset, then sets `marginDue` to the cash repayment still needed (USD).
 */
export function marginCalls(ctx: RunContext): void {
  const { model, state } = ctx;
  const m = model.market.m;
  const { price } = state.market;
  for (let k = 0; k < model.claims; k++) {
    state.marginDue[k] = 0;
    if (!hasCollateral(ctx, k)) continue;
    const borrower = state.debtor[k]!;
    if (state.status[borrower] === FAILED) continue;
    const ltv = loanToValue(ctx, k);
    if (ltv < model.marginCallLtv[k]!) continue;
    const a = state.collateralAsset[k]!;
    const debt = faceUsd(state, k);
    const target = model.targetLtv[k]!;
    const p = price[a]!;
    let value = (state.collateralUnits[k]! + state.collateralLockedUnits[k]!) * p;
    const first = state.callUnmetAt[k] === -1;
    // Pledge more of the collateral asset first.
    if (p > 0) {
      const wanted = (debt / target - value) / p;
      const pledged = Math.min(wanted, unorderedUnits(ctx, borrower, a));
      if (pledged > 0) {
        state.liquid[borrower * m + a]! -= pledged;
        state.collateralUnits[k]! += pledged;
        value += pledged * p;
        emit(ctx, "collateral-posted", borrower, pledged * p, { counterparty: state.creditor[k]!, asset: a });
      }
    }
    const repayment = debt - target * value;
    if (repayment > 1e-9 * debt) {
      state.marginDue[k] = repayment;
      if (first) {
        state.callUnmetAt[k] = -2;
        emit(ctx, "margin-call", borrower, repayment, {
          counterparty: state.creditor[k]!,
          asset: a,
          detail: { ltv, marginCallLtv: model.marginCallLtv[k]!, targetLtv: target },
        });
      }
    }
  }
}

/**
 * End of the intraday rounds: calls still unmet default (liquidation next step); calls met are
 * cleared.
 */
export function closeMarginCalls(ctx: RunContext): void {
  const { model, state } = ctx;
  for (let k = 0; k < model.claims; k++) {
    if (state.marginDue[k]! > 1e-9 * (faceUsd(state, k) + 1)) {
      if (state.callUnmetAt[k]! < 0) {
        state.callUnmetAt[k] = ctx.step;
        emit(ctx, "margin-call-unmet", state.debtor[k]!, state.marginDue[k]!, {
          counterparty: state.creditor[k]!,
        });
      }
    } else if (state.callUnmetAt[k] === -2) state.callUnmetAt[k] = -1;
    state.marginDue[k] = 0;
  }
}
