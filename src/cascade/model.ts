/**
 * A scenario compiled once into struct-of-arrays form for the engine: entities × fields in typed
 * arrays, holdings as entity × asset matrices (row-major, `i·m + a`), and claims as parallel arrays
 * with room for the rescue claims a run may add.
 *
 * Conventions fixed here (docs/cascade.md § State):
 * - Collateral is pledged out of the borrower's holdings (liquid units first, then locked ones) and
 *   stays the borrower's asset until seized. Pledged units beyond what the borrower holds are added
 *   as pledged assets of the borrower, with a warning.
 * - A claim's face is in units of its denomination asset, or USD; `faceUsd = face × price`.
 * - Equity claims hold a fraction `stake = book / initial equity of the debtor` (at most 1) of the
 *   debtor's positive equity; they are not debts and are not cleared.
 * @module
 */
import { formatPath } from "../core/path.ts";
import { compileMarket, type MarketModel } from "../market/market.ts";
import type { Scenario } from "../scenario/normalize.ts";
import { ENTITY_TYPES, type SENIORITY } from "../scenario/schema.ts";
import type { CascadeParameters } from "./parameters.ts";

/** Claim kinds. */
export const SECURED = 0;
/** Deposit or custody at an exchange or platform. */
export const DEPOSIT = 1;
/** Unsecured loan. */
export const UNSECURED = 2;
/** Credit line (face = drawn, `limit` = line). */
export const CREDIT_LINE = 3;
/** Equity stake (not a debt). */
export const EQUITY = 4;
/** Rescue loan extended during the run (unsecured, not callable). */
export const RESCUE_LOAN = 5;

/** Claim kind names, by code. */
export const CLAIM_KINDS = [
  "secured-loan",
  "deposit",
  "unsecured-loan",
  "credit-line",
  "equity",
  "rescue-loan",
] as const;

/** Denomination code of a USD claim. */
export const USD = -1;

/** Per-entity balance-sheet arrays (USD; holdings in units, `n × m` row-major). */
export interface EntityBooks {
  readonly cash: Float64Array;
  readonly deposits: Float64Array;
  readonly otherAssets: Float64Array;
  readonly otherLiabilities: Float64Array;
  /** Unencumbered units, `n × m`. */
  readonly liquid: Float64Array;
  /** Locked (vesting) units, `n × m`. */
  readonly locked: Float64Array;
}

/** Per-claim arrays: as compiled in the model, as they stand in the state. */
export interface ClaimArrays {
  readonly kind: Uint8Array;
  readonly creditor: Int32Array;
  readonly debtor: Int32Array;
  /** Face value in units of `denomination`, or USD. */
  readonly face: Float64Array;
  /** Asset index, or {@link USD}. */
  readonly denomination: Int32Array;
  /** Seniority tier in the clearing (0 = most senior). */
  readonly tier: Uint8Array;
  /** Credit-line limit in the claim's denomination (0 elsewhere). */
  readonly limit: Float64Array;
  /** Collateral asset, or −1. */
  readonly collateralAsset: Int32Array;
  /** Pledged liquid and locked units. */
  readonly collateralUnits: Float64Array;
  readonly collateralLockedUnits: Float64Array;
  /** Equity claims: fraction of the debtor's equity held. */
  readonly stake: Float64Array;
}

