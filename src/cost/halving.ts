/**
 * Bitcoin's issuance schedule. The block subsidy starts at 50 BTC and halves every 210,000 blocks
 * (Bitcoin Core `GetBlockSubsidy`, https://github.com/bitcoin/bitcoin/blob/master/src/validation.cpp);
 * the network targets 144 blocks a day (one per 600 s). Issuance per calendar day is
 * 144 × subsidy, time-weighted across a halving that falls inside the day.
 * @module
 */

/** Blocks between halvings. */
export const HALVING_INTERVAL_BLOCKS = 210_000;
/** Target blocks per day (86,400 s ÷ 600 s). */
export const BLOCKS_PER_DAY = 144;

/** A halving: the block height and when it was (or is expected to be) mined. */
export interface Halving {
  readonly height: number;
  /** Unix time in seconds of the halving block (UTC). */
  readonly time: number;
  /** Subsidy from this block on, BTC. */
  readonly subsidyBtc: number;
  /** False for a projected halving. */
  readonly observed: boolean;
  readonly source: string;
}

/**
 * Halvings so far, from block timestamps (UTC): 210,000 on 2012-11-28 15:24:38, 420,000 on
 * 2016-07-09 16:46:13, 630,000 on 2020-05-11 19:23:43, 840,000 on 2024-04-20 00:09:27.
 */
export const OBSERVED_HALVINGS: readonly Halving[] = [
  halving(210_000, "2012-11-28T15:24:38Z", true, "https://mempool.space/block/210000"),
  halving(420_000, "2016-07-09T16:46:13Z", true, "https://mempool.space/block/420000"),
  halving(630_000, "2020-05-11T19:23:43Z", true, "https://mempool.space/block/630000"),
  halving(840_000, "2024-04-20T00:09:27Z", true, "https://mempool.space/block/840000"),
];

function halving(height: number, iso: string, observed: boolean, source: string): Halving {
  return { height, time: Date.parse(iso) / 1000, subsidyBtc: subsidyAtHeight(height), observed, source };
}

/** Block subsidy at a height, BTC: 50 BTC right-shifted once per 210,000 blocks, in whole satoshis. */
export function subsidyAtHeight(height: number): number {
  const halvings = Math.floor(height / HALVING_INTERVAL_BLOCKS);
  if (halvings >= 64) return 0;
  return Math.floor(5_000_000_000 / 2 ** halvings) / 1e8;
}

/**
 * Mean block subsidy, BTC, over the heights [fromHeight, toHeight): the subsidy is constant between
 * halvings, so the mean weights each era by the share of the range inside it. E.g. [629,928, 630,072)
 * (144 blocks centred on the 630,000 halving) → (72 × 12.5 + 72 × 6.25) ÷ 144 = 9.375 BTC.
 */
export function meanSubsidy(fromHeight: number, toHeight: number): number {
  if (!(toHeight > fromHeight)) return subsidyAtHeight(Math.max(0, Math.floor(fromHeight)));
  let total = 0;
  for (let h = Math.max(0, fromHeight); h < toHeight; ) {
    const next = Math.min(toHeight, (Math.floor(h / HALVING_INTERVAL_BLOCKS) + 1) * HALVING_INTERVAL_BLOCKS);
    total += subsidyAtHeight(Math.floor(h)) * (next - h);
    h = next;
  }
  return total / (toHeight - fromHeight);
}

/**
 * The next halvings after the last observed one, projected at the 600 s target block time from the
 * last observed halving. An estimate: blocks come faster than 600 s while hash rate grows.
 */
export function projectedHalvings(count = 4): Halving[] {
  const last = OBSERVED_HALVINGS.at(-1)!;
  return Array.from({ length: count }, (_, k) => {
    const height = last.height + (k + 1) * HALVING_INTERVAL_BLOCKS;
    return {
      height,
      time: last.time + (k + 1) * HALVING_INTERVAL_BLOCKS * 600,
      subsidyBtc: subsidyAtHeight(height),
      observed: false,
      source: "projected: last halving + 210,000 blocks × 600 s",
    };
  });
}

const SCHEDULE: readonly Halving[] = [...OBSERVED_HALVINGS, ...projectedHalvings()];

/** The halving schedule used by {@link scheduledIssuance}: observed, then projected. */
export function halvingSchedule(): readonly Halving[] {
  return SCHEDULE;
}

/** Subsidy in effect at unix time `seconds`, BTC (projected halvings included). */
export function subsidyAt(seconds: number): number {
  let subsidy = 50;
  for (const h of SCHEDULE) if (seconds >= h.time) subsidy = h.subsidyBtc;
  return subsidy;
}

/**
 * Scheduled issuance on a UTC day, BTC: 144 × subsidy, weighted by the share of the day before and
 * after a halving falling inside it. E.g. 2020-05-11 (halving at 19:23:43) →
 * 144 × (12.5 × 69,823/86,400 + 6.25 × 16,577/86,400).
 */
export function scheduledIssuance(day: number): number {
  const start = day * 86_400;
  const end = start + 86_400;
  let subsidy = subsidyAt(start);
  let total = 0;
  let from = start;
  for (const h of SCHEDULE) {
    if (h.time <= start || h.time >= end) continue;
    total += subsidy * (h.time - from);
    from = h.time;
    subsidy = h.subsidyBtc;
  }
  total += subsidy * (end - from);
  return (BLOCKS_PER_DAY * total) / 86_400;
}

/** The first halving after unix time `seconds` (observed or projected). */
export function nextHalving(seconds: number): Halving {
  const next = SCHEDULE.find((h) => h.time > seconds);
  return next ?? projectedHalvings(64).find((h) => h.time > seconds)!;
}
