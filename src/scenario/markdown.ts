/**
 * Renders a scenario's figures as Markdown — every number with its sources, range, estimate and note —
 * for docs/scenarios.md (`npm run docs:scenarios`). Generated, so the documentation cannot drift from
 * the files; a test fails when it is stale.
 * @module
 */

import { formatNumber, formatPercent, formatUsd } from "../core/format.ts";
import { addDays } from "../history/series.ts";
import { bookBalanceSheets } from "./balance-sheet.ts";
import { networkEntries } from "./bitcoin-network.ts";
import { builtinScenarioIds, resolveScenario } from "./builtin.ts";
import type { LoadedScenario } from "./load.ts";
import { type Provenance, quantityValue } from "./quantity.ts";
import type { ScenarioDocument } from "./schema.ts";

type Quantity = number | ({ value: number } & Provenance);
type Shock = NonNullable<ScenarioDocument["shocks"]>[number];

/** Sources every asset shares; the tables list only what goes beyond them. */
const COINGECKO_API = "api.coingecko.com";
const STANDARD_NOTES = [
  "CoinGecko daily price, snapshot",
  "CoinGecko market_cap / price at",
  "mean CoinGecko 24h total_volume",
  "standard deviation of daily log returns of CoinGecko",
];

/** The "every figure" section of one scenario, headed `## <id>: every figure`. */
export function scenarioFiguresMarkdown({ scenario, document }: LoadedScenario): string {
  const out: string[] = [`## ${document.id}: every figure`, ""];
  out.push(`Book balance sheets at the scenario's prices (\`unwind scenario show ${document.id}\`):`, "");
  out.push(
    ...table(
      ["entity", "assets", "liquid", "liabilities", "deposits", "equity", "equity/assets"],
      bookBalanceSheets(scenario).map((s) => [
        s.entity,
        formatUsd(s.totalAssetsUsd),
        formatUsd(s.cashUsd + s.liquidTokensUsd),
        formatUsd(s.totalLiabilitiesUsd),
        formatUsd(s.customerDepositsUsd),
        formatUsd(s.equityUsd),
        s.totalAssetsUsd > 0 ? formatPercent(s.equityUsd / s.totalAssetsUsd) : "–",
      ]),
    ),
  );

  out.push("", "### Assets", "");
  out.push(
    ...table(
      ["asset", "price (USD)", "supply", "market cap", "impact", "basis beyond the CoinGecko defaults"],
      document.assets.map((a) => {
        const extra = [
          ...(a.issuer ? [`issuer ${a.issuer}`] : []),
          ...(a.peg
            ? [
                `peg ${Object.entries(a.peg)
                  .map(([k, v]) => `${k} ${v}`)
                  .join(", ")}`,
              ]
            : []),
        ];
        const impactQuantities = Object.entries(a.impact).filter(([key]) => key !== "model") as [
          string,
          Quantity,
        ][];
        const basis = [a.priceUsd, a.supply, ...impactQuantities.map(([, q]) => q)]
          .map(describe)
          .filter((b) => b);
        return [
          `**${a.id}** (${[a.kind, ...extra].join("; ")})`,
          number(quantityValue(a.priceUsd)),
          number(quantityValue(a.supply)),
          formatUsd(quantityValue(a.priceUsd) * quantityValue(a.supply)),
          impactSummary(a.impact),
          basis.join(" · ") || "CoinGecko defaults",
        ];
      }),
    ),
  );

  out.push("", "### Entities");
  for (const e of document.entities) {
    out.push("", `#### \`${e.id}\` — ${e.name ?? e.id} (${e.type})`, "");
    if (e.notes) out.push(e.notes, "");
    const rows: string[][] = [];
    for (const key of [
      "cashUsd",
      "customerDepositsUsd",
      "otherAssetsUsd",
      "otherLiabilitiesUsd",
      "reportedEquityUsd",
    ] as const) {
      const q = e[key];
      if (q !== undefined) rows.push([key, formatUsd(quantityValue(q)), describe(q)]);
    }
    for (const h of e.holdings ?? []) {
      rows.push([
        `holding ${h.asset}${h.locked ? " (locked)" : ""}, units`,
        number(quantityValue(h.units)),
        describe(h.units),
      ]);
    }
    if (e.rescue) {
      const targets = e.rescue.targets ? ` → ${e.rescue.targets.join(", ")}` : "";
      rows.push([
        `rescue capacity${targets}`,
        formatUsd(quantityValue(e.rescue.capacityUsd)),
        describe(e.rescue.capacityUsd),
      ]);
    }
    out.push(...table(["field", "value", "basis"], rows));
  }

  out.push("", "### Claims (creditor → debtor)", "");
  out.push(
    ...table(
      ["id", "type", "creditor → debtor", "amount", "collateral", "basis"],
      (document.claims ?? []).map((c) => {
        const amount = quantityValue(c.amount);
        const limit = c.limit === undefined ? "" : ` (limit ${formatUsd(quantityValue(c.limit))})`;
        const col = c.collateral;
        const collateral = col
          ? `${number(quantityValue(col.units))} ${col.asset}, call LTV ${quantityValue(col.marginCallLtv)}, liquidation LTV ${quantityValue(col.liquidationLtv)}`
          : "";
        const basis = [c.amount, ...(col ? [col.units, col.marginCallLtv, col.liquidationLtv] : [])]
          .map(describe)
          .filter((b) => b);
        if (c.notes) basis.push(c.notes);
        return [
          c.id ?? "",
          c.seniority ? `${c.type} (${c.seniority})` : c.type,
          `${c.creditor} → ${c.debtor}`,
          `${c.asset ? `${number(amount)} ${c.asset}` : formatUsd(amount)}${limit}`,
          collateral,
          basis.join(" · "),
        ];
      }),
    ),
  );

  out.push("", "### Shocks", "");
  out.push(
    ...table(
      ["step", "date", "shock", "size", "basis"],
      (document.shocks ?? []).map((s) => {
        const step = s.step ?? 0;
        const [what, size, q] = shockParts(s);
        return [
          String(step),
          addDays(document.asOf, step),
          s.notes ? `${what} (${s.notes})` : what,
          size,
          q ? describe(q) : "",
        ];
      }),
    ),
  );

  for (const network of networkEntries(document)) {
    out.push("", `### Bitcoin network on ${network.date}`, "");
    const fields = ["hashrateEhs", "difficulty", "priceUsd", "blockSubsidyBtc", "feesBtcPerDay"] as const;
    out.push(
      ...table(
        ["field", "value", "basis"],
        fields.flatMap((key) => {
          const q = network[key];
          return q === undefined ? [] : [[key, number(quantityValue(q)), describe(q)]];
        }),
      ),
    );
  }
  return out.join("\n");
}

