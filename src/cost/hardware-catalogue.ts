/**
 * unwind's own mining-hardware catalogue: model, release (first shipping) date and wall efficiency,
 * each with the public source it is taken from. It ships with unwind so the hardware-threshold
 * estimator works without CBECI's list (whose CC BY-NC-SA licence keeps it out of the repository);
 * `--hardware FILE` replaces it with any imported list.
 *
 * Rules: efficiency is the manufacturer's nameplate figure at the wall (J/TH = W per TH/s), computed
 * as power ÷ hash rate where both are given. A model is listed only when a source for its figures and
 * for its date was found; the date is the first shipping or launch date the source gives (month
 * precision; the 1st of the month when no day is given). Where a source gives only a "released by"
 * date the note says so. CBECI's list is never a source.
 *
 * Gaps. Searched for and not listed, because no public source found gives both the figures and a
 * release date: Antminer S9i/S9j/S9 Hydro/S11/S17+/S17e/T17+/T17e/S19j/S19k Pro/S21 Pro/S21 XP,
 * AvalonMiner 10xx/11xx/12xx, Ebang E10–E12, WhatsMiner M3/M10/M20S/M21/M31S/M50, Innosilicon T2T/T3.
 * For Antminer T9+ (10.5 TH/s, 1,332 W), AvalonMiner 721/741/761/821 (6–11 TH/s, 1,000–1,320 W) and
 * Ebang E9/E9+/E9++ (6.3–14 TH/s) the figures are in the Stoll et al. table but no dated source was
 * found. Because the estimator's best guess is an equal-weight (or age-weighted) mean over the listed
 * profitable models, these gaps bias it; docs/cost-validation.md measures by how much.
 * @module
 */
import type { HardwareList, HardwareModel } from "../data/hardware-list.ts";

const STOLL_TABLE = "https://raw.githubusercontent.com/moracamilo/Bitcoin/master/Randi_TableS1.csv";
const TRADINGVIEW_S_SERIES =
  "https://www.tradingview.com/chart/BCHAIN/MIREV/lveSlKYU-BITMAIN-Antminer-S-series-Return-on-Investment-Bitcoin/";
const MINEROI_SPECS = "https://huggingface.co/spaces/amaai-lab/MineROI-Net/blob/main/miner_specs.py";
const ASICS_TOOLS =
  "https://github.com/nhamilton1/asics-tools/blob/202e102160021fd1d1239a8532762bd6e9cc5084/src/utils/asic-queries/asicWattList.ts";
const MININGSTORE_S19 =
  "https://miningstore.com/understanding-the-bitcoin-mining-rig-market/the-definitive-guide-to-antminer-s19-series-bitcoin-miners/";
const COINDESK_MICROBT_2020 =
  "https://bitcoinitaliapodcast.it/blog/la-battaglia-degli-hardware-per-minare-bitcoin-si-sta-scaldando-in-vista-dellhalving";
const CRYPTOGLOBE_S15 =
  "https://www.cryptoglobe.com/latest/2019/01/bitmain-reflects-on-its-2018-accomplishments-and-outlook-for-2019/";
const ZEUS_A13 = "https://blog.zeusmining.co/2022/08/Antminer-s19-pro-110t-evaluation.html";
const TECH4U_2023 =
  "https://tech4u.app/bitcoin-mining-stocks-soar-as-companies-rush-to-buy-new-hardware-ahead-of-halving";
const HASHRATEINDEX_A16 = "https://hashrateindex.com/blog/hardware-review-canaans-a16-series";
/** Glassnode's reference rigs, each with "the approximate date of availability according to the manufacturer". */
const GLASSNODE_FLEET = "https://studio.glassnode.com/charts/btc-asic-fleet-count?a=BTC";

/** A catalogue entry from hash rate (TH/s) and power (W). */
function model(
  name: string,
  manufacturer: string,
  released: string,
  hashrateThs: number,
  powerW: number,
  source: string,
  note?: string,
  kind: HardwareModel["kind"] = "asic",
): HardwareModel {
  return {
    name,
    manufacturer,
    kind,
    released,
    hashrateThs,
    powerW,
    efficiencyJPerTh: powerW / hashrateThs,
    source,
    ...(note ? { note } : {}),
  };
}

