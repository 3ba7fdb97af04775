import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../../test/browser.ts";
import { tempDir } from "../../test/cli.ts";
import { reportInput } from "../../test/fixtures/cascade-result.ts";
import { renderStrategistReport } from "./strategist-report.ts";
import { stepDate, strategistSummary } from "./summary.ts";

describe("strategistSummary", () => {
  it("states failures in order with dates, the market-cap hit and the floor", () => {
    const summary = strategistSummary(reportInput());
    expect(summary.failures.map((f) => [f.name, f.date])).toEqual([
      ["Fund Two", "2022-11-02"],
      ["Exchange One", "2022-11-03"],
    ]);
    expect(summary.headline).toBe("Test <mini> market & co: 2 failures, market cap -24.0% at the trough.");
    expect(summary.verdict).toBe("2 failures, market cap -24.0% at the trough.");
    // forced selling 1.8e7 + 2e8 = 2.18e8
    expect(summary.bullets).toContain(
      "Forced selling: $218M across 2 assets; debt repaid or liquidated: $300M.",
    );
    // 12000 / 16000 − 1 = −25%
    expect(summary.bullets.at(-1)).toBe(
      "Bitcoin production cost on 2022-11-09 at $0.05/kWh: $12k (band $11k–$14k); spot $16k implies a decline of 25.0% to cost.",
    );
  });

  it("maps steps to calendar dates across month ends", () => {
    expect(stepDate("2022-05-07", 0, 1)).toBe("2022-05-07");
    expect(stepDate("2022-05-07", 25, 1)).toBe("2022-06-01");
    expect(stepDate("2022-12-30", 1, 7)).toBe("2023-01-06");
  });
});

describe("renderStrategistReport", () => {
  const page = renderStrategistReport(reportInput());

  it("is one self-contained document: no scripts, no external resources", () => {
    expect(page.startsWith("<!doctype html>")).toBe(true);
    expect(page).not.toMatch(/<script|<link|src="http|href="http/i);
    expect(page.match(/<svg/g)).toHaveLength(2);
  });

  it("escapes text from the scenario", () => {
    expect(page).toContain("<h1>Test &lt;mini&gt; market &amp; co</h1>");
    expect(page).not.toContain("<mini>");
  });

  it("draws BTC and ETH however little they moved, then the assets that fell most: six lines", () => {
    const input = reportInput();
    const path = (fall: number) => [100, 100 * (1 - fall)];
    const prices = {
      ETH: path(0.01),
      BTC: path(0.02),
      ...Object.fromEntries(["A", "B", "C", "D", "E", "F"].map((a, i) => [`TOK${a}`, path(0.1 * (i + 1))])),
    };
    const chart = renderStrategistReport({
      ...input,
      cascade: {
        ...input.cascade,
        steps: 1,
        pricePaths: prices,
        marketCap: { ...input.cascade.marketCap, path: [1, 1] },
      },
    });
    const legend = (name: string) => chart.includes(`>${name}</text>`);
    // Majors, then the four largest falls (F −60%, E −50%, D −40%, C −30%); B and A are left out.
    expect(["ETH", "BTC", "TOKF", "TOKE", "TOKD", "TOKC"].every(legend)).toBe(true);
    expect(legend("TOKB") || legend("TOKA")).toBe(false);
  });

  it("lists an entity that gated without failing, and not one that gated then failed", () => {
    expect(page).toContain("Gated (withdrawals frozen) without failing: Lender Three (day 3).");
  });
});

describe("the report in a real browser (headless Chromium)", () => {
  let browser: Browser;
  const dir = tempDir();
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    dir.cleanup();
  });

  it("renders without errors or requests, with both charts drawn and the tables readable", async () => {
    const file = join(dir.path, "report.html");
    writeFileSync(file, renderStrategistReport(reportInput()));
    const page = await browser.newPage({ viewport: { width: 1000, height: 1400 } });
    const problems: string[] = [];
    page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
    page.on("pageerror", (e) => problems.push(e.message));
    const requests: string[] = [];
    page.on("request", (r) => requests.push(r.url()));
    await page.goto(`file://${file}`);
    expect(problems).toEqual([]);
    expect(requests).toEqual([`file://${file}`]);
    const charts = await page.locator(".chart svg").evaluateAll((nodes) =>
      nodes.map((n) => ({
        width: n.getBoundingClientRect().width,
        paths: n.querySelectorAll("path").length,
      })),
    );
    expect(charts).toHaveLength(2);
    for (const chart of charts) {
      expect(chart.width).toBeGreaterThan(600);
      expect(chart.paths).toBeGreaterThan(3);
    }
    const rows = await page.locator("table").first().locator("tbody tr").allInnerTexts();
    expect(rows.map((r) => r.split("\t").map((c) => c.trim()))).toEqual([
      ["1", "2022-11-02", "Fund Two", "insolvent"],
      ["2", "2022-11-03", "Exchange One", "illiquid"],
    ]);
    if (process.env.UNWIND_SCREENSHOT)
      await page.screenshot({ path: process.env.UNWIND_SCREENSHOT, fullPage: true });
    await page.close();
  });
});
