/**
 * What actually happened after 2 Nov 2022: the FTX/Alameda collapse and the failures that followed
 * along direct exposures. Sources are those of ../shared/research/episodes-2022.md (§3.2, §4.2).
 * @module
 */
import type { EpisodeFacts } from "../facts.ts";

const TRADINGVIEW = "https://www.tradingview.com/symbols/CRYPTOCAP-TOTAL/";
const FTX_FILING =
  "https://www.thenationalnews.com/business/cryptocurrencies/2022/11/21/ftx-owes-more-than-3bn-to-its-biggest-unsecured-creditors/";
const GENESIS_PAUSE = "https://capital.com/genesis-earn-crypto-halts-withdrawals-ftx-collapse";

/** The FTX/Alameda episode, scored from the scenario `ftx-2022`. */
export const FTX_2022: EpisodeFacts = {
  id: "ftx-2022",
  name: "FTX/Alameda and the BlockFi/Genesis cascade (November 2022)",
  asOf: "2022-11-02",
  horizonEnd: "2022-12-01",
  failures: [
    {
      entity: "ftx",
      kind: "gated",
      date: "2022-11-08",
      source:
        "https://www.theblock.co/post/184315/ftx-effectively-paused-withdrawals-ceo-sam-bankman-fried-tells-employees",
      note: "withdrawals 'effectively paused' after ~$6B of net withdrawals in 72 hours",
    },
    { entity: "ftx", kind: "bankrupt", date: "2022-11-11", source: FTX_FILING },
    {
      entity: "alameda",
      kind: "bankrupt",
      date: "2022-11-11",
      source: FTX_FILING,
      note: "filed with FTX Trading and FTX US (134 entities)",
    },
    {
      entity: "blockfi",
      kind: "gated",
      date: "2022-11-10",
      source:
        "https://internewscast.com/business/blockfi-filing-reveals-680-million-of-dud-loans-to-alameda-behind-bankruptcy-petition/",
    },
    {
      entity: "blockfi",
      kind: "bankrupt",
      date: "2022-11-28",
      source: "https://chainbulletin.com/blockfi-files-for-bankruptcy-following-ftx-collapse",
    },
    {
      entity: "genesis",
      kind: "gated",
      date: "2022-11-16",
      source: GENESIS_PAUSE,
      note: "suspends redemptions and new loans",
    },
    {
      entity: "genesis",
      kind: "bankrupt",
      date: "2023-01-19",
      source: "https://forklog.com/en/news/genesis-part-of-digital-currency-group-files-for-bankruptcy",
    },
    { entity: "gemini-earn", kind: "gated", date: "2022-11-16", source: GENESIS_PAUSE },
  ],
  survivors: [
    {
      entity: "binance",
      note: "signed a non-binding LOI for FTX on 8 Nov and walked away on 9 Nov",
      source: "https://www.slashgear.com/1094551/binance-confirms-the-ftx-acquisition-wont-happen-after-all/",
    },
    {
      entity: "coinbase",
      note: "kept operating; its order books lost less depth than other venues (−18% BTC depth)",
      source: "https://news.todayq.com/btc-whales-are-not-trading-because-of-exchange-liquidity-issues/",
    },
    {
      entity: "tether",
      note: "total stablecoin supply fell only $1.5B in November",
      source: "https://www.galaxy.com/research/insights/stablecoins-post-ftx-alameda-collapse/",
    },
    {
      entity: "circle",
      note: "total stablecoin supply fell only $1.5B in November",
      source: "https://www.galaxy.com/research/insights/stablecoins-post-ftx-alameda-collapse/",
    },
    {
      entity: "dcg",
      note: "injected $140M of equity into Genesis; did not file",
      source: "https://cryptorisen.com/?p=1298",
    },
    {
      entity: "galaxy",
      note: "$76.8M exposure to FTX, absorbed",
      source: "https://en.ethereumworldnews.com/galaxy-digital-q3-earnings-ftx-exposure/",
    },
    {
      entity: "nexo",
      note: "kept operating through both episodes",
      source: "https://finance-news.co/news/nexo-price-drops-40-in-three-days-on-rumors/29838",
    },
  ],
  mustSurvive: ["binance", "coinbase", "tether", "circle"],
  marketCapLevels: [
    {
      date: "2022-11-02",
      usd: 972.4e9,
      source: [
        TRADINGVIEW,
        "https://www.cnbc.com/2022/11/10/jpmorgan-says-ftx-collapse-fallout-could-cut-the-value-of-crypto-in-half.html",
      ],
      note: "TradingView close of 1 Nov; JPMorgan: 'just above $1 trillion' before the collapse",
    },
    {
      date: "2022-11-09",
      usd: 736e9,
      source: TRADINGVIEW,
      note: "TradingView intraday low; FXEmpire: $757.8B",
    },
    {
      date: "2022-11-21",
      usd: 794e9,
      source:
        "https://www.stl.news/crypto-economys-market-cap-slides-below-800-billion-for-the-first-time-since-december-2020/571705",
      note: "CoinMarketCap; below $800B for the first time since Dec 2020",
    },
  ],
  marketCapWindows: [
    {
      id: "november-trough",
      label: "November trough",
      kind: "trough",
      to: "2022-11-30",
      reportedRange: [-0.27, -0.2],
      source: [
        "https://www.coindesk.com/markets/2022/11/17/ftx-collapse-leaves-total-crypto-market-cap-under-800b-close-to-2022-low/",
        "https://www.cnbc.com/2022/11/21/collapsed-crypto-exchange-ftx-owes-top-50-creditors-3-billion-filing.html",
        TRADINGVIEW,
      ],
      note: "~$0.975–1.03T → $0.736–0.794T (−20% to −27%); TradingView close 1 Nov → lowest close (21 Nov, $0.745T): −23.4%",
    },
  ],
  headlineWindow: "november-trough",
  btcLow: {
    asset: "BTC",
    date: "2022-11-21",
    usd: 15480,
    source: "https://bitcoinethereumnews.com/?p=757371",
    note: "November low (intraday)",
  },
  priceTargets: [
    { id: "BTC", assets: ["BTC"] },
    { id: "ETH", assets: ["ETH"] },
    { id: "SOL", assets: ["SOL"] },
    { id: "FTT", assets: ["FTT"] },
    { id: "stETH/ETH", assets: ["stETH", "ETH"] },
  ],
  notes: [
    "An entity's failure date is its first event: FTX gated on 8 Nov and filed on 11 Nov; Genesis gated on 16 Nov and filed on 19 Jan 2023.",
    "Funds hit directly (Galois, Multicoin) lost capital but did not fail; they are an unscored aggregate.",
  ],
};
