/**
 * Threshold analysis: FPR and TPR over a grid of thresholds, the threshold meeting a target
 * FPR or recall, and per-group thresholds that would equalise FPR (reported, never applied).
 * A record is flagged when `score >= threshold`.
 */
import { sliceScores } from './engine.js';
import { fprTarget, recallTarget, thresholdPoints, type ThresholdChoice, type ThresholdPoint } from './curves.js';
import { overallSums } from './single.js';

/** Options for {@link thresholdForFpr}. */
export interface FprTargetOptions {
  /** Highest acceptable false positive rate, in [0, 1]. */
  fpr: number;
}

/** Options for {@link thresholdForRecall}. */
export interface RecallTargetOptions {
  /** Lowest acceptable recall (TPR), in [0, 1]. */
  recall: number;
}

/** Options for {@link thresholdCurve}. */
export interface ThresholdGridOptions {
  /** Thresholds to evaluate. __Default value:__ {@link defaultGrid} of the scores. */
  grid?: readonly number[];
}

/**
 * The lowest threshold (a distinct score) whose FPR is at most the target: the most recall the
 * FPR budget allows. Just above the top score when even the top score exceeds the budget;
 * null without negatives.
 */
export function thresholdForFpr(labels: ArrayLike<number>, scores: ArrayLike<number>, options: FprTargetOptions): number | null {
  return thresholdChoiceForFpr(labels, scores, options).threshold;
}

/** {@link thresholdForFpr} with the FPR and TPR the threshold achieves. */
export function thresholdChoiceForFpr(labels: ArrayLike<number>, scores: ArrayLike<number>, options: FprTargetOptions): ThresholdChoice {
  const { prep } = overallSums(labels, scores);
  const { pos, neg } = sliceScores(prep, 0);
  return fprTarget(pos, neg, options.fpr);
}

/** The highest threshold (a distinct score) whose recall is at least the target; null without positives. */
export function thresholdForRecall(labels: ArrayLike<number>, scores: ArrayLike<number>, options: RecallTargetOptions): number | null {
  const { prep } = overallSums(labels, scores);
  const { pos, neg } = sliceScores(prep, 0);
  return recallTarget(pos, neg, options.recall).threshold;
}

/** 101 evenly spaced thresholds over [0, 1], or over [min, max] of the scores when they leave [0, 1]. */
export function defaultGrid(scores: ArrayLike<number>): number[] {
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i] as number;
    if (s < lo) lo = s;
    if (s > hi) hi = s;
  }
  const out: number[] = [];
  for (let k = 0; k <= 100; k++) out.push(k === 100 ? hi : lo + ((hi - lo) * k) / 100);
  return out;
}

/** FPR, TPR, FNR and selection rate at each threshold of a grid. */
export function thresholdCurve(labels: ArrayLike<number>, scores: ArrayLike<number>, options: ThresholdGridOptions = {}): ThresholdPoint[] {
  const { prep } = overallSums(labels, scores);
  const { pos, neg } = sliceScores(prep, 0);
  return thresholdPoints(pos, neg, options.grid ?? defaultGrid(scores));
}
