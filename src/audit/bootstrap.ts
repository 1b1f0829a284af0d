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

  /**
   * Exactly uniform integer in [0, m), 1 <= m < 2^21 (Lemire's multiply-and-reject);
   * `reject` must be (2^32 - m) mod m (pass it when calling often with the same m).
   */
  below(m: number, reject = (TWO_32 - m) % m): number {
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
const CDF_FRACTION = Float64Array.from(POISSON_CDF, (t) => (t - Math.floor(t)) * TWO_32);
const SHIFTED_FLOOR = Float64Array.from(CDF_FLOOR, (f) => f - 2147483648);

/**
 * Poisson(1) by inversion of the uniform U = (v + 2^31 + e / 2^32) / 2^32, where e (32 more bits,
 * from `refine`) is drawn only when the first 32 bits sit exactly on a CDF boundary.
 */
function poissonTail(v: number, refine: Xoshiro128): number {
  let c = 0;
  while (v > (SHIFTED_FLOOR[c] as number)) c++;
  if (v === (SHIFTED_FLOOR[c] as number)) {
    const extra = refine.next();
    while (v === (SHIFTED_FLOOR[c] as number) && extra >= (CDF_FRACTION[c] as number)) c++;
  }
  return c;
}

/**
 * Inverse-CDF lookup on the top 16 bits of a draw: entry i is k when every uniform whose first 16
 * bits are i inverts to k (the bucket [i, i + 1) * 2^16 lies within [F(k-1), F(k)) * 2^32), and
 * 255 when a CDF boundary falls inside the bucket (then {@link poissonTail} decides, exactly as
 * it would for any draw). Only 8 of the 65,536 buckets straddle a boundary.
 */
const POISSON_TABLE: Uint8Array = (() => {
  const table = new Uint8Array(65536);
  let k = 0;
  for (let i = 0; i < 65536; i++) {
    const lo = i * 65536;
    while ((POISSON_CDF[k] as number) <= lo) k++;
    table[i] = (i + 1) * 65536 <= (POISSON_CDF[k] as number) ? k : 255;
  }
  return table;
})();

/** Independent Poisson(1) counts into w[off..end); out = [total, max]. */
function poissonFill(w: Int32Array, off: number, end: number, rng: Xoshiro128, refine: Xoshiro128, out: Float64Array): void {
  const table = POISSON_TABLE;
  let total = 0;
  let max = 0;
  let s0 = rng.s0;
  let s1 = rng.s1;
  let s2 = rng.s2;
  let s3 = rng.s3;
  for (let k = off; k < end; k++) {
    // xoshiro128** next(), inlined; u is the draw as a signed 32-bit integer
    const x = Math.imul(s1, 5);
    const u = Math.imul((x << 7) | (x >>> 25), 9);
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = (s3 << 11) | (s3 >>> 21);
    // inversion by table lookup on the top 16 bits; the rare straddling bucket goes the exact slow way
    let c = table[u >>> 16] as number;
    if (c === 255) c = poissonTail(u ^ -2147483648, refine);
    w[k] = c;
    total += c;
    if (c > max) max = c;
  }
  rng.s0 = s0;
  rng.s1 = s1;
  rng.s2 = s2;
  rng.s3 = s3;
  out[0] = total;
  out[1] = max;
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
  const source = new Rng(deriveSeed(seed, 'bootstrap', r));
  const rng = new Xoshiro128(source);
  // an independent stream for the rare extra bits of a uniform that sits on a CDF boundary
  const refine = new Xoshiro128(source.child('refine'));
  const T = prep.stratumSize.length;
  const out = new Float64Array(2);
  for (let s = 0; s < T; s++) {
    const m = prep.stratumSize[s] as number;
    if (m === 0) continue;
    const off = prep.stratumOffset[s] as number;
    const end = off + m;
    poissonFill(w, off, end, rng, refine, out);
    let total = out[0] as number;
    const max = out[1] as number;
    const rejectM = (TWO_32 - m) % m;
    const rejectMax = max > 0 ? (TWO_32 - max) % max : 0;
    while (total < m) {
      w[off + rng.below(m, rejectM)]++;
      total++;
    }
    for (; total > m; total--) {
      // pick one of the `total` draws uniformly: a uniform record, accepted with probability count / max
      for (;;) {
        const k = off + rng.below(m, rejectM);
        const c = w[k] as number;
        if (c > 0 && rng.below(max, rejectMax) < c) {
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
