/**
 * Rescues by strong balance sheets, under Rogers & Veraart's (2013, "Failure and rescue in an interbank
 * network", Management Science 59(4):882–898) private-rationality rule: an entity with rescue capacity
 * rescues a distressed one only if doing so leaves its own equity higher than letting it fail.
 *
 * Two kinds of rescue, each evaluated with two clearings of the current state:
 * - a liquidity loan, when an entity cannot meet what it must pay this step (it would gate or fail):
 *   the rescuer lends the shortfall X as an unsecured rescue loan at full face; with
 *   `rescues.takeEquity` and a target solvent at marked prices (equity E > 0) it also takes a stake
 *   s = X/(E + X) in the target — what X would buy in new shares at book value — and the existing
 *   stakes are diluted by (1 − s) (as every 2022 rescuer did: FTX an option to buy BlockFi, Alameda
 *   Voyager shares);
 * - a recapitalisation, when an entity is insolvent at the end of a step: the rescuer injects
 *   X = −equity and takes it over (s = 1: old equity stakes are wiped out).
 * Without the rescue, the target is put in default, so default costs (α, β) apply to its estate; with
 * it, the rescuer's cash falls by X and it holds the new loan and stake, the stake valued at the
 * target's equity after the rescue. The rescue happens if
 * `equity_rescuer(rescue) − equity_rescuer(failure) > 0`, X is within the rescuer's remaining capacity
 * and cash, and the target is among its allowed targets; of several willing rescuers the one that
 * gains most rescues. With α = β = 1 and a target that is only illiquid there is no such gain, exactly
 * as Rogers–Veraart find: rescues are driven by avoided deadweight costs and by the rescuer's exposure —
 * unless the loan takes equity, which makes lending to a solvent but illiquid target rational
 * (Bagehot's rule, priced). What the decision counts is exactly what is booked.
 * A rescuer that gates or fails stops rescuing; its credit lines cannot be drawn, and its rescue loans
 * remain claims on their targets.
 * @module
 */
import { emit, type RunContext } from "./context.ts";
import { EQUITY, RESCUE_LOAN, USD } from "./model.ts";
import { ACTIVE } from "./state.ts";

/** Rescue kinds. */
export type RescueKind = "loan" | "recapitalisation";

/**
 * Looks for a privately rational rescuer of entity `j` for `amountUsd` and, if there is one, carries
 * the rescue out (cash, capacity, claims, event).
 * @returns true if `j` was rescued
 */
export function tryRescue(ctx: RunContext, j: number, amountUsd: number, kind: RescueKind): boolean {
  const { model, state } = ctx;
  if (!model.parameters.mechanisms.rescues || !(amountUsd > 0)) return false;
  const n = model.n;
  const stake = rescueStake(ctx, j, amountUsd, kind);
  let best = -1;
  let bestGain = 0;
  for (let r = 0; r < n; r++) {
    if (r === j || state.status[r] !== ACTIVE || model.rescueAllowed[r * n + j] === 0) continue;
    if (state.rescueRemaining[r]! < amountUsd || state.cash[r]! < amountUsd) continue;
    const gain = rescueGain(ctx, r, j, amountUsd, kind, stake);
    if (gain > bestGain + 1e-9 * amountUsd) {
      best = r;
      bestGain = gain;
    }
  }
  if (best < 0) return false;
  carryOut(ctx, best, j, amountUsd, kind, stake, bestGain);
  return true;
}

/**
 * Share of the target's equity the rescuer takes (0–1): all of it in a recapitalisation; for a
 * liquidity loan of X with `rescues.takeEquity` to a target with marked equity E > 0, `X/(E + X)` —
 * the shares X would buy at book value, taken on top of the loan's full face; otherwise none.
 */
function rescueStake(ctx: RunContext, j: number, amountUsd: number, kind: RescueKind): number {
  if (kind === "recapitalisation") return 1;
  const equity = ctx.state.equity[j]!;
  return ctx.model.parameters.rescueTakesEquity && equity > 0 ? amountUsd / (equity + amountUsd) : 0;
}

