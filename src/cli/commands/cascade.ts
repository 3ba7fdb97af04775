/**
 * `unwind cascade`: runs the deleveraging cascade of a scenario, prints what failed, what was sold,
 * what happened to prices and market cap, and records the run with its events.
 * @module
 */
import type { Command } from "commander";
import { runCascade } from "../../cascade/engine.ts";
import { MECHANISM_NAMES, type Mechanisms, resolveParameters } from "../../cascade/parameters.ts";
import type { CascadeResult } from "../../cascade/result.ts";
import { checkShocks, parseShock } from "../../cascade/shock-syntax.ts";
import { formatNumber, formatPercent, formatUsd } from "../../core/format.ts";
import { applyCounterfactuals, type Counterfactuals } from "../../history/run-episode.ts";
import { resolveScenario } from "../../scenario/builtin.ts";
import type { LoadedScenario } from "../../scenario/load.ts";
import { recordRun } from "../../store/runs.ts";
import type { CliContext } from "../context.ts";
import {
  addCounterfactualOptions,
  type CounterfactualFlags,
  counterfactualsFrom,
  hasCounterfactuals,
} from "../counterfactual-options.ts";
import { integerAtLeast, numberBetween } from "../options.ts";
import { storedScenario } from "../stored-scenario.ts";
import { renderFields, renderTable } from "../table.ts";

interface CascadeOptions extends CounterfactualFlags, Mechanisms {
  scenario: string;
  shock: string[];
  steps?: number;
  alpha?: number;
  beta?: number;
  events?: boolean;
  json?: boolean;
}

/** Registers the `cascade` command. */
export function registerCascadeCommand(program: Command, ctx: CliContext): void {
  const command = program
    .command("cascade")
    .description("run the deleveraging cascade of a scenario (failures, forced sales, prices, market cap)")
    .requiredOption("-s, --scenario <name|file>", "built-in scenario, imported scenario id, or a .json file")
    .option(
      "--shock <spec>",
      "extra shock, repeatable: price:FTT=-0.8@1, withdrawal:ftx=0.3@1 (or =6e9usd), loss:3ac=2e8, sale:lfg/BTC=8e4@2, default:alameda@2, disclosure:alameda@0",
      (spec: string, list: string[]) => [...list, spec],
      [] as string[],
    )
    .option("--steps <n>", "number of steps (default: the scenario's, else 30)", integerAtLeast(1))
    .option(
      "--alpha <a>",
      "Rogers–Veraart α: share of external assets a failed entity realises",
      numberBetween(0, 1),
    )
    .option(
      "--beta <b>",
      "Rogers–Veraart β: share of claims on entities a failed entity realises",
      numberBetween(0, 1),
    )
    .option(
      "--no-clearing",
      "value claims on failed entities at the Furfine recovery rate instead of the clearing",
    )
    .option("--no-margin-calls", "switch off margin calls and collateral liquidation")
    .option("--no-fire-sales", "switch off price impact and leverage-driven deleveraging")
    .option("--no-runs", "switch off runs (withdrawals driven by distress)")
    .option("--no-reflexive", "switch off the link between an issuer's distress and its token's price")
    .option("--no-rescues", "switch off rescues")
    .option("--no-market-factor", "switch off the market factor (forced selling moving every risky asset)")
    .option(
      "--no-opacity",
      "transparent balance sheets: insolvency at marked prices fails an entity and feeds every run signal",
    )
    .option("--events", "also print the event log")
    .option("--json", "the full result as one JSON document");
  addCounterfactualOptions(command).action(function (this: Command, options: CascadeOptions) {
    const started = new Date();
    const t0 = performance.now();
    const store = ctx.openStore();
    const resolved = resolveScenario(options.scenario, store);
    const counterfactuals = counterfactualsFrom(options);
    const loaded = hasCounterfactuals(options)
      ? { ...resolved, scenario: applyCounterfactuals(resolved.scenario, counterfactuals) }
      : resolved;
    const shocks = options.shock.map(parseShock);
    // Only flags the user gave override the scenario's own mechanism switches.
    const mechanisms: Partial<Record<keyof Mechanisms, boolean>> = {};
    for (const name of MECHANISM_NAMES)
      if (this.getOptionValueSource(name) === "cli") mechanisms[name] = options[name];
    const overrides = {
      ...(options.steps === undefined ? {} : { steps: options.steps }),
      ...(options.alpha === undefined ? {} : { alpha: options.alpha }),
      ...(options.beta === undefined ? {} : { beta: options.beta }),
      mechanisms,
    };
    const parameters = resolveParameters(loaded.scenario, overrides);
    checkShocks(loaded.scenario, shocks, options.shock, parameters.steps);
    const t1 = performance.now();
    const result = runCascade(loaded.scenario, { ...overrides, shocks });
    const t2 = performance.now();
    const { events, ...results } = result;
    const runId = recordRun(store, {
      command: "cascade",
      parameters: {
        scenario: options.scenario,
        shocks: options.shock,
        steps: parameters.steps,
        alpha: parameters.alpha,
        beta: parameters.beta,
        mechanisms: parameters.mechanisms,
        withoutRescuers: options.withoutRescuer,
        addRescuers: options.addRescuer,
      },
      seed: loaded.scenario.parameters?.seed ?? 0,
      inputs: { scenario: loaded.document },
      scenario: storedScenario(loaded),
      summary: summary(result),
      results,
      events,
      timings: { totalMs: performance.now() - t0, loadMs: t1 - t0, simulateMs: t2 - t1 },
      startedAt: started,
    });
    if (options.json) return ctx.json({ run: runId, ...result });
    ctx.print(describe(loaded, result, parameters.stepDays, options.shock, counterfactuals));
    if (options.events) {
      ctx.print();
      ctx.print(
        renderTable(result.events, [
          { header: "step", value: (e) => String(e.step), right: true },
          { header: "type", value: (e) => e.type },
          { header: "entity", value: (e) => e.entity ?? "" },
          { header: "counterparty", value: (e) => e.counterparty ?? "" },
          { header: "asset", value: (e) => e.asset ?? "" },
          { header: "amount", value: (e) => formatUsd(e.amountUsd), right: true },
        ]),
      );
    }
    ctx.info(`recorded as run ${runId} (unwind runs show ${runId} --events)`);
  });
}

