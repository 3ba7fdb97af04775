/**
 * Rescues by strong balance sheets, under Rogers & Veraart's (2013, "Failure and rescue in an interbank
 * network", Management Science 59(4):882–898) private-rationality rule: an entity with rescue capacity
 * rescues a distressed one only if doing so leaves its own equity higher than letting it fail.
 *
 * Two kinds of rescue, each evaluated with two clearings of the current state:
 * - a liquidity loan, when an entity cannot meet what it must pay this step (it would gate or fail):
 *   the rescuer lends the shortfall X as an unsecured rescue loan;
 * - a recapitalisation, when an entity is insolvent at the end of a step: the rescuer injects
 *   X = −equity and takes it over (old equity stakes are wiped out).
 * Without the rescue, the target is put in default, so default costs (α, β) apply to its estate; with
 * it, the rescuer's cash falls by X and it holds the new claim. The rescue happens if
 * `equity_rescuer(rescue) − equity_rescuer(failure) > 0`, X is within the rescuer's remaining capacity
 * and cash, and the target is among its allowed targets; of several willing rescuers the one that
 * gains most rescues. With α = β = 1 and a target that is only illiquid there is no such gain, exactly
 * as Rogers–Veraart find: rescues are driven by avoided deadweight costs and by the rescuer's exposure —
 * unless the rescuer takes equity for its loan (`rescues.takeEquity`, as every 2022 rescuer did: FTX an
 * option to buy BlockFi, Alameda Voyager shares), which makes lending to a solvent but illiquid target
 * rational (Bagehot's rule, priced).
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
 * the rescue out (cash, capacity, claim, event).
 * @returns true if `j` was rescued
 */
export function tryRescue(ctx: RunContext, j: number, amountUsd: number, kind: RescueKind): boolean {
  const { model, state } = ctx;
  if (!model.parameters.mechanisms.rescues || !(amountUsd > 0)) return false;
  const n = model.n;
  let best = -1;
  let bestGain = 0;
  for (let r = 0; r < n; r++) {
    if (r === j || state.status[r] !== ACTIVE || model.rescueAllowed[r * n + j] === 0) continue;
    if (state.rescueRemaining[r]! < amountUsd || state.cash[r]! < amountUsd) continue;
    const gain = rescueGain(ctx, r, j, amountUsd, kind);
    if (gain > bestGain + 1e-9 * amountUsd) {
      best = r;
      bestGain = gain;
    }
  }
  if (best < 0) return false;
  carryOut(ctx, best, j, amountUsd, kind, bestGain);
  return true;
}

/**
 * Rescuer r's equity with the rescue minus its equity if j fails, USD. With `rescues.takeEquity`, a
 * liquidity loan to a target that is solvent at marked prices also buys the rescuer equity in it — the
 * loan converts at book value, a share `X/(E + X)` of the target's equity E after the loan — so its
 * value `X·E/(E + X)` counts towards the gain.
 */
function rescueGain(ctx: RunContext, r: number, j: number, amountUsd: number, kind: RescueKind): number {
  const { model, state, valuation } = ctx;
  const kicker =
    kind === "loan" && model.parameters.rescueTakesEquity && state.equity[j]! > 0
      ? (amountUsd * state.equity[j]!) / (state.equity[j]! + amountUsd)
      : 0;
  const { alpha, beta } = model.parameters;
  valuation.load(state, j);
  const failure = valuation.solve(alpha, beta).equity[r]!;
  valuation.load(state);
  valuation.addExternal(j, amountUsd);
  valuation.addExternal(r, -amountUsd);
  if (kind === "loan") valuation.addClaim(j, r, amountUsd, model.tierOf.unsecured);
  const value = valuation.solve(alpha, beta);
  let rescued = value.equity[r]!;
  // A recapitalising rescuer owns the target: its stake is worth the target's equity afterwards.
  if (kind === "recapitalisation") rescued += Math.max(0, value.equity[j]!);
  return rescued - failure + kicker;
}

function carryOut(
  ctx: RunContext,
  r: number,
  j: number,
  amountUsd: number,
  kind: RescueKind,
  gain: number,
): void {
  const { state } = ctx;
  state.cash[r]! -= amountUsd;
  state.cash[j]! += amountUsd;
  state.rescueRemaining[r]! -= amountUsd;
  if (kind === "loan") addToClaim(ctx, r, j, RESCUE_LOAN, amountUsd, 0);
  else {
    // Takeover: the old shareholders are wiped out and the rescuer owns the target.
    for (let k = 0; k < state.claims; k++)
      if (state.kind[k] === EQUITY && state.debtor[k] === j) state.stake[k] = 0;
    addToClaim(ctx, r, j, EQUITY, amountUsd, 1);
  }
  ctx.rescues.push({
    rescuer: ctx.model.entityIds[r]!,
    target: ctx.model.entityIds[j]!,
    step: ctx.step,
    amountUsd,
    kind,
  });
  emit(ctx, "rescue", r, amountUsd, { counterparty: j, detail: { kind, gainUsd: gain } });
}

/** Adds `usd` to the rescuer's claim of `kind` on the target, creating it if needed. */
function addToClaim(ctx: RunContext, r: number, j: number, kind: number, usd: number, stake: number): void {
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
    state.denomination[k] = USD;
    state.tier[k] = kind === EQUITY ? model.tierOf.equity : model.tierOf.unsecured;
    state.collateralAsset[k] = -1;
    state.recovery[k] = 1;
  }
  state.face[k]! += usd;
  if (kind === EQUITY) state.stake[k] = stake;
}
