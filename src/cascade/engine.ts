/**
 * The deleveraging cascade engine: a pure, time-stepped simulation of a scenario. Each step (a day by
 * default) runs, in order (docs/cascade.md § Order of operations):
 *
 * 1. exogenous shocks of the step;
 * 2. reflexive repricing of issuer-linked tokens;
 * 3. run demand from distress signals (and outside sales of coins that can no longer be redeemed);
 * 4. intraday rounds until nothing more is sold: collateral liquidations and margin calls, payments
 *    from cash, leverage-driven deleveraging, raising cash (credit lines, sales), one market clearing of
 *    all sales with price impact, payments from the proceeds;
 * 5. liquidity outcomes: an entity that still cannot pay is rescued, gates, or fails;
 * 6. gated entities past the gating horizon fail;
 * 7. stablecoin arbitrage at open issuers that redeem instantly (the peg holds);
 * 8. valuation by the tiered clearing with default costs; insolvent entities whose books are open (gated,
 *    or any entity without opacity) are recapitalised or fail;
 * 9. caps on the price of coins whose issuer has gated or failed.
 * @module
 */
import { formatUsd } from "../core/format.ts";
import { beginStep, marketCap, marketStress } from "../market/market.ts";
import type { Scenario, ScenarioShock } from "../scenario/normalize.ts";
import { collateralValue, isInsolvent, markBalances } from "./balance.ts";
import { type CascadeEvent, claimsByDebtor, emit, fail, gate, type RunContext } from "./context.ts";
import { executeOrders, placeDeleveragingOrders, placeEstateOrders } from "./fire-sales.ts";
import { payDues, raiseCash, recallsDue, securedDue } from "./liquidity.ts";
import { closeMarginCalls, marginCalls, startLiquidations } from "./margin-calls.ts";
import { type CascadeModel, compileScenario, EQUITY } from "./model.ts";
import { type ParameterOverrides, resolveParameters } from "./parameters.ts";
import { repriceReflexiveTokens } from "./reflexive.ts";
import { tryRescue } from "./rescues.ts";
import type { CascadeResult } from "./result.ts";
import { distressSignals, startRuns } from "./runs.ts";
import { applyShocks, compileShocks } from "./shocks.ts";
import { arbitragePegs, breakMintPegs, capBrokenPegs, redeemByMinting } from "./stablecoins.ts";
import {
  ACTIVE,
  type CascadeState,
  FAILED,
  faceUsd,
  GATED,
  initialState,
  SALE_REASONS,
  stepBuffers,
} from "./state.ts";
import { NetworkValuation, type NetworkValue } from "./valuation.ts";

/** Options of {@link runCascade}. */
export interface CascadeOptions extends ParameterOverrides {
  /** Shocks in addition to the scenario's own (e.g. from the CLI's `--shock`). */
  readonly shocks?: readonly ScenarioShock[];
  /** Replace the scenario's shocks instead of adding to them. */
  readonly replaceShocks?: boolean;
}

/**
 * Runs the cascade of a scenario. Pure and deterministic: the same scenario and options always give
 * the same result.
 * @throws {InputError} if an extra shock names an unknown entity or asset (shocks beyond the run are
 *   left out, with a warning)
 */
export function runCascade(scenario: Scenario, options: CascadeOptions = {}): CascadeResult {
  const model = compileScenario(scenario, resolveParameters(scenario, options));
  const shocks = [...(options.replaceShocks ? [] : (scenario.shocks ?? [])), ...(options.shocks ?? [])];
  return simulate(model, shocks);
}

