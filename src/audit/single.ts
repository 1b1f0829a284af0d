/**
 * The engine run on one slice (all records) for the standalone metric functions, so that
 * `rocAuc(labels, scores)` and the audit's per-group AUC are the same arithmetic.
 */
import { evaluate, type Prepared, type SliceSums } from './engine.js';
import { prepare } from './prepare.js';
import { validateLabelsScores } from './groups.js';

/** Options shared by the standalone metric functions. */
export interface ScoreMetricOptions {
  /** Decision threshold: flag when `score >= threshold`. __Default value:__ 0.5. */
  threshold?: number;
  /** Equal-width calibration bins on [0, 1]. __Default value:__ 10. */
  bins?: number;
}

/** Validated inputs evaluated with unit weights: the engine's index and the sums of all records. */
export function overallSums(labels: ArrayLike<number>, scores: ArrayLike<number>, options: ScoreMetricOptions = {}): { prep: Prepared; sums: SliceSums } {
  validateLabelsScores(labels, scores);
  const n = labels.length;
  const prep = prepare(labels, scores, [{ level: 0, name: 'all' }], [new Uint32Array(n)], {
    threshold: options.threshold ?? 0.5,
    bins: options.bins ?? 10,
  });
  const w = new Int32Array(n).fill(1);
  return { prep, sums: evaluate(prep, w)[0] as SliceSums };
}
