/** Confusion counts and threshold metrics of scored (or 0/1-predicted) records. */
import { metricsFromSums, type ConfusionCounts, type Metrics } from './rates.js';
import { overallSums, type ScoreMetricOptions } from './single.js';

/**
 * Confusion counts at a threshold: a record is flagged when `score >= threshold` (default 0.5,
 * so 0/1 predictions work as scores).
 */
export function confusionAt(labels: ArrayLike<number>, scores: ArrayLike<number>, options: ScoreMetricOptions = {}): ConfusionCounts {
  const { sums } = overallSums(labels, scores, options);
  return { n: sums.n, positives: sums.positives, negatives: sums.negatives, tp: sums.tp, fp: sums.fp, tn: sums.negatives - sums.fp, fn: sums.positives - sums.tp };
}

/** Every metric of the audit's metric record for one set of records (null where undefined). */
export function metricsAt(labels: ArrayLike<number>, scores: ArrayLike<number>, options: ScoreMetricOptions = {}): Metrics {
  const { prep, sums } = overallSums(labels, scores, options);
  return metricsFromSums(sums, prep.scoresInUnitInterval);
}