/** Runs a compiled scenario with the given shocks. */
export function simulate(model: CascadeModel, shocks: readonly ScenarioShock[]): CascadeResult {
  const { n, parameters } = model;
  const m = model.market.m;
  const { steps, mechanisms } = parameters;
  const { byStep: shocksByStep, beyond } = compileShocks(model, shocks);
  const state = initialState(model);
  const buffers = stepBuffers(model);
  const ctx: RunContext = {
    model,
    state,
    buffers,
    valuation: new NetworkValuation(model),
    byDebtor: claimsByDebtor(model),
    events: [],
    failures: [],
    gated: [],
    rescues: [],
    soldUnits: new Float64Array(m),
    soldUsd: new Float64Array(m),
    deleveragingUsd: 0,
    flows: { otherAssetSalesUsd: 0, paidOutUsd: 0, cashWrittenOffUsd: 0 },
    step: 0,
  };
  const initialUnits = heldUnits(ctx);
  const warnings = [...model.warnings];
  if (beyond > 0)
    warnings.push(`${beyond} shock(s) at or after step ${steps} are beyond the run and were left out`);

  markInitialBalances(model, state, buffers.scratch);
  state.initialEquity.set(state.equity);
  state.initialAssets.set(state.assets);
  for (let i = 0; i < n; i++)
    if (state.equity[i]! < 0)
      warnings.push(
        `${model.entityIds[i]} has negative book equity (${state.equity[i]!.toFixed(0)} USD) at step 0`,
      );
  const paths = recorder(model, steps);
  const initialCap = marketCap(model.market, state.market);
  paths.record(0, state.market.price, state.equity, initialCap);
  const directLoss = new Float64Array(n);
  const signals = new Float64Array(n);
  let value: NetworkValue | undefined;

  for (let step = 0; step < steps; step++) {
    ctx.step = step;
    startStep(ctx);
    const stepShocks = shocksByStep[step]!;
    if (stepShocks.length > 0) {
      directLoss.set(state.equity);
      applyShocks(ctx, stepShocks);
      markBalances(model, state, buffers.scratch);
      for (let i = 0; i < n; i++) directLoss[i] = Math.max(0, directLoss[i]! - state.equity[i]!);
      accumulateDirect(paths.direct, directLoss);
    } else markBalances(model, state, buffers.scratch);
    if (mechanisms.reflexive && repriceReflexiveTokens(ctx)) markBalances(model, state, buffers.scratch);
    // Market stress after the step's shocks: it shrinks depth and feeds the market run signal.
    buffers.stress = marketStress(
      initialCap,
      marketCap(model.market, state.market),
      parameters.stressDrawdown,
    );
    beginStep(state.market);
    if (mechanisms.runs) {
      distressSignals(ctx, signals);
      startRuns(ctx, signals);
    }
    intraday(ctx);
    liquidityOutcomes(ctx);
    for (let i = 0; i < n; i++)
      if (state.status[i] === GATED && step - state.gatedAt[i]! >= parameters.gateHorizonSteps)
        fail(ctx, i, "illiquid", `gated for ${step - state.gatedAt[i]!} steps`);
    arbitragePegs(ctx);
    breakMintPegs(ctx);
    value = settleValuation(ctx);
    capBrokenPegs(ctx, value);
    flushStepEvents(ctx);
    markBalances(model, state, buffers.scratch);
    paths.record(step + 1, state.market.price, state.equity, marketCap(model.market, state.market));
  }
  return assemble(ctx, paths, value, warnings, initialUnits);
}

/**
 * Book values at step 0. Equity stakes are valued from their debtors' equity, which may itself hold
 * stakes: iterate the marking to the fixed point (a chain of stakes converges in at most n passes;
 * cycles converge geometrically because each debtor's stakes sum to at most 1).
 */
function markInitialBalances(model: CascadeModel, state: CascadeState, scratch: Float64Array): void {
  const previous = new Float64Array(model.n);
  for (let pass = 0; pass <= model.n + 50; pass++) {
    previous.set(state.equity);
    markBalances(model, state, scratch);
    let moved = 0;
    let scale = 1;
    for (let i = 0; i < model.n; i++) {
      moved = Math.max(moved, Math.abs(state.equity[i]! - previous[i]!));
      scale = Math.max(scale, Math.abs(state.equity[i]!));
    }
    if (pass > 0 && moved <= 1e-12 * scale) return;
  }
}