/** The compiled scenario: immutable inputs of a run. */
export interface CascadeModel extends EntityBooks, ClaimArrays {
  readonly scenarioId: string;
  readonly parameters: CascadeParameters;
  readonly market: MarketModel;
  /** Number of entities. */
  readonly n: number;
  readonly entityIds: readonly string[];
  /** Index into {@link ENTITY_TYPES}. */
  readonly entityType: Uint8Array;
  /** 1 if the entity gates (freezes withdrawals) rather than failing when it cannot pay. */
  readonly gates: Uint8Array;
  /** 1 if the entity's funding runs on market-wide stress (its type is in `runs.marketTypes`). */
  readonly marketFear: Uint8Array;
  /** 1 if the entity stands for many firms (`aggregate`): it is nobody's peer in the run signal. */
  readonly aggregate: Uint8Array;
  /**
   * The coin entity i redeems by minting (`redemption: "mint"`), or −1. Such an issuer pays its coins
   * in new tokens, so the coins are not a liability that can make it insolvent (they are excluded from
   * its marked liabilities and from the clearing).
   */
  readonly mintCoin: Int32Array;
  /** Fraction of callable funding withdrawn per step at full distress. */
  readonly runSensitivity: Float64Array;
  /** Cont–Schaanning λ_max and λ_target per entity (Infinity: none). */
  readonly leverageMax: Float64Array;
  /** True if any entity has a finite leverage limit. */
  readonly hasLeverageLimits: boolean;
  readonly leverageTarget: Float64Array;
  readonly rescueCapacity: Float64Array;
  /** `n × n`, 1 where entity r may rescue entity j (row r). */
  readonly rescueAllowed: Uint8Array;
  /** Scenario claims; the state has room for more (rescues). */
  readonly claims: number;
  /** Room for claims in the state: scenario claims plus two per (rescuer, entity) pair. */
  readonly claimCapacity: number;
  readonly marginCallLtv: Float64Array;
  readonly liquidationLtv: Float64Array;
  /** LTV a margin call restores: the loan's initial LTV, at most its margin-call LTV. */
  readonly targetLtv: Float64Array;
  /**
   * Per claim: 1 if its creditor recalls it in a run (deposits; unsecured loans and credit lines with
   * `runs.callableLoans`; a claim's own `callable` overrides). Rescue loans are never callable.
   */
  readonly callable: Uint8Array;
  /** Tier index of each seniority class. */
  readonly tierOf: Readonly<Record<(typeof SENIORITY)[number], number>>;
  /** Problems with the scenario that the engine worked around, for the result. */
  readonly warnings: readonly string[];
}

const DEFAULT_SENIORITY: Record<string, (typeof SENIORITY)[number]> = {
  "secured-loan": "secured",
  deposit: "deposit",
  "unsecured-loan": "unsecured",
  "credit-line": "unsecured",
  equity: "equity",
};

