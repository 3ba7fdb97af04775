/**
 * Server-side ECharts rendering: an option in, an SVG string out, with no DOM and no browser.
 * @module
 */
import * as echarts from "echarts";

/** Size of a chart in CSS pixels. */
export interface ChartSize {
  readonly width: number;
  readonly height: number;
}

/** Renders an ECharts option to an SVG document. Animation is always off (a static image). */
export function renderChartSvg(option: echarts.EChartsCoreOption, size: ChartSize): string {
  const chart = echarts.init(null, null, {
    renderer: "svg",
    ssr: true,
    width: size.width,
    height: size.height,
  });
  try {
    chart.setOption({ ...option, animation: false });
    return chart.renderToSVGString();
  } finally {
    // ECharts keeps a render loop alive (and the process with it) until disposed.
    chart.dispose();
  }
}
