/**
 * Harm at base rate: what a screener's error rates mean at a realistic prevalence and monthly
 * volume. For a group g with share s_g of the ads (its share of the audited records), prevalence
 * pi (the same for every group) and monthly volume V:
 *
 *   ads_g            = V s_g
 *   benign_g         = ads_g (1 - pi)          trafficking_g = ads_g pi
 *   wrongFlags_g     = benign_g FPR_g           (benign ads flagged a month)
 *   benignFlaggedPer10k_g = 10,000 FPR_g
 *   correctFlags_g   = trafficking_g TPR_g
 *   wrongFlagShare_g = FPR_g (1 - pi) / (FPR_g (1 - pi) + TPR_g pi) = 1 - PPV at prevalence pi
 *   missed_g         = trafficking_g FNR_g     (victims' ads missed a month)
 *
 * The audited data's own label mix does not enter: only the group's TPR and FPR do.
 */

/** Base rate and volume for harm estimates. */
export interface HarmOptions {
  /** Share of ads that are trafficking ads, in (0, 1). */
  prevalence: number;
  /** Ads screened per month. */
  volume: number;
}

/** Harm numbers for one group (or all ads). */
export interface HarmRow {
  /** Group name (`all` for the overall row). */
  group: string;
  /** Share of the monthly volume assumed to come from the group. */
  volumeShare: number;
  /** Ads of the group a month. */
  adsPerMonth: number;
  /** Benign ads of the group a month. */
  benignPerMonth: number;
  /** Trafficking ads of the group a month. */
  traffickingPerMonth: number;
  /** Benign ads flagged per 10,000 benign ads (10,000 FPR). */
  benignFlaggedPer10k: number | null;
  /** Expected benign ads flagged a month. */
  wrongFlagsPerMonth: number | null;
  /** Expected trafficking ads flagged a month. */
  correctFlagsPerMonth: number | null;
  /** Share of the group's flags that are wrong: 1 - PPV at the prevalence. */
  wrongFlagShare: number | null;
  /** Expected trafficking ads (victims' ads) missed a month. */
  missedPerMonth: number | null;
}

/** The `harm` section of an audit. */
export interface HarmSummary {
  /** Prevalence assumed. */
  prevalence: number;
  /** Monthly volume assumed. */
  volume: number;
  /** The formulas' assumptions in words. */
  assumptions: string;
  /** All ads. */
  overall: HarmRow;
  /** Per group column (and intersection level), one row per group. */
  groups: Record<string, HarmRow[]>;
}

/** The assumption sentence recorded in every harm section. */
export const HARM_ASSUMPTIONS =
  'Each group contributes its share of the audited records to the monthly volume; the prevalence is the same in every group; ' +
  "rates are the audit's TPR and FPR at its threshold.";

/** Harm numbers from a group's TPR, FPR and volume share (see the module comment for the formulas). */
export function harmRow(group: string, rates: { tpr: number | null; fpr: number | null }, share: number, options: HarmOptions): HarmRow {
  const { prevalence: pi, volume: V } = options;
  const ads = V * share;
  const benign = ads * (1 - pi);
  const traff = ads * pi;
  const { tpr, fpr } = rates;
  const wrong = fpr === null ? null : benign * fpr;
  const correct = tpr === null ? null : traff * tpr;
  let wrongShare: number | null = null;
  if (fpr !== null && tpr !== null) {
    const den = fpr * (1 - pi) + tpr * pi;
    wrongShare = den > 0 ? (fpr * (1 - pi)) / den : null;
  }
  return {
    group,
    volumeShare: share,
    adsPerMonth: ads,
    benignPerMonth: benign,
    traffickingPerMonth: traff,
    benignFlaggedPer10k: fpr === null ? null : 10_000 * fpr,
    wrongFlagsPerMonth: wrong,
    correctFlagsPerMonth: correct,
    wrongFlagShare: wrongShare,
    missedPerMonth: tpr === null ? null : traff * (1 - tpr),
  };
}
