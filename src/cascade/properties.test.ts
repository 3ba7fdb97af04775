import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { validateScenario } from "../scenario/load.ts";
import type { Scenario } from "../scenario/normalize.ts";
import { ENTITY_TYPES } from "../scenario/schema.ts";
import { runCascade } from "./engine.ts";
import type { CascadeResult } from "./result.ts";

type Doc = Record<string, unknown>;

/** Random but valid small scenarios: every mechanism gets exercised somewhere. */
const scenarioArbitrary = (options: { positiveShocksOnly?: boolean; equityStakes?: boolean } = {}) =>
  fc
    .record({
      n: fc.integer({ min: 2, max: 7 }),
      m: fc.integer({ min: 1, max: 4 }),
      seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
      steps: fc.integer({ min: 2, max: 8 }),
      alpha: fc.double({ min: 0.2, max: 1, noNaN: true }),
      beta: fc.double({ min: 0.2, max: 1, noNaN: true }),
      leverage: fc.option(fc.double({ min: 2, max: 30, noNaN: true }), { nil: undefined }),
      mechanisms: fc.record({
        clearing: fc.boolean(),
        marginCalls: fc.boolean(),
        fireSales: fc.boolean(),
        runs: fc.boolean(),
        reflexive: fc.boolean(),
        rescues: fc.boolean(),
        opacity: fc.boolean(),
      }),
    })
    .map(({ n, m, seed, steps, alpha, beta, leverage, mechanisms }) =>
      buildScenario(n, m, seed, steps, alpha, beta, leverage, mechanisms, {
        noPositiveShocks: options.positiveShocksOnly === true,
        equityStakes: options.equityStakes !== false,
      }),
    );

/** A small deterministic PRNG so one integer seed describes a whole scenario (fast-check shrinks it). */
function prng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 2 ** 32;
  };
}