/** Units of each asset held by entities: liquid, locked and pledged. */
function heldUnits(ctx: RunContext): Float64Array {
  const { model, state } = ctx;
  const m = model.market.m;
  const units = new Float64Array(m);
  for (let i = 0; i < model.n; i++)
    for (let a = 0; a < m; a++) units[a]! += state.liquid[i * m + a]! + state.locked[i * m + a]!;
  for (let k = 0; k < state.claims; k++) {
    const a = state.collateralAsset[k]!;
    if (a >= 0) units[a]! += state.collateralUnits[k]! + state.collateralLockedUnits[k]!;
  }
  return units;
}

function accumulateDirect(total: Float64Array, loss: Float64Array): void {
  for (let i = 0; i < total.length; i++) total[i]! += loss[i]!;
}

/** Resets the step's buffers and presents last step's arbitrage redemptions. */
function startStep(ctx: RunContext): void {
  const { model, state, buffers } = ctx;
  buffers.runDue.fill(0);
  buffers.externalDue.fill(0);
  buffers.deleverageDue.fill(0);
  buffers.withdrawn.fill(0);
  buffers.outsideUnits.fill(0);
  buffers.stepSold.fill(0);
  buffers.mintedUsd.fill(0);
  buffers.mintProceeds.fill(0);
  buffers.mintOverflow.fill(0);
  const stepDays = model.parameters.stepDays;
  for (let a = 0; a < model.market.m; a++)
    buffers.mintRemaining[a] = state.market.mintCapacity[a]! * stepDays;
  for (let i = 0; i < model.n; i++) {
    // A minting issuer keeps redeeming whatever its status: the mint is code, not a balance sheet.
    if (state.status[i] === ACTIVE || model.mintCoin[i]! >= 0)
      buffers.externalDue[i] = state.redemptionsNext[i]!;
    state.redemptionsNext[i] = 0;
  }
}

/** Intraday rounds: margin, payments, deleveraging, raising cash, one market clearing, payments. */
function intraday(ctx: RunContext): void {
  const { model, state, buffers } = ctx;
  const { mechanisms, intradayRounds } = model.parameters;
  for (let round = 0; round < intradayRounds; round++) {
    if (mechanisms.marginCalls) {
      startLiquidations(ctx);
      marginCalls(ctx);
    }
    redeemByMinting(ctx);
    for (let i = 0; i < model.n; i++) payDues(ctx, i);
    if (mechanisms.fireSales && model.hasLeverageLimits) {
      markBalances(model, state, buffers.scratch);
      placeDeleveragingOrders(ctx);
    }
    for (let i = 0; i < model.n; i++) raiseCash(ctx, i);
    if (round === 0) placeEstateOrders(ctx);
    const sold = executeOrders(ctx);
    for (let i = 0; i < model.n; i++) payDues(ctx, i);
    if (!sold) break;
  }
  markBalances(model, state, buffers.scratch);
  if (mechanisms.marginCalls) closeMarginCalls(ctx);
}

/** Entities that still cannot pay after the intraday rounds are rescued, gate, or fail. */
function liquidityOutcomes(ctx: RunContext): void {
  const { model, state, buffers } = ctx;
  for (let i = 0; i < model.n; i++) {
    if (state.status[i] === FAILED) continue;
    const tolerance = 1e-9 * (state.assets[i]! + 1);
    let withdrawals = buffers.runDue[i]! + buffers.externalDue[i]! + recallsDue(ctx, i);
    let deficiency = securedDue(ctx, i);
    if (withdrawals + deficiency <= tolerance) continue;
    if (tryRescue(ctx, i, withdrawals + deficiency - state.cash[i]!, "loan")) {
      payDues(ctx, i);
      withdrawals = buffers.runDue[i]! + buffers.externalDue[i]! + recallsDue(ctx, i);
      deficiency = securedDue(ctx, i);
    }
    if (deficiency > tolerance)
      fail(ctx, i, "margin", "could not pay the deficiency after a collateral liquidation");
    else if (withdrawals > tolerance) {
      if (model.gates[i] === 1) gate(ctx, i, withdrawals);
      else if (state.status[i] === ACTIVE) fail(ctx, i, "illiquid", "could not meet withdrawals");
    }
  }
  state.deficiencyDue.fill(0);
  buffers.runDue.fill(0);
  buffers.externalDue.fill(0);
  buffers.recallDue.fill(0);
}

