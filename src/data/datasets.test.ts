import { describe, expect, it } from "vitest";
import { useFreshStore } from "../../test/store.ts";
import { NotFoundError } from "../core/errors.ts";
import type { Store } from "../store/database.ts";
import {
  datasetsWithMetric,
  getDataset,
  listDatasets,
  loadSeries,
  removeDataset,
  saveDataset,
} from "./datasets.ts";
import { dayNumber } from "./days.ts";
import { type ImportedDataset, importedSeries } from "./imported.ts";
import { loadCbeciPower, loadNetworkInputs } from "./network-inputs.ts";

const d = dayNumber;
function cbeci(downloadDate: string, gwAt05: number, gwAt06: number): ImportedDataset {
  return {
    format: "cbeci-by-price",
    source: `cbeci-${downloadDate}.csv`,
    licence: "CC BY-NC-SA 4.0",
    methodology: "old",
    downloadDate,
    series: [
      importedSeries(
        "cbeci.power_gw.best@0.05",
        "GW",
        "daily",
        [d("2022-11-08"), d("2022-11-09")],
        [gwAt05, gwAt05],
      ),
      importedSeries(
        "cbeci.power_gw.best@0.06",
        "GW",
        "daily",
        [d("2022-11-08"), d("2022-11-09")],
        [gwAt06, gwAt06],
      ),
    ],
    meta: {},
  };
}

