/**
 * Counterfactual twins: the same ad scored again with only its proxy attributes swapped. A fair
 * screener gives both the same score; the flip rate counts pairs where exactly one of the two
 * is flagged (`score >= threshold`).
 */
import { InputError } from '../errors.js';

/** One twin pair: the original ad's score, its twin's score, and the proxy swap made. */
export interface TwinPair {
  /** Score of the original ad. */
  original: number;
  /** Score of the twin (same ad, proxies swapped). */
  twin: number;
  /** Proxy value of the original, e.g. `native`. */
  from: string;
  /** Proxy value of the twin, e.g. `non-native`. */
  to: string;
}

/** Score changes and flips over a set of twin pairs. */
export interface TwinStats {
  /** Number of pairs. */
  pairs: number;
  /** Mean of twin - original score. */
  meanDiff: number | null;
  /** Mean of |twin - original|. */
  meanAbsDiff: number | null;
  /** Max of |twin - original|. */
  maxAbsDiff: number | null;
  /** Pairs where exactly one of the two is flagged. */
  flips: number;
  /** flips / pairs. */
  flipRate: number | null;
  /** Pairs where only the twin is flagged. */
  flaggedOnlyTwin: number;
  /** Pairs where only the original is flagged. */
  flaggedOnlyOriginal: number;
}

/** Twin results for one swap direction. */
export interface TwinSwapStats extends TwinStats {
  /** Proxy value swapped from. */
  from: string;
  /** Proxy value swapped to. */
  to: string;
}

/** The `twins` section of an audit. */
export interface TwinSummary extends TwinStats {
  /** Threshold the flips are counted at. */
  threshold: number;
  /** Per swap (from -> to), sorted by from then to. */
  bySwap: TwinSwapStats[];
}

/** Options for {@link twinAnalysis}. */
export interface TwinOptions {
  /** Flag when `score >= threshold`. __Default value:__ 0.5. */
  threshold?: number;
}

function stats(pairs: readonly TwinPair[], threshold: number): TwinStats {
  let sum = 0;
  let sumAbs = 0;
  let maxAbs = 0;
  let flips = 0;
  let onlyTwin = 0;
  let onlyOrig = 0;
  for (const p of pairs) {
    const d = p.twin - p.original;
    sum += d;
    sumAbs += Math.abs(d);
    if (Math.abs(d) > maxAbs) maxAbs = Math.abs(d);
    const a = p.original >= threshold;
    const b = p.twin >= threshold;
    if (a !== b) {
      flips++;
      if (b) onlyTwin++;
      else onlyOrig++;
    }
  }
  const m = pairs.length;
  return {
    pairs: m,
    meanDiff: m > 0 ? sum / m : null,
    meanAbsDiff: m > 0 ? sumAbs / m : null,
    maxAbsDiff: m > 0 ? maxAbs : null,
    flips,
    flipRate: m > 0 ? flips / m : null,
    flaggedOnlyTwin: onlyTwin,
    flaggedOnlyOriginal: onlyOrig,
  };
}

/** Mean and max |score difference| and flip rate, overall and per swap. Throws an InputError on a malformed pair. */
export function twinAnalysis(pairs: readonly TwinPair[], options: TwinOptions = {}): TwinSummary {
  const threshold = options.threshold ?? 0.5;
  pairs.forEach((p, i) => {
    for (const k of ['original', 'twin'] as const) {
      if (typeof p[k] !== 'number' || !Number.isFinite(p[k])) throw new InputError(`expected a finite score, got ${String(p[k])}`, { field: `twins[${i}].${k}` });
    }
    for (const k of ['from', 'to'] as const) {
      if (typeof p[k] !== 'string' || p[k] === '') throw new InputError(`expected a non-empty proxy value, got ${JSON.stringify(p[k])}`, { field: `twins[${i}].${k}` });
    }
  });
  const bySwapMap = new Map<string, { from: string; to: string; pairs: TwinPair[] }>();
  for (const p of pairs) {
    const key = JSON.stringify([p.from, p.to]);
    let e = bySwapMap.get(key);
    if (!e) {
      e = { from: p.from, to: p.to, pairs: [] };
      bySwapMap.set(key, e);
    }
    e.pairs.push(p);
  }
  const bySwap = [...bySwapMap.values()]
    .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : a.to < b.to ? -1 : a.to > b.to ? 1 : 0))
    .map((e) => ({ from: e.from, to: e.to, ...stats(e.pairs, threshold) }));
  return { threshold, ...stats(pairs, threshold), bySwap };
}