function buildScenario(
  n: number,
  m: number,
  seed: number,
  steps: number,
  alpha: number,
  beta: number,
  leverage: number | undefined,
  mechanisms: Record<string, boolean>,
  options: { noPositiveShocks: boolean; equityStakes: boolean },
): Doc {
  const r = prng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(r() * items.length)]!;
  const ids = Array.from({ length: n }, (_, i) => `e${i}`);
  const assets: Doc[] = [];
  for (let a = 0; a < m; a++) {
    const price = 0.5 + r() * 100;
    const supply = 1e6 + r() * 1e8;
    const cap = price * supply;
    const model = pick(["linear", "sqrt", "amm", "exponential"] as const);
    const impact =
      model === "linear"
        ? { model, depthUsd: cap * (0.05 + r()), depthUnderStress: 0.3 + 0.7 * r() }
        : model === "sqrt"
          ? { model, dailyVolumeUsd: cap * (0.01 + 0.2 * r()), dailyVolatility: 0.02 + 0.1 * r() }
          : model === "amm"
            ? { model, poolDepthUsd: cap * (0.01 + 0.5 * r()) }
            : { model, depthUsd: cap * (0.05 + r()), floorFraction: 0.5 * r() };
    const asset: Doc = { id: `A${a}`, kind: "token", priceUsd: price, supply, impact };
    const role = r();
    if (role < 0.25) asset.issuer = pick(ids);
    else if (role < 0.45) {
      asset.kind = "stablecoin";
      asset.priceUsd = 1;
      asset.peg = { issuer: pick(ids), redemption: pick(["instant", "queued", "none"] as const) };
    }
    assets.push(asset);
  }
  const holdings: number[][] = ids.map(() => assets.map(() => 0));
  const entities: Doc[] = ids.map((id, i) => {
    const rows: Doc[] = [];
    assets.forEach((asset, a) => {
      if (r() < 0.6) {
        const units = Math.floor((1e5 + r() * 5e7) / (asset.priceUsd as number));
        holdings[i]![a] = units;
        rows.push({ asset: `A${a}`, units });
      }
    });
    const entity: Doc = {
      id,
      type: pick(ENTITY_TYPES),
      cashUsd: r() * 1e7,
      otherAssetsUsd: r() * 5e7,
      customerDepositsUsd: r() < 0.5 ? r() * 5e7 : 0,
      holdings: rows,
    };
    if (r() < 0.3) entity.rescue = { capacityUsd: r() * 3e7 };
    return entity;
  });
  const price = (a: number) => assets[a]!.priceUsd as number;
  const claims: Doc[] = [];
  const claimCount = Math.floor(r() * 2 * n);
  for (let c = 0; c < claimCount; c++) {
    const creditor = Math.floor(r() * n);
    let debtor = Math.floor(r() * n);
    if (debtor === creditor) debtor = (debtor + 1) % n;
    const type = pick(["unsecured-loan", "secured-loan", "deposit", "credit-line", "equity"] as const);
    if (type === "equity" && !options.equityStakes) continue;
    let amount = r() * 2e7;
    const claim: Doc = { type, creditor: ids[creditor], debtor: ids[debtor], amount };
    if (type === "secured-loan") {
      const a = holdings[debtor]!.findIndex((u) => u > 0);
      if (a < 0) continue;
      const units = holdings[debtor]![a]! * 0.5;
      holdings[debtor]![a]! -= units;
      const call = 0.5 + 0.4 * r();
      // Start below the margin-call LTV, so calls come from price moves.
      amount = units * price(a) * call * (0.6 + 0.35 * r());
      claim.amount = amount;
      claim.collateral = {
        asset: `A${a}`,
        units,
        marginCallLtv: call,
        liquidationLtv: call + 0.05 + 0.3 * r(),
      };
    }
    if (type === "credit-line") claim.limit = amount * (1 + r());
    claims.push(claim);
  }
  // Solvent books: other liabilities leave each entity an equity of 2–30% of its assets.
  const assetsOf = new Float64Array(n);
  const owed = new Float64Array(n);
  entities.forEach((entity, i) => {
    assetsOf[i] = (entity.cashUsd as number) + (entity.otherAssetsUsd as number);
    for (const row of entity.holdings as Doc[])
      assetsOf[i]! += (row.units as number) * price(Number((row.asset as string).slice(1)));
    owed[i] = entity.customerDepositsUsd as number;
  });
  for (const claim of claims) {
    const creditor = ids.indexOf(claim.creditor as string);
    assetsOf[creditor]! += claim.amount as number;
    if (claim.type !== "equity") owed[ids.indexOf(claim.debtor as string)]! += claim.amount as number;
  }
  entities.forEach((entity, i) => {
    entity.otherLiabilitiesUsd = Math.max(0, assetsOf[i]! * (0.7 + 0.28 * r()) - owed[i]!);
  });
  const shocks: Doc[] = [];
  const shockCount = 1 + Math.floor(r() * 4);
  for (let s = 0; s < shockCount; s++) {
    const step = Math.floor(r() * steps);
    const kind = r();
    if (kind < 0.45)
      shocks.push({ type: "price", asset: `A${Math.floor(r() * m)}`, change: -0.9 * r(), step });
    else if (kind < 0.65) shocks.push({ type: "loss", entity: pick(ids), amountUsd: r() * 3e7, step });
    else if (kind < 0.85) shocks.push({ type: "withdrawal", entity: pick(ids), fraction: r() * 0.6, step });
    else if (kind < 0.95)
      shocks.push({
        type: "sale",
        entity: pick(ids),
        asset: `A${Math.floor(r() * m)}`,
        units: r() * 1e6,
        step,
      });
    else shocks.push({ type: "default", entity: pick(ids), step });
  }
  if (!options.noPositiveShocks && r() < 0.1)
    shocks.push({ type: "price", asset: "A0", change: r(), step: 0 });
  return {
    schemaVersion: 1,
    id: "random",
    name: "Random scenario",
    asOf: "2022-01-01",
    assets,
    entities,
    claims,
    shocks,
    parameters: {
      steps,
      defaultCosts: { alpha, beta },
      mechanisms,
      ...(leverage === undefined ? {} : { fireSales: { leverageMax: leverage } }),
    },
  };
}

const load = (doc: Doc): Scenario => validateScenario(doc).scenario;

/**
 * Scales the size of every stress shock by `s`: price falls, write-downs, withdrawal fractions. Forced
 * sales stay as they are: selling more of a token before it collapses protects the seller, so a larger
 * sale is not a larger stress.
 */
