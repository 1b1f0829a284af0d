/**
 * Stratified bootstrap by counts. A resample draws, within each stratum (label x finest cell of
 * the group columns), as many records as the stratum has, uniformly with replacement: the
 * multinomial count of each record is accumulated into a weight buffer, and the engine
 * evaluates the weighted data without re-sorting. This is the classic stratified
 * nonparametric bootstrap, done exactly (not a Poisson approximation): every group's and every
 * stratum's size is the same in each resample as in the data.
 *
 * Randomness: resample r uses its own xoshiro128** stream whose 128-bit state is drawn from
 * `new Rng(deriveSeed(seed, 'bootstrap', r))` (src/random.ts), so results depend only on the
 * seed and r, never on the order resamples run in (or on how many threads run them). Indices
 * are drawn exactly uniformly with Lemire's multiply-and-reject method.
 */
import { deriveSeed, Rng } from '../random.js';
import type { Prepared } from './engine.js';

/** A percentile confidence interval `[lo, hi]`; null when the statistic was undefined in every resample. */
export type Interval = [number, number] | null;

const TWO_32 = 4294967296;
const INV_TWO_32 = 1 / TWO_32;

/** A xoshiro128** stream of uint32 draws (state seeded from src/random.ts). */
class Xoshiro128 {
  s0: number;
  s1: number;
  s2: number;
  s3: number;

  constructor(rng: Rng) {
    this.s0 = rng.int(TWO_32) | 0;
    this.s1 = rng.int(TWO_32) | 0;
    this.s2 = rng.int(TWO_32) | 0;
    this.s3 = rng.int(TWO_32) | 0;
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** Next uniform integer in [0, 2^32). */
  next(): number {
    const x = Math.imul(this.s1, 5);
    const out = Math.imul((x << 7) | (x >>> 25), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = (this.s3 << 11) | (this.s3 >>> 21);
    return out;
  }

  /** Exactly uniform integer in [0, m), 1 <= m <= 2^21 or so (Lemire's multiply-and-reject). */
  below(m: number): number {
    const reject = (TWO_32 - m) % m;
    for (;;) {
      const prod = this.next() * m; // exact: < 2^53
      const high = Math.floor(prod * INV_TWO_32); // exact: power-of-two scaling
      if (prod - high * TWO_32 >= reject) return high;
    }
  }
}

/** Poisson(1) CDF thresholds scaled by 2^32: a draw is k when U < F(k) for the first such k. */
const POISSON_CDF: number[] = (() => {
  const out: number[] = [];
  let p = Math.exp(-1);
  let cdf = 0;
  for (let k = 0; k < 40; k++) {
    cdf += p;
    out.push(Math.min(cdf, 1) * TWO_32);
    p /= k + 1;
  }
  out[out.length - 1] = TWO_32 + 1; // the tail beyond 39 (probability < 1e-47) folds into 39
  return out;
})();
const CDF_FLOOR = POISSON_CDF.map(Math.floor);
const CDF_FRACTION = POISSON_CDF.map((t) => (t - Math.floor(t)) * TWO_32);
const F0 = CDF_FLOOR[0] as number;
const F1 = CDF_FLOOR[1] as number;
const F2 = CDF_FLOOR[2] as number;

/** Poisson(1) from a first uniform u by inversion; 32 more bits only when u cannot decide. */
function poissonFrom(u: number, rng: Xoshiro128): number {
  let k = 0;
  for (;;) {
    const ft = CDF_FLOOR[k] as number;
    if (u < ft) return k;
    if (u === ft && rng.next() < (CDF_FRACTION[k] as number)) return k;
    k++;
  }
}

/**
 * Fills `w` (one slot per record, in the engine's slot order) with the draw counts of bootstrap
 * resample `r`: within each stratum of m records, an exact Multinomial(m; 1/m, ..., 1/m).
 *
 * Method (exact, and sequential in memory): draw an independent Poisson(1) count per record,
 * which places a Poisson number T of draws uniformly and independently over the stratum; then
 * remove T - m uniformly chosen draws (each removal picks one of the remaining draws uniformly,
 * by rejection on count / max count) or add m - T uniform draws. Any uniformly chosen subset of
 * independent uniform placements, and any independent extension of them, is again independent
 * and uniform, so the result is exactly m independent uniform draws.
 */
export function drawResampleWeights(prep: Prepared, w: Int32Array, seed: number, r: number): void {
  const rng = new Xoshiro128(new Rng(deriveSeed(seed, 'bootstrap', r)));
  const T = prep.stratumSize.length;
  // module-level constants copied to locals (keeps the hot loop free of context loads)
  // thresholds shifted to signed 32-bit so the hot loop stays in int32 arithmetic
  const f0 = F0 - 2147483648;
  const f1 = F1 - 2147483648;
  const f2 = F2 - 2147483648;
  for (let s = 0; s < T; s++) {
    const m = prep.stratumSize[s] as number;
    if (m === 0) continue;
    const off = prep.stratumOffset[s] as number;
    const end = off + m;
    let total = 0;
    let max = 0;
    let s0 = rng.s0;
    let s1 = rng.s1;
    let s2 = rng.s2;
    let s3 = rng.s3;
    for (let k = off; k < end; k++) {
      // xoshiro128** next(), inlined
      const x = Math.imul(s1, 5);
      const v = Math.imul((x << 7) | (x >>> 25), 9) ^ -2147483648; // u - 2^31 as int32
      const t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = (s3 << 11) | (s3 >>> 21);
      let c: number;
      if (v < f0) c = 0;
      else if (v > f0 && v < f1) c = 1;
      else if (v > f1 && v < f2) c = 2;
      else {
        rng.s0 = s0;
        rng.s1 = s1;
        rng.s2 = s2;
        rng.s3 = s3;
        c = poissonFrom(v + 2147483648, rng); // 2% of draws: 3 or more, or u on a boundary
        s0 = rng.s0;
        s1 = rng.s1;
        s2 = rng.s2;
        s3 = rng.s3;
      }
      w[k] = c;
      total += c;
      if (c > max) max = c;
    }
    rng.s0 = s0;
    rng.s1 = s1;
    rng.s2 = s2;
    rng.s3 = s3;
    while (total < m) {
      w[off + rng.below(m)]++;
      total++;
    }
    for (; total > m; total--) {
      // pick one of the `total` draws uniformly: a uniform record, accepted with probability count / max
      for (;;) {
        const k = off + rng.below(m);
        const c = w[k] as number;
        if (c > 0 && rng.below(max) < c) {
          w[k] = c - 1;
          break;
        }
      }
    }
  }
}

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
