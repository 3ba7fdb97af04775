/**
 * `unwind scenario validate|list|show|import|schema`.
 * @module
 */
import type { Command } from "commander";
import { InputError, type InputIssue } from "../../core/errors.ts";
import { formatNumber, formatPercent, formatUsd } from "../../core/format.ts";
import { bookBalanceSheets, claimValueUsd } from "../../scenario/balance-sheet.ts";
import { listScenarios, resolveScenario } from "../../scenario/builtin.ts";
import { scenarioJsonSchema } from "../../scenario/json-schema.ts";
import { type LoadedScenario, loadScenarioFile } from "../../scenario/load.ts";
import { isModelSetting, unsourcedFacts } from "../../scenario/sources.ts";
import { storeScenario } from "../../store/scenarios.ts";
import type { CliContext } from "../context.ts";
import { ExitRequest } from "../run-cli.ts";
import { renderFields, renderTable } from "../table.ts";

interface FileVerdict {
  file: string;
  valid: boolean;
  issues: InputIssue[];
  counts?: {
    assets: number;
    entities: number;
    claims: number;
    shocks: number;
    /** Every number in the file. */
    numbers: number;
    /** Numbers with a source URL or an estimate note. */
    sourced: number;
    /** Numbers that are facts (not model settings such as parameters and shock steps). */
    facts: number;
    /** Facts with a source URL or an estimate note. */
    factsSourced: number;
  };
}

/** Registers the `scenario` command group. */
export function registerScenarioCommands(program: Command, ctx: CliContext): void {
  const scenario = program.command("scenario").description("validate, list, show and import scenario files");

  scenario
    .command("validate")
    .description("check scenario files against the format (exit 2 if any is invalid)")
    .argument("<files...>", "scenario JSON files")
    .option("--require-sources", "also require a source URL or an estimate note on every fact")
    .option("--json", "machine-readable output")
    .action((files: string[], options: { json?: boolean; requireSources?: boolean }) => {
      const verdicts = files.map((file) => validateFile(file, options.requireSources === true));
      if (options.json) ctx.json({ valid: verdicts.every((v) => v.valid), files: verdicts });
      else {
        for (const verdict of verdicts) {
          if (verdict.valid) {
            const c = verdict.counts!;
            ctx.print(
              `${verdict.file}: valid (${c.assets} assets, ${c.entities} entities, ${c.claims} claims, ${c.shocks} shocks; ${c.factsSourced}/${c.facts} facts sourced, ${c.numbers - c.facts} model settings)`,
            );
          } else {
            ctx.io.stderr.write(`${verdict.file}: invalid\n`);
            for (const issue of verdict.issues) ctx.io.stderr.write(`  ${locate(verdict.file, issue)}\n`);
          }
        }
      }
      if (!verdicts.every((v) => v.valid)) throw new ExitRequest(2);
    });

  scenario
    .command("list")
    .description("built-in and imported scenarios")
    .option("--json", "machine-readable output")
    .action((options: { json?: boolean }) => {
      const listings = listScenarios(ctx.openStore());
      if (options.json) return ctx.json(listings);
      if (listings.length === 0)
        return ctx.print("No scenarios. Import one with `unwind scenario import FILE`.");
      ctx.print(
        renderTable(listings, [
          { header: "id", value: (s) => s.id },
          { header: "as of", value: (s) => s.asOf },
          { header: "kind", value: (s) => s.kind },
          { header: "name", value: (s) => s.name },
        ]),
      );
    });

  scenario
    .command("show")
    .description("a scenario's assets, balance sheets, claims and shocks")
    .argument("<name>", "built-in name, imported id, or path to a file")
    .option("--json", "the validated scenario document")
    .action((name: string, options: { json?: boolean }) => {
      const loaded = resolveScenario(name, ctx.openStore());
      if (options.json) return ctx.json({ origin: loaded.origin, scenario: loaded.document });
      ctx.print(describeScenario(loaded));
    });

  scenario
    .command("import")
    .description("validate a scenario file and store it, so it can be run by its id")
    .argument("<file>", "scenario JSON file")
    .option("--json", "machine-readable output")
    .action((file: string, options: { json?: boolean }) => {
      const { document } = loadScenarioFile(file);
      const hash = storeScenario(ctx.openStore(), {
        id: document.id,
        name: document.name,
        asOf: document.asOf,
        origin: file,
        document,
      });
      if (options.json) ctx.json({ id: document.id, hash });
      else ctx.print(`stored scenario ${document.id} (${hash.slice(0, 12)})`);
    });

  scenario
    .command("schema")
    .description("print the JSON Schema of the scenario format")
    .action(() => ctx.json(scenarioJsonSchema()));
}