/** Compiles a scenario with resolved parameters. */
export function compileScenario(scenario: Scenario, parameters: CascadeParameters): CascadeModel {
  const entities = scenario.entities;
  const n = entities.length;
  const entityIndex = new Map(entities.map((e, i) => [e.id, i]));
  const market = compileMarket(scenario, entityIndex, {
    depthUnderStress: parameters.depthUnderStress,
    impactCoefficient: parameters.impactCoefficient,
    marketFactor: parameters.mechanisms.marketFactor,
  });
  const m = market.m;
  const assetIndex = new Map(market.ids.map((id, a) => [id, a]));
  const warnings: string[] = [];
  const gatingTypes = new Set<string>(parameters.gatingTypes);
  const marketTypes = new Set<string>(parameters.runMarketTypes);

  const entityType = new Uint8Array(n);
  const gates = new Uint8Array(n);
  const marketFear = new Uint8Array(n);
  const aggregate = new Uint8Array(n);
  const runSensitivity = new Float64Array(n);
  const leverageMax = new Float64Array(n);
  const leverageTarget = new Float64Array(n);
  const cash = new Float64Array(n);
  const deposits = new Float64Array(n);
  const otherAssets = new Float64Array(n);
  const otherLiabilities = new Float64Array(n);
  const liquid = new Float64Array(n * m);
  const locked = new Float64Array(n * m);
  const rescueCapacity = new Float64Array(n);
  const rescueAllowed = new Uint8Array(n * n);
  let rescuers = 0;
  entities.forEach((entity, i) => {
    entityType[i] = ENTITY_TYPES.indexOf(entity.type);
    const behaviour = entity.behaviour ?? {};
    gates[i] = (behaviour.gates ?? gatingTypes.has(entity.type)) ? 1 : 0;
    marketFear[i] = marketTypes.has(entity.type) ? 1 : 0;
    aggregate[i] = entity.aggregate === true ? 1 : 0;
    runSensitivity[i] = behaviour.runSensitivity ?? parameters.runSensitivity;
    const lmax = behaviour.leverageMax ?? parameters.leverageMax;
    leverageMax[i] = lmax;
    leverageTarget[i] =
      behaviour.leverageTarget ??
      (behaviour.leverageMax !== undefined ? 0.95 * lmax : Math.min(parameters.leverageTarget, lmax));
    cash[i] = entity.cashUsd ?? 0;
    deposits[i] = entity.customerDepositsUsd ?? 0;
    otherAssets[i] = entity.otherAssetsUsd ?? 0;
    otherLiabilities[i] = entity.otherLiabilitiesUsd ?? 0;
    for (const holding of entity.holdings ?? []) {
      const a = assetIndex.get(holding.asset)!;
      (holding.locked ? locked : liquid)[i * m + a]! += holding.units;
    }
    if (entity.rescue && entity.rescue.capacityUsd > 0) {
      rescuers++;
      rescueCapacity[i] = entity.rescue.capacityUsd;
      const targets = entity.rescue.targets;
      for (let j = 0; j < n; j++) {
        if (j !== i && (!targets || targets.includes(entities[j]!.id))) rescueAllowed[i * n + j] = 1;
      }
    }
  });

  const tierOf = Object.fromEntries(parameters.seniority.map((cls, t) => [cls, t])) as Record<
    (typeof SENIORITY)[number],
    number
  >;
  const list = scenario.claims ?? [];
  const claims = list.length;
  const claimCapacity = claims + 2 * rescuers * n;
  const kind = new Uint8Array(claimCapacity);
  const creditor = new Int32Array(claimCapacity);
  const debtor = new Int32Array(claimCapacity);
  const face = new Float64Array(claimCapacity);
  const denomination = new Int32Array(claimCapacity).fill(USD);
  const tier = new Uint8Array(claimCapacity);
  const limit = new Float64Array(claimCapacity);
  const collateralAsset = new Int32Array(claimCapacity).fill(-1);
  const collateralUnits = new Float64Array(claimCapacity);
  const collateralLockedUnits = new Float64Array(claimCapacity);
  const marginCallLtv = new Float64Array(claimCapacity);
  const liquidationLtv = new Float64Array(claimCapacity);
  const targetLtv = new Float64Array(claimCapacity);
  const stake = new Float64Array(claimCapacity);
  const callable = new Uint8Array(claimCapacity);
  const price = market.initialPrice;

  list.forEach((claim, k) => {
    kind[k] = CLAIM_KINDS.indexOf(claim.type);
    const c = entityIndex.get(claim.creditor)!;
    const d = entityIndex.get(claim.debtor)!;
    creditor[k] = c;
    debtor[k] = d;
    face[k] = claim.amount;
    if (claim.asset !== undefined) denomination[k] = assetIndex.get(claim.asset)!;
    tier[k] = tierOf[claim.seniority ?? DEFAULT_SENIORITY[claim.type]!];
    limit[k] = claim.limit ?? 0;
    const recallable =
      claim.type === "deposit" ||
      (parameters.callableLoans && (claim.type === "unsecured-loan" || claim.type === "credit-line"));
    callable[k] = (claim.callable ?? recallable) ? 1 : 0;
    const collateral = claim.collateral;
    if (collateral && claim.type === "secured-loan") {
      const a = assetIndex.get(collateral.asset)!;
      collateralAsset[k] = a;
      marginCallLtv[k] = collateral.marginCallLtv;
      liquidationLtv[k] = collateral.liquidationLtv;
      // Pledge out of the borrower's liquid units, then its locked ones; report what is missing.
      let units = collateral.units;
      const fromLiquid = Math.min(units, liquid[d * m + a]!);
      liquid[d * m + a]! -= fromLiquid;
      collateralUnits[k] = fromLiquid;
      units -= fromLiquid;
      const fromLocked = Math.min(units, locked[d * m + a]!);
      locked[d * m + a]! -= fromLocked;
      collateralLockedUnits[k] = fromLocked;
      units -= fromLocked;
      if (units > 1e-9 * collateral.units) {
        collateralUnits[k]! += units;
        warnings.push(
          `${formatPath(["claims", k, "collateral", "units"])}: ${claim.debtor} pledges ${collateral.units} ${collateral.asset} but holds ${collateral.units - units} not already pledged; the other ${units} are added to its assets as pledged collateral`,
        );
      }
      const debtUsd = claim.amount * (claim.asset === undefined ? 1 : price[denomination[k]!]!);
      const collateralUsd = collateral.units * price[a]!;
      const initialLtv = collateralUsd > 0 ? debtUsd / collateralUsd : Number.POSITIVE_INFINITY;
      targetLtv[k] = Math.min(initialLtv, collateral.marginCallLtv);
    }
  });

  const mintCoin = new Int32Array(n).fill(-1);
  for (let a = 0; a < m; a++)
    if (market.mintAsset[a]! >= 0 && market.pegIssuer[a]! >= 0) mintCoin[market.pegIssuer[a]!] = a;

  const model: CascadeModel = {
    scenarioId: scenario.id,
    parameters,
    market,
    n,
    entityIds: entities.map((e) => e.id),
    entityType,
    gates,
    marketFear,
    aggregate,
    mintCoin,
    runSensitivity,
    leverageMax,
    hasLeverageLimits: leverageMax.some((l) => l < Number.POSITIVE_INFINITY),
    leverageTarget,
    cash,
    deposits,
    otherAssets,
    otherLiabilities,
    liquid,
    locked,
    rescueCapacity,
    rescueAllowed,
    claims,
    claimCapacity,
    kind,
    creditor,
    debtor,
    face,
    denomination,
    tier,
    limit,
    collateralAsset,
    collateralUnits,
    collateralLockedUnits,
    marginCallLtv,
    liquidationLtv,
    targetLtv,
    stake,
    callable,
    tierOf,
    warnings,
  };
  setStakes(model);
  return model;
}

