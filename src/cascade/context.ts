/**
 * What every mechanism of a running cascade works on: the compiled model, the mutable state, the
 * step's buffers, the clearing, and the record of what happened (events, failures, gating, rescues,
 * sales and deleveraging).
 * @module
 */
import type { CascadeModel } from "./model.ts";
import { type CascadeState, FAILED, GATED, type StepBuffers } from "./state.ts";
import type { NetworkValuation } from "./valuation.ts";

/** Why an entity failed. */
export type FailureCause = "insolvent" | "illiquid" | "gated" | "margin";

/** One event of a cascade run. */
export interface CascadeEvent {
  readonly step: number;
  readonly type: string;
  readonly entity?: string;
  readonly counterparty?: string;
  readonly asset?: string;
  /** USD amount of the event (0 for pure state changes). */
  readonly amountUsd: number;
  readonly detail?: unknown;
}

/** A failure as recorded, in order of occurrence. */
export interface FailureRecord {
  readonly entity: string;
  readonly step: number;
  readonly cause: FailureCause;
  readonly detail?: string;
}

/** A rescue as recorded. */
export interface RescueRecord {
  readonly rescuer: string;
  readonly target: string;
  readonly step: number;
  readonly amountUsd: number;
  /** `loan` (liquidity) or `recapitalisation` (equity). */
  readonly kind: "loan" | "recapitalisation";
}

/** Scenario claims by debtor (CSR): debtor d's claims are `claim[start[d] .. start[d+1])`. */
export interface ClaimsByDebtor {
  readonly start: Uint32Array;
  readonly claim: Uint32Array;
}

/** A running cascade. */
export interface RunContext {
  readonly model: CascadeModel;
  readonly state: CascadeState;
  readonly buffers: StepBuffers;
  readonly valuation: NetworkValuation;
  readonly byDebtor: ClaimsByDebtor;
  readonly events: CascadeEvent[];
  readonly failures: FailureRecord[];
  readonly gated: { entity: string; step: number }[];
  readonly rescues: RescueRecord[];
  /** Per asset: units and USD sold by modelled entities over the run. */
  readonly soldUnits: Float64Array;
  readonly soldUsd: Float64Array;
  /** Debt repaid or liquidated, USD. */
  deleveragingUsd: number;
  /** Cash flows across the model's boundary, USD (for the ledger). */
  readonly flows: { otherAssetSalesUsd: number; paidOutUsd: number; cashWrittenOffUsd: number };
  /** Current step. */
  step: number;
}

/** Appends an event; entity and counterparty are indices (−1 for none), asset an index (−1 for none). */
export function emit(
  ctx: RunContext,
  type: string,
  entity: number,
  amountUsd: number,
  options: { counterparty?: number; asset?: number; detail?: unknown } = {},
): void {
  const ids = ctx.model.entityIds;
  const event: {
    step: number;
    type: string;
    entity?: string;
    counterparty?: string;
    asset?: string;
    amountUsd: number;
    detail?: unknown;
  } = { step: ctx.step, type, amountUsd };
  if (entity >= 0) event.entity = ids[entity]!;
  if (options.counterparty !== undefined && options.counterparty >= 0)
    event.counterparty = ids[options.counterparty]!;
  if (options.asset !== undefined && options.asset >= 0) event.asset = ctx.model.market.ids[options.asset]!;
  if (options.detail !== undefined) event.detail = options.detail;
  ctx.events.push(event);
}

/** Declares entity `i` bankrupt at the current step (no-op if it already failed). */
export function fail(ctx: RunContext, i: number, cause: FailureCause, detail?: string): void {
  const { state } = ctx;
  if (state.status[i] === FAILED) return;
  state.status[i] = FAILED;
  state.failedAt[i] = ctx.step;
  state.rescueRemaining[i] = 0;
  const record: { entity: string; step: number; cause: FailureCause; detail?: string } = {
    entity: ctx.model.entityIds[i]!,
    step: ctx.step,
    cause,
  };
  if (detail !== undefined) record.detail = detail;
  ctx.failures.push(record);
  emit(ctx, "failure", i, state.equity[i]!, { detail: detail === undefined ? { cause } : { cause, detail } });
}

/** Freezes entity `i`'s withdrawals at the current step. */
export function gate(ctx: RunContext, i: number, unmetUsd: number): void {
  const { state } = ctx;
  if (state.status[i] !== 0) return;
  state.status[i] = GATED;
  state.gatedAt[i] = ctx.step;
  ctx.gated.push({ entity: ctx.model.entityIds[i]!, step: ctx.step });
  emit(ctx, "gate", i, unmetUsd, { detail: { unmetWithdrawalsUsd: unmetUsd } });
}

/** Scenario claims grouped by debtor. */
export function claimsByDebtor(model: CascadeModel): ClaimsByDebtor {
  const start = new Uint32Array(model.n + 1);
  for (let k = 0; k < model.claims; k++) start[model.debtor[k]! + 1]!++;
  for (let i = 0; i < model.n; i++) start[i + 1]! += start[i]!;
  const next = start.slice(0, model.n);
  const claim = new Uint32Array(model.claims);
  for (let k = 0; k < model.claims; k++) claim[next[model.debtor[k]!]!++] = k;
  return { start, claim };
}
