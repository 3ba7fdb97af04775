/**
 * Importing data sets: parsing Coin Metrics' btc.csv and CBECI's by-price CSV, writing them into a
 * store (one transaction, multi-row inserts) and reading their series back. Needs ../shared/data;
 * prints a note and returns without it.
 */
import { existsSync, readFileSync } from "node:fs";
import { Bench } from "tinybench";
import { sharedDataDir } from "../src/core/environment.ts";
import { saveDataset, seriesOf } from "../src/data/datasets.ts";
import { importText } from "../src/data/formats.ts";
import { openStore } from "../src/store/database.ts";

export default async function run(): Promise<void> {
  const files = {
    coinmetrics: `${sharedDataDir()}/coinmetrics-btc-2026/btc.csv`,
    cbeci: `${sharedDataDir()}/cbeci/cbeci_guess_twh_by_price_old-method_2023-01-25.csv`,
  };
  if (!Object.values(files).every(existsSync)) {
    console.log("skipped: ../shared/data (Coin Metrics btc.csv, CBECI old-method CSV) is not present");
    return;
  }
  const text = {
    coinmetrics: readFileSync(files.coinmetrics, "utf8"),
    cbeci: readFileSync(files.cbeci, "utf8"),
  };
  const parsed = {
    coinmetrics: importText(text.coinmetrics, { file: files.coinmetrics }),
    cbeci: importText(text.cbeci, { file: files.cbeci }),
  };
  const rows = (name: keyof typeof parsed) => parsed[name].series.reduce((sum, s) => sum + s.days.length, 0);
  const stored = openStore({ path: ":memory:" });
  const record = saveDataset(stored, parsed.cbeci, "bench").record;
  console.log(
    `Coin Metrics: ${parsed.coinmetrics.series.length} series, ${rows("coinmetrics")} observations; ` +
      `CBECI: ${parsed.cbeci.series.length} series, ${rows("cbeci")} observations (in-memory store)`,
  );

  const bench = new Bench({ time: 1500, warmupTime: 300 });
  bench
    .add("importText: Coin Metrics btc.csv (2.4 MB, 8 of 32 columns)", () => {
      importText(text.coinmetrics, { file: files.coinmetrics });
    })
    .add("importText: CBECI by-price CSV (1.6 MB, 19 price columns)", () => {
      importText(text.cbeci, { file: files.cbeci });
    })
    .add(`saveDataset: Coin Metrics (${rows("coinmetrics")} observations, new store)`, () => {
      const store = openStore({ path: ":memory:" });
      saveDataset(store, parsed.coinmetrics, "bench");
      store.close();
    })
    .add(`saveDataset: CBECI (${rows("cbeci")} observations, new store)`, () => {
      const store = openStore({ path: ":memory:" });
      saveDataset(store, parsed.cbeci, "bench");
      store.close();
    })
    .add("seriesOf: read CBECI best guess at $0.05/kWh (4,575 days)", () => {
      seriesOf(stored, record, "cbeci.power_gw.best@0.05");
    });
  await bench.run();
  console.table(bench.table());
  stored.close();
}
