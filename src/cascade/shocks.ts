/**
 * Exogenous shocks, applied at the start of their step before any mechanism runs: price moves,
 * write-downs, exogenous defaults, withdrawal demand and forced sales.
 * @module
 */
import { inputError } from "../core/errors.ts";
import { refreshPeggedPrices, scalePrice } from "../market/market.ts";
import type { ScenarioShock } from "../scenario/normalize.ts";
import { emit, fail, type RunContext } from "./context.ts";
import { placeOrder, unorderedUnits } from "./fire-sales.ts";
import type { CascadeModel } from "./model.ts";
import { ACTIVE, SALE_SHOCK } from "./state.ts";

/** A shock with entity and asset indices (−1 when not applicable). */
export interface CompiledShock {
  readonly type: ScenarioShock["type"];
  readonly step: number;
  readonly entity: number;
  readonly asset: number;
  /** price: relative change; withdrawal: fraction of deposits (NaN when given in USD). */
  readonly change: number;
  /** loss, withdrawal: USD; sale: units; mint-capacity: USD per day. */
  readonly amount: number;
}

/**
 * Groups shocks by step with indices resolved. Shocks at or after the run's last step are left out
 * and counted (a shorter run than the scenario's).
 * @throws {InputError} if a shock names an unknown entity or asset
 */
export function compileShocks(
  model: CascadeModel,
  shocks: readonly ScenarioShock[],
): { byStep: CompiledShock[][]; beyond: number } {
  const entity = new Map(model.entityIds.map((id, i) => [id, i]));
  const asset = new Map(model.market.ids.map((id, a) => [id, a]));
  const steps = model.parameters.steps;
  const byStep: CompiledShock[][] = Array.from({ length: steps }, () => []);
  let beyond = 0;
  shocks.forEach((shock, s) => {
    const step = shock.step ?? 0;
    const where = `shocks[${s}]`;
    const e = "entity" in shock ? entity.get(shock.entity) : undefined;
    if ("entity" in shock && e === undefined)
      throw inputError(`unknown entity "${shock.entity}"`, `${where}.entity`);
    const a = "asset" in shock ? asset.get(shock.asset) : undefined;
    if ("asset" in shock && a === undefined)
      throw inputError(`unknown asset "${shock.asset}"`, `${where}.asset`);
    if (step >= steps) {
      beyond++;
      return;
    }
    let change = Number.NaN;
    let amount = 0;
    switch (shock.type) {
      case "price":
        change = shock.change;
        break;
      case "withdrawal":
        if (shock.fraction !== undefined) change = shock.fraction;
        else amount = shock.amountUsd ?? 0;
        break;
      case "sale":
        amount = shock.units;
        break;
      case "loss":
        amount = shock.amountUsd;
        break;
      case "mint-capacity":
        amount = shock.capacityUsd;
        break;
      case "default":
      case "disclosure":
        break;
    }
    byStep[step]!.push({ type: shock.type, step, entity: e ?? -1, asset: a ?? -1, change, amount });
  });
  return { byStep, beyond };
}

/** Applies the shocks of the current step. */
export function applyShocks(ctx: RunContext, shocks: readonly CompiledShock[]): void {
  const { model, state, buffers } = ctx;
  const market = model.market;
  for (const shock of shocks) {
    const i = shock.entity;
    switch (shock.type) {
      case "price": {
        const a = shock.asset;
        const before = state.market.price[a]!;
        scalePrice(market, state.market, a, 1 + shock.change);
        refreshPeggedPrices(market, state.market);
        emit(ctx, "shock-price", -1, (state.market.price[a]! - before) * state.market.supply[a]!, {
          asset: a,
          detail: { change: shock.change },
        });
        break;
      }
      case "loss": {
        let loss = shock.amount;
        const fromOther = Math.min(loss, state.otherAssets[i]!);
        state.otherAssets[i]! -= fromOther;
        loss -= fromOther;
        const fromCash = Math.min(loss, state.cash[i]!);
        state.cash[i]! -= fromCash;
        ctx.flows.cashWrittenOffUsd += fromCash;
        state.otherLiabilities[i]! += loss - fromCash;
        emit(ctx, "shock-loss", i, shock.amount);
        break;
      }
      case "default":
        fail(ctx, i, "insolvent", "exogenous default (shock)");
        break;
      case "mint-capacity":
        state.market.mintCapacity[shock.asset] = shock.amount;
        // In force from this step: shocks come after the step's capacity was set (engine.ts startStep).
        ctx.buffers.mintRemaining[shock.asset] = shock.amount * ctx.model.parameters.stepDays;
        emit(ctx, "shock-mint-capacity", -1, shock.amount, { asset: shock.asset });
        break;
      case "disclosure":
        state.disclosed[i] = 1;
        emit(ctx, "shock-disclosure", i, state.equity[i]!);
        break;
      case "withdrawal": {
        // A minting issuer keeps redeeming whatever its status (stablecoins.ts).
        if (state.status[i] !== ACTIVE && ctx.model.mintCoin[i]! < 0) break;
        const usd = Number.isNaN(shock.change) ? shock.amount : shock.change * state.deposits[i]!;
        buffers.externalDue[i]! += usd;
        emit(ctx, "shock-withdrawal", i, usd);
        break;
      }
      case "sale": {
        const units = Math.min(shock.amount, unorderedUnits(ctx, i, shock.asset));
        placeOrder(ctx, i, shock.asset, units, SALE_SHOCK);
        emit(ctx, "shock-sale", i, units * state.market.price[shock.asset]!, {
          asset: shock.asset,
          detail: { units, requestedUnits: shock.amount },
        });
        break;
      }
    }
  }
}