/**
 * Values every claim by the clearing (or Furfine recovery when clearing is off), then recapitalises or
 * fails insolvent entities until none is left.
 */
function settleValuation(ctx: RunContext): NetworkValue | undefined {
  const { model, state, buffers, valuation } = ctx;
  const { alpha, beta, mechanisms, recoveryRate } = model.parameters;
  let value: NetworkValue | undefined;
  // Each pass rescues or fails at least one entity, so n + 1 passes always suffice.
  for (let pass = 0; pass <= model.n; pass++) {
    if (mechanisms.clearing && everyoneSolventAtPar(ctx)) return undefined;
    if (mechanisms.clearing) {
      valuation.load(state);
      value = valuation.solve(alpha, beta);
      for (let k = 0; k < state.claims; k++) {
        if (state.kind[k] === EQUITY) continue;
        const usd = faceUsd(state, k);
        state.recovery[k] = usd > 0 ? Math.min(1, value.paid[k]! / usd) : 1;
      }
    } else {
      // Furfine: a claim on a failed entity recovers R of what its collateral does not cover.
      for (let k = 0; k < state.claims; k++) {
        if (state.status[state.debtor[k]!] !== FAILED) {
          state.recovery[k] = 1;
          continue;
        }
        const usd = faceUsd(state, k);
        const covered = Math.min(usd, collateralValue(state, k));
        state.recovery[k] = usd > 0 ? (covered + recoveryRate * (usd - covered)) / usd : 1;
      }
    }
    markBalances(model, state, buffers.scratch);
    let insolvent = -1;
    let rescued = false;
    for (let i = 0; i < model.n; i++) {
      if (!failsInsolvent(ctx, i)) continue;
      // Recapitalise to a hair above zero (the insolvency tolerance), so rounding cannot undo it.
      const liabilities = state.assets[i]! - state.equity[i]!;
      if (tryRescue(ctx, i, -state.equity[i]! + 1e-9 * (liabilities + 1), "recapitalisation")) {
        rescued = true;
        break;
      }
      insolvent = i;
    }
    if (rescued) continue;
    if (insolvent < 0) return value;
    for (let i = 0; i < model.n; i++)
      if (failsInsolvent(ctx, i))
        fail(ctx, i, "insolvent", `equity ${formatUsd(state.equity[i]!)} at marked prices`);
  }
  return value;
}

/**
 * True if entity `i` is insolvent at the step's marking and that closes it: always without opacity;
 * with opaque balance sheets only once it has gated (its books are opened) — an open entity whose
 * hole nobody can see keeps operating until it cannot pay (docs/cascade.md § Opacity).
 */
function failsInsolvent(ctx: RunContext, i: number): boolean {
  const status = ctx.state.status[i];
  if (status === FAILED || !isInsolvent(ctx.state, i)) return false;
  return status === GATED || !ctx.model.parameters.mechanisms.opacity;
}

/**
 * True if nobody has failed and every entity is solvent with all claims at face value. Then the
 * greatest clearing vector pays every claim in full (the GA's first round finds no defaulter), so
 * the clearing need not run. Leaves recoveries at 1 and the marking current.
 */
function everyoneSolventAtPar(ctx: RunContext): boolean {
  const { model, state, buffers } = ctx;
  for (let i = 0; i < model.n; i++) if (state.status[i] === FAILED) return false;
  state.recovery.fill(1, 0, state.claims);
  markBalances(model, state, buffers.scratch);
  for (let i = 0; i < model.n; i++) if (isInsolvent(state, i)) return false;
  return true;
}

