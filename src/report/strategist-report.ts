/**
 * The one-page HTML report a strategist can send: headline, failures in order, prices and market cap,
 * forced selling, rescues and the production-cost floor. One self-contained file: inline CSS and SVG,
 * no script, no external requests; it prints on A4.
 * @module
 */

import { lineChartSvg } from "../chart/line-chart.ts";
import { formatNumber, formatPercent, formatUsd } from "../core/format.ts";
import { escapeHtml, type Html, html, trusted } from "./html.ts";
import { stepDate, strategistSummary } from "./summary.ts";
import type { ReportInput } from "./types.ts";

const STYLE = `
  :root { --ink: #1b2430; --muted: #5b6776; --rule: #d9dee5; --accent: #1f4e79; --bad: #b03a2e; }
  * { box-sizing: border-box; }
  body { margin: 0; font: 14px/1.45 Helvetica, Arial, sans-serif; color: var(--ink); background: #fff; }
  main { max-width: 820px; margin: 0 auto; padding: 28px 32px 40px; }
  h1 { font-size: 22px; margin: 0 0 4px; }
  h2 { font-size: 15px; margin: 26px 0 8px; padding-bottom: 4px; border-bottom: 1px solid var(--rule); }
  .meta { color: var(--muted); font-size: 12px; margin: 0 0 14px; }
  .headline { font-size: 16px; font-weight: 600; margin: 12px 0; }
  .figures { display: grid; grid-template-columns: repeat(5, 1fr); gap: 10px; margin: 14px 0; }
  .figure { border: 1px solid var(--rule); border-radius: 6px; padding: 8px 10px; }
  .figure .value { font-size: 19px; font-weight: 700; }
  .figure .label { font-size: 11px; color: var(--muted); text-transform: uppercase; letter-spacing: .03em; }
  .bad { color: var(--bad); }
  ul.summary { margin: 6px 0 0 18px; padding: 0; }
  table { border-collapse: collapse; width: 100%; font-size: 13px; }
  th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--rule); }
  th { font-size: 11px; text-transform: uppercase; color: var(--muted); letter-spacing: .03em; }
  td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
  .chart svg { width: 100%; height: auto; display: block; }
  footer { margin-top: 28px; font-size: 11px; color: var(--muted); }
  footer li { margin-bottom: 2px; }
  @media print { main { padding: 0; } h2 { break-after: avoid; } table, .chart { break-inside: avoid; } }
`;

/** Assets always drawn in the price chart when the scenario has them. */
const CHART_MAJORS = ["BTC", "ETH"];

