import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { inputErrorOf } from "../../test/input-error.ts";
import { describeWithSharedData, sharedDataPath } from "../../test/shared-data.ts";
import { parseCoinGeckoCsv, parseDailyCsv, parseDateCell, parseTradingViewCsv } from "./daily-csv.ts";
import { dayNumber } from "./days.ts";

describe("parseDailyCsv", () => {
  it("reads any order into date order, lower-cases headers and keeps text columns apart", () => {
    const text = "Date,Close,Volume,Name\r\n2022-11-10,17586.8,1.0e9,btc\r\n2022-11-09,15880.78,,btc\r\n";
    const series = parseDailyCsv(text);
    expect(series.dates).toEqual(["2022-11-09", "2022-11-10"]);
    expect([...series.columns.close!]).toEqual([15880.78, 17586.8]);
    expect(series.columns.volume![0]).toBeNaN();
    expect(series.columns.volume![1]).toBe(1e9);
    expect(series.text).toEqual({ name: ["btc", "btc"] });
    expect(series.dateColumn).toBe("date");
  });

  it("reads only the columns asked for, and gives day numbers beside the dates", () => {
    // `junk` would be an error if it were read (a number column with a word in it).
    const text = "time,Close,Junk,Open\n2022-11-10,2,1,9\n2022-11-09,1,oops,8\n";
    const series = parseDailyCsv(text, { columns: ["close"] });
    expect(Object.keys(series.columns)).toEqual(["close"]);
    expect([...series.columns.close!]).toEqual([1, 2]);
    // 2022-11-09 = 19305 days after 1970-01-01 (1667952000 s ÷ 86400).
    expect([...series.days]).toEqual([19305, 19306]);
  });

  it("names repeated headers name_2, name_3 and skips a byte-order mark", () => {
    const series = parseDailyCsv("\uFEFFtime,MA,MA,MA\n1668038400,1,2,3\n");
    expect(Object.keys(series.columns)).toEqual(["ma", "ma_2", "ma_3"]);
    expect(series.dates).toEqual(["2022-11-10"]);
  });

  it("reads quoted cells, including commas and newlines inside quotes", () => {
    const series = parseDailyCsv('date,"note, free text",value\n2022-01-01,"a\nb",3\n2022-01-02,"c",4\n');
    expect(series.text["note, free text"]).toEqual(["a\nb", "c"]);
    expect([...series.columns.value!]).toEqual([3, 4]);
  });

  it.each([
    ["2022-11-09", "2022-11-09"],
    ["2022-11-09 00:00:00.000", "2022-11-09"],
    ["2022-11-09T23:59:59", "2022-11-09"],
    // 23:30 at UTC−2 is 01:30 UTC the next day.
    ["2022-11-09T23:30:00-02:00", "2022-11-10"],
    ["2022-11-09T01:00:00+0300", "2022-11-08"],
    // 1667952000 s = 2022-11-09T00:00:00Z (19305 days × 86400).
    ["1667952000", "2022-11-09"],
    ["1667952000000", "2022-11-09"],
    ["1667952000.0", "2022-11-09"],
  ])("takes %s as the UTC day %s", (cell, iso) => {
    expect(parseDateCell(cell)).toBe(dayNumber(iso));
  });

  it.each(["09/11/2022", "2022-02-30", "yesterday", "", "12345"])("rejects %j as a date", (cell) => {
    expect(parseDateCell(cell)).toBeNaN();
  });

  it("reports every bad cell with file, line and column", () => {
    const error = inputErrorOf(() =>
      parseDailyCsv("date,close,open\n2022-01-01,1,2\n2022-01-02,x,2\n2022-01-03,3,1.2.3\n", {
        file: "p.csv",
      }),
    );
    expect(error.message).toBe(
      'p.csv:3: close: expected a number, got "x"\np.csv:4: open: expected a number, got "1.2.3"',
    );
  });

  it("rejects a second row for the same day, naming both lines", () => {
    const error = inputErrorOf(() =>
      parseDailyCsv("date,v\n2022-01-01,1\n2022-01-02,2\n2022-01-01 12:00,3\n"),
    );
    expect(error.issues[0]).toMatchObject({ line: 4 });
    expect(error.message).toContain("second row for 2022-01-01 (first on line 2); expected one row per day");
  });

  it.each([
    [
      "no date column",
      "price,value\n1,2\n",
      "expected a date column (one of date, time, timestamp, day, datetime); the header has price, value",
    ],
    [
      "a bad date",
      "date,v\n2022-13-01,1\n",
      '2: date: expected a date (YYYY-MM-DD, ISO date-time or unix time), got "2022-13-01"',
    ],
    ["a short row", "date,v\n2022-01-01\n", "2: row has 1 cells; expected 2 like the header"],
    ["an unclosed quote", 'date,v\n2022-01-01,"1\n', "a quoted cell is never closed"],
    ["an empty file", "", "the file is empty; expected a CSV header"],
  ])("rejects %s with a clear message", (_name, text, message) => {
    expect(inputErrorOf(() => parseDailyCsv(text, { file: "f.csv" })).message).toContain(message);
  });

  it("treats a column whose first value is text as text, unless it is required", () => {
    expect(parseDailyCsv("date,v\n2022-01-01,n/a\n2022-01-02,oops\n").text.v).toEqual(["n/a", "oops"]);
  });

  it("offsets line numbers by the lines a caller cut off", () => {
    const error = inputErrorOf(() =>
      parseDailyCsv("date,v\n2022-01-01,oops\n", { file: "f.csv", firstLine: 3, required: ["v"] }),
    );
    expect(error.issues[0]?.line).toBe(4);
  });
});