function shockParts(s: Shock): [string, string, Quantity | undefined] {
  switch (s.type) {
    case "price":
      return [`price ${s.asset}`, formatPercent(quantityValue(s.change), 1, true), s.change];
    case "withdrawal":
      return s.amountUsd !== undefined
        ? [`withdrawal from ${s.entity}`, formatUsd(quantityValue(s.amountUsd)), s.amountUsd]
        : [
            `withdrawal from ${s.entity}`,
            `${formatPercent(quantityValue(s.fraction!))} of deposits`,
            s.fraction,
          ];
    case "sale":
      return [`${s.entity} sells ${s.asset}`, `${number(quantityValue(s.units))} ${s.asset}`, s.units];
    case "loss":
      return [`loss at ${s.entity}`, formatUsd(quantityValue(s.amountUsd)), s.amountUsd];
    case "default":
      return [`default of ${s.entity}`, "", undefined];
  }
}

function impactSummary(impact: ScenarioDocument["assets"][number]["impact"]): string {
  switch (impact.model) {
    case "sqrt":
      return `sqrt: V ${formatUsd(quantityValue(impact.dailyVolumeUsd))}/day, σ ${quantityValue(impact.dailyVolatility).toFixed(3)}`;
    case "amm":
      return `amm: pool ${formatUsd(quantityValue(impact.poolDepthUsd))}`;
    case "linear":
    case "exponential":
      return `${impact.model}: depth ${formatUsd(quantityValue(impact.depthUsd))}`;
  }
}

/** Sources (as links), range, estimate and note of a quantity, minus the CoinGecko defaults. */
function describe(q: Quantity): string {
  if (typeof q === "number") return "";
  const parts: string[] = [];
  const sources = (q.source === undefined ? [] : [q.source].flat()).filter((u) => !u.includes(COINGECKO_API));
  if (sources.length > 0) parts.push(sources.map((u) => `[${host(u)}](${u})`).join(", "));
  if (q.range) parts.push(`range ${number(q.range[0])} – ${number(q.range[1])}`);
  const standard = (text: string) => STANDARD_NOTES.some((prefix) => text.startsWith(prefix));
  if (q.estimate !== undefined) {
    if (!standard(q.estimate)) parts.push(`_estimate:_ ${q.estimate}`);
    else if (q.estimate.includes("; ")) parts.push(q.estimate.slice(q.estimate.indexOf("; ") + 2));
  }
  if (q.note !== undefined && !standard(q.note)) parts.push(q.note);
  return parts.join("; ");
}

function host(url: string): string {
  return new URL(url).host.replace(/^www\./, "");
}

function number(x: number): string {
  return Math.abs(x) >= 1e6 ? formatNumber(x, 0) : formatNumber(x, 6);
}

function table(headers: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const cell = (text: string) => text.replaceAll("|", "\\|").replaceAll("\n", " ");
  return [
    `| ${headers.join(" | ")} |`,
    `| ${headers.map(() => "---").join(" | ")} |`,
    ...rows.map((row) => `| ${row.map(cell).join(" | ")} |`),
  ];
}

/** Line of docs/scenarios.md after which everything is generated. */
export const SCENARIO_DOCS_MARKER =
  "<!-- Everything below is generated from scenarios/*.json by `npm run docs:scenarios`; do not edit it by hand. -->";

/** The generated part of docs/scenarios.md: every built-in scenario, oldest first. */
export function builtinScenarioDocs(): string {
  return builtinScenarioIds()
    .map((id) => resolveScenario(id))
    .sort((a, b) => a.document.asOf.localeCompare(b.document.asOf))
    .map(scenarioFiguresMarkdown)
    .join("\n\n");
}