/** The models, oldest first. */
export const CATALOGUE_MODELS: readonly HardwareModel[] = [
  model(
    "ATI Radeon HD 5970 (single-GPU rig)",
    "AMD",
    "2009-11-18",
    0.0006,
    380,
    "https://en.bitcoin.it/wiki/Power_Calc",
    "rig of one HD 5970 at ~600 MH/s drawing ~380 W at the wall; launch date from https://en.wikipedia.org/wiki/Radeon_HD_5000_series",
    "gpu",
  ),
  model(
    "Avalon batch 1",
    "Avalon",
    "2013-01-22",
    0.066,
    620,
    STOLL_TABLE,
    "shipping announced 2013-01-22 (http://organofcorti.blogspot.com/2013/01/95-asic-choices-avalon-ships-guerilla.html)",
  ),
  model(
    "Butterfly Labs BitForce SC 5 GH/s (Jalapeño)",
    "Butterfly Labs",
    "2013-06-01",
    0.005,
    30,
    STOLL_TABLE,
    "in users' hands by June 2013 (https://arstechnica.com/gadgets/2013/06/how-a-total-n00b-mined-700-in-bitcoins/3/)",
  ),
  model(
    "Antminer S1",
    "Bitmain",
    "2013-07-01",
    0.18,
    360,
    STOLL_TABLE,
    `approximate release month from ${TRADINGVIEW_S_SERIES}`,
  ),
  model(
    "Antminer S3",
    "Bitmain",
    "2014-06-01",
    0.441,
    340,
    STOLL_TABLE,
    `approximate release month from ${TRADINGVIEW_S_SERIES}`,
  ),
  model(
    "AvalonMiner 4 (module)",
    "Canaan",
    "2014-12-04",
    1,
    680,
    "https://en.bitcoin.it/w/index.php?title=Avalon4&oldid=57849",
    "1 TH/s per module at ~680 W; released by 2014-12-04, the date of the wiki page's first revision describing shipped units",
  ),
  model(
    "Antminer S5",
    "Bitmain",
    "2014-12-01",
    1.16,
    590,
    STOLL_TABLE,
    `approximate release month from ${TRADINGVIEW_S_SERIES}`,
  ),
  model("Antminer S7", "Bitmain", "2015-09-01", 4.73, 1293, MINEROI_SPECS),
  model(
    "AvalonMiner 6",
    "Canaan",
    "2016-01-08",
    3.5,
    1100,
    "https://en.bitcoin.it/w/index.php?title=Avalon6&direction=next&oldid=59870",
    "1,100 W at the wall; released by 2016-01-08, the date of the wiki revision documenting shipped units",
  ),
  model(
    "Antminer S9 (13.5 TH/s)",
    "Bitmain",
    "2016-06-01",
    13.5,
    1323,
    ASICS_TOOLS,
    "released publicly June 2016 (https://hashrateindex.com/reviews/steve-barbour-s9)",
  ),
  model("Antminer R4", "Bitmain", "2017-02-01", 8.7, 845, MINEROI_SPECS),
  model(
    "Antminer S15",
    "Bitmain",
    "2018-11-28",
    28,
    1596,
    CRYPTOGLOBE_S15,
    "28 TH/s at 57 J/TH (high-performance mode); power = 28 × 57",
  ),
  model(
    "Antminer T15",
    "Bitmain",
    "2018-11-28",
    23,
    1541,
    CRYPTOGLOBE_S15,
    "23 TH/s at 67 J/TH; power = 23 × 67",
  ),
  model("WhatsMiner M21S", "MicroBT", "2019-04-01", 56, 3360, MINEROI_SPECS),
  model("Antminer S17 Pro", "Bitmain", "2019-04-09", 50, 1975, MINEROI_SPECS),
  model(
    "Antminer S17 (56 TH/s)",
    "Bitmain",
    "2019-04-01",
    56,
    2520,
    GLASSNODE_FLEET,
    "reference rig 'S17 Antminer (56 Th, 2520W, Apr-2019)'",
  ),
  model("Antminer T17", "Bitmain", "2019-05-01", 40, 2200, MINEROI_SPECS),
  model("WhatsMiner M32", "MicroBT", "2019-09-01", 62, 3348, MINEROI_SPECS),
  model("WhatsMiner M10S", "MicroBT", "2019-11-01", 55, 3500, MINEROI_SPECS),
  model(
    "WhatsMiner M30S",
    "MicroBT",
    "2020-04-17",
    86,
    3268,
    ASICS_TOOLS,
    `already launched by 2020-04-17 (${COINDESK_MICROBT_2020})`,
  ),
  model(
    "Antminer S19",
    "Bitmain",
    "2020-05-01",
    95,
    3250,
    MININGSTORE_S19,
    "S19 series first released May 2020",
  ),
  model(
    "Antminer S19 Pro",
    "Bitmain",
    "2020-05-01",
    110,
    3250,
    MININGSTORE_S19,
    `release month from ${MINEROI_SPECS}`,
  ),
  model(
    "Antminer T19",
    "Bitmain",
    "2020-06-01",
    84,
    3150,
    MININGSTORE_S19,
    "shipped shortly after the S19 (May 2020); month approximate",
  ),
  model(
    "WhatsMiner M30S+",
    "MicroBT",
    "2020-05-17",
    100,
    3400,
    ASICS_TOOLS,
    `launched 2020-04-17 for delivery within 30 days (${COINDESK_MICROBT_2020})`,
  ),
  model(
    "WhatsMiner M30S++",
    "MicroBT",
    "2020-05-17",
    112,
    3472,
    ASICS_TOOLS,
    `31 J/TH; 112 TH/s per https://cointelegraph.com/news/samson-mow-bitmain-s17-t17-antminer-has-high-failure-rate; launched 2020-04-17 for delivery within 30 days (${COINDESK_MICROBT_2020})`,
  ),
  model(
    "WhatsMiner M31S+",
    "MicroBT",
    "2020-05-17",
    82,
    3444,
    ASICS_TOOLS,
    `launched 2020-04-17 for delivery within 30 days (${COINDESK_MICROBT_2020})`,
  ),
  model(
    "Antminer S19j Pro (100 TH/s)",
    "Bitmain",
    "2021-06-01",
    100,
    3050,
    MININGSTORE_S19,
    `the guide lists the S19j Pro at 96 / 100 / 104 TH/s drawing 2,832 / 3,050 / 3,082 W, i.e. 29.5 / 30.5 / 29.6 J/TH, under a series label of 29.5 W/TH; the 100 TH/s unit (the common one) is 30.5 J/TH. ${MINEROI_SPECS} gives 100 TH/s at 2,950 W, which no other source found repeats. Release month from ${MINEROI_SPECS}`,
  ),
  model(
    "Antminer S19 XP",
    "Bitmain",
    "2022-07-01",
    140,
    3010,
    "http://miningstore.com/understanding-the-bitcoin-mining-rig-market/is-the-antminer-s19-xp-worth-it-part-1/",
    "first shipments early Q3 2022",
  ),
  model(
    "Antminer S19 XP Hyd",
    "Bitmain",
    "2022-10-01",
    255,
    5304,
    GLASSNODE_FLEET,
    "reference rig 'S19 XP Hyd Antminer (255 Th, 5304W, Oct 2022)'; water-cooled",
  ),
  model(
    "AvalonMiner A1346",
    "Canaan",
    "2022-08-01",
    110,
    3300,
    ZEUS_A13,
    "110 TH/s at 30 J/TH; launch reported August 2022",
  ),
  model(
    "AvalonMiner A1366",
    "Canaan",
    "2022-08-01",
    130,
    3250,
    ZEUS_A13,
    "130 TH/s at 25 J/TH; launch reported August 2022",
  ),
  model(
    "Antminer S21",
    "Bitmain",
    "2023-09-01",
    200,
    3500,
    TECH4U_2023,
    "200 TH/s at 17.5 J/TH, introduced September 2023",
  ),
  model(
    "Antminer T21",
    "Bitmain",
    "2023-09-01",
    190,
    3610,
    TECH4U_2023,
    "190 TH/s at 19 J/TH, introduced September 2023",
  ),
  model(
    "WhatsMiner M60",
    "MicroBT",
    "2023-10-01",
    170,
    3264,
    TECH4U_2023,
    "170 TH/s at 19.2 J/TH, unveiled October 2023",
  ),
  model(
    "WhatsMiner M60S",
    "MicroBT",
    "2023-10-01",
    186,
    3255,
    TECH4U_2023,
    "186 TH/s at 17.5 J/TH, unveiled October 2023",
  ),
  model("Avalon A16", "Canaan", "2025-10-01", 282, 3900, HASHRATEINDEX_A16),
  model("Avalon A16 XP", "Canaan", "2025-10-01", 300, 3850, HASHRATEINDEX_A16),
];

/** The shipped catalogue as a hardware list (format `unwind-hardware`). */
export const HARDWARE_CATALOGUE: HardwareList = {
  models: CATALOGUE_MODELS,
  source: "builtin",
  format: "unwind-hardware",
  licence: "facts with cited sources (see each model's source)",
};
