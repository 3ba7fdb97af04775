/**
 * JPMorgan's claim of 9 Nov 2022 (Panigirtzoglou): the "hit to crypto market cap is likely to be
 * smaller than post-Terra given advanced deleveraging taken place before the Alameda/FTX collapse".
 * Checked on the simulated and on the reported market-cap hits of the two episodes.
 * @module
 */
import type { EpisodeValidation } from "./validate.ts";

/** Where the claim was made. */
export const JPMORGAN_CLAIM = {
  text: "hit to crypto market cap is likely to be smaller than post-Terra given advanced deleveraging taken place before the Alameda/FTX collapse",
  date: "2022-11-09",
  source: [
    "https://www.cnbc.com/2022/11/10/jpmorgan-says-ftx-collapse-fallout-could-cut-the-value-of-crypto-in-half.html",
    "https://www.coindesk.com/business/2022/11/10/jpmorgan-sees-wave-of-crypto-deleveraging-from-ftxs-woes/",
  ],
} as const;

/** The claim checked on both the simulation and the record. */
export interface JpmorganCheck {
  readonly claim: string;
  readonly source: readonly string[];
  /** Headline market-cap changes (fractions), simulated. */
  readonly predicted: { readonly terra: number; readonly ftx: number; readonly ftxSmaller: boolean };
  /** The provider's changes over the same windows; null without market data. */
  readonly reported: { readonly terra: number; readonly ftx: number; readonly ftxSmaller: boolean } | null;
  /** The simulation agrees with the claim. */
  readonly holds: boolean;
}

/** Compares the two episodes' headline market-cap hits (a smaller hit = a less negative change). */
export function checkJpmorganClaim(terra: EpisodeValidation, ftx: EpisodeValidation): JpmorganCheck {
  const predictedSmaller = ftx.marketCapChange > terra.marketCapChange;
  const reported =
    terra.reportedMarketCapChange === null || ftx.reportedMarketCapChange === null
      ? null
      : {
          terra: terra.reportedMarketCapChange,
          ftx: ftx.reportedMarketCapChange,
          ftxSmaller: ftx.reportedMarketCapChange > terra.reportedMarketCapChange,
        };
  return {
    claim: JPMORGAN_CLAIM.text,
    source: JPMORGAN_CLAIM.source,
    predicted: { terra: terra.marketCapChange, ftx: ftx.marketCapChange, ftxSmaller: predictedSmaller },
    reported,
    holds: predictedSmaller,
  };
}