/** Renders the report as a complete HTML document. */
export function renderStrategistReport(input: ReportInput): string {
  const { scenario, cascade, floor } = input;
  const summary = strategistSummary(input);
  const name = (id: string) => scenario.entityNames[id] ?? id;
  const dates = Array.from({ length: cascade.steps + 1 }, (_, s) =>
    stepDate(scenario.asOf, s, scenario.stepDays),
  );
  const forcedUsd = Object.values(cascade.forcedSales).reduce((sum, s) => sum + s.usd, 0);

  const figures = html`<div class="figures">
    ${figure(String(cascade.failures.length), "failures", cascade.failures.length > 0)}
    ${figure(formatPercent(cascade.marketCap.troughChange, 1, true), "market cap at trough", cascade.marketCap.troughChange < 0)}
    ${figure(formatUsd(forcedUsd), "forced selling")}
    ${figure(formatUsd(cascade.deleveragingUsd), "deleveraging")}
    ${figure(floor?.costUsd.best != null ? formatUsd(floor.costUsd.best) : "–", "BTC production cost")}
  </div>`;

  const failures =
    summary.failures.length === 0
      ? html`<p>No entity fails in ${cascade.steps} steps.</p>`
      : html`<table>
          <thead><tr><th class="num">day</th><th>date</th><th>entity</th><th>cause</th></tr></thead>
          <tbody>${summary.failures.map(
            (f) =>
              html`<tr><td class="num">${f.step}</td><td>${f.date}</td><td>${f.name}</td><td>${f.cause}</td></tr>`,
          )}</tbody>
        </table>`;
  const failedIds = new Set(cascade.failures.map((f) => f.entity));
  const gatedOnly = cascade.gated.filter((g) => !failedIds.has(g.entity));
  const gated =
    gatedOnly.length === 0
      ? ""
      : html`<p>Gated (withdrawals frozen) without failing: ${gatedOnly
          .map((g) => `${name(g.entity)} (day ${g.step})`)
          .join(", ")}.</p>`;

  // The majors a strategist reads first, then the assets that fell most, six lines at most.
  const candidates = Object.entries(cascade.pricePaths)
    .filter(([, path]) => path.length > 0 && path[0]! > 0)
    .map(([asset, path]) => ({ asset, path, move: Math.min(...path) / path[0]! - 1 }));
  const majors = candidates.filter((c) => CHART_MAJORS.includes(c.asset));
  const moved = [
    ...majors,
    ...candidates.filter((c) => !CHART_MAJORS.includes(c.asset)).sort((a, b) => a.move - b.move),
  ]
    .slice(0, 6)
    .sort((a, b) => a.move - b.move);
  const priceChart = lineChartSvg({
    title: "Prices (index, day 0 = 100)",
    xLabels: dates,
    series: moved.map(({ asset, path }) => ({ name: asset, values: path.map((p) => (100 * p) / path[0]!) })),
    yFormat: (v) => formatNumber(v, 0),
  });
  const capChart = lineChartSvg({
    title: "Crypto market cap in the scenario (USD bn)",
    xLabels: dates,
    series: [{ name: "market cap", values: cascade.marketCap.path.map((v) => v / 1e9) }],
    yFormat: (v) => formatNumber(v, 0),
    height: 220,
  });

  const sales = Object.entries(cascade.forcedSales)
    .filter(([, s]) => s.usd > 0)
    .sort((a, b) => b[1].usd - a[1].usd);
  const salesTable =
    sales.length === 0
      ? html`<p>No forced selling.</p>`
      : html`<table>
          <thead><tr><th>asset</th><th class="num">units sold</th><th class="num">USD</th><th class="num">price, trough vs day 0</th></tr></thead>
          <tbody>${sales.map(([asset, s]) => {
            const path = cascade.pricePaths[asset];
            const move = path && path[0]! > 0 ? Math.min(...path) / path[0]! - 1 : null;
            return html`<tr><td>${asset}</td><td class="num">${formatNumber(s.units, 0)}</td><td class="num">${formatUsd(s.usd)}</td><td class="num">${formatPercent(move, 1, true)}</td></tr>`;
          })}</tbody>
        </table>`;

  const rescues =
    cascade.rescues.length === 0
      ? html`<p>No rescue took place: no entity with rescue capacity found it privately rational, or none had capacity left.</p>`
      : html`<table>
          <thead><tr><th class="num">day</th><th>rescuer</th><th>rescued</th><th class="num">USD</th></tr></thead>
          <tbody>${cascade.rescues.map(
            (r) =>
              html`<tr><td class="num">${r.step}</td><td>${name(r.rescuer)}</td><td>${name(r.target)}</td><td class="num">${formatUsd(r.amountUsd)}</td></tr>`,
          )}</tbody>
        </table>`;

  const floorSection = floor
    ? html`<h2>Where is the floor?</h2>
        <table>
          <tbody>
            <tr><td>Date</td><td class="num">${floor.date}</td></tr>
            <tr><td>Electricity price</td><td class="num">$${floor.electricityUsdPerKwh}/kWh</td></tr>
            <tr><td>Production cost, best guess (lower – upper)</td><td class="num">${formatUsd(floor.costUsd.best)} (${formatUsd(floor.costUsd.lower)} – ${formatUsd(floor.costUsd.upper)})</td></tr>
            <tr><td>Bitcoin price</td><td class="num">${formatUsd(floor.priceUsd)}</td></tr>
            <tr><td>Price ÷ cost</td><td class="num">${floor.priceToCost === null ? "–" : formatNumber(floor.priceToCost, 2)}</td></tr>
            <tr><td>Implied move from spot to cost</td><td class="num">${formatPercent(floor.impliedMove, 1, true)}</td></tr>
            ${floor.costAfterHalvingUsd != null ? html`<tr><td>Cost after the next halving at the same hash rate</td><td class="num">${formatUsd(floor.costAfterHalvingUsd)}</td></tr>` : ""}
          </tbody>
        </table>
        <p class="meta">Method: ${floor.method}.</p>`
    : "";

  const body = html`<main>
    <h1>${scenario.name}</h1>
    <p class="meta">State as of ${scenario.asOf} · ${cascade.steps} steps of ${scenario.stepDays} day${scenario.stepDays === 1 ? "" : "s"} · generated ${input.generatedAt.toISOString().slice(0, 16).replace("T", " ")} UTC by unwind ${input.version}</p>
    <p class="headline">${summary.verdict}</p>
    ${figures}
    <ul class="summary">${summary.bullets.map((b) => html`<li>${b}</li>`)}</ul>
    <h2>Who fails, in what order</h2>
    ${failures}${gated}
    <h2>Prices and market cap</h2>
    <div class="chart">${trusted(priceChart)}</div>
    <div class="chart">${trusted(capChart)}</div>
    <h2>Forced selling</h2>
    ${salesTable}
    <h2>Rescues</h2>
    ${rescues}
    ${floorSection}
    <footer>
      <p>${scenario.facts.sourced} of ${scenario.facts.total} figures in scenario <code>${scenario.id}</code> carry a source URL or an estimate note; see <code>unwind scenario show ${scenario.id}</code>. Losses to creditors of failed entities: ${formatUsd(cascade.systemic.totalLossesUsd)}; DebtRank ${formatNumber(cascade.systemic.debtRank, 3)}.</p>
      ${scenario.notes && scenario.notes.length > 0 ? html`<p>Assumptions:</p><ul>${scenario.notes.map((n) => html`<li>${n}</li>`)}</ul>` : ""}
      <p>A model run, not a forecast: it shows what the balance sheets, exposures and mechanisms imply, not what will happen.</p>
    </footer>
  </main>`;

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`${scenario.name} — unwind report`)}</title>
<style>${STYLE}</style>
</head>
<body>
${body.text}
</body>
</html>
`;
}

function figure(value: string, label: string, bad = false): Html {
  return html`<div class="figure"><div class="value${bad ? " bad" : ""}">${value}</div><div class="label">${label}</div></div>`;
}
