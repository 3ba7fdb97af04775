/**
 * The dated bitcoin-network states a scenario carries (`bitcoinNetwork`: one state, or several — e.g.
 * the scenario date and a later date of interest such as JPMorgan's note of 9 Nov 2022), as plain
 * numbers the production-cost floor reads.
 * @module
 */
import { NotFoundError } from "../core/errors.ts";
import { quantityValue } from "./quantity.ts";
import type { ScenarioDocument } from "./schema.ts";

/** One dated network state with plain numbers (the floor's `NetworkState`). */
export interface BitcoinNetworkState {
  /** YYYY-MM-DD. */
  readonly date: string;
  /** Hash rate, EH/s. */
  readonly hashrateEhs: number;
  readonly difficulty: number;
  /** BTC price, USD. */
  readonly priceUsd: number;
  /** Block subsidy, BTC. */
  readonly blockSubsidyBtc: number;
  /** Fees paid to miners, BTC per day (undefined when the scenario does not give them). */
  readonly feesBtcPerDay: number | undefined;
}

type NetworkSection = NonNullable<ScenarioDocument["bitcoinNetwork"]>;
/** One state as written in a scenario file (quantities may carry provenance). */
export type BitcoinNetworkEntry = Extract<NetworkSection, { date: string }>;

/** The states as written, in file order (empty when the scenario has none). */
export function networkEntries(doc: Pick<ScenarioDocument, "bitcoinNetwork">): BitcoinNetworkEntry[] {
  const section = doc.bitcoinNetwork;
  if (section === undefined) return [];
  return Array.isArray(section) ? [...section] : [section as BitcoinNetworkEntry];
}

/** Every state with plain numbers, sorted by date. */
export function networkStates(doc: Pick<ScenarioDocument, "bitcoinNetwork">): BitcoinNetworkState[] {
  return networkEntries(doc)
    .map((s) => ({
      date: s.date,
      hashrateEhs: quantityValue(s.hashrateEhs),
      difficulty: quantityValue(s.difficulty),
      priceUsd: quantityValue(s.priceUsd),
      blockSubsidyBtc: quantityValue(s.blockSubsidyBtc),
      feesBtcPerDay: s.feesBtcPerDay === undefined ? undefined : quantityValue(s.feesBtcPerDay),
    }))
    .sort((a, b) => a.date.localeCompare(b.date));
}

/**
 * The state on `date`, or — without a date — the earliest one (the scenario date's).
 * @throws {NotFoundError} when the scenario has no state (on that date), naming the dates it has
 */
export function networkStateOn(
  doc: Pick<ScenarioDocument, "bitcoinNetwork" | "id">,
  date?: string,
): BitcoinNetworkState {
  const states = networkStates(doc);
  const found = date === undefined ? states[0] : states.find((s) => s.date === date);
  if (!found) {
    const have = states.length === 0 ? "it has none" : `it has ${states.map((s) => s.date).join(", ")}`;
    throw new NotFoundError(
      "bitcoin network state",
      date ?? "(any)",
      `scenario ${doc.id} carries no bitcoinNetwork state${date ? ` on ${date}` : ""}: ${have}`,
    );
  }
  return found;
}