/** Emits the step's aggregated sales, withdrawals and outside sales. */
function flushStepEvents(ctx: RunContext): void {
  const { model, buffers } = ctx;
  const m = model.market.m;
  const R = SALE_REASONS.length;
  for (let i = 0; i < model.n; i++)
    if (buffers.withdrawn[i]! > 0) emit(ctx, "withdrawal", i, buffers.withdrawn[i]!);
  for (let k = 0; k < model.claims; k++) {
    const paid = buffers.recallPaid[k]!;
    if (paid === 0) continue;
    buffers.recallPaid[k] = 0;
    emit(ctx, "loan-recall", ctx.state.debtor[k]!, paid, { counterparty: ctx.state.creditor[k]! });
  }
  // Entities in the order they first sold this step; their slots are zeroed for the next step.
  for (let s = 0; s < buffers.soldCount; s++) {
    const i = buffers.soldBy[s]!;
    buffers.hasSold[i] = 0;
    for (let a = 0; a < m; a++) {
      for (let r = 0; r < R; r++) {
        const slot = (i * m + a) * R + r;
        const usd = buffers.salesUsd[slot]!;
        if (usd === 0) continue;
        emit(ctx, "sale", i, usd, {
          asset: a,
          detail: { units: buffers.salesUnits[slot]!, reason: SALE_REASONS[r] },
        });
        buffers.salesUsd[slot] = 0;
        buffers.salesUnits[slot] = 0;
      }
    }
  }
  buffers.soldCount = 0;
  for (let a = 0; a < m; a++)
    if (buffers.outsideUnits[a]! > 0)
      emit(ctx, "outside-sale", -1, buffers.outsideUnits[a]! * ctx.state.market.price[a]!, {
        asset: a,
        detail: { units: buffers.outsideUnits[a]! },
      });
}

interface Paths {
  readonly prices: Float64Array;
  readonly equity: Float64Array;
  readonly cap: Float64Array;
  readonly direct: Float64Array;
  record(index: number, price: Float64Array, equity: Float64Array, cap: number): void;
}

/** Preallocated path buffers: (steps + 1) × assets and (steps + 1) × entities. */
function recorder(model: CascadeModel, steps: number): Paths {
  const m = model.market.m;
  const n = model.n;
  const prices = new Float64Array((steps + 1) * m);
  const equity = new Float64Array((steps + 1) * n);
  const cap = new Float64Array(steps + 1);
  return {
    prices,
    equity,
    cap,
    direct: new Float64Array(n),
    record(index, price, eq, value) {
      prices.set(price, index * m);
      equity.set(eq, index * n);
      cap[index] = value;
    },
  };
}

function assemble(
  ctx: RunContext,
  paths: Paths,
  value: NetworkValue | undefined,
  warnings: string[],
  initialUnits: Float64Array,
): CascadeResult {
  const { model, state } = ctx;
  const { n } = model;
  const m = model.market.m;
  const steps = model.parameters.steps;
  const pricePaths: Record<string, number[]> = {};
  for (let a = 0; a < m; a++) {
    const path = new Array<number>(steps + 1);
    for (let s = 0; s <= steps; s++) path[s] = paths.prices[s * m + a]!;
    pricePaths[model.market.ids[a]!] = path;
  }
  const equityPaths: Record<string, number[]> = {};
  for (let i = 0; i < n; i++) {
    const path = new Array<number>(steps + 1);
    for (let s = 0; s <= steps; s++) path[s] = paths.equity[s * n + i]!;
    equityPaths[model.entityIds[i]!] = path;
  }
  const capPath = Array.from(paths.cap);
  const initialUsd = capPath[0]!;
  const finalUsd = capPath[steps]!;
  const troughUsd = Math.min(...capPath);
  const lossesByCreditor = creditorLosses(ctx, value);
  let totalLossesUsd = 0;
  for (const loss of Object.values(lossesByCreditor)) totalLossesUsd += loss;
  const forcedSales: Record<string, { units: number; usd: number }> = {};
  for (let a = 0; a < m; a++)
    if (ctx.soldUnits[a]! > 0)
      forcedSales[model.market.ids[a]!] = { units: ctx.soldUnits[a]!, usd: ctx.soldUsd[a]! };

  // Failures: bankruptcies in order, plus entities still gated at the end at their gating step.
  const failures = [...ctx.failures];
  for (const g of ctx.gated) {
    const i = model.entityIds.indexOf(g.entity);
    if (state.status[i] === GATED) failures.push({ entity: g.entity, step: g.step, cause: "gated" });
  }
  failures.sort((x, y) => x.step - y.step);

  return {
    scenario: model.scenarioId,
    steps,
    failures,
    gated: ctx.gated,
    equityPaths,
    lossesByCreditor,
    forcedSales,
    pricePaths,
    marketCap: {
      initialUsd,
      finalUsd,
      troughUsd,
      change: initialUsd > 0 ? finalUsd / initialUsd - 1 : 0,
      troughChange: initialUsd > 0 ? troughUsd / initialUsd - 1 : 0,
      path: capPath,
    },
    deleveragingUsd: ctx.deleveragingUsd,
    rescues: ctx.rescues,
    systemic: { debtRank: debtRank(ctx, paths.direct), failures: failures.length, totalLossesUsd },
    events: ctx.events as CascadeEvent[],
    ledger: ledger(ctx, initialUnits),
    warnings,
  };
}

