/**
 * The stratified multinomial draw of one bootstrap resample, written in rank order. Within each
 * stratum (label x finest cell) of m records, the resample draws m records uniformly with
 * replacement; a record's weight is how often it was drawn. The counts are exact
 * Multinomial(m; 1/m, ..., 1/m) per stratum, independent across strata.
 *
 * Method: one independent Poisson(1) count per record, drawn in one sequential sweep over the
 * ranks (two counts per 32-bit draw, each inverted from its 16 bits by a table lookup on 12 of them); a Poisson
 * process conditioned on its total is multinomial, so the stratum's T draws are uniform and
 * independent placements. Then each stratum is corrected to exactly m: m - T further uniform
 * placements are added, or T - m uniformly chosen placements are removed (rejection on count /
 * the largest count). Either way the result is m independent uniform placements. Corrections touch
 * about sqrt(m) records, through the stratum's list of ranks.
 *
 * Randomness: resample r uses its own xoshiro128** stream whose 128-bit state is drawn from
 * `new Rng(deriveSeed(seed, 'bootstrap', r))` (src/random.ts), plus a second stream
 * (`child('refine')`) for the rare extra bits of a uniform that sits on a CDF step. Results
 * depend only on the seed and r, never on the order resamples run in or on the thread count.
 *
 * This JavaScript is the reference: audits run the same draw, bit for bit, in the WebAssembly
 * kernel (kernel.ts) when it can serve the layout, and here otherwise.
 */
import { deriveSeed, Rng } from '../random.js';
import type { RankLayout } from './rank-layout.js';

/**
 * What the draw needs to know about its units (records in rank order, or whole clusters): how
 * many there are, each unit's stratum, and each stratum's units.
 */
export type DrawLayout = Pick<RankLayout, 'n' | 'rankStratum' | 'stratumOffset' | 'stratumSize' | 'strataRanks'>;

const TWO_32 = 4294967296;
const INV_TWO_32 = 1 / TWO_32;

/** A xoshiro128** stream of uint32 draws (state seeded from src/random.ts). */
export class Xoshiro128 {
  s0: number;
  s1: number;
  s2: number;
  s3: number;

  /** Seeds the 128-bit state with four 32-bit draws of `rng` (never all zero). */
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

  /** Exactly uniform integer in [0, m) for large m (up to 2^32). */
  belowLarge(m: number): number {
    return belowLargeImpl(this, m);
  }

  /**
   * Exactly uniform integer in [0, m), 1 <= m <= 2^32 (Lemire's multiply-and-reject below 2^21);
   * `reject` must be (2^32 - m) mod m (pass it when calling often with the same m).
   */
  below(m: number, reject = (TWO_32 - m) % m): number {
    if (m >= 2097152) return this.belowLarge(m);
    for (;;) {
      const prod = this.next() * m; // exact: < 2^53
      const high = Math.floor(prod * INV_TWO_32); // exact: power-of-two scaling
      if (prod - high * TWO_32 >= reject) return high;
    }
  }
}

