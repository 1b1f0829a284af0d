/**
 * The metric record of one slice of data, computed from (weighted) counts. A value that the
 * data cannot define (a rate whose denominator is zero, an AUC of a one-class slice) is `null`
 * with a reason, never NaN and never a silent 0.
 */
import type { SliceSums } from './engine.js';

/** The metric keys of every slice, in the contract's order. */
export const METRIC_KEYS = [
  'n',
  'positives',
  'negatives',
  'tp',
  'fp',
  'tn',
  'fn',
  'tpr',
  'fpr',
  'fnr',
  'tnr',
  'ppv',
  'npv',
  'selectionRate',
  'accuracy',
  'f1',
  'auc',
  'prAuc',
  'brier',
  'ece',
] as const;

/** A metric name of {@link Metrics}. */
export type MetricKey = (typeof METRIC_KEYS)[number];

/** Confusion and score metrics of one slice (all records, a group, an intersection); a record is flagged when score >= threshold. */
export interface Metrics extends ConfusionCounts {
  /** Recall, tp / positives. */
  tpr: number | null;
  /** False positive rate, fp / negatives. */
  fpr: number | null;
  /** Miss rate, fn / positives. */
  fnr: number | null;
  /** Specificity, tn / negatives. */
  tnr: number | null;
  /** Precision, tp / (tp + fp). */
  ppv: number | null;
  /** Negative predictive value, tn / (tn + fn). */
  npv: number | null;
  /** Share flagged, (tp + fp) / n. */
  selectionRate: number | null;
  /** (tp + tn) / n. */
  accuracy: number | null;
  /** 2 tp / (2 tp + fp + fn). */
  f1: number | null;
  /** ROC-AUC, ties counted half (Mann-Whitney). */
  auc: number | null;
  /** Average precision as scikit-learn's `average_precision_score` defines it. */
  prAuc: number | null;
  /** Brier score, mean of (score - label)^2. */
  brier: number | null;
  /** Expected calibration error over equal-width bins. */
  ece: number | null;
}

/** Why metrics are null, by metric name. */
export type MetricReasons = Partial<Record<MetricKey, string>>;

/** Counts behind the threshold metrics. */
export interface ConfusionCounts {
  /** Records. */
  n: number;
  /** Records with label 1. */
  positives: number;
  /** Records with label 0. */
  negatives: number;
  /** Positives flagged. */
  tp: number;
  /** Negatives flagged. */
  fp: number;
  /** Negatives not flagged. */
  tn: number;
  /** Positives not flagged. */
  fn: number;
}

function ratio(num: number, den: number, key: MetricKey, why: string, reasons: MetricReasons): number | null {
  if (den === 0) {
    reasons[key] = why;
    return null;
  }
  return num / den;
}

/** Threshold metrics (rates) from confusion counts; reasons are filled for nulls. */
export function ratesFromCounts(c: ConfusionCounts, reasons: MetricReasons = {}): Omit<Metrics, 'auc' | 'prAuc' | 'brier' | 'ece'> {
  const flagged = c.tp + c.fp;
  const unflagged = c.tn + c.fn;
  return {
    n: c.n,
    positives: c.positives,
    negatives: c.negatives,
    tp: c.tp,
    fp: c.fp,
    tn: c.tn,
    fn: c.fn,
    tpr: ratio(c.tp, c.positives, 'tpr', 'no positives', reasons),
    fpr: ratio(c.fp, c.negatives, 'fpr', 'no negatives', reasons),
    fnr: ratio(c.fn, c.positives, 'fnr', 'no positives', reasons),
    tnr: ratio(c.tn, c.negatives, 'tnr', 'no negatives', reasons),
    ppv: ratio(c.tp, flagged, 'ppv', 'no record flagged', reasons),
    npv: ratio(c.tn, unflagged, 'npv', 'every record flagged', reasons),
    selectionRate: ratio(flagged, c.n, 'selectionRate', 'no records', reasons),
    accuracy: ratio(c.tp + c.tn, c.n, 'accuracy', 'no records', reasons),
    f1: ratio(2 * c.tp, 2 * c.tp + c.fp + c.fn, 'f1', 'no positives and no record flagged', reasons),
  };
}

/** Expected calibration error from per-bin counts: sum over bins of |score sum - positives| / n. */
export function eceFromBins(binCount: ArrayLike<number>, binScore: ArrayLike<number>, binPos: ArrayLike<number>): number | null {
  let n = 0;
  let gap = 0;
  for (let b = 0; b < binCount.length; b++) {
    n += binCount[b] as number;
    gap += Math.abs((binScore[b] as number) - (binPos[b] as number));
  }
  return n > 0 ? gap / n : null;
}

/** The full metric record of a slice from the engine's sums. */
export function metricsFromSums(s: SliceSums, scoresInUnitInterval: boolean, reasons: MetricReasons = {}): Metrics {
  const counts: ConfusionCounts = {
    n: s.n,
    positives: s.positives,
    negatives: s.negatives,
    tp: s.tp,
    fp: s.fp,
    tn: s.negatives - s.fp,
    fn: s.positives - s.tp,
  };
  const rates = ratesFromCounts(counts, reasons);
  let auc: number | null = null;
  if (s.positives === 0 || s.negatives === 0) reasons.auc = 'needs both positives and negatives';
  else auc = s.aucPairs / (s.positives * s.negatives);
  let prAuc: number | null = null;
  if (s.positives === 0) reasons.prAuc = 'no positives';
  else prAuc = s.apSum / s.positives;
  let brier: number | null = null;
  let ece: number | null = null;
  if (!scoresInUnitInterval) {
    reasons.brier = 'scores outside [0, 1]';
    reasons.ece = 'scores outside [0, 1]';
  } else if (s.n === 0) {
    reasons.brier = 'no records';
    reasons.ece = 'no records';
  } else {
    brier = s.sqErr / s.n;
    ece = eceFromBins(s.binCount, s.binScore, s.binPos);
  }
  return { ...rates, auc, prAuc, brier, ece };
}
