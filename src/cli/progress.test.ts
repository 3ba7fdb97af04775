import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { CliContext } from "./context.ts";
import { startProgress, withProgress } from "./progress.ts";

function context(isTTY: boolean, quiet = false) {
  const output = { text: "" };
  const ctx = new CliContext({
    stdout: { write: () => true },
    stderr: { write: (text: string) => (output.text += text), isTTY, columns: 100 },
    env: {},
    cwd: "/",
  });
  ctx.quiet = quiet;
  return { ctx, output };
}

describe("startProgress", () => {
  it("shows a bar with counts once work has run half a second, on a terminal only", async () => {
    const tty = context(true);
    const piped = context(false);
    const quiet = context(true, true);
    const bars = [tty, piped, quiet].map(({ ctx }) => startProgress(ctx, "reading", "bytes"));
    for (const bar of bars) bar.listener(1024, 4 * 1024 * 1024);
    expect(tty.output.text).toBe(""); // too early: short work never flashes a bar
    await sleep(600);
    for (const bar of bars) bar.listener(2 * 1024 * 1024, 4 * 1024 * 1024);
    expect(tty.output.text).toContain("reading");
    expect(tty.output.text).toContain("50%");
    expect(tty.output.text).toContain("2.0 MiB/4.0 MiB");
    for (const bar of bars) bar.stop();
    expect(piped.output.text).toBe("");
    expect(quiet.output.text).toBe("");
  });

  it("never shows a bar for work already done at its first report", async () => {
    const { ctx, output } = context(true);
    const bar = startProgress(ctx, "writing", "rows");
    await sleep(600);
    bar.listener(10, 10);
    bar.stop();
    expect(output.text).toBe("");
  });

  it("withProgress removes the bar when the work throws", async () => {
    const { ctx, output } = context(true);
    expect(() =>
      withProgress(ctx, "reading", "rows", (listener) => {
        const until = performance.now() + 550;
        while (performance.now() < until); // synchronous work, like the network readers
        listener(1, 4);
        throw new Error("bad row");
      }),
    ).toThrow("bad row");
    expect(output.text).toContain("1/4 rows");
    // Stopped: the cursor is shown again and the line erased (ESC[?25h … ESC[2K), leaving stderr clean.
    expect(output.text).toContain("\u001b[?25h");
    expect(output.text.endsWith("\u001b[2K")).toBe(true);
  });
});
