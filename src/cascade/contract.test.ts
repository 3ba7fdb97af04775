import { describe, expect, it } from "vitest";
import type { CascadeOutcome } from "../history/outcome.ts";
import type { ReportInput } from "../report/types.ts";
import { resolveScenario } from "../scenario/builtin.ts";
import { runCascade } from "./engine.ts";
import type { CascadeResult } from "./result.ts";

describe("the CascadeResult contract", () => {
  it("is what the history validation and the report read (checked by the type checker)", () => {
    const result: CascadeResult = runCascade(resolveScenario("ftx-2022").scenario, { steps: 3 });
    const outcome: CascadeOutcome = result;
    const cascade: ReportInput["cascade"] = result;
    expect(outcome.marketCap.path).toHaveLength(4);
    expect(cascade.systemic.failures).toBe(result.failures.length);
  });
});