function scaled(doc: Doc, s: number): Doc {
  const shocks = (doc.shocks as Doc[]).map((shock) => {
    switch (shock.type) {
      case "price":
        return { ...shock, change: (shock.change as number) * s };
      case "loss":
        return { ...shock, amountUsd: (shock.amountUsd as number) * s };
      case "withdrawal":
        return { ...shock, fraction: (shock.fraction as number) * s };
      default:
        return shock;
    }
  });
  return { ...doc, shocks };
}

function sumEquity(result: CascadeResult, index: number): number {
  let total = 0;
  for (const path of Object.values(result.equityPaths)) total += path[index]!;
  return total;
}

describe("cascade invariants on random scenarios", () => {
  it("exercises every mechanism across the generated scenarios", () => {
    const seen = new Map<string, number>();
    const count = (key: string) => seen.set(key, (seen.get(key) ?? 0) + 1);
    for (const doc of fc.sample(scenarioArbitrary(), { numRuns: 300, seed: 42 })) {
      const result = runCascade(load(doc));
      for (const f of result.failures) count(`cause:${f.cause}`);
      if (result.failures.length === 0) count("no-failure");
      if (result.gated.length > 0) count("gate");
      if (result.rescues.length > 0) count("rescue");
      for (const type of new Set(result.events.map((e) => e.type))) count(type);
    }
    // The properties below are only as strong as the scenarios: each mechanism must occur.
    for (const key of [
      "cause:insolvent",
      "cause:margin",
      "cause:illiquid",
      "cause:gated",
      "no-failure",
      "margin-call",
      "liquidation",
      "deficiency",
      "deleveraging",
      "credit-line-draw",
      "reflexive-repricing",
      "outside-sale",
      "rescue",
      "withdrawal",
      "sale",
    ])
      expect(seen.get(key) ?? 0, key).toBeGreaterThan(0);
  });

  it("is deterministic: the same scenario gives the same result", () => {
    fc.assert(
      fc.property(scenarioArbitrary(), (doc) => {
        const scenario = load(doc);
        expect(JSON.stringify(runCascade(scenario))).toBe(JSON.stringify(runCascade(scenario)));
      }),
      { numRuns: 300 },
    );
  });

  it("keeps prices and equities finite, prices ≥ 0, losses ≥ 0, and accounts for every dollar and unit", () => {
    fc.assert(
      fc.property(scenarioArbitrary(), (doc) => {
        const result = runCascade(load(doc));
        for (const path of Object.values(result.pricePaths)) {
          expect(path).toHaveLength(result.steps + 1);
          for (const p of path) expect(Number.isFinite(p) && p >= 0).toBe(true);
        }
        for (const path of Object.values(result.equityPaths))
          for (const e of path) expect(Number.isFinite(e)).toBe(true);
        for (const loss of Object.values(result.lossesByCreditor)) expect(loss).toBeGreaterThanOrEqual(0);
        const l = result.ledger;
        const expected =
          l.initialCashUsd + l.saleProceedsUsd + l.otherAssetSalesUsd - l.paidOutUsd - l.cashWrittenOffUsd;
        const scale = l.initialCashUsd + l.saleProceedsUsd + l.otherAssetSalesUsd + 1;
        expect(Math.abs(l.finalCashUsd - expected)).toBeLessThan(1e-9 * scale);
        for (const units of Object.values(l.units)) {
          expect(Math.abs(units.initial - units.sold - units.final)).toBeLessThan(1e-9 * (units.initial + 1));
          expect(units.final).toBeGreaterThanOrEqual(-1e-9 * (units.initial + 1));
        }
        let sold = 0;
        for (const s of Object.values(result.forcedSales)) sold += s.usd;
        expect(sold).toBeCloseTo(l.saleProceedsUsd, 6);
      }),
      { numRuns: 1000 },
    );
  });

  it("never takes a price below its impact floor through sales", () => {
    // Without price shocks, reflexive repricing or pegs, only sales move an exponential-impact asset,
    // and Cont–Schaanning's curve never crosses its floor B = b·P₀.
    fc.assert(
      fc.property(scenarioArbitrary(), (doc) => {
        const shocks = (doc.shocks as Doc[]).filter((shock) => shock.type !== "price");
        const parameters = doc.parameters as Doc;
        const mechanisms = { ...(parameters.mechanisms as Doc), reflexive: false };
        const result = runCascade(load({ ...doc, shocks, parameters: { ...parameters, mechanisms } }));
        for (const asset of doc.assets as Doc[]) {
          const impact = asset.impact as Doc;
          if (impact.model !== "exponential" || asset.peg !== undefined) continue;
          const floor = (impact.floorFraction as number) * (asset.priceUsd as number);
          for (const price of result.pricePaths[asset.id as string]!)
            expect(price).toBeGreaterThanOrEqual(floor * (1 - 1e-9));
        }
      }),
      { numRuns: 500 },
    );
  });

  it("creates no value: total equity never ends above where it started when no shock is positive", () => {
    // Over debt claims only: an equity stake counts its debtor's equity a second time (cross-holdings).
    fc.assert(
      fc.property(scenarioArbitrary({ positiveShocksOnly: true, equityStakes: false }), (doc) => {
        // A rescue loan that takes equity gives its rescuer a stake in a solvent target (rescues.ts),
        // which counts that target's equity a second time: keep the loans to debt here.
        const parameters = { ...(doc.parameters as Doc), rescues: { takeEquity: false } };
        const result = runCascade(load({ ...doc, parameters }));
        const start = sumEquity(result, 0);
        const end = sumEquity(result, result.steps);
        // Rounding grows with the gross amounts moved, not with the net equity.
        const l = result.ledger;
        const gross =
          Object.values(result.equityPaths).reduce((s, p) => s + Math.abs(p[0]!), 0) +
          l.initialCashUsd +
          l.saleProceedsUsd +
          l.paidOutUsd +
          1;
        // A recapitalisation leaves its target a hair above zero equity (1e-9 of its liabilities), which
        // the rescuer's new stake counts a second time; 1e-8 of the gross amounts covers both.
        expect(end).toBeLessThanOrEqual(start + 1e-8 * gross);
      }),
      { numRuns: 1000 },
    );
  });

  const fewerFailures = (doc: Doc, s: number) =>
    runCascade(load(doc)).failures.length < runCascade(load(scaled(doc, s))).failures.length;

  it("never has fewer failures with larger shocks through valuation, reflexive repricing and price impact", () => {
    // Price falls and write-downs of random size; clearing (or Furfine), reflexive tokens and market
    // impact each on or off at random. Off: every channel in which an entity acts on time (runs and
    // withdrawals, margin calls, leverage limits, rescues) — see the next test.
    fc.assert(
      fc.property(
        scenarioArbitrary({ positiveShocksOnly: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (doc, s) => {
          const { fireSales: _limits, ...parameters } = doc.parameters as Doc;
          const mechanisms = {
            ...(parameters.mechanisms as Doc),
            runs: false,
            marginCalls: false,
            rescues: false,
          };
          const shocks = (doc.shocks as Doc[]).filter((shock) => shock.type !== "withdrawal");
          expect(fewerFailures({ ...doc, shocks, parameters: { ...parameters, mechanisms } }, s)).toBe(false);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("rarely has fewer failures with larger shocks once entities act on time", () => {
    // Acting early can dodge a later collapse, so runs, withdrawals, margin calls and deleveraging
    // make the cascade path-dependent: a larger shock can make a borrower fail before it drains its
    // lender's credit line, let a secured lender liquidate while the borrower can still pay the
    // deficiency, or make an entity sell a token just before its issuer's collapse (runs.test.ts shows
    // one such case by hand). With every mechanism but rescues on, such reversals are rare: 0.2% of
    // 20,000 random scenarios when measured; here a fixed sample of 2,000 must stay below 0.5%.
    const sample = fc.sample(
      fc.tuple(scenarioArbitrary({ positiveShocksOnly: true }), fc.double({ min: 0, max: 1, noNaN: true })),
      { numRuns: 2000, seed: 20221109 },
    );
    const all = {
      clearing: true,
      marginCalls: true,
      fireSales: true,
      runs: true,
      reflexive: true,
      rescues: false,
    };
    let reversals = 0;
    for (const [doc, s] of sample)
      if (fewerFailures({ ...doc, parameters: { ...(doc.parameters as Doc), mechanisms: all } }, s))
        reversals++;
    expect(reversals / sample.length).toBeLessThan(0.005);
  });
});