/** Field rows naming the counterfactuals of a run (none when there are none). */
export function counterfactualFields(c: Counterfactuals): (readonly [string, string])[] {
  const rows: (readonly [string, string])[] = [];
  if (c.withoutRescuers?.length) rows.push(["without rescuer", c.withoutRescuers.join(", ")]);
  if (c.addRescuers?.length)
    rows.push([
      "added rescuer",
      c.addRescuers.map((r) => `${r.id} (${formatUsd(r.capacityUsd)})`).join(", "),
    ]);
  return rows;
}

function summary(result: CascadeResult): string {
  const bankrupt = result.failures.filter((f) => f.cause !== "gated").length;
  const gatedOnly = result.failures.length - bankrupt;
  let sold = 0;
  for (const sale of Object.values(result.forcedSales)) sold += sale.usd;
  return `${result.scenario}: ${bankrupt} failed, ${gatedOnly} gated; market cap ${formatPercent(result.marketCap.change, 1, true)}; ${formatUsd(sold)} forced sales`;
}

/** The date a step covers: `asOf + step × stepDays`. */
function stepDate(asOf: string, step: number, stepDays: number): string {
  const date = new Date(`${asOf}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + Math.round(step * stepDays));
  return date.toISOString().slice(0, 10);
}

function describe(
  loaded: LoadedScenario,
  result: CascadeResult,
  stepDays: number,
  specs: readonly string[],
  counterfactuals: Counterfactuals,
): string {
  const { scenario } = loaded;
  const date = (step: number) => stepDate(scenario.asOf, step, stepDays);
  const parts: string[] = [
    renderFields([
      ["scenario", `${scenario.id} — ${scenario.name}`],
      ["origin", loaded.origin],
      ["steps", `${result.steps} × ${formatNumber(stepDays)} day(s) from ${scenario.asOf}`],
      ...(specs.length > 0 ? [["extra shocks", specs.join(", ")] as const] : []),
      ...counterfactualFields(counterfactuals),
    ]),
    "",
    "Failures, in order",
  ];
  parts.push(
    result.failures.length === 0
      ? "  none"
      : renderTable(result.failures, [
          { header: "step", value: (f) => String(f.step), right: true },
          { header: "date", value: (f) => date(f.step) },
          { header: "entity", value: (f) => f.entity },
          { header: "cause", value: (f) => f.cause },
          { header: "detail", value: (f) => f.detail ?? "" },
        ]),
  );
  if (result.gated.length > 0)
    parts.push(
      "",
      "Gated (withdrawals frozen)",
      renderTable(result.gated, [
        { header: "step", value: (g) => String(g.step), right: true },
        { header: "date", value: (g) => date(g.step) },
        { header: "entity", value: (g) => g.entity },
      ]),
    );
  if (result.rescues.length > 0)
    parts.push(
      "",
      "Rescues",
      renderTable(result.rescues, [
        { header: "step", value: (r) => String(r.step), right: true },
        { header: "rescuer", value: (r) => r.rescuer },
        { header: "target", value: (r) => r.target },
        { header: "kind", value: (r) => r.kind },
        { header: "amount", value: (r) => formatUsd(r.amountUsd), right: true },
      ]),
    );
  const sales = Object.entries(result.forcedSales);
  if (sales.length > 0)
    parts.push(
      "",
      "Forced sales by asset",
      renderTable(sales, [
        { header: "asset", value: ([asset]) => asset },
        { header: "units", value: ([, s]) => formatNumber(s.units, 0), right: true },
        { header: "proceeds", value: ([, s]) => formatUsd(s.usd), right: true },
      ]),
    );
  const prices = Object.entries(result.pricePaths);
  parts.push(
    "",
    "Prices",
    renderTable(prices, [
      { header: "asset", value: ([asset]) => asset },
      { header: "start", value: ([, p]) => formatUsd(p[0]!, 4), right: true },
      { header: "end", value: ([, p]) => formatUsd(p[p.length - 1]!, 4), right: true },
      { header: "trough", value: ([, p]) => formatUsd(Math.min(...p), 4), right: true },
      {
        header: "change",
        value: ([, p]) => formatPercent(p[p.length - 1]! / p[0]! - 1, 1, true),
        right: true,
      },
    ]),
  );
  const cap = result.marketCap;
  const losses = Object.entries(result.lossesByCreditor).sort((x, y) => y[1] - x[1]);
  parts.push(
    "",
    renderFields([
      [
        "market cap",
        `${formatUsd(cap.initialUsd)} → ${formatUsd(cap.finalUsd)} (${formatPercent(cap.change, 1, true)}); trough ${formatUsd(cap.troughUsd)} (${formatPercent(cap.troughChange, 1, true)})`,
      ],
      ["deleveraging", `${formatUsd(result.deleveragingUsd)} of loans repaid or liquidated`],
      [
        "systemic",
        `${result.systemic.failures} failures; ${formatUsd(result.systemic.totalLossesUsd)} lost by creditors; DebtRank ${formatNumber(result.systemic.debtRank, 3)}`,
      ],
    ]),
  );
  if (losses.length > 0)
    parts.push(
      "",
      "Creditor losses on failed entities",
      renderTable(losses.slice(0, 15), [
        { header: "creditor", value: ([creditor]) => creditor },
        { header: "loss", value: ([, usd]) => formatUsd(usd), right: true },
      ]),
    );
  if (result.warnings.length > 0) parts.push("", "Warnings", ...result.warnings.map((w) => `  ${w}`));
  return parts.join("\n");
}