describe("parseTradingViewCsv and parseCoinGeckoCsv", () => {
  it("require their columns", () => {
    expect(
      inputErrorOf(() => parseTradingViewCsv("time,open,close\n1,2,3\n", { file: "tv.csv" })).message,
    ).toBe("tv.csv:1: missing column(s) high, low; the header has time, open, close");
    expect(inputErrorOf(() => parseCoinGeckoCsv("date,price\n2022-01-01,1\n")).message).toContain(
      "missing column(s) total_volume, market_cap",
    );
  });

  it("turn a CoinGecko market cap of 0 into a missing value, not a zero", () => {
    const series = parseCoinGeckoCsv(
      "date,price,total_volume,market_cap,coin_name\n2022-11-13,2.5,1e8,0.0,ftx-token\n2022-11-12,2.62,2e8,8.6e8,ftx-token\n",
    );
    expect(series.columns.market_cap![1]).toBeNaN();
    expect(series.columns.market_cap![0]).toBe(8.6e8);
    expect(series.columns.price![1]).toBe(2.5);
  });
});

describeWithSharedData(
  "daily CSV parsers on the real files",
  [
    "coinmetrics-btc-2026/btc.csv",
    "btc-usd-yahoo/BTC_USD.csv",
    "crypto-total-mcap-tradingview/CRYPTOCAP_TOTAL_1D.csv",
    "coingecko-daily-2015-2023/ftx-token.csv",
    "coingecko-daily-2015-2023/bitcoin.csv",
  ],
  () => {
    const read = (path: string) => readFileSync(sharedDataPath(path), "utf8");
    const at = (series: { dates: readonly string[] }, date: string) => series.dates.indexOf(date);

    it("Coin Metrics btc.csv: 6,289 days, 2022-11-09 as in its PROVENANCE.md", () => {
      const cm = parseDailyCsv(read("coinmetrics-btc-2026/btc.csv"));
      expect(cm.dates.length).toBe(6289);
      expect(cm.dates[0]).toBe("2009-01-03");
      const i = at(cm, "2022-11-09");
      expect(cm.columns.priceusd![i]).toBeCloseTo(15758.29, 2);
      expect(cm.columns.hashrate![i]! / 1e6).toBeCloseTo(272.29, 2);
      expect(cm.columns.blkcnt![i]).toBe(149);
      expect(cm.columns.isstotntv![i]).toBe(931.25);
    });

    it("Yahoo BTC-USD: close 15,880.78 on 2022-11-09", () => {
      const yahoo = parseDailyCsv(read("btc-usd-yahoo/BTC_USD.csv"));
      expect(yahoo.dates.length).toBe(4159);
      expect(yahoo.columns.close![at(yahoo, "2022-11-09")]).toBeCloseTo(15880.78, 2);
      expect(yahoo.columns.low![at(yahoo, "2020-03-12")]).toBeCloseTo(4860.0, 0);
    });

    it("TradingView CRYPTOCAP:TOTAL: 809 days, close $0.754 T on 2022-11-09", () => {
      const tv = parseTradingViewCsv(read("crypto-total-mcap-tradingview/CRYPTOCAP_TOTAL_1D.csv"));
      expect(tv.dates.length).toBe(809);
      expect(tv.dates[0]).toBe("2020-11-16");
      expect(tv.columns.close![at(tv, "2022-11-09")]! / 1e12).toBeCloseTo(0.754, 3);
      expect(tv.columns["btc.d, cryptocap: close"]![at(tv, "2022-11-09")]).toBeGreaterThan(38);
    });

    it("CoinGecko FTT: price $5.47 on 2022-11-09, market cap missing from 2022-11-14", () => {
      const ftt = parseCoinGeckoCsv(read("coingecko-daily-2015-2023/ftx-token.csv"));
      expect(ftt.columns.price![at(ftt, "2022-11-09")]).toBeCloseTo(5.47, 2);
      expect(ftt.columns.market_cap![at(ftt, "2022-11-13")]).toBeGreaterThan(0);
      expect(ftt.columns.market_cap![at(ftt, "2022-11-14")]).toBeNaN();
      expect(ftt.text.coin_name![0]).toBe("ftx-token");
    });

    it("CoinGecko bitcoin: date-times read as days, the 2015-01-28 gap kept as a gap", () => {
      const btc = parseCoinGeckoCsv(read("coingecko-daily-2015-2023/bitcoin.csv"));
      expect(btc.dates.length).toBe(3161);
      expect(at(btc, "2015-01-28")).toBe(-1);
      expect(btc.columns.price![at(btc, "2022-11-09")]).toBeCloseTo(18562, 0);
    });
  },
);
