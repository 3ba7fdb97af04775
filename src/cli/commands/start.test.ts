import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../../../test/browser.ts";
import { tempDir, unwind } from "../../../test/cli.ts";
import { REPO_ROOT } from "../../core/environment.ts";

/**
 * `npm start` end to end as a real process, on built-in data only: a temporary UNWIND_HOME and a
 * shared-data directory that does not exist, so nothing but the repository's own files is read.
 */
describe("npm start", () => {
  const home = tempDir();
  const nowhere = join(home.path, "no-shared-data");
  let browser: Browser | undefined;
  let stdout = "";
  let status: number | null = null;
  beforeAll(() => {
    const run = spawnSync("npm", ["start", "--silent"], {
      cwd: REPO_ROOT,
      env: { ...process.env, UNWIND_HOME: home.path, UNWIND_SHARED_DATA: nowhere },
      encoding: "utf8",
    });
    stdout = run.stdout;
    status = run.status;
  });
  afterAll(async () => {
    await browser?.close();
    home.cleanup();
  });

  it("prints the strategist summary of the FTX cascade and the floor on JPMorgan's date", () => {
    expect(status).toBe(0);
    expect(stdout).toMatch(/^FTX\/Alameda collapse .*: \d+ failures, market cap -\d+\.\d% at the trough\.$/m);
    expect(stdout).toContain("Failures, in order");
    expect(stdout).toMatch(/Forced selling: \$[\d.]+[BM] across \d assets/);
    // The floor is computed on the scenario's dated state of 9 Nov 2022, whose price is Coin Metrics'
    // close of that day, $15,758.29 (scenarios/ftx-2022.json).
    expect(stdout).toMatch(
      /Bitcoin production cost on 2022-11-09 at \$0\.05\/kWh: \$[\d.]+k .*spot \$15\.8k/,
    );
    expect(stdout).toContain('JPMorgan, 9 Nov 2022: production cost "about $15,000"');
  });

  it("writes the HTML report under $UNWIND_HOME/reports and records the run", async () => {
    const file = join(home.path, "reports", "ftx-2022.html");
    expect(stdout).toContain(`Report written to ${file}`);
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file, "utf8").startsWith("<!doctype html>")).toBe(true);
    const runs = JSON.parse((await unwind(["runs", "list", "--json"], { UNWIND_HOME: home.path })).stdout);
    expect(runs.map((r: { command: string }) => r.command)).toEqual(["start"]);
    const shown = JSON.parse(
      (await unwind(["runs", "show", String(runs[0].id), "--json"], { UNWIND_HOME: home.path })).stdout,
    );
    expect(shown.parameters).toMatchObject({ scenario: "ftx-2022", floorDate: "2022-11-09" });
    // Implied move = cost ÷ price − 1, with the price of the dated state.
    const floor = shown.results.floor;
    expect(floor.priceUsd).toBe(15758.29);
    expect(floor.impliedMove).toBeCloseTo(floor.costUsd.best / 15758.29 - 1, 12);
  });

  it("opens in headless Chromium: no errors or requests, the failures table matches the summary", async () => {
    browser = await launchChromium();
    const file = join(home.path, "reports", "ftx-2022.html");
    const page = await browser.newPage({ viewport: { width: 1000, height: 1400 } });
    const problems: string[] = [];
    page.on("pageerror", (e) => problems.push(e.message));
    page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
    const requests: string[] = [];
    page.on("request", (r) => requests.push(r.url()));
    await page.goto(`file://${file}`);
    expect(problems).toEqual([]);
    expect(requests).toEqual([`file://${file}`]);
    expect(await page.locator("h1").textContent()).toContain("FTX/Alameda collapse");
    const rows = await page.locator("table").first().locator("tbody tr").allInnerTexts();
    const printed = stdout
      .split("\n")
      .filter((line) => /^\s*\d+\s+2022-\d\d-\d\d\s/.test(line))
      .map((line) => line.trim().split(/\s{2,}/));
    expect(rows.map((r) => r.split("\t").map((c) => c.trim()))).toEqual(printed);
    expect(await page.locator(".chart svg").count()).toBe(2);
    await page.close();
  });
});

describe("unwind report", () => {
  const home = tempDir();
  afterAll(home.cleanup);

  it("writes the report of any scenario to --out, with the floor on the chosen dated state", async () => {
    const out = join(home.path, "terra.html");
    const result = await unwind(
      ["report", "--scenario", "terra-2022", "--out", out, "--floor-date", "2022-05-05", "--json"],
      { UNWIND_HOME: home.path },
    );
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.reportPath).toBe(out);
    expect(json.floor.date).toBe("2022-05-05");
    // The 5 May state's price is Coin Metrics' close of 5 May, $36,502.02 (scenarios/terra-2022.json).
    expect(json.floor.priceUsd).toBe(36502.02);
    expect(readFileSync(out, "utf8")).toContain("Terra");
  });

  it("names the dates a scenario has when --floor-date is not one of them (exit code 2)", async () => {
    const result = await unwind(["report", "-s", "ftx-2022", "--floor-date", "2022-11-20"], {
      UNWIND_HOME: home.path,
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("it has 2022-11-01, 2022-11-09");
  });
});
