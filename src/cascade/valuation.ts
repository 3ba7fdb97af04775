/**
 * The cascade's valuation core: the current state as a tiered clearing problem, solved by the network
 * layer's greatest clearing vector with Rogers–Veraart default costs (src/network/clearing.ts).
 *
 * Nodes are entities. External assets are everything an entity owns outside claims on other entities
 * (cash, tokens at current prices including pledged collateral, other assets, equity stakes). Claims
 * are the debt claims between entities at current face value in USD, each in its seniority tier, plus
 * each entity's external liabilities: customer deposits (deposit tier) and other liabilities (unsecured
 * tier), held by the external creditor. A secured claim is paid from its collateral first, outside
 * the estate (as a secured lender enforces its collateral); only its deficiency is cleared, as an
 * unsecured claim, and any excess collateral belongs to the borrower's estate.
 *
 * A failed (bankrupt) entity is in default whatever its balance sheet, so default costs apply to its
 * estate: it is passed to the clearing in `forcedDefault` and pays `min(p̄, α·e + β·received)` down its
 * tiers, exactly the Rogers–Veraart rule applied to a known default set.
 * @module
 */

import { type ClearingResult, clearingVector } from "../network/clearing.ts";
import {
  buildClearingProblem,
  type ClearingProblem,
  ClearingWorkspace,
  EXTERNAL_CREDITOR,
} from "../network/clearing-problem.ts";
import { collateralValue } from "./balance.ts";
import type { CascadeModel } from "./model.ts";
import { EQUITY, SECURED } from "./model.ts";
import { type CascadeState, FAILED, faceUsd } from "./state.ts";

/** Input slot kinds beyond the state's claims. */
const SLOT_DEPOSITS = 0;
const SLOT_OTHER = 1;
/** `source` of input slots that map to nothing in the results (prospective rescue claims). */
const DUMMY = -(2 ** 30);

/** Outcome of one clearing, indexed by entity and by state claim. */
export interface NetworkValue {
  /** Equity at marked prices, USD: external assets + received − owed (before default costs). */
  readonly equity: Float64Array;
  /** Paid on each state claim, USD (claims on solvent debtors are paid in full). */
  readonly paid: Float64Array;
  /** Paid to each entity's external depositors and other creditors, USD. */
  readonly paidDeposits: Float64Array;
  readonly paidOther: Float64Array;
}

/** A built clearing problem and the input structure it was built from. */
interface CachedProblem {
  readonly problem: ClearingProblem;
  readonly order: Uint32Array;
  readonly count: number;
  readonly debtor: Int32Array;
  readonly creditor: Int32Array;
  readonly tier: Uint8Array;
}

/** Reusable clearing buffers for one model. */
export class NetworkValuation {
  private readonly model: CascadeModel;
  readonly externalAssets: Float64Array;
  private readonly debtor: Int32Array;
  private readonly creditor: Int32Array;
  private readonly amount: Float64Array;
  private readonly tier: Uint8Array;
  /** Input slot → state claim index (≥ 0), −(entity·2 + slot kind) − 1 for external slots, or {@link DUMMY}. */
  private readonly source: Int32Array;
  /** 1 for entities in default whatever their balance sheet (failed, or the rescue's counterfactual). */
  private readonly forced: Uint8Array;
  /** Per state claim: the part of a secured claim its collateral covers, USD. */
  private readonly covered: Float64Array;
  private count = 0;
  private readonly out: NetworkValue;

  constructor(model: CascadeModel) {
    this.model = model;
    const n = model.n;
    const capacity = model.claimCapacity + 2 * n + 1;
    this.externalAssets = new Float64Array(n);
    this.debtor = new Int32Array(capacity);
    this.creditor = new Int32Array(capacity);
    this.amount = new Float64Array(capacity);
    this.tier = new Uint8Array(capacity);
    this.source = new Int32Array(capacity);
    this.forced = new Uint8Array(n);
    this.covered = new Float64Array(model.claimCapacity);
    this.out = {
      equity: new Float64Array(n),
      paid: new Float64Array(model.claimCapacity),
      paidDeposits: new Float64Array(n),
      paidOther: new Float64Array(n),
    };
  }

