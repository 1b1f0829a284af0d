/**
 * ROC-AUC with ties counted half: the probability that a random positive scores above a random
 * negative, plus half the probability of a tie (Mann-Whitney U / (P N)). Equals the trapezoidal
 * area under the ROC curve at distinct thresholds, as scikit-learn's `roc_auc_score` computes it.
 */
import { sliceScores } from './engine.js';
import { rocPoints, type RatePoint } from './curves.js';
import { overallSums } from './single.js';

/** ROC-AUC (ties averaged); null when the labels hold only one class. */
export function rocAuc(labels: ArrayLike<number>, scores: ArrayLike<number>): number | null {
  const { sums } = overallSums(labels, scores);
  return sums.positives > 0 && sums.negatives > 0 ? sums.aucPairs / (sums.positives * sums.negatives) : null;
}

/** Options for {@link rocCurve}. */
export interface CurveOptions {
  /** Keep at most about this many points. __Default value:__ 200. */
  maxPoints?: number;
}

/** ROC curve points (FPR, TPR) at each distinct score, from (0, 0), decimated for charts. */
export function rocCurve(labels: ArrayLike<number>, scores: ArrayLike<number>, options: CurveOptions = {}): RatePoint[] {
  const { prep } = overallSums(labels, scores);
  const { pos, neg } = sliceScores(prep, 0);
  return rocPoints(pos, neg, options.maxPoints ?? 200);
}