/**
 * Equity stakes as fractions of the debtor's book equity (after all other claims are compiled). The
 * stakes in one debtor are scaled down to 100% in total if they add up to more.
 */
function setStakes(model: CascadeModel): void {
  const equity = bookEquity(model);
  const warnings = model.warnings as string[];
  const total = new Float64Array(model.n);
  for (let k = 0; k < model.claims; k++) {
    if (model.kind[k] !== EQUITY) continue;
    const d = model.debtor[k]!;
    const e = equity[d]!;
    model.stake[k] = e > 0 ? Math.min(1, model.face[k]! / e) : 0;
    total[d]! += model.stake[k]!;
    if (e <= 0)
      warnings.push(
        `claims[${k}]: equity stake in ${model.entityIds[d]} whose book equity is not positive; valued at 0`,
      );
  }
  for (let d = 0; d < model.n; d++) {
    if (total[d]! <= 1 + 1e-9) continue;
    warnings.push(
      `equity stakes in ${model.entityIds[d]} add up to ${(100 * total[d]!).toFixed(1)}% of its book equity; scaled to 100%`,
    );
    for (let k = 0; k < model.claims; k++)
      if (model.kind[k] === EQUITY && model.debtor[k] === d) model.stake[k]! /= total[d]!;
  }
}

/** Book equity of every entity at initial prices, with debt claims at par and equity stakes excluded. */
function bookEquity(model: CascadeModel): Float64Array {
  const { n, market, liquid, locked } = model;
  const m = market.m;
  const price = market.initialPrice;
  const equity = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let value = model.cash[i]! + model.otherAssets[i]! - model.deposits[i]! - model.otherLiabilities[i]!;
    for (let a = 0; a < m; a++) value += (liquid[i * m + a]! + locked[i * m + a]!) * price[a]!;
    equity[i] = value;
  }
  for (let k = 0; k < model.claims; k++) {
    const d = model.debtor[k]!;
    const a = model.collateralAsset[k]!;
    if (a >= 0) equity[d]! += (model.collateralUnits[k]! + model.collateralLockedUnits[k]!) * price[a]!;
    if (model.kind[k] === EQUITY) continue;
    const den = model.denomination[k]!;
    const usd = model.face[k]! * (den === USD ? 1 : price[den]!);
    equity[model.creditor[k]!]! += usd;
    equity[d]! -= usd;
  }
  return equity;
}
