/**
 * Calibration: the Brier score, expected calibration error (ECE) and the reliability curve.
 * Bins are equal-width on [0, 1]; a score s falls in bin `min(floor(bins * s), bins - 1)`,
 * computed in double precision: bin k holds [k / bins, (k + 1) / bins) and the last bin also
 * holds 1. ECE = sum over bins of (n_k / n) |mean score_k - share positive_k|. Scores outside
 * [0, 1] make these metrics undefined (null).
 */
import type { SliceSums } from './engine.js';
import { eceFromBins } from './rates.js';
import { overallSums, type ScoreMetricOptions } from './single.js';

/** One bin of a reliability curve. */
export interface CalibrationBin {
  /** Bin index, 0-based. */
  bin: number;
  /** Lower edge (included). */
  lower: number;
  /** Upper edge (excluded, except 1 for the last bin). */
  upper: number;
  /** Records in the bin. */
  count: number;
  /** Mean score in the bin (null when empty). */
  meanScore: number | null;
  /** Share of positives in the bin (null when empty). */
  fractionPositive: number | null;
}

/** The reliability curve from the engine's per-bin sums. */
export function calibrationBins(sums: SliceSums): CalibrationBin[] {
  const B = sums.binCount.length;
  const out: CalibrationBin[] = [];
  for (let b = 0; b < B; b++) {
    const c = sums.binCount[b] as number;
    out.push({
      bin: b,
      lower: b / B,
      upper: (b + 1) / B,
      count: c,
      meanScore: c > 0 ? (sums.binScore[b] as number) / c : null,
      fractionPositive: c > 0 ? (sums.binPos[b] as number) / c : null,
    });
  }
  return out;
}

/** Brier score: mean squared difference between score and label; null for empty input or scores outside [0, 1]. */
export function brierScore(labels: ArrayLike<number>, scores: ArrayLike<number>): number | null {
  const { prep, sums } = overallSums(labels, scores);
  return prep.scoresInUnitInterval && sums.n > 0 ? sums.sqErr / sums.n : null;
}

/** Expected calibration error over equal-width bins (default 10); null for empty input or scores outside [0, 1]. */
export function expectedCalibrationError(labels: ArrayLike<number>, scores: ArrayLike<number>, options: Pick<ScoreMetricOptions, 'bins'> = {}): number | null {
  const { prep, sums } = overallSums(labels, scores, options);
  return prep.scoresInUnitInterval ? eceFromBins(sums.binCount, sums.binScore, sums.binPos) : null;
}

/** Reliability curve over equal-width bins (default 10); empty for scores outside [0, 1]. */
export function calibrationCurve(labels: ArrayLike<number>, scores: ArrayLike<number>, options: Pick<ScoreMetricOptions, 'bins'> = {}): CalibrationBin[] {
  const { prep, sums } = overallSums(labels, scores, options);
  return prep.scoresInUnitInterval ? calibrationBins(sums) : [];
}
