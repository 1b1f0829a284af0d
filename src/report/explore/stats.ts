/**
 * What the explorable page shows for one threshold, prevalence and volume, computed from its
 * embedded histograms. The page runs its own copy of this arithmetic in the browser
 * (`script.ts`); the browser tests check the two agree, and agree with the audit stage.
 *
 * Definitions, for group g at threshold t = bin / bins, prevalence p and monthly volume V (the
 * same as the audit stage's harm section, so the page and an audit at the same threshold agree):
 * - FPR_g: share of g's benign ads with score >= t; TPR_g, FNR_g likewise for trafficking ads.
 * - benign ads flagged per 10,000 = 10,000 x FPR_g (does not depend on p).
 * - g sends the share s_g of the V monthly ads that it has of the scored ads, and a share p of
 *   every group's ads are trafficking ads: benign_g = V s_g (1 - p), trafficking_g = V s_g p.
 * - wrong flags a month = benign_g FPR_g; trafficking ads missed a month = trafficking_g FNR_g.
 * - share of flags that are wrong = FPR_g (1 - p) / (FPR_g (1 - p) + TPR_g p), i.e. 1 - precision
 *   at prevalence p (null when either rate is undefined or nothing is flagged).
 * - FPR gap = largest minus smallest FPR over the groups where FPR is defined.
 */
import type { ExploreData } from './data.js';

/** The page's numbers for one group. */
export interface ExploreGroupStats {
  /** Group name. */
  group: string;
  /** False positive rate (null without benign ads). */
  fpr: number | null;
  /** True positive rate (null without trafficking ads). */
  tpr: number | null;
  /** Benign ads flagged per 10,000 benign ads (null without benign ads). */
  benignFlaggedPer10k: number | null;
  /** Benign ads of this group wrongly flagged per month (null without benign ads). */
  wrongFlagsPerMonth: number | null;
  /** Share of this group's flags that are wrong (null when undefined). */
  wrongFlagShare: number | null;
  /** Trafficking ads of this group missed per month (null without trafficking ads). */
  missedPerMonth: number | null;
}

/** The page's numbers at one setting. */
export interface ExploreStats {
  /** Threshold `bin / bins`. */
  threshold: number;
  /** Prevalence used. */
  prevalence: number;
  /** Monthly volume used. */
  volume: number;
  /** Per-group numbers, in the data's group order. */
  groups: ExploreGroupStats[];
  /** Largest minus smallest FPR (null with fewer than two defined FPRs). */
  fprGap: number | null;
  /** Twin pairs whose flag differs between the ad and its twin. */
  twinFlips: number;
  /** All twin pairs. */
  twinPairs: number;
}

/** Setting for {@link exploreStats}. */
export interface ExploreSetting {
  /** Threshold as a bin index, 0..bins. */
  bin: number;
  /** Prevalence in (0, 1). */
  prevalence: number;
  /** Ads per month. */
  volume: number;
}

function tailSum(counts: readonly number[], from: number): number {
  let s = 0;
  for (let k = from; k < counts.length; k++) s += counts[k] as number;
  return s;
}

/** Computes the page's numbers from the embedded histograms. Pure. */
export function exploreStats(data: ExploreData, setting: ExploreSetting): ExploreStats {
  const { bin, prevalence, volume } = setting;
  const threshold = bin / data.bins;
  const total = data.groups.reduce((s, g) => s + g.nBenign + g.nTrafficking, 0);
  const groups = data.groups.map((g): ExploreGroupStats => {
    const fp = tailSum(g.benign, bin);
    const tp = tailSum(g.trafficking, bin);
    const fpr = g.nBenign > 0 ? fp / g.nBenign : null;
    const tpr = g.nTrafficking > 0 ? tp / g.nTrafficking : null;
    const ads = total > 0 ? (volume * (g.nBenign + g.nTrafficking)) / total : 0;
    let wrongFlagShare: number | null = null;
    if (fpr !== null && tpr !== null) {
      const den = fpr * (1 - prevalence) + tpr * prevalence;
      wrongFlagShare = den > 0 ? (fpr * (1 - prevalence)) / den : null;
    }
    return {
      group: g.group,
      fpr,
      tpr,
      benignFlaggedPer10k: fpr === null ? null : 10_000 * fpr,
      wrongFlagsPerMonth: fpr === null ? null : ads * (1 - prevalence) * fpr,
      wrongFlagShare,
      missedPerMonth: tpr === null ? null : ads * prevalence * (1 - tpr),
    };
  });
  const fprs = groups.map((g) => g.fpr).filter((x): x is number => x !== null);
  const fprGap = fprs.length >= 2 ? Math.max(...fprs) - Math.min(...fprs) : null;
  let twinFlips = 0;
  for (const [a, b] of data.twinScores) if (a >= threshold !== b >= threshold) twinFlips += 1;
  return { threshold, prevalence, volume, groups, fprGap, twinFlips, twinPairs: data.twinScores.length };
}

/** How the page formats each number (shared so tests compare text with text). */
export const exploreFormat = {
  /** Per 10,000, one decimal, with thousands separators. */
  per10k: (x: number | null): string =>
    x === null ? 'n/a' : x.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
  /** Percentage, one decimal. */
  share: (x: number | null): string => (x === null ? 'n/a' : `${(100 * x).toFixed(1)}%`),
  /** Whole ads per month, with thousands separators. */
  count: (x: number | null): string => (x === null ? 'n/a' : Math.round(x).toLocaleString('en-US')),
  /** Gap in percentage points, one decimal. */
  gap: (x: number | null): string => (x === null ? 'n/a' : `${(100 * x).toFixed(1)} percentage points`),
  /** Threshold, three decimals. */
  threshold: (t: number): string => t.toFixed(3),
  /** Prevalence as a percentage with up to 1 decimal, and "1 in N". */
  prevalence: (p: number): string => `${+(100 * p).toFixed(1)}% (1 in ${Math.round(1 / p).toLocaleString('en-US')} ads)`,
} as const;