  /**
   * Loads the state: external assets, debt claims, external liabilities. Failed entities, and entity
   * `forced` if given, are put in default.
   */
  load(state: CascadeState, forced = -1): void {
    const model = this.model;
    const { n } = model;
    const m = model.market.m;
    const { price } = state.market;
    const e = this.externalAssets;
    for (let i = 0; i < n; i++) {
      let value = state.cash[i]! + state.otherAssets[i]!;
      for (let a = 0, row = i * m; a < m; a++)
        value += (state.liquid[row + a]! + state.locked[row + a]!) * price[a]!;
      // Payments and sales of "everything" can leave −1e-11 by rounding.
      e[i] = Math.max(0, value);
    }
    this.count = 0;
    // Shareholders of an entity put in default get what is left after its default costs.
    const forcedEquity = forced < 0 ? 0 : this.equityAfterDefault(state, forced, e[forced]!);
    for (let k = 0; k < state.claims; k++) {
      const kind = state.kind[k]!;
      const d = state.debtor[k]!;
      if (kind === EQUITY) {
        const value = d === forced ? forcedEquity : state.equity[d]!;
        if (value > 0) e[state.creditor[k]!]! += state.stake[k]! * value;
        continue;
      }
      const face = faceUsd(state, k);
      const collateral = kind === SECURED ? collateralValue(state, k) : 0;
      if (collateral > 0) {
        // The lender is paid from its collateral first (outside the estate); any excess collateral
        // returns to the borrower's estate, and only a deficiency is cleared, as an unsecured claim.
        const covered = Math.min(face, collateral);
        this.covered[k] = covered;
        e[state.creditor[k]!]! += covered;
        e[d]! += collateral - covered;
        this.push(d, state.creditor[k]!, face - covered, model.tierOf.unsecured, k);
      } else {
        this.covered[k] = 0;
        this.push(d, state.creditor[k]!, face, state.tier[k]!, k);
      }
    }
    const depositTier = model.tierOf.deposit;
    const otherTier = model.tierOf.unsecured;
    for (let i = 0; i < n; i++) {
      // Pushed even when zero, so that the problem's structure stays the same from step to step.
      // A minting issuer's coins are paid in new tokens, not from its estate (model.ts, mintCoin).
      const deposits = model.mintCoin[i]! >= 0 ? 0 : state.deposits[i]!;
      this.push(i, EXTERNAL_CREDITOR, deposits, depositTier, -(2 * i + SLOT_DEPOSITS) - 1);
      this.push(i, EXTERNAL_CREDITOR, state.otherLiabilities[i]!, otherTier, -(2 * i + SLOT_OTHER) - 1);
    }
    for (let i = 0; i < n; i++) this.forced[i] = state.status[i] === FAILED || i === forced ? 1 : 0;
  }

  /**
   * Equity left to the shareholders of entity `j` if it is put in default: its marked equity less the
   * Rogers–Veraart default costs, `(1 − α)` of its external assets and `(1 − β)` of its claims on
   * others (so 0 costs with α = β = 1, and a stake then gains nothing from a rescue).
   */
  private equityAfterDefault(state: CascadeState, j: number, external: number): number {
    const { alpha, beta } = this.model.parameters;
    const claims = Math.max(0, state.assets[j]! - external);
    return state.equity[j]! - (1 - alpha) * external - (1 - beta) * claims;
  }

  /** Adds cash to an entity's external assets (a rescue scenario). */
  addExternal(i: number, usd: number): void {
    this.externalAssets[i]! += usd;
  }

  /** Adds a claim that is not in the state (a prospective rescue loan); it counts in the equities. */
  addClaim(debtor: number, creditor: number, usd: number, tier: number): void {
    this.push(debtor, creditor, usd, tier, DUMMY);
  }

  /** Solves the loaded problem with Rogers–Veraart costs (α, β). */
  solve(alpha: number, beta: number): NetworkValue {
    const { problem, order } = this.problem();
    const result = clearingVector(problem, {
      alpha,
      beta,
      forcedDefault: this.forced,
      workspace: this.workspace,
    });
    return this.collect(result, order);
  }

  /**
   * The CSR problem of the loaded claims. Between steps usually only amounts and external assets
   * change: then the previous problem is refilled in place instead of sorted again.
   */
  private problem(): { problem: ClearingProblem; order: Uint32Array } {
    const count = this.count;
    const cached = this.cached;
    if (cached && cached.count === count && this.sameStructure(cached)) {
      const { problem, order } = cached;
      problem.externalAssets.set(this.externalAssets);
      const amount = problem.amount;
      for (let slot = 0; slot < count; slot++) amount[slot] = this.amount[order[slot]!]!;
      return cached;
    }
    const built = buildClearingProblem(this.model.n, this.externalAssets, {
      debtor: this.debtor.subarray(0, count),
      creditor: this.creditor.subarray(0, count),
      amount: this.amount.subarray(0, count),
      tier: this.tier.subarray(0, count),
    });
    this.cached = {
      ...built,
      count,
      debtor: this.debtor.slice(0, count),
      creditor: this.creditor.slice(0, count),
      tier: this.tier.slice(0, count),
    };
    return built;
  }

  private sameStructure(cached: CachedProblem): boolean {
    for (let s = 0; s < cached.count; s++) {
      if (
        cached.debtor[s] !== this.debtor[s] ||
        cached.creditor[s] !== this.creditor[s] ||
        cached.tier[s] !== this.tier[s]
      )
        return false;
    }
    return true;
  }

  private cached: CachedProblem | undefined;
  /** The clearing kernel's memory, reused by every solve of this run. */
  private readonly workspace = new ClearingWorkspace();

  private collect(result: ClearingResult, order: Uint32Array): NetworkValue {
    const n = this.model.n;
    const out = this.out;
    out.paidDeposits.fill(0);
    out.paidOther.fill(0);
    for (let slot = 0; slot < order.length; slot++) {
      const input = order[slot]!;
      const source = this.source[input]!;
      const paid = result.paid[slot]!;
      if (source >= 0) out.paid[source] = paid + this.covered[source]!;
      else {
        const code = -source - 1;
        if (code < 2 * n) {
          const i = code >> 1;
          if ((code & 1) === SLOT_DEPOSITS) out.paidDeposits[i] = paid;
          else out.paidOther[i] = paid;
        }
      }
    }
    out.equity.set(result.equity);
    return out;
  }

  private push(debtor: number, creditor: number, usd: number, tier: number, source: number): void {
    const s = this.count++;
    this.debtor[s] = debtor;
    this.creditor[s] = creditor;
    this.amount[s] = Math.max(usd, 0);
    this.tier[s] = tier;
    this.source[s] = source;
  }
}
