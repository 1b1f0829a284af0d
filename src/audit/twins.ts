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
  const sums = new Float64Array(6);
  twinSums(pairs, threshold, sums);
  const sum = sums[0] as number;
  const sumAbs = sums[1] as number;
  const maxAbs = sums[2] as number;
  const flips = sums[3] as number;
  const m = pairs.length;
  return {
    pairs: m,
    meanDiff: m > 0 ? sum / m : null,
    meanAbsDiff: m > 0 ? sumAbs / m : null,
    maxAbsDiff: m > 0 ? maxAbs : null,
    flips,
    flipRate: m > 0 ? flips / m : null,
    flaggedOnlyTwin: sums[4] as number,
    flaggedOnlyOriginal: sums[5] as number,
  };
}

/** The loop of `stats` (its own function for the reason given at `groupBySwap`): sum, absolute sum and largest absolute score difference, flips, flips to flagged only as a twin, and only as the original, into `out`. */
function twinSums(pairs: readonly TwinPair[], threshold: number, out: Float64Array): void {
  let sum = 0;
  let sumAbs = 0;
  let maxAbs = 0;
  let flips = 0;
  let onlyTwin = 0;
  let onlyOrig = 0;
  for (let i = 0; i < pairs.length; i++) {
    const p = pairs[i] as TwinPair;
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
  out[0] = sum;
  out[1] = sumAbs;
  out[2] = maxAbs;
  out[3] = flips;
  out[4] = onlyTwin;
  out[5] = onlyOrig;
}

/** Mean and max |score difference| and flip rate, overall and per swap. Throws an InputError on a malformed pair. */
export function twinAnalysis(pairs: readonly TwinPair[], options: TwinOptions = {}): TwinSummary {
  const threshold = options.threshold ?? 0.5;
  validatePairs(pairs);
  const bySwapMap = new Map<string, SwapPairs>();
  groupBySwap(pairs, bySwapMap);
  const bySwap = [...bySwapMap.values()]
    .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : a.to < b.to ? -1 : a.to > b.to ? 1 : 0))
    .map((e) => ({ from: e.from, to: e.to, ...stats(e.pairs, threshold) }));
  return { threshold, ...stats(pairs, threshold), bySwap };
}

/** Throws an InputError naming the first pair with a score that is not a finite number or a proxy value that is not a non-empty string. */
function validatePairs(pairs: readonly TwinPair[]): void {
  for (let i = 0; i < pairs.length; i++) {
    const p = pairs[i] as TwinPair;
    if (!validScore(p.original)) throw new InputError(`expected a finite score, got ${String(p.original)}`, { field: `twins[${i}].original` });
    if (!validScore(p.twin)) throw new InputError(`expected a finite score, got ${String(p.twin)}`, { field: `twins[${i}].twin` });
    if (!validProxy(p.from)) throw new InputError(`expected a non-empty proxy value, got ${JSON.stringify(p.from)}`, { field: `twins[${i}].from` });
    if (!validProxy(p.to)) throw new InputError(`expected a non-empty proxy value, got ${JSON.stringify(p.to)}`, { field: `twins[${i}].to` });
  }
}

function validScore(x: unknown): boolean {
  return typeof x === 'number' && Number.isFinite(x);
}

function validProxy(x: unknown): boolean {
  return typeof x === 'string' && x !== '';
}

/** The pairs of one swap. */
interface SwapPairs {
  from: string;
  to: string;
  pairs: TwinPair[];
}

/**
 * Groups the pairs by swap (first appearance order). A function of its own: V8 compiles a long
 * loop while it runs (OSR), and the code after it, not run yet at that point, would deoptimize
 * that compiled code on every audit.
 */
function groupBySwap(pairs: readonly TwinPair[], bySwap: Map<string, SwapPairs>): void {
  for (let i = 0; i < pairs.length; i++) {
    const p = pairs[i] as TwinPair;
    const key = JSON.stringify([p.from, p.to]);
    let e = bySwap.get(key);
    if (!e) {
      e = { from: p.from, to: p.to, pairs: [] };
      bySwap.set(key, e);
    }
    e.pairs.push(p);
  }
}
