import { describe, expect, it } from "vitest";
import { deepCoin, scenarioOf } from "../../test/fixtures/cascade.ts";
import { inputErrorOf } from "../../test/input-error.ts";
import { checkShocks, parseShock } from "./shock-syntax.ts";

describe("--shock syntax", () => {
  it("parses every shock type, with fractions or percentages and an optional step", () => {
    expect(parseShock("price:FTT=-0.8@1")).toEqual({ type: "price", asset: "FTT", change: -0.8, step: 1 });
    expect(parseShock("price:FTT=-80%")).toEqual({ type: "price", asset: "FTT", change: -0.8 });
    expect(parseShock("withdrawal:ftx=0.3@1")).toEqual({
      type: "withdrawal",
      entity: "ftx",
      fraction: 0.3,
      step: 1,
    });
    expect(parseShock("withdrawal:ftx=30%")).toEqual({ type: "withdrawal", entity: "ftx", fraction: 0.3 });
    expect(parseShock("withdrawal:ftx=6e9usd@2")).toEqual({
      type: "withdrawal",
      entity: "ftx",
      amountUsd: 6e9,
      step: 2,
    });
    expect(parseShock("loss:3ac=2e8")).toEqual({ type: "loss", entity: "3ac", amountUsd: 2e8 });
    expect(parseShock("sale:lfg/BTC=80000@2")).toEqual({
      type: "sale",
      entity: "lfg",
      asset: "BTC",
      units: 80000,
      step: 2,
    });
    expect(parseShock("default:alameda@2")).toEqual({ type: "default", entity: "alameda", step: 2 });
  });

  it("names the bad spec and says what was expected", () => {
    const cases: [string, string][] = [
      ["crash:BTC=-0.5", "expected TYPE:TARGET[=VALUE][@STEP]"],
      ["price:BTC=abc", "expected a relative price change above −1"],
      ["price:BTC=-1.2", "expected a relative price change above −1"],
      ["price:BTC", 'expected a relative change such as -0.8 or -80% after "="'],
      ["withdrawal:x=1.5", "expected a fraction of deposits between 0 and 1"],
      ["withdrawal:x=-5usd", "expected a non-negative amount in USD"],
      ["loss:x=lots", "expected a non-negative amount in USD"],
      ["sale:x=5", "expected sale:ENTITY/ASSET=UNITS"],
      ["default:x=1", "a default takes no value"],
      ["price:BTC=-0.5@x", "expected TYPE:TARGET[=VALUE][@STEP]"],
    ];
    for (const [spec, message] of cases) {
      const error = inputErrorOf(() => parseShock(spec));
      expect(error.issues[0]!.path).toBe("--shock");
      expect(error.issues[0]!.message).toContain(`"${spec}"`);
      expect(error.issues[0]!.message).toContain(message);
    }
  });

  it("rejects unknown entities and assets and steps beyond the run, listing every bad spec", () => {
    const scenario = scenarioOf({ assets: [deepCoin("BTC", 1)], entities: [{ id: "x", type: "fund" }] });
    const specs = ["price:ETH=-0.5", "loss:y=1", "price:BTC=-0.1@5", "loss:x=1@4"];
    const error = inputErrorOf(() => checkShocks(scenario, specs.map(parseShock), specs, 5));
    expect(error.issues.map((i) => i.message)).toEqual([
      '"price:ETH=-0.5": unknown asset "ETH"; known: BTC',
      '"loss:y=1": unknown entity "y"; known: x',
      '"price:BTC=-0.1@5": step 5 is beyond the run (steps 0–4)',
    ]);
  });
});