function ledger(ctx: RunContext, initialUnits: Float64Array): CascadeResult["ledger"] {
  const { model, state } = ctx;
  const finalUnits = heldUnits(ctx);
  const units: Record<string, { initial: number; final: number; sold: number }> = {};
  let saleProceedsUsd = 0;
  for (let a = 0; a < model.market.m; a++) {
    units[model.market.ids[a]!] = {
      initial: initialUnits[a]!,
      final: finalUnits[a]!,
      sold: ctx.soldUnits[a]!,
    };
    saleProceedsUsd += ctx.soldUsd[a]!;
  }
  let initialCashUsd = 0;
  let finalCashUsd = 0;
  for (let i = 0; i < model.n; i++) {
    initialCashUsd += model.cash[i]!;
    finalCashUsd += state.cash[i]!;
  }
  return { initialCashUsd, finalCashUsd, saleProceedsUsd, ...ctx.flows, units };
}

/** Losses on claims on failed entities at the end of the run, by creditor. */
function creditorLosses(ctx: RunContext, value: NetworkValue | undefined): Record<string, number> {
  const { model, state } = ctx;
  const ids = model.entityIds;
  const losses: Record<string, number> = {};
  const add = (key: string, usd: number) => {
    if (usd > 1e-9) losses[key] = (losses[key] ?? 0) + usd;
  };
  for (let k = 0; k < state.claims; k++) {
    if (state.kind[k] === EQUITY || state.status[state.debtor[k]!] !== FAILED) continue;
    const usd = faceUsd(state, k);
    add(ids[state.creditor[k]!]!, usd * (1 - state.recovery[k]!));
  }
  const r = model.parameters.recoveryRate;
  for (let i = 0; i < model.n; i++) {
    if (state.status[i] !== FAILED) continue;
    const deposits = state.deposits[i]!;
    const other = state.otherLiabilities[i]!;
    add(`${ids[i]}:customers`, value ? deposits - value.paidDeposits[i]! : deposits * (1 - r));
    add(`${ids[i]}:other-creditors`, value ? other - value.paidOther[i]! : other * (1 - r));
  }
  return losses;
}

/** DebtRank of the run: distress added beyond the direct effect of the shocks, weighted by size. */
function debtRank(ctx: RunContext, direct: Float64Array): number {
  const { state, model } = ctx;
  let total = 0;
  for (let i = 0; i < model.n; i++) total += Math.max(0, state.initialAssets[i]!);
  if (!(total > 0)) return 0;
  let rank = 0;
  for (let i = 0; i < model.n; i++) {
    const e0 = state.initialEquity[i]!;
    if (!(e0 > 0)) continue;
    const v = Math.max(0, state.initialAssets[i]!) / total;
    const final = Math.min(1, Math.max(0, (e0 - state.equity[i]!) / e0));
    const shock = Math.min(1, direct[i]! / e0);
    rank += v * Math.max(0, final - shock);
  }
  return rank;
}
