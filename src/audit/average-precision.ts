/**
 * Average precision exactly as scikit-learn's `average_precision_score` defines it:
 * AP = sum over distinct thresholds t_k (descending) of (R_k - R_{k-1}) P_k, where P_k and R_k
 * are precision and recall when flagging `score >= t_k`. No interpolation; ties form one step.
 */
import { sliceScores } from './engine.js';
import { prPoints, type PrPoint } from './curves.js';
import { overallSums } from './single.js';
import type { CurveOptions } from './auc.js';

/** Average precision (PR-AUC); null without positives. */
export function averagePrecision(labels: ArrayLike<number>, scores: ArrayLike<number>): number | null {
  const { sums } = overallSums(labels, scores);
  return sums.positives > 0 ? sums.apSum / sums.positives : null;
}

/** Precision-recall points at each distinct score, decimated for charts; empty without positives. */
export function prCurve(labels: ArrayLike<number>, scores: ArrayLike<number>, options: CurveOptions = {}): PrPoint[] {
  const { prep } = overallSums(labels, scores);
  const { pos, neg } = sliceScores(prep, 0);
  return prPoints(pos, neg, options.maxPoints ?? 200);
}
