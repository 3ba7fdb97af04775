/**
 * Server-side ECharts rendering: an option in, an SVG string out, with no DOM and no browser.
 *
 * ECharts is loaded on the first render, not at import: its ESM build is hundreds of modules and took
 * about 1.7 s to load through tsx, which every `unwind` command paid (even `--version`) although only
 * `cost --chart` and the HTML report draw. Its single-file CommonJS bundle (`dist/echarts.js`, the
 * package's `require` export) loads in about 0.25 s and is the same library.
 * @module
 */
import { createRequire } from "node:module";
import type * as ECharts from "echarts";

/** Size of a chart in CSS pixels. */
export interface ChartSize {
  readonly width: number;
  readonly height: number;
}

let echarts: typeof ECharts | undefined;

function loadECharts(): typeof ECharts {
  echarts ??= createRequire(import.meta.url)("echarts") as typeof ECharts;
  return echarts;
}

/** Renders an ECharts option to an SVG document. Animation is always off (a static image). */
export function renderChartSvg(option: ECharts.EChartsCoreOption, size: ChartSize): string {
  const chart = loadECharts().init(null, null, {
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
