/**
 * The data behind the explorable page: per-group score histograms, built once from scored ads,
 * so the page can recompute every number for any threshold and prevalence without the raw
 * scores and without a round trip.
 *
 * Exactness: bin `k` of `B` holds the scores `s` with `k/B <= s < (k+1)/B` (the last bin also
 * holds `s = 1`). The page's threshold moves on bin edges `t = k/B`, and an ad is flagged when
 * `s >= t`, so every count the page shows is exactly the count over the raw scores at that
 * threshold, not an approximation.
 */
import { InputError } from '../../errors.js';
import type { ProvenanceLike } from '../input.js';

/** One scored ad, the input to {@link exploreData}. */
export interface ScoredAd {
  /** True label: 1 = trafficking ad, 0 = benign. */
  label: 0 | 1;
  /** Model score in [0, 1]; flagged when `score >= threshold`. */
  score: number;
  /** Group the ad belongs to (one value of one proxy column). */
  group: string;
  /** Record id (needed to pair twins). */
  id?: string;
  /** Ad text (shown for twin pairs only). */
  text?: string;
  /** When set, this ad is the counterfactual twin of the ad with this id. */
  twinOf?: string;
}

/** A counterfactual twin pair: an ad and the same ad rendered with other proxy attributes. */
export interface ExploreTwinPair {
  /** Original ad id. */
  id: string;
  /** Original ad text. */
  text: string;
  /** Original ad's group. */
  group: string;
  /** Original ad's score. */
  score: number;
  /** Twin's id. */
  twinId: string;
  /** Twin's text. */
  twinText: string;
  /** Twin's group. */
  twinGroup: string;
  /** Twin's score. */
  twinScore: number;
}

/** Score histograms of one group, by true class. */
export interface ExploreGroup {
  /** Group name. */
  group: string;
  /** Counts of benign ads (label 0) per score bin. */
  benign: number[];
  /** Counts of trafficking ads (label 1) per score bin. */
  trafficking: number[];
  /** Total benign ads. */
  nBenign: number;
  /** Total trafficking ads. */
  nTrafficking: number;
}

/** Everything the explorable page embeds. Plain JSON. */
export interface ExploreData {
  /** Schema tag. */
  schema: 'adscreen.explore/1';
  /** Page title. */
  title: string;
  /** What data the page shows (scenario, split, model). */
  dataLabel: string;
  /** Number of score bins; the threshold moves in steps of `1 / bins`. */
  bins: number;
  /** Groups in display order. */
  groups: ExploreGroup[];
  /** Initial threshold as a bin index (`threshold = initialBin / bins`). */
  initialBin: number;
  /** Prevalence values the prevalence control offers, ascending. */
  prevalenceChoices: number[];
  /** Initial prevalence (one of the choices). */
  prevalence: number;
  /** Prevalence in the scored data. */
  samplePrevalence: number;
  /** Initial monthly volume of ads. */
  volume: number;
  /** Twin pairs shown with their text (a selection). */
  twins: ExploreTwinPair[];
  /** Scores of all twin pairs `[original, twin]`, for the live flip count. */
  twinScores: Array<[number, number]>;
  /** Provenance of the synthetic data, when known. */
  provenance: ProvenanceLike;
}

/** Options for {@link exploreData}. */
export interface ExploreDataOptions {
  /** Score bins, at least 10. Default 1000 (threshold steps of 0.001). */
  bins?: number;
  /** Initial threshold, snapped down to a bin edge. Default 0.5. */
  threshold?: number;
  /** Initial prevalence. Default 0.01 (1 in 100 ads). It is added to the choices if missing. */
  prevalence?: number;
  /** Initial monthly volume of ads. Default 100,000. */
  volume?: number;
  /** Twin pairs shown with text, those with the largest score change first. Default 8. */
  maxTwins?: number;
  /** Page title. Default `Who gets flagged? An explorable ad screener`. */
  title?: string;
  /** What data the page shows. Default `synthetic test ads`. */
  dataLabel?: string;
  /** Provenance of the synthetic data. */
  provenance?: ProvenanceLike;
}

/** Default prevalence choices: from 1 in 1,000 ads to half of all ads. */
export const DEFAULT_PREVALENCE_CHOICES: readonly number[] = [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5];

/**
 * The bin of a score: the largest `k` with `k/bins <= score`, clamped to `bins - 1`. Computed
 * with the same `k/bins` division the page uses for thresholds, so floating-point rounding can
 * never put a score on the wrong side of a bin edge.
 */
export function scoreBin(score: number, bins: number): number {
  let k = Math.floor(score * bins);
  if (k > bins - 1) k = bins - 1;
  if (k < 0) k = 0;
  while (k > 0 && k / bins > score) k -= 1;
  while (k < bins - 1 && (k + 1) / bins <= score) k += 1;
  return k;
}

