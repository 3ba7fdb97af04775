/**
 * Static line charts as inline SVG, rendered server-side by ECharts, so a report is one self-contained
 * file that needs no script and prints as it looks on screen.
 * @module
 */
import { renderChartSvg } from "./render-svg.ts";

/** One line of a chart. */
export interface LineSeries {
  readonly name: string;
  /** y values, one per x label; null leaves a gap. */
  readonly values: readonly (number | null)[];
  /** Dashed line (e.g. a reference level). */
  readonly dashed?: boolean;
}

/** A line chart. */
export interface LineChart {
  readonly title?: string;
  readonly xLabels: readonly string[];
  readonly series: readonly LineSeries[];
  /** Axis label formatter for y values. */
  readonly yFormat?: (value: number) => string;
  readonly yName?: string;
  readonly width?: number;
  readonly height?: number;
  /** Log scale on y (for prices spanning orders of magnitude). */
  readonly logScale?: boolean;
}

const PALETTE = ["#1f4e79", "#c0392b", "#e67e22", "#27ae60", "#8e44ad", "#16a085", "#7f8c8d", "#d4ac0d"];

/** Renders a line chart to an SVG string. */
export function lineChartSvg(chart: LineChart): string {
  return renderChartSvg(
    {
      color: PALETTE,
      textStyle: { fontFamily: "Helvetica, Arial, sans-serif" },
      title: chart.title
        ? { text: chart.title, left: 0, textStyle: { fontSize: 13, fontWeight: 600 } }
        : undefined,
      legend: {
        show: chart.series.length > 1,
        top: chart.title ? 22 : 0,
        right: 0,
        textStyle: { fontSize: 11 },
      },
      grid: { left: 64, right: 16, top: chart.title ? 56 : 32, bottom: 28 },
      xAxis: { type: "category", data: [...chart.xLabels], boundaryGap: false, axisLabel: { fontSize: 10 } },
      yAxis: {
        type: chart.logScale ? "log" : "value",
        name: chart.yName,
        scale: true,
        nameTextStyle: { fontSize: 10 },
        axisLabel: { fontSize: 10, ...(chart.yFormat ? { formatter: chart.yFormat } : {}) },
      },
      series: chart.series.map((s) => ({
        name: s.name,
        type: "line",
        data: [...s.values],
        showSymbol: false,
        lineStyle: { width: 2, ...(s.dashed ? { type: "dashed" } : {}) },
      })),
    },
    { width: chart.width ?? 720, height: chart.height ?? 280 },
  );
}
