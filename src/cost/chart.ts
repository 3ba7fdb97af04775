/**
 * Price against the production-cost band over time, rendered to SVG with ECharts' server-side
 * renderer (no browser, no DOM). Log price axis, shaded band between the lower and upper cost, the
 * best guess as a line, halvings as vertical markers.
 * @module
 */
import { renderChartSvg } from "../chart/render-svg.ts";
import { halvingSchedule } from "./halving.ts";

/** Data of the chart; arrays share `dates`, null where unknown. */
export interface CostChartData {
  readonly title: string;
  readonly subtitle?: string;
  readonly dates: readonly string[];
  readonly priceUsd: readonly (number | null)[];
  readonly costLowerUsd: readonly (number | null)[];
  readonly costBestUsd: readonly (number | null)[];
  readonly costUpperUsd: readonly (number | null)[];
  /** Days where the power source changes (CBECI → model), drawn as labelled markers on the cost line. */
  readonly splices?: readonly { readonly date: string; readonly label: string }[];
}

/** Renders the chart as an SVG document. */
export function costChartSvg(data: CostChartData, size = { width: 1200, height: 640 }): string {
  const pairs = (values: readonly (number | null)[]) =>
    data.dates.map((date, i) => [date, values[i] ?? null]);
  // The band is drawn as the lower bound plus a stacked (upper − lower) area on top of it.
  const spread = data.dates.map((date, i) => {
    const lo = data.costLowerUsd[i];
    const hi = data.costUpperUsd[i];
    return [date, lo != null && hi != null ? hi - lo : null];
  });
  const hasBand = spread.some(([, value]) => value !== null);
  const first = data.dates[0] ?? "";
  const last = data.dates.at(-1) ?? "";
  const halvings = halvingSchedule()
    .map((h) => new Date(h.time * 1000).toISOString().slice(0, 10))
    .filter((d) => d >= first && d <= last);
  return renderChartSvg(
    {
      backgroundColor: "#ffffff",
      title: {
        text: data.title,
        subtext: data.subtitle ?? "",
        left: 16,
        top: 8,
        textStyle: { fontSize: 18 },
      },
      legend: {
        top: 50,
        right: 32,
        itemGap: 28,
        // A source with a best guess only (CBECI's series) has no band to name.
        data: ["BTC price", "Production cost (best guess)", ...(hasBand ? ["Cost band (lower–upper)"] : [])],
      },
      grid: { left: 88, right: 32, top: 96, bottom: 56 },
      xAxis: { type: "time", axisLabel: { fontSize: 12 } },
      yAxis: {
        type: "log",
        name: "USD per BTC (log scale)",
        nameLocation: "middle",
        nameGap: 64,
        axisLabel: {
          formatter: (v: number) => (v >= 1e6 ? `$${v / 1e6}M` : v >= 1000 ? `$${v / 1000}k` : `$${v}`),
        },
        splitLine: { lineStyle: { color: "#e5e7eb" } },
      },
      series: [
        {
          name: "band-base",
          type: "line",
          data: pairs(data.costLowerUsd),
          stack: "band",
          symbol: "none",
          lineStyle: { opacity: 0 },
          silent: true,
        },
        {
          name: "Cost band (lower–upper)",
          type: "line",
          data: spread,
          stack: "band",
          symbol: "none",
          lineStyle: { opacity: 0 },
          areaStyle: { color: "rgba(234, 88, 12, 0.18)" },
          itemStyle: { color: "rgba(234, 88, 12, 0.45)" },
        },
        {
          name: "Production cost (best guess)",
          type: "line",
          data: pairs(data.costBestUsd),
          symbol: "none",
          lineStyle: { color: "#c2410c", width: 2 },
          itemStyle: { color: "#c2410c" },
          markLine: {
            symbol: "none",
            silent: true,
            lineStyle: { color: "#c2410c", type: "dotted" },
            label: { color: "#c2410c", position: "insideEndTop" },
            data: (data.splices ?? []).map((s) => ({ xAxis: s.date, label: { formatter: s.label } })),
          },
        },
        {
          name: "BTC price",
          type: "line",
          data: pairs(data.priceUsd),
          symbol: "none",
          lineStyle: { color: "#1d4ed8", width: 1.5 },
          itemStyle: { color: "#1d4ed8" },
          markLine: {
            symbol: "none",
            silent: true,
            lineStyle: { color: "#6b7280", type: "dashed" },
            label: { formatter: "halving", color: "#6b7280" },
            data: halvings.map((date) => ({ xAxis: date })),
          },
        },
      ],
    },
    size,
  );
}
