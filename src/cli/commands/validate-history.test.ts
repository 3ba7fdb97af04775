import { describe, expect, it } from "vitest";
import { episode, outcome } from "../../../test/fixtures/episode.ts";
import { historyReport } from "../../history/report.ts";
import { validateEpisode } from "../../history/validate.ts";
import { renderHistoryReport } from "./validate-history.ts";

describe("renderHistoryReport", () => {
  const v = validateEpisode(episode, outcome);

  it("shows each failure with its verdict, the scores and the targets", () => {
    const text = renderHistoryReport(historyReport([v]));
    const line = (entity: string) => text.split("\n").find((l) => l.startsWith(`${entity} `)) ?? "";
    expect(line("a")).toMatch(/2022-11-07 \(step 5, gated\)\s+2022-11-08 \(gated\)\s+✓ -1 d$/);
    expect(line("b")).toMatch(/–\s+2022-11-10 \(gated\)\s+✗ missed$/);
    expect(line("s2")).toMatch(/✗ false failure$/);
    expect(line("agg")).toMatch(/not scored$/);
    expect(line("d")).toMatch(/after horizon$/);
    expect(text).toContain("precision 0.33  recall 0.50  F1 0.40  order ρ –");
    expect(text).toContain("✗ F1 on failures ≥ 0.8: F1 0.40 (precision 0.33, recall 0.50)");
    // The 10-step run ends at 00:00 on 12 Nov, before the trough window's end: no ✓ for a partial window.
    expect(text).toMatch(/^trough \(to 2022-11-30; run ends 2022-11-12\)\s+-26\.0%.*✗$/m);
    expect(text).toContain(
      "✗ market cap trough within reported range: simulated -26.0% vs reported -27.0% to -20.0%; the run ends at 2022-11-12",
    );
    expect(text).toContain("✓ market cap first week within reported range");
    expect(text).toContain("BTC low: simulated $16.00 (close of 2022-11-08); reported $15.5k on 2022-11-21");
    expect(text).toContain("no observed series given");
    expect(text.trimEnd().endsWith("Some targets are missed (✗ above).")).toBe(true);
    expect(text).not.toContain("JPMorgan");
  });

  it("adds JPMorgan's claim when both 2022 episodes are present", () => {
    const terra = { ...v, episode: "terra-2022", marketCapChange: -0.5 };
    const ftx = { ...v, episode: "ftx-2022", marketCapChange: -0.24 };
    const report = historyReport([terra, ftx]);
    expect(report.jpmorgan?.holds).toBe(true);
    expect(report.allTargetsMet).toBe(false);
    expect(renderHistoryReport(report)).toContain(
      "✓ simulated: FTX -24.0% vs Terra -50.0% → the claim holds in the simulation",
    );
  });
});
