import { describe, expect, it } from "vitest";
import { NotFoundError } from "../core/errors.ts";
import { networkStateOn, networkStates } from "./bitcoin-network.ts";

const state = (date: string, priceUsd: number) => ({
  date,
  hashrateEhs: 270,
  difficulty: 3.6e13,
  priceUsd: { value: priceUsd, source: "https://example.org/price" },
  blockSubsidyBtc: 6.25,
});

describe("dated bitcoin-network states", () => {
  it("reads one state or several, sorted by date, with plain numbers", () => {
    expect(networkStates({ bitcoinNetwork: state("2022-11-01", 20_000) })).toEqual([
      {
        date: "2022-11-01",
        hashrateEhs: 270,
        difficulty: 3.6e13,
        priceUsd: 20_000,
        blockSubsidyBtc: 6.25,
        feesBtcPerDay: undefined,
      },
    ]);
    const doc = { id: "s", bitcoinNetwork: [state("2022-11-09", 15_758), state("2022-11-01", 20_000)] };
    expect(networkStates(doc).map((s) => s.date)).toEqual(["2022-11-01", "2022-11-09"]);
    expect(networkStateOn(doc).priceUsd).toBe(20_000);
    expect(networkStateOn(doc, "2022-11-09").priceUsd).toBe(15_758);
  });

  it("names the dates it has when asked for another", () => {
    const doc = { id: "s", bitcoinNetwork: [state("2022-11-01", 1), state("2022-11-09", 1)] };
    expect(() => networkStateOn(doc, "2022-11-20")).toThrow(NotFoundError);
    expect(() => networkStateOn(doc, "2022-11-20")).toThrow("it has 2022-11-01, 2022-11-09");
    expect(() => networkStateOn({ id: "s" })).toThrow("it has none");
  });
});
