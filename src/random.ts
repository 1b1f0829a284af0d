/**
 * Seeded randomness. Every random choice in adscreen flows from an explicit seed through
 * this module: a xoroshiro128+ generator (pure-rand), with child streams derived by hashing
 * the parent seed with a label, so a record's randomness depends only on (seed, record index)
 * and never on how many records were drawn before it.
 */
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';

/** 32-bit FNV-1a hash of a string, mixed with a starting value. Used to derive seeds. */
export function hash32(text: string, start = 0x811c9dc5): number {
  let h = start >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  // final avalanche so nearby labels give unrelated seeds
  return fmix32(h);
}

/** murmur3's 32-bit finaliser (fmix32), as an unsigned integer: the last step of {@link hash32}. */
export function fmix32(state: number): number {
  let h = state;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Derives a child seed from a parent seed and any number of labels (strings or numbers). */
export function deriveSeed(seed: number, ...labels: Array<string | number>): number {
  let h = hash32(String(seed >>> 0));
  for (const label of labels) h = hash32(`\u0000${label}`, h);
  return h;
}

/** A seeded random source with the draws adscreen needs. Not cryptographic. */
export class Rng {
  readonly seed: number;
  private readonly gen: RandomGenerator;

  /** Creates a generator from an integer seed (taken modulo 2^32). */
  constructor(seed: number) {
    if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
    this.seed = Math.trunc(seed) >>> 0;
    this.gen = xoroshiro128plus(this.seed);
  }

  /** A child generator whose stream depends only on this generator's seed and the labels. */
  child(...labels: Array<string | number>): Rng {
    return new Rng(deriveSeed(this.seed, ...labels));
  }

  /** Uniform float in [0, 1) with 53 random bits. */
  float(): number {
    const a = this.gen.next() & 0x3ffffff;
    const b = this.gen.next() & 0x7ffffff;
    return a * 1.4901161193847656e-8 + b * 1.1102230246251565e-16;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  /** Uniform integer in [lo, hi] (both included). */
  intBetween(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  /** True with probability p. */
  bernoulli(p: number): boolean {
    return this.float() < p;
  }

  /** A uniformly chosen element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick() needs a non-empty array');
    return items[this.int(items.length)] as T;
  }

  /** Index drawn with probability proportional to the (non-negative) weights. */
  weightedIndex(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    if (!(total > 0)) throw new RangeError('weightedIndex() needs a positive total weight');
    let r = this.float() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i] as number;
      if (r < 0) return i;
    }
    return weights.length - 1;
  }

  /** Shuffles an array in place (Fisher-Yates) and returns it. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = items[i] as T;
      items[i] = items[j] as T;
      items[j] = t;
    }
    return items;
  }

  /** Standard normal draw (Box-Muller). */
  normal(): number {
    const u = 1 - this.float();
    const v = this.float();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}
