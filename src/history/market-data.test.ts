import { describe, expect, it } from "vitest";
import { NotFoundError } from "../core/errors.ts";
import { columnValues, episodeMarketData, MARKET_CAP_PROVIDER } from "./market-data.ts";

const tradingView = {
  dates: ["2022-11-01", "2022-11-02", "2022-11-03"],
  columns: { close: Float64Array.from([972, Number.NaN, 950]), open: Float64Array.from([1, 2, 3]) },
};

describe("columnValues", () => {
  it("takes one column and drops its missing days", () => {
    const values = columnValues(tradingView, "close");
    expect(values.dates).toEqual(["2022-11-01", "2022-11-03"]);
    expect([...values.values]).toEqual([972, 950]);
  });

  it("names the columns when one is missing", () => {
    expect(() => columnValues(tradingView, "price")).toThrow(NotFoundError);
    expect(() => columnValues(tradingView, "price")).toThrow(/close, open/);
  });
});

describe("episodeMarketData", () => {
  it("re-dates TradingView closes to the next day's 00:00 and keeps CoinGecko snapshots as they are", () => {
    const coinGecko = { BTC: { dates: ["2022-11-02"], columns: { price: Float64Array.from([20489.6]) } } };
    const market = episodeMarketData({ tradingView, coinGecko });
    expect(market.provider).toBe(MARKET_CAP_PROVIDER);
    // The close of 1 Nov (972) is the level at 00:00 on 2 Nov.
    expect(market.totalMarketCap?.dates).toEqual(["2022-11-02", "2022-11-04"]);
    expect(market.prices?.BTC?.dates).toEqual(["2022-11-02"]);
    expect(episodeMarketData({})).toEqual({ prices: {} });
  });
});
