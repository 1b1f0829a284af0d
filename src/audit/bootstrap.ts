/**
 * Stratified bootstrap by counts. A resample draws, within each stratum (label x finest cell of
 * the group columns), as many records as the stratum has, uniformly with replacement; each
 * record's draw count becomes its weight, and every statistic is computed from the weighted data
 * without re-sorting. This is the classic stratified nonparametric bootstrap, done exactly (not
 * a Poisson approximation): every group's and every stratum's size is the same in each resample
 * as in the data.
 *
 * The pieces: rank-layout.ts lays the records out once in descending score order;
 * multinomial.ts draws a resample's exact multinomial counts straight into that order (its
 * randomness depends only on the seed and the resample's number); weighted-pass.ts turns the
 * counts into every slice's sums in one sequential sweep; resample.ts and parallel.ts run the
 * resamples; this module turns the resampled values into percentile intervals.
 */

/** A percentile confidence interval `[lo, hi]`; null when the statistic was undefined in every resample. */
export type Interval = [number, number] | null;

/**
 * Percentile interval of the defined (non-NaN) values at the given confidence, with linear
 * interpolation between order statistics (numpy's default `percentile` method). Returns the
 * interval and how many values were defined.
 */
export function percentileInterval(values: Float64Array, confidence: number): { interval: Interval; defined: number } {
  const xs = values.filter((v) => !Number.isNaN(v)).sort();
  const m = xs.length;
  if (m === 0) return { interval: null, defined: 0 };
  const q = (p: number): number => {
    const h = (m - 1) * p;
    const lo = Math.floor(h);
    const hi = Math.min(lo + 1, m - 1);
    return (xs[lo] as number) + (h - lo) * ((xs[hi] as number) - (xs[lo] as number));
  };
  const alpha = (1 - confidence) / 2;
  return { interval: [q(alpha), q(1 - alpha)], defined: m };
}
