/**
 * What actually happened after 6 May 2022: the Terra collapse and the CeFi credit cascade it set off.
 * Sources are those of ../shared/research/episodes-2022.md (§3.1 timeline, §4.1 market data).
 * @module
 */
import type { EpisodeFacts } from "../facts.ts";

const TRADINGVIEW = "https://www.tradingview.com/symbols/CRYPTOCAP-TOTAL/";

/** The Terra/LUNA episode, scored from the scenario `terra-2022`. */
export const TERRA_2022: EpisodeFacts = {
  id: "terra-2022",
  name: "Terra/LUNA and the CeFi cascade (May–July 2022)",
  asOf: "2022-05-06",
  horizonEnd: "2022-07-14",
  failures: [
    {
      entity: "terraform",
      kind: "defaulted",
      date: "2022-05-09",
      source:
        "https://staging.coindesk.com/zh/markets/2022/05/09/investors-flee-terras-anchor-as-ust-stablecoin-repeatedly-loses-1-peg",
      note: "UST repeatedly loses its $1 peg and never recovers ($0.22–0.30 on 11 May)",
    },
    {
      entity: "terraform",
      kind: "gated",
      date: "2022-05-12",
      source: "https://crypto-daily.news/2022/05/17/bitcoin-approached-a-fair-price-amid-ust-collapse/",
      note: "Terra chain halted by its validators",
    },
    {
      entity: "celsius",
      kind: "gated",
      date: "2022-06-12",
      source:
        "https://www.iheart.com/content/2022-06-13-crypto-market-drops-below-1-trillion-bitcoin-at-lowest-levels-since-2020/",
      note: "pauses withdrawals, swaps and transfers",
    },
    {
      entity: "celsius",
      kind: "bankrupt",
      date: "2022-07-13",
      source:
        "https://coinjot.com/distressed-crypto-lender-celsius-finally-files-for-bankruptcy-the-last-gasp-of-its-tragic-fall/",
    },
    {
      entity: "3ac",
      kind: "defaulted",
      date: "2022-06-16",
      source: [
        "https://cryptox.trade/blockchain-com-ceo-reveals-potential-270m-loss-due-to-three-arrows-capital-exposure",
        "https://www.theblock.co/post/158533/theblockcrypto.com",
      ],
      note: "fails to meet Blockchain.com's repayment demand of 14 Jun",
    },
    {
      entity: "3ac",
      kind: "bankrupt",
      date: "2022-06-27",
      source:
        "https://markets.businessinsider.com/news/currencies/three-arrows-capital-liquidation-ordered-in-british-virgin-isles-report-1031556957",
      note: "BVI court orders liquidation; Chapter 15 on 1 Jul",
    },
    {
      entity: "babel",
      kind: "gated",
      date: "2022-06-17",
      source:
        "https://www.investing.com/news/cryptocurrency-news/babel-finance-said-to-stop-customer-withdrawals-as-crypto-fallout-widens-2838274",
    },
    {
      entity: "voyager",
      kind: "gated",
      date: "2022-07-01",
      source: "https://bankingdive.com/news/crypto-brokerage-voyager-files-for-chapter-11-bankruptcy/626657",
    },
    {
      entity: "voyager",
      kind: "bankrupt",
      date: "2022-07-05",
      source: "https://bankingdive.com/news/crypto-brokerage-voyager-files-for-chapter-11-bankruptcy/626657",
    },
  ],
  survivors: [
    {
      entity: "blockfi",
      note: "rescued: FTX's $250M revolver (21 Jun), raised by FTX US to $400M (1 Jul)",
      source: "https://www.coindesk.com/business/2022/06/21/blockfi-receives-250m-credit-facility-from-ftx/",
    },
    {
      entity: "genesis",
      note: "lost ~$1.2B net on 3AC; DCG's $1.1B promissory note filled the hole",
      source:
        "https://www.coinjm.com/crypto-news/4367/dcg-files-complaint-genesis-11-billion-promissory-note",
    },
    {
      entity: "dcg",
      note: "absorbed Genesis's 3AC loss",
      source:
        "https://www.coinjm.com/crypto-news/4367/dcg-files-complaint-genesis-11-billion-promissory-note",
    },
    {
      entity: "gemini-earn",
      note: "kept paying out until Genesis paused on 16 Nov",
      source: "https://capital.com/genesis-earn-crypto-halts-withdrawals-ftx-collapse",
    },
    {
      entity: "ftx",
      note: "rescuer of BlockFi; kept operating until November",
      source: "https://www.coindesk.com/business/2022/06/21/blockfi-receives-250m-credit-facility-from-ftx/",
    },
    {
      entity: "alameda",
      note: "rescuer of Voyager; recalled loans repaid with FTX customer funds (Ellison), hole hidden until November",
      source: "https://finance.yahoo.com/news/caroline-ellison-alameda-kept-using-134226709.html",
    },
    {
      entity: "galaxy",
      note: "Q2 net loss of $554.7M, liquidity above $1.5B",
      source: "https://decrypt.co/107017/novogratzs-galaxy-digital-reports-554m-loss-in-q2",
    },
    {
      entity: "nexo",
      note: "denied any 3AC exposure and kept operating",
      source: "https://finance-news.co/news/nexo-price-drops-40-in-three-days-on-rumors/29838",
    },
    {
      entity: "tether",
      note: "redeemed ~$10B of USDT in two weeks; USDT dipped briefly to ~$0.95 on 12 May and held",
      source:
        "https://fortune.com/2022/05/23/tether-investors-10-billion-terrausd-ust-stablecoins-crypto-crash",
    },
    {
      entity: "circle",
      note: "USDC supply dipped to $48.4B and recovered",
      source: "https://www.axios.com/2022/06/17/stablecoin-tethers-market-cap-continues-its-slide",
    },
    {
      entity: "binance",
      note: "received ~28,205 of LFG's BTC and kept operating",
      source: "https://crypto-daily.news/2022/05/17/bitcoin-approached-a-fair-price-amid-ust-collapse/",
    },
    {
      entity: "coinbase",
      note: "reported Q1 results on 10 May and kept operating",
      source: "https://www.axios.com/2022/05/11/coinbase-addresses-risk-disclosure-as-shares-plunge",
    },
  ],
  mustSurvive: ["binance", "coinbase", "tether", "circle"],
  marketCapLevels: [
    {
      date: "2022-05-06",
      usd: 1.6606e12,
      source: TRADINGVIEW,
      note: "TradingView CRYPTOCAP:TOTAL close of 5 May (≈ the level at 00:00 UTC on 6 May); Blockworks: 'about $1.6T'",
    },
    {
      date: "2022-05-12",
      usd: 1.1e12,
      source:
        "https://naturaldeposit.com/2022/05/14/cryptocurrencies-have-lost-1-trillion-in-market-capitalization-in-the-last-6-months-led-by-bitcoin-and-ethereum/",
      note: "~$1.1T intraday (CoinMarketCap); WSJ ~$1.2T on 13 May",
    },
    {
      date: "2022-06-15",
      usd: 878e9,
      source:
        "https://finbold.com/crypto-market-melts-370-billion-in-a-week-as-bears-threaten-bitcoin-crash-under-20k",
    },
    {
      date: "2022-06-30",
      usd: 860e9,
      source: "https://finbold.com/crypto-market-cap-lost-60-of-its-value-in-h1-2022-wiping-1-3-trillion",
    },
  ],
  marketCapWindows: [
    {
      id: "first-week",
      label: "first week",
      kind: "change",
      to: "2022-05-13",
      reportedRange: [-0.33, -0.25],
      source: [
        "https://info.exmo.com/en/market/crypto-market-crashes-to-a-10-month-low/",
        "https://blockworks.co/news/crypto-market-capitalization-post-terra",
        TRADINGVIEW,
      ],
      note: "exmo: −33% over 6–12 May; ~$1.6T → $1.1–1.2T (−25% to −31%); TradingView close 5 May → close 12 May: −25.5%",
    },
    {
      id: "june-trough",
      label: "June trough",
      kind: "trough",
      to: "2022-06-30",
      reportedRange: [-0.51, -0.45],
      source: [
        "https://blockworks.co/news/crypto-market-capitalization-post-terra",
        "https://finbold.com/crypto-market-cap-lost-60-of-its-value-in-h1-2022-wiping-1-3-trillion",
        TRADINGVIEW,
      ],
      note: "~$1.6T → $0.80–0.88T (Blockworks, Finbold); TradingView close 5 May → lowest close (18 Jun, $0.819T): −50.7%",
    },
  ],
  headlineWindow: "june-trough",
  btcLow: {
    asset: "BTC",
    date: "2022-06-18",
    usd: 17772,
    source: "https://infonesia.xyz/ftxs-ftt-token-crashes-78-in-24-hours-bitcoin-hits-yearly-low/",
    note: "June low (intraday, 18 Jun); the day closed near $19,014 (Coin Metrics PriceUSD), so the low was not a close",
  },
  priceTargets: [
    { id: "BTC", assets: ["BTC"] },
    { id: "ETH", assets: ["ETH"] },
    { id: "LUNA", assets: ["LUNA"] },
    { id: "stETH/ETH", assets: ["stETH", "ETH"] },
  ],
  notes: [
    "LFG is not scored: it had no creditors and did not gate, default or file; it spent its reserve as intended (313 BTC left on 16 May).",
    "An entity's failure date is its first event (gate, default or filing); later events are listed for the record.",
    "Aggregates (other CeFi lenders, DeFi lending, other exchanges) are not scored: Vauld (4 Jul), Hodlnaut and CoinFLEX failed inside 'other CeFi lenders', Aave/Compound/Maker did not.",
  ],
};