function validateFile(file: string, requireSources: boolean): FileVerdict {
  try {
    const { scenario } = loadScenarioFile(file);
    const missing = requireSources ? unsourcedFacts(scenario) : [];
    const hasSource = (p: { source?: unknown; estimate?: unknown }) =>
      p.source !== undefined || p.estimate !== undefined;
    const facts = scenario.provenance.filter((p) => !isModelSetting(p.path));
    const counts = {
      assets: scenario.assets.length,
      entities: scenario.entities.length,
      claims: scenario.claims?.length ?? 0,
      shocks: scenario.shocks?.length ?? 0,
      numbers: scenario.provenance.length,
      sourced: scenario.provenance.filter(hasSource).length,
      facts: facts.length,
      factsSourced: facts.filter(hasSource).length,
    };
    const issues = missing.map((entry) => ({
      path: entry.path,
      message: `fact ${entry.value} has no source URL or estimate note`,
    }));
    return { file, valid: issues.length === 0, issues, counts };
  } catch (error) {
    if (error instanceof InputError) return { file, valid: false, issues: [...error.issues] };
    throw error;
  }
}

function locate(file: string, issue: InputIssue): string {
  const at = issue.line === undefined ? file : `${file}:${issue.line}:${issue.column}`;
  return issue.path ? `${at}: ${issue.path}: ${issue.message}` : `${at}: ${issue.message}`;
}

function describeScenario({ scenario, origin }: LoadedScenario): string {
  const sheets = bookBalanceSheets(scenario);
  const parts = [
    renderFields([
      ["scenario", `${scenario.id} — ${scenario.name}`],
      ["as of", scenario.asOf],
      ["origin", origin],
      ...(scenario.description ? [["description", scenario.description] as const] : []),
    ]),
    "",
    "Assets",
    renderTable(scenario.assets, [
      { header: "id", value: (a) => a.id },
      { header: "kind", value: (a) => a.kind },
      { header: "price", value: (a) => formatUsd(a.priceUsd, 4), right: true },
      { header: "market cap", value: (a) => formatUsd(a.priceUsd * a.supply), right: true },
      { header: "impact", value: (a) => a.impact.model },
      { header: "issuer", value: (a) => a.issuer ?? a.peg?.issuer ?? "" },
    ]),
    "",
    "Balance sheets at initial prices",
    renderTable(sheets, [
      { header: "entity", value: (s) => s.entity },
      { header: "assets", value: (s) => formatUsd(s.totalAssetsUsd), right: true },
      { header: "liquid", value: (s) => formatUsd(s.cashUsd + s.liquidTokensUsd), right: true },
      { header: "liabilities", value: (s) => formatUsd(s.totalLiabilitiesUsd), right: true },
      { header: "deposits", value: (s) => formatUsd(s.customerDepositsUsd), right: true },
      { header: "equity", value: (s) => formatUsd(s.equityUsd), right: true },
      {
        header: "equity/assets",
        value: (s) => (s.totalAssetsUsd > 0 ? formatPercent(s.equityUsd / s.totalAssetsUsd) : "–"),
        right: true,
      },
    ]),
  ];
  const claims = scenario.claims ?? [];
  if (claims.length > 0) {
    parts.push(
      "",
      "Claims",
      renderTable(claims, [
        { header: "creditor", value: (c) => c.creditor },
        { header: "debtor", value: (c) => c.debtor },
        { header: "type", value: (c) => c.type },
        { header: "amount", value: (c) => formatUsd(claimValueUsd(scenario, c)), right: true },
        {
          header: "collateral",
          value: (c) => (c.collateral ? `${formatNumber(c.collateral.units, 0)} ${c.collateral.asset}` : ""),
        },
      ]),
    );
  }
  const shocks = scenario.shocks ?? [];
  if (shocks.length > 0) {
    parts.push(
      "",
      "Shocks",
      renderTable(shocks, [
        { header: "step", value: (s) => String(s.step ?? 0), right: true },
        { header: "type", value: (s) => s.type },
        { header: "target", value: (s) => ("entity" in s ? s.entity : s.asset) },
        { header: "size", value: (s) => shockSize(s) },
      ]),
    );
  }
  return parts.join("\n");
}

function shockSize(shock: NonNullable<LoadedScenario["scenario"]["shocks"]>[number]): string {
  switch (shock.type) {
    case "price":
      return formatPercent(shock.change, 1, true);
    case "withdrawal":
      return shock.amountUsd !== undefined
        ? formatUsd(shock.amountUsd)
        : `${formatPercent(shock.fraction)} of deposits`;
    case "sale":
      return `${formatNumber(shock.units, 0)} ${shock.asset}`;
    case "loss":
      return formatUsd(shock.amountUsd);
    case "mint-capacity":
      return `${formatUsd(shock.capacityUsd)} a day`;
    case "default":
    case "disclosure":
      return "";
  }
}
