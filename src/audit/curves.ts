/**
 * Curves for charts and threshold choices, from one slice's positive and negative scores in
 * descending order: ROC and precision-recall points at each distinct score (decimated for
 * charts), FPR/TPR over a threshold grid, and thresholds meeting a target FPR or recall.
 * Flagging rule everywhere: a record is flagged when `score >= threshold`.
 */

/** A point of a ROC or threshold curve. */
export interface RatePoint {
  /** Threshold (flag when score >= threshold); null for the (0, 0) start of a ROC curve. */
  threshold: number | null;
  /** False positive rate at the threshold (null without negatives). */
  fpr: number | null;
  /** True positive rate (null without positives). */
  tpr: number | null;
}

/** A point of a threshold curve. */
export interface ThresholdPoint extends RatePoint {
  /** Threshold of the grid. */
  threshold: number;
  /** 1 - TPR. */
  fnr: number | null;
  /** Share of the slice flagged. */
  selectionRate: number | null;
}

/** A point of a precision-recall curve. */
export interface PrPoint {
  /** Threshold (flag when score >= threshold). */
  threshold: number;
  /** Precision at the threshold. */
  precision: number;
  /** Recall at the threshold. */
  recall: number;
}

/** Number of values in a descending array that are >= t (binary search). */
export function countAtLeast(desc: Float64Array, t: number): number {
  let lo = 0;
  let hi = desc.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((desc[mid] as number) >= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Distinct thresholds (descending) with the counts of positives and negatives at or above each. */
export function distinctCounts(pos: Float64Array, neg: Float64Array): { thresholds: Float64Array; tp: Uint32Array; fp: Uint32Array } {
  const cap = pos.length + neg.length;
  const thresholds = new Float64Array(cap);
  const tp = new Uint32Array(cap);
  const fp = new Uint32Array(cap);
  const k = mergeCounts(pos, neg, thresholds, tp, fp);
  return { thresholds: thresholds.subarray(0, k), tp: tp.subarray(0, k), fp: fp.subarray(0, k) };
}

// The long loops below are functions of their own that return a number or nothing, and the
// curves take plain arrays rather than callbacks made anew per call: V8 compiles a long loop
// while it runs (OSR), and code after it that had not run yet deoptimizes that compiled code on
// every call; a callback made per call loses its optimized code when it is collected.

/** The loop of {@link distinctCounts}: fills the arrays and returns the number of distinct thresholds. */
function mergeCounts(pos: Float64Array, neg: Float64Array, thresholds: Float64Array, tp: Uint32Array, fp: Uint32Array): number {
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < pos.length || j < neg.length) {
    const t = Math.max(i < pos.length ? (pos[i] as number) : -Infinity, j < neg.length ? (neg[j] as number) : -Infinity);
    while (i < pos.length && (pos[i] as number) === t) i++;
    while (j < neg.length && (neg[j] as number) === t) j++;
    thresholds[k] = t;
    tp[k] = i;
    fp[k] = j;
    k++;
  }
  return k;
}

/**
 * Indices of at most about `max` of `count` curve points: a point is kept when it moved at least
 * 2 / max (L1) from the last kept one; the first and last are always kept; an evenly spaced pick
 * caps what is left.
 */
export function decimate(count: number, coords: (k: number) => [number, number], max = 200): number[] {
  if (count <= max) return Array.from({ length: count }, (_, k) => k);
  const xs = new Float64Array(count);
  const ys = new Float64Array(count);
  for (let k = 0; k < count; k++) {
    const [x, y] = coords(k);
    xs[k] = x;
    ys[k] = y;
  }
  return decimateXY(xs, ys, max);
}

/** {@link decimate} of the points `(xs[k], ys[k])`. */
function decimateXY(xs: Float64Array, ys: Float64Array, max: number): number[] {
  const count = xs.length;
  if (count <= max) return Array.from({ length: count }, (_, k) => k);
  const kept = movedPoints(xs, ys, 2 / max);
  if (kept.length <= max) return kept;
  const out: number[] = [];
  for (let k = 0; k < max; k++) out.push(kept[Math.round((k * (kept.length - 1)) / (max - 1))] as number);
  return [...new Set(out)];
}

/** The first point, every point at least `step` (L1) from the last one kept, and the last point. */
function movedPoints(xs: Float64Array, ys: Float64Array, step: number): number[] {
  const count = xs.length;
  const kept: number[] = [0];
  let lx = xs[0] as number;
  let ly = ys[0] as number;
  for (let k = 1; k < count - 1; k++) {
    const x = xs[k] as number;
    const y = ys[k] as number;
    if (Math.abs(x - lx) + Math.abs(y - ly) >= step) {
      kept.push(k);
      lx = x;
      ly = y;
    }
  }
  kept.push(count - 1);
  return kept;
}

/** ROC points at every distinct score, starting at (0, 0); decimated to at most `max` points. */
export function rocPoints(pos: Float64Array, neg: Float64Array, max = 200): RatePoint[] {
  const P = pos.length;
  const N = neg.length;
  const d = distinctCounts(pos, neg);
  // point 0 is the (0, 0) start; point k > 0 is distinct threshold k - 1
  const count = d.thresholds.length + 1;
  const xs = new Float64Array(count);
  const ys = new Float64Array(count);
  rocCoords(d.tp, d.fp, P, N, xs, ys);
  const keep = decimateXY(xs, ys, max);
  const out: RatePoint[] = [];
  for (let i = 0; i < keep.length; i++) {
    const k = keep[i] as number;
    out.push(
      k === 0
        ? { threshold: null, fpr: N > 0 ? 0 : null, tpr: P > 0 ? 0 : null }
        : { threshold: d.thresholds[k - 1] as number, fpr: N > 0 ? (d.fp[k - 1] as number) / N : null, tpr: P > 0 ? (d.tp[k - 1] as number) / P : null },
    );
  }
  return out;
}

/** ROC coordinates (FPR, TPR; 0 without negatives or positives) of point k: (0, 0), then distinct threshold k - 1. */
function rocCoords(tp: Uint32Array, fp: Uint32Array, P: number, N: number, xs: Float64Array, ys: Float64Array): void {
  for (let k = 1; k < xs.length; k++) {
    xs[k] = N > 0 ? (fp[k - 1] as number) / N : 0;
    ys[k] = P > 0 ? (tp[k - 1] as number) / P : 0;
  }
}

/** Precision-recall points at every distinct score (none without positives); decimated. */
export function prPoints(pos: Float64Array, neg: Float64Array, max = 200): PrPoint[] {
  const P = pos.length;
  if (P === 0) return [];
  const d = distinctCounts(pos, neg);
  const count = d.thresholds.length;
  const recall = new Float64Array(count);
  const precision = new Float64Array(count);
  prCoords(d.tp, d.fp, P, recall, precision);
  const keep = decimateXY(recall, precision, max);
  const out: PrPoint[] = [];
  for (let i = 0; i < keep.length; i++) {
    const k = keep[i] as number;
    out.push({ threshold: d.thresholds[k] as number, precision: precision[k] as number, recall: recall[k] as number });
  }
  return out;
}

/** Recall and precision at each distinct threshold. */
function prCoords(tp: Uint32Array, fp: Uint32Array, P: number, recall: Float64Array, precision: Float64Array): void {
  for (let k = 0; k < recall.length; k++) {
    const t = tp[k] as number;
    recall[k] = t / P;
    precision[k] = t / (t + (fp[k] as number));
  }
}

/** FPR, TPR, FNR and selection rate at each threshold of a grid. */
export function thresholdPoints(pos: Float64Array, neg: Float64Array, grid: readonly number[]): ThresholdPoint[] {
  const P = pos.length;
  const N = neg.length;
  return grid.map((t) => {
    const tp = countAtLeast(pos, t);
    const fp = countAtLeast(neg, t);
    return {
      threshold: t,
      fpr: N > 0 ? fp / N : null,
      tpr: P > 0 ? tp / P : null,
      fnr: P > 0 ? (P - tp) / P : null,
      selectionRate: P + N > 0 ? (tp + fp) / (P + N) : null,
    };
  });
}

/** The smallest double above x (so that `score >= nextUp(max)` flags nothing). */
export function nextUp(x: number): number {
  if (Number.isNaN(x) || x === Infinity) return x;
  if (x === 0) return Number.MIN_VALUE;
  const f = new Float64Array([x]);
  const b = new BigInt64Array(f.buffer);
  b[0] = (b[0] as bigint) + (x > 0 ? 1n : -1n);
  return f[0] as number;
}

/** A threshold chosen for a target, with the rates it achieves. */
export interface ThresholdChoice {
  /** The target asked for. */
  target: number;
  /** The threshold (flag when score >= threshold); null when undefined for the data. */
  threshold: number | null;
  /** FPR achieved. */
  fpr: number | null;
  /** TPR achieved. */
  tpr: number | null;
}

function choice(target: number, t: number | null, pos: Float64Array, neg: Float64Array): ThresholdChoice {
  if (t === null) return { target, threshold: null, fpr: null, tpr: null };
  return {
    target,
    threshold: t,
    fpr: neg.length > 0 ? countAtLeast(neg, t) / neg.length : null,
    tpr: pos.length > 0 ? countAtLeast(pos, t) / pos.length : null,
  };
}

/**
 * The lowest threshold whose FPR is at most `target` (the most recall the FPR budget allows);
 * just above the top score when even that exceeds the target; null without negatives.
 */
export function fprTarget(pos: Float64Array, neg: Float64Array, target: number): ThresholdChoice {
  const N = neg.length;
  if (N === 0) return choice(target, null, pos, neg);
  const d = distinctCounts(pos, neg);
  let best: number | null = null;
  for (let k = 0; k < d.thresholds.length; k++) {
    if ((d.fp[k] as number) / N <= target) best = d.thresholds[k] as number;
    else break;
  }
  const top = d.thresholds[0] as number;
  return choice(target, best ?? nextUp(top), pos, neg);
}

/** The highest threshold whose recall is at least `target` (fewest flags); null without positives. */
export function recallTarget(pos: Float64Array, neg: Float64Array, target: number): ThresholdChoice {
  const P = pos.length;
  if (P === 0) return choice(target, null, pos, neg);
  const d = distinctCounts(pos, neg);
  if (target <= 0) return choice(target, nextUp(d.thresholds[0] as number), pos, neg);
  for (let k = 0; k < d.thresholds.length; k++) {
    if ((d.tp[k] as number) / P >= target) return choice(target, d.thresholds[k] as number, pos, neg);
  }
  return choice(target, d.thresholds[d.thresholds.length - 1] as number, pos, neg);
}