/** The bin edge at or below a threshold: the slider position for it. */
export function thresholdBin(threshold: number, bins: number): number {
  if (!(threshold >= 0 && threshold <= 1)) throw new InputError(`expected a threshold in [0, 1], got ${threshold}`, { field: 'threshold' });
  let k = Math.floor(threshold * bins);
  while (k > 0 && k / bins > threshold) k -= 1;
  while (k < bins && (k + 1) / bins <= threshold) k += 1;
  return k;
}

function checkAd(ad: ScoredAd, row: number): void {
  if (ad.label !== 0 && ad.label !== 1) throw new InputError(`expected 0 or 1, got ${String(ad.label)}`, { row, field: 'label' });
  if (typeof ad.score !== 'number' || !(ad.score >= 0 && ad.score <= 1)) {
    throw new InputError(`expected a score in [0, 1], got ${String(ad.score)}`, { row, field: 'score' });
  }
  if (typeof ad.group !== 'string' || ad.group === '') throw new InputError('expected a non-empty group name', { row, field: 'group' });
}

/** Pairs twins with their originals; twins whose original is absent are an input error. */
function pairTwins(ads: readonly ScoredAd[]): ExploreTwinPair[] {
  const byId = new Map<string, ScoredAd>();
  for (const ad of ads) if (ad.id !== undefined && !ad.twinOf) byId.set(ad.id, ad);
  const pairs: ExploreTwinPair[] = [];
  ads.forEach((ad, i) => {
    if (!ad.twinOf) return;
    const original = byId.get(ad.twinOf);
    if (!original) throw new InputError(`twin of "${ad.twinOf}", but no ad has that id`, { row: i + 1, field: 'twinOf' });
    pairs.push({
      id: original.id ?? '',
      text: original.text ?? '',
      group: original.group,
      score: original.score,
      twinId: ad.id ?? `twin-of-${ad.twinOf}`,
      twinText: ad.text ?? '',
      twinGroup: ad.group,
      twinScore: ad.score,
    });
  });
  return pairs;
}

/**
 * Builds the explorable page's data from scored ads: per-group, per-class score histograms of
 * the ads that are not twins, plus the twin pairs. Pure and deterministic: groups appear in
 * order of first appearance, twins by largest score change then id.
 */
export function exploreData(ads: readonly ScoredAd[], options: ExploreDataOptions = {}): ExploreData {
  const bins = options.bins ?? 1000;
  if (!Number.isInteger(bins) || bins < 10) throw new InputError(`expected an integer of at least 10, got ${bins}`, { field: 'bins' });
  const groups = new Map<string, ExploreGroup>();
  let positives = 0;
  let total = 0;
  ads.forEach((ad, i) => {
    checkAd(ad, i + 1);
    if (ad.twinOf) return;
    let g = groups.get(ad.group);
    if (!g) {
      g = { group: ad.group, benign: new Array<number>(bins).fill(0), trafficking: new Array<number>(bins).fill(0), nBenign: 0, nTrafficking: 0 };
      groups.set(ad.group, g);
    }
    const k = scoreBin(ad.score, bins);
    if (ad.label === 1) {
      (g.trafficking[k] as number) += 1;
      g.nTrafficking += 1;
      positives += 1;
    } else {
      (g.benign[k] as number) += 1;
      g.nBenign += 1;
    }
    total += 1;
  });
  if (total === 0) throw new InputError('no scored ads (other than twins) to explore', { field: 'scores' });
  const pairs = pairTwins(ads);
  const shown = [...pairs]
    .sort((a, b) => Math.abs(b.twinScore - b.score) - Math.abs(a.twinScore - a.score) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, options.maxTwins ?? 8);
  const prevalence = options.prevalence ?? 0.01;
  if (!(prevalence > 0 && prevalence < 1)) throw new InputError(`expected a prevalence in (0, 1), got ${prevalence}`, { field: 'prevalence' });
  const volume = options.volume ?? 100_000;
  if (!(volume > 0 && Number.isFinite(volume))) throw new InputError(`expected a positive monthly volume, got ${volume}`, { field: 'volume' });
  const choices = [...new Set([...DEFAULT_PREVALENCE_CHOICES, prevalence])].sort((a, b) => a - b);
  return {
    schema: 'adscreen.explore/1',
    title: options.title ?? 'Who gets flagged? An explorable ad screener',
    dataLabel: options.dataLabel ?? 'synthetic test ads',
    bins,
    groups: [...groups.values()],
    initialBin: thresholdBin(options.threshold ?? 0.5, bins),
    prevalenceChoices: choices,
    prevalence,
    samplePrevalence: positives / total,
    volume,
    twins: shown,
    twinScores: pairs.map((p) => [p.score, p.twinScore]),
    provenance: options.provenance ?? {},
  };
}
