/**
 * Book balance sheets at the scenario's initial prices: what each entity owns and owes before any
 * shock. Used to show a scenario, to check it against reported equity, and as the cascade's step 0.
 * @module
 */
import type { Scenario, ScenarioClaim } from "./normalize.ts";

/** One entity's balance sheet at initial prices, USD. */
export interface BookBalanceSheet {
  readonly entity: string;
  readonly cashUsd: number;
  /** Tokens that can be sold, at initial prices. */
  readonly liquidTokensUsd: number;
  /** Locked or vesting tokens, at initial prices. */
  readonly lockedTokensUsd: number;
  /** Loans, deposits and credit lines owed to the entity by other entities. */
  readonly claimsOnEntitiesUsd: number;
  /** Book value of equity stakes in other entities. */
  readonly equityStakesUsd: number;
  readonly otherAssetsUsd: number;
  readonly totalAssetsUsd: number;
  readonly customerDepositsUsd: number;
  /** Loans, deposits and credit lines the entity owes to other entities. */
  readonly debtToEntitiesUsd: number;
  readonly otherLiabilitiesUsd: number;
  readonly totalLiabilitiesUsd: number;
  /** Total assets minus total liabilities. */
  readonly equityUsd: number;
}

/** USD value of a claim's face amount at initial prices. */
export function claimValueUsd(scenario: Scenario, claim: ScenarioClaim): number {
  if (claim.asset === undefined) return claim.amount;
  const asset = scenario.assets.find((a) => a.id === claim.asset);
  return claim.amount * (asset?.priceUsd ?? Number.NaN);
}

/** Balance sheets of every entity, in the scenario's entity order. */
export function bookBalanceSheets(scenario: Scenario): BookBalanceSheet[] {
  const price = new Map(scenario.assets.map((a) => [a.id, a.priceUsd]));
  const index = new Map(scenario.entities.map((e, i) => [e.id, i]));
  const n = scenario.entities.length;
  const lent = new Float64Array(n);
  const stakes = new Float64Array(n);
  const owed = new Float64Array(n);
  for (const claim of scenario.claims ?? []) {
    const value = claimValueUsd(scenario, claim);
    const creditor = index.get(claim.creditor)!;
    const debtor = index.get(claim.debtor)!;
    if (claim.type === "equity") {
      stakes[creditor]! += value;
    } else {
      lent[creditor]! += value;
      owed[debtor]! += value;
    }
  }
  return scenario.entities.map((entity, i) => {
    let liquid = 0;
    let locked = 0;
    for (const holding of entity.holdings ?? []) {
      const value = holding.units * price.get(holding.asset)!;
      if (holding.locked) locked += value;
      else liquid += value;
    }
    const cash = entity.cashUsd ?? 0;
    const other = entity.otherAssetsUsd ?? 0;
    const deposits = entity.customerDepositsUsd ?? 0;
    const otherLiabilities = entity.otherLiabilitiesUsd ?? 0;
    const totalAssets = cash + liquid + locked + lent[i]! + stakes[i]! + other;
    const totalLiabilities = deposits + owed[i]! + otherLiabilities;
    return {
      entity: entity.id,
      cashUsd: cash,
      liquidTokensUsd: liquid,
      lockedTokensUsd: locked,
      claimsOnEntitiesUsd: lent[i]!,
      equityStakesUsd: stakes[i]!,
      otherAssetsUsd: other,
      totalAssetsUsd: totalAssets,
      customerDepositsUsd: deposits,
      debtToEntitiesUsd: owed[i]!,
      otherLiabilitiesUsd: otherLiabilities,
      totalLiabilitiesUsd: totalLiabilities,
      equityUsd: totalAssets - totalLiabilities,
    };
  });
}