/**
 * Rescuer r's equity with the rescue minus its equity if j fails, USD. In the rescue branch r pays X,
 * holds the rescue loan (if any) at the clearing's value, and owns `held·(1 − s) + s` of j — its
 * stakes `held` diluted, plus the new stake `s` — worth j's equity after the rescue: exactly what
 * {@link carryOut} books and the next marking values.
 */
function rescueGain(
  ctx: RunContext,
  r: number,
  j: number,
  amountUsd: number,
  kind: RescueKind,
  stake: number,
): number {
  const { model, state, valuation } = ctx;
  const { alpha, beta } = model.parameters;
  valuation.load(state, j);
  const failure = valuation.solve(alpha, beta).equity[r]!;
  valuation.load(state);
  valuation.addExternal(j, amountUsd);
  valuation.addExternal(r, -amountUsd);
  if (kind === "loan") valuation.addClaim(j, r, amountUsd, model.tierOf.unsecured);
  const value = valuation.solve(alpha, beta);
  // The load counted r's stakes in j at j's marked equity; replace them by what r owns afterwards.
  const held = heldStake(ctx, r, j);
  const owned = held * (1 - stake) + stake;
  const rescued =
    value.equity[r]! - held * Math.max(0, state.equity[j]!) + owned * Math.max(0, value.equity[j]!);
  return rescued - failure;
}

/** Fraction of entity j's equity that entity r owns through equity claims. */
function heldStake(ctx: RunContext, r: number, j: number): number {
  const { state } = ctx;
  let held = 0;
  for (let k = 0; k < state.claims; k++)
    if (state.kind[k] === EQUITY && state.creditor[k] === r && state.debtor[k] === j) held += state.stake[k]!;
  return held;
}

function carryOut(
  ctx: RunContext,
  r: number,
  j: number,
  amountUsd: number,
  kind: RescueKind,
  stake: number,
  gain: number,
): void {
  const { state } = ctx;
  state.cash[r]! -= amountUsd;
  state.cash[j]! += amountUsd;
  state.rescueRemaining[r]! -= amountUsd;
  if (kind === "loan") addToClaim(ctx, r, j, RESCUE_LOAN, amountUsd);
  if (stake > 0) {
    // The rescuer's new shares dilute every stake in the target by (1 − s); a takeover (s = 1) wipes
    // the old shareholders out. The stake's book value is what it cost: X in a takeover, s·E for a loan.
    for (let k = 0; k < state.claims; k++)
      if (state.kind[k] === EQUITY && state.debtor[k] === j) state.stake[k]! *= 1 - stake;
    const book = kind === "loan" ? stake * state.equity[j]! : amountUsd;
    state.stake[addToClaim(ctx, r, j, EQUITY, book)]! += stake;
  }
  ctx.rescues.push({
    rescuer: ctx.model.entityIds[r]!,
    target: ctx.model.entityIds[j]!,
    step: ctx.step,
    amountUsd,
    kind,
  });
  emit(ctx, "rescue", r, amountUsd, { counterparty: j, detail: { kind, gainUsd: gain, stake } });
}

/**
 * Adds `usd` to the face of the rescuer's claim of `kind` on the target, creating it (with no stake)
 * if needed.
 * @returns the claim's index
 */
function addToClaim(ctx: RunContext, r: number, j: number, kind: number, usd: number): number {
  const { state, model } = ctx;
  let k = model.claims;
  while (k < state.claims && !(state.creditor[k] === r && state.debtor[k] === j && state.kind[k] === kind))
    k++;
  if (k === state.claims) {
    state.claims++;
    state.kind[k] = kind;
    state.creditor[k] = r;
    state.debtor[k] = j;
    state.face[k] = 0;
    state.stake[k] = 0;
    state.denomination[k] = USD;
    state.tier[k] = kind === EQUITY ? model.tierOf.equity : model.tierOf.unsecured;
    state.collateralAsset[k] = -1;
    state.recovery[k] = 1;
  }
  state.face[k]! += usd;
  return k;
}