describe("data sets in the store", () => {
  let store: Store;
  useFreshStore((opened) => {
    store = opened;
  });

  it("stores a data set with its provenance and reads its series back", () => {
    const { record, created } = saveDataset(
      store,
      cbeci("2023-01-25", 11.75, 10),
      "hash-a",
      new Date("2026-01-01T00:00:00Z"),
    );
    expect(created).toBe(true);
    expect(record).toMatchObject({
      format: "cbeci-by-price",
      methodology: "old",
      downloadDate: "2023-01-25",
      fetchedAt: "2026-01-01T00:00:00.000Z",
      contentHash: "hash-a",
    });
    expect(record.series[0]).toEqual({
      metric: "cbeci.power_gw.best@0.05",
      unit: "GW",
      sampling: "daily",
      firstDate: "2022-11-08",
      lastDate: "2022-11-09",
      points: 2,
    });
    const series = loadSeries(store, "cbeci.power_gw.best@0.05")!;
    expect([...series.days]).toEqual([d("2022-11-08"), d("2022-11-09")]);
    expect([...series.values]).toEqual([11.75, 11.75]);
    expect(getDataset(store, record.id.slice(0, 18)).id).toBe(record.id);
  });

  it("stores the same content once", () => {
    const first = saveDataset(store, cbeci("2023-01-25", 11.75, 10), "hash-a");
    const again = saveDataset(store, cbeci("2023-01-25", 11.75, 10), "hash-a");
    expect(again).toMatchObject({ created: false, record: { id: first.record.id } });
    expect(listDatasets(store)).toHaveLength(1);
  });

  it("prefers the newest CBECI download for a metric", () => {
    saveDataset(store, cbeci("2023-09-02", 11, 9), "hash-new");
    saveDataset(store, cbeci("2023-01-25", 11.75, 10), "hash-old");
    expect(datasetsWithMetric(store, "cbeci.power_gw.best@0.05").map((r) => r.downloadDate)).toEqual([
      "2023-09-02",
      "2023-01-25",
    ]);
    const power = loadCbeciPower(d("2022-11-09"), 1, 0.05, undefined, store)!;
    expect(power.power.bestGW[0]).toBe(11);
    expect(power.label).toContain("downloaded 2023-09-02");
  });

  it("interpolates CBECI between its price columns and refuses prices outside them", () => {
    saveDataset(store, cbeci("2023-01-25", 12, 10), "hash-a");
    // Halfway between 0.05 (12 GW) and 0.06 (10 GW).
    const power = loadCbeciPower(d("2022-11-09"), 1, 0.055, undefined, store)!;
    expect(power.power.bestGW[0]).toBeCloseTo(11, 12);
    expect(power.pricesUsed).toEqual([0.05, 0.06]);
    expect(() => loadCbeciPower(d("2022-11-09"), 1, 0.2, undefined, store)).toThrow(
      /covers 0.05–0.06 USD\/kWh; 0.2 is outside it/,
    );
  });

  it("writes nothing when part of a data set fails to insert", () => {
    const broken: ImportedDataset = {
      ...cbeci("2023-01-25", 1, 1),
      // Two observations on the same day violate the primary key half-way through the write.
      series: [
        {
          metric: "x",
          unit: "GW",
          sampling: "daily",
          days: Int32Array.of(5, 5),
          values: Float64Array.of(1, 2),
        },
      ],
    };
    expect(() => saveDataset(store, broken, "hash-b")).toThrow(/UNIQUE/);
    expect(listDatasets(store)).toEqual([]);
    expect(store.db.prepare("SELECT count(*) AS n FROM observations").get()).toEqual({ n: 0 });
  });

  it("round-trips series longer than one insert batch, and rolls back a failure inside a batch", () => {
    // 600 days = two full batches of 256 and a remainder of 88; days before 1970 and after 2038 too.
    const days = Int32Array.from({ length: 600 }, (_, i) => -300 + i * 60);
    const values = Float64Array.from(days, (day) => day / 7);
    const series = (metric: string, v: Float64Array = values) => ({
      metric,
      unit: "GW",
      sampling: "daily" as const,
      days,
      values: v,
    });
    const { record } = saveDataset(
      store,
      { ...cbeci("2023-01-25", 1, 1), series: [series("a"), series("b")] },
      "hash-long",
    );
    expect(record.series.map((s) => [s.metric, s.points, s.firstDate, s.lastDate])).toEqual([
      ["a", 600, "1969-03-07", "2067-07-31"],
      ["b", 600, "1969-03-07", "2067-07-31"],
    ]);
    const back = loadSeries(store, "b", record.id)!;
    expect([...back.days]).toEqual([...days]);
    expect([...back.values]).toEqual([...values]);

    // Row 400 repeats the day of row 399, inside the second batch (rows 256–511): nothing is kept.
    const clash = Int32Array.from(days);
    clash[400] = clash[399]!;
    expect(() =>
      saveDataset(
        store,
        { ...cbeci("2023-09-02", 1, 1), series: [{ ...series("c"), days: clash }] },
        "hash-clash",
      ),
    ).toThrow(/UNIQUE/);
    expect(listDatasets(store).map((r) => r.id)).toEqual([record.id]);
    expect(store.db.prepare("SELECT count(*) AS n FROM observations").get()).toEqual({ n: 1200 });
  });

  it("removes a data set with its series and observations", () => {
    const { record } = saveDataset(store, cbeci("2023-01-25", 11.75, 10), "hash-a");
    removeDataset(store, record.id);
    expect(store.db.prepare("SELECT count(*) AS n FROM observations").get()).toEqual({ n: 0 });
    expect(() => getDataset(store, record.id)).toThrow(NotFoundError);
  });

  it("grids inputs by sampling: irregular interpolated, step carried, daily left with gaps — and says so", () => {
    saveDataset(
      store,
      {
        format: "test",
        source: "made up",
        licence: null,
        methodology: null,
        downloadDate: null,
        series: [
          importedSeries("btc.hashrate", "TH/s", "irregular", [d("2022-11-01"), d("2022-11-05")], [100, 140]),
          importedSeries("btc.price_usd", "USD", "daily", [d("2022-11-01"), d("2022-11-03")], [20, 22]),
          importedSeries("btc.fees", "BTC/day", "step", [d("2022-11-01")], [7]),
        ],
        meta: {},
      },
      "hash-c",
    );
    const inputs = loadNetworkInputs({ startDay: d("2022-11-01"), length: 5, store });
    expect([...inputs.history.hashrateThs]).toEqual([100, 110, 120, 130, 140]);
    expect([...inputs.history.priceUsd]).toEqual([20, Number.NaN, 22, Number.NaN, Number.NaN]);
    expect([...inputs.history.feesBtc]).toEqual([7, 7, 7, 7, 7]);
    expect(inputs.sources.hashrate).toMatchObject({ fill: "linear", filledDays: 3 });
    expect(inputs.sources.issuance).toBeNull();
    expect([...inputs.filled.hashrate!]).toEqual([0, 1, 1, 1, 0]);
  });

  it("fails clearly when there is no data at all", () => {
    expect(() => loadNetworkInputs({ startDay: 0, length: 1, store })).toThrow(/no hash rate or price data/);
  });
});
