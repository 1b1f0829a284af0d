import { describe, expect, it } from 'vitest';
import { Rng, deriveSeed, hash32 } from '../../src/random.js';

describe('Rng', () => {
  it('gives the same stream for the same seed and a different one for another seed', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const c = new Rng(43);
    const xs = Array.from({ length: 50 }, () => a.float());
    expect(Array.from({ length: 50 }, () => b.float())).toEqual(xs);
    expect(Array.from({ length: 50 }, () => c.float())).not.toEqual(xs);
  });

  it('draws floats in [0, 1) with mean near 1/2 and ints covering [0, n)', () => {
    const r = new Rng(7);
    let sum = 0;
    const counts = new Array<number>(5).fill(0);
    const n = 50_000;
    for (let i = 0; i < n; i++) {
      const x = r.float();
      expect(x >= 0 && x < 1).toBe(true);
      sum += x;
      counts[r.int(5)]! += 1;
    }
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(0.01);
    // each bucket expects 10,000; 5 standard deviations is about 450
    for (const c of counts) expect(Math.abs(c - n / 5)).toBeLessThan(450);
  });

  it('child streams depend only on the parent seed and the labels', () => {
    const parent = new Rng(5);
    parent.float(); // advancing the parent must not change its children
    expect(parent.child('block', 3).float()).toBe(new Rng(5).child('block', 3).float());
    expect(parent.child('block', 3).float()).not.toBe(parent.child('block', 4).float());
    expect(deriveSeed(5, 'a', 1)).not.toBe(deriveSeed(5, 'a1'));
  });

  it('weightedIndex follows the weights and bernoulli follows p', () => {
    const r = new Rng(11);
    const hits = [0, 0, 0];
    let yes = 0;
    const n = 40_000;
    for (let i = 0; i < n; i++) {
      hits[r.weightedIndex([1, 0, 3])]! += 1;
      if (r.bernoulli(0.3)) yes += 1;
    }
    expect(hits[1]).toBe(0);
    expect(Math.abs(hits[0]! / n - 0.25)).toBeLessThan(0.015);
    expect(Math.abs(yes / n - 0.3)).toBeLessThan(0.015);
  });

  it('rejects a non-finite seed and empty choices with a clear message', () => {
    expect(() => new Rng(Number.NaN)).toThrow(/seed must be a finite number/);
    expect(() => new Rng(1).pick([])).toThrow(/non-empty/);
    expect(() => new Rng(1).weightedIndex([0, 0])).toThrow(/positive total/);
  });

  it('shuffle is a seeded permutation', () => {
    const a = new Rng(3).shuffle([...Array(20).keys()]);
    expect([...a].sort((x, y) => x - y)).toEqual([...Array(20).keys()]);
    expect(new Rng(3).shuffle([...Array(20).keys()])).toEqual(a);
  });
});

describe('hash32', () => {
  it('equals FNV-1a followed by the murmur3 finaliser (values from an independent Python implementation)', () => {
    // python: h = 0x811c9dc5; for ch: h ^= ord(ch); h = h * 0x01000193 mod 2^32; then fmix32
    expect(hash32('')).toBe(2872998923);
    expect(hash32('a')).toBe(444641715);
    expect(hash32('adscreen')).toBe(2395837159);
  });
});