/** Exactly uniform integer in [0, m) for m up to 2^32: rejection on 53-bit integers. */
function belowLargeImpl(rng: Xoshiro128, m: number): number {
  const TWO_53 = 9007199254740992;
  const limit = TWO_53 - (TWO_53 % m);
  for (;;) {
    const v = (rng.next() >>> 11) * TWO_32 + rng.next(); // uniform in [0, 2^53)
    if (v < limit) return v % m;
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
/** Per Poisson(1) CDF step k: the fraction of its threshold below 2^-32 (in units of 2^-64), for the exact tie-break. */
export const CDF_FRACTION: Float64Array = Float64Array.from(POISSON_CDF, (t) => (t - Math.floor(t)) * TWO_32);
/** Per Poisson(1) CDF step k: the integer part of its threshold (scaled by 2^32) minus 2^31, compared with a signed draw. */
export const SHIFTED_FLOOR: Float64Array = Float64Array.from(CDF_FLOOR, (f) => f - 2147483648);

/**
 * Poisson(1) by exact inversion of U = (v + 2^31 + e / 2^32) / 2^32, v a signed 32-bit integer,
 * where e (32 more bits, from `refine`) is drawn only when v sits exactly on a CDF boundary.
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
 * Poisson(1) from a 16-bit uniform h whose bucket straddles a CDF step: 16 more bits from
 * `refine` make a 32-bit uniform, inverted exactly by {@link poissonTail}.
 */
function poissonStraddling(h: number, refine: Xoshiro128): number {
  return poissonTail(((h << 16) | (refine.next() >>> 16)) ^ -2147483648, refine);
}

/**
 * Inverse-CDF lookup on the top 12 of 16 random bits: entry i is k when every uniform whose
 * first 12 bits are i inverts to k, and 255 when a CDF step falls inside the bucket (then
 * {@link poissonStraddling} decides exactly from all 16 bits and more). Only 7 of the 4,096
 * buckets straddle a step; the table (4 KB) stays in the L1 cache.
 */
export const POISSON_TABLE: Uint8Array = (() => {
  const table = new Uint8Array(4096);
  const step = TWO_32 / 4096;
  let k = 0;
  for (let i = 0; i < 4096; i++) {
    const lo = i * step;
    while ((POISSON_CDF[k] as number) <= lo) k++;
    table[i] = (i + 1) * step <= (POISSON_CDF[k] as number) ? k : 255;
  }
  return table;
})();

/** Reusable buffers of {@link drawStratifiedCounts} (one per thread). */
export interface DrawScratch {
  /** Per stratum: draws placed so far. */
  totals: Int32Array;
}

/** Allocates the scratch buffers for a layout. */
export function drawScratch(layout: DrawLayout): DrawScratch {
  return { totals: new Int32Array(layout.stratumSize.length) };
}

/**
 * Independent Poisson(1) counts into w[start..end) in rank order (two per 32-bit draw),
 * per-stratum totals into `totals`; returns the largest count. Called on chunks of ranks: short
 * calls let V8 optimize the whole function, where one long loop would be compiled on the fly
 * without type feedback for the code after it (and deoptimized there on every call).
 */
function poissonSweep(
  w: Uint8Array,
  strata: Uint8Array | Uint16Array | Uint32Array,
  totals: Int32Array,
  rng: Xoshiro128,
  refine: Xoshiro128,
  start: number,
  end: number,
): number {
  const table = POISSON_TABLE;
  let max = 0;
  let s0 = rng.s0;
  let s1 = rng.s1;
  let s2 = rng.s2;
  let s3 = rng.s3;
  const even = end - ((end - start) % 2);
  for (let p = start; p < even; p += 2) {
    // xoshiro128** next(), inlined; its two 16-bit halves give two counts
    const x = Math.imul(s1, 5);
    const u = Math.imul((x << 7) | (x >>> 25), 9);
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = (s3 << 11) | (s3 >>> 21);
    let a = table[u >>> 20] as number;
    let b = table[(u >>> 4) & 0xfff] as number;
    if (((a | b) & 128) !== 0) {
      // a bucket that straddles a CDF step (probability 7 / 4096 each): decide exactly
      if (a === 255) a = poissonStraddling(u >>> 16, refine);
      if (b === 255) b = poissonStraddling(u & 0xffff, refine);
    }
    w[p] = a;
    w[p + 1] = b;
    totals[strata[p] as number] += a;
    totals[strata[p + 1] as number] += b;
    if (a > max) max = a;
    if (b > max) max = b;
  }
  rng.s0 = s0;
  rng.s1 = s1;
  rng.s2 = s2;
  rng.s3 = s3;
  if (even < end) {
    // an odd range: the last count from the high half of one more draw
    const h = rng.next() >>> 16;
    let a = table[h >>> 4] as number;
    if (a === 255) a = poissonStraddling(h, refine);
    w[even] = a;
    totals[strata[even] as number] += a;
    if (a > max) max = a;
  }
  return max;
}

/**
 * A replacement for the sweep over all ranks (the WebAssembly kernel, kernel.ts): writes the same
 * Poisson(1) counts into `w` and the same per-stratum totals into `totals`, advances `rng` and
 * `refine` exactly as the JavaScript sweep does, and returns the largest count.
 */
export type PoissonSweep = (w: Uint8Array, rng: Xoshiro128, refine: Xoshiro128, totals: Int32Array) => number;

/** Ranks per call of {@link poissonSweep} (even, so that every chunk but the last uses both halves of each draw). */
const SWEEP_CHUNK = 16384;

/** The JavaScript Poisson sweep over all ranks of `layout` (the reference for the kernel's). */
export function jsPoissonSweep(layout: DrawLayout): PoissonSweep {
  return (w, rng, refine, totals) => {
    let max = 0;
    for (let start = 0; start < layout.n; start += SWEEP_CHUNK) {
      max = Math.max(max, poissonSweep(w, layout.rankStratum, totals, rng, refine, start, Math.min(start + SWEEP_CHUNK, layout.n)));
    }
    return max;
  };
}

/**
 * A replacement for the whole draw after seeding (the WebAssembly kernel, kernel.ts): the Poisson
 * sweep and the exact corrections, writing the same counts into `w` and drawing from `rng` and
 * `refine` exactly as {@link drawStratifiedCounts} does in JavaScript.
 */
export type CountsDraw = (w: Uint8Array, rng: Xoshiro128, refine: Xoshiro128) => void;

/** The error when a draw count would pass 255 (probability below 1e-400). */
export const COUNT_OVERFLOW = 'bootstrap draw count above 255 (probability below 1e-400): please report this seed';

/**
 * Fills `w` (one count per rank) with the draw counts of bootstrap resample `r`: within each
 * stratum of m records, an exact Multinomial(m; 1/m, ..., 1/m) (see the module comment).
 * Throws if a count would exceed 255 (`w` is bytes), which has probability below 1e-400.
 * With `draw` (a kernel bound to this layout), everything after seeding runs there instead of in
 * JavaScript; the counts are the same bytes either way.
 */
export function drawStratifiedCounts(layout: DrawLayout, w: Uint8Array, seed: number, r: number, scratch: DrawScratch = drawScratch(layout), draw?: CountsDraw): void {
  const source = new Rng(deriveSeed(seed, 'bootstrap', r));
  const rng = new Xoshiro128(source);
  const refine = new Xoshiro128(source.child('refine'));
  if (draw !== undefined) {
    draw(w, rng, refine);
    return;
  }
  const { totals } = scratch;
  totals.fill(0);
  correctCounts(layout, w, totals, jsPoissonSweep(layout)(w, rng, refine, totals), rng);
}

/**
 * Corrects each stratum's Poisson counts to exactly its size: m - T uniform placements added, or
 * T - m uniformly chosen placements removed (a uniform record, accepted with probability
 * count / max).
 */
function correctCounts(layout: DrawLayout, w: Uint8Array, totals: Int32Array, max: number, rng: Xoshiro128): void {
  const { stratumOffset, stratumSize, strataRanks } = layout;
  const rejectMax = max > 0 ? (TWO_32 - max) % max : 0;
  for (let s = 0; s < stratumSize.length; s++) {
    const m = stratumSize[s] as number;
    if (m === 0) continue;
    const off = stratumOffset[s] as number;
    let total = totals[s] as number;
    const rejectM = (TWO_32 - m) % m;
    for (; total < m; total++) {
      const k = strataRanks[off + rng.below(m, rejectM)] as number;
      if ((w[k] as number) === 255) throw new Error(COUNT_OVERFLOW);
      w[k]++;
    }
    for (; total > m; total--) {
      // remove one of the `total` placements uniformly: a uniform record, accepted with probability count / max
      for (;;) {
        const k = strataRanks[off + rng.below(m, rejectM)] as number;
        const c = w[k] as number;
        if (c > 0 && rng.below(max, rejectMax) < c) {
          w[k] = c - 1;
          break;
        }
      }
    }
  }
}
