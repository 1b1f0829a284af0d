/**
 * The WebAssembly kernel of the bootstrap (src/audit/kernel.ts) against its JavaScript reference:
 * the Poisson sweep's counts, totals, largest count and generator states, the weighted pass's
 * accumulators and slice sums, and whole resample runs must be the same bits, on layouts with and
 * without coarse levels, byte and 16-bit stratum ids, odd sizes and extreme weights. Also: the
 * committed binary is what kernel.wat assembles to, and the fallbacks.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import wabtInit from 'wabt';
import { describe, expect, it } from 'vitest';
import type { SliceSums } from '../../src/audit/engine.js';
import { clusterIndex } from '../../src/audit/clusters.js';
import { evaluate } from '../../src/audit/engine.js';
import { buildSlicing, type GroupColumns } from '../../src/audit/groups.js';
import { audit } from '../../src/audit/index.js';
import { bindKernel, bootstrapKernel, useBootstrapKernel, type BoundKernel } from '../../src/audit/kernel.js';
import { KERNEL_WASM_BASE64 } from '../../src/audit/kernel-wasm.js';
import { drawScratch, drawStratifiedCounts, jsPoissonSweep, Xoshiro128 } from '../../src/audit/multinomial.js';
import { prepare } from '../../src/audit/prepare.js';
import { buildRankLayout, type RankLayout } from '../../src/audit/rank-layout.js';
import { resampleBasis, runResamplesOn } from '../../src/audit/resample.js';
import { chooseReferences } from '../../src/audit/statistics.js';
import { passScratch, weightedPass, type PassScratch } from '../../src/audit/weighted-pass.js';
import { Rng } from '../../src/random.js';

interface Data {
  labels: number[];
  scores: number[];
  groups: GroupColumns;
}

/**
 * Random records: `groups` values in the first column, 2 or 3 in the others; scores continuous
 * unless `ties` (rounded to tenths, or to 1 / ties when it is a number).
 */
function data(n: number, seed: number, opts: { columns: number; groups: number; ties?: boolean | number; positives?: number }): Data {
  const rng = new Rng(seed);
  const labels: number[] = [];
  const scores: number[] = [];
  const groups: Record<string, string[]> = {};
  for (let c = 0; c < opts.columns; c++) groups[`c${c}`] = [];
  for (let i = 0; i < n; i++) {
    const g = rng.int(opts.groups);
    const y = rng.bernoulli(opts.positives ?? 0.3) ? 1 : 0;
    labels.push(y);
    const z = 0.35 + 0.3 * y + 0.01 * g + 0.2 * rng.normal();
    const scale = opts.ties === true ? 10 : opts.ties === false ? undefined : opts.ties;
    scores.push(scale === undefined ? z : Math.round(scale * z) / scale);
    for (let c = 0; c < opts.columns; c++) groups[`c${c}`]?.push(c === 0 ? `g${g}` : `h${rng.int(c + 1)}`);
  }
  return { labels, scores, groups };
}

function layoutOf(d: Data, intersections = true): { layout: RankLayout; prep: ReturnType<typeof prepare>; slicing: ReturnType<typeof buildSlicing> } {
  const slicing = buildSlicing(d.labels.length, d.groups, { intersections });
  const prep = prepare(d.labels, d.scores, slicing.slices, slicing.sliceOf, { threshold: 0.5, bins: 10 });
  return { layout: buildRankLayout(prep), prep, slicing };
}

function bound(layout: RankLayout, draw = true): BoundKernel {
  const k = bindKernel(layout, { draw });
  expect(k).not.toBeNull();
  return k as BoundKernel;
}

/** The bits of a list of numbers (so -0 differs from 0 and every NaN payload counts). */
function bits(xs: ArrayLike<number>): string {
  return Buffer.from(Float64Array.from(xs).buffer).toString('hex');
}

function sumsBits(sums: SliceSums[]): string {
  return sums
    .map((s) => bits([s.n, s.positives, s.negatives, s.tp, s.fp, s.aucPairs, s.negVsAllPos, s.posVsAllNeg, s.apSum, s.sqErr, ...s.binCount, ...s.binScore, ...s.binPos]))
    .join('|');
}

function scratchBits(x: PassScratch): Record<string, string> {
  return Object.fromEntries(Object.entries(x).map(([k, a]) => [k, bits(a as Float64Array)]));
}

function streams(seed: number): [Xoshiro128, Xoshiro128] {
  const source = new Rng(seed);
  return [new Xoshiro128(source), new Xoshiro128(source.child('refine'))];
}

const state = (x: Xoshiro128): number[] => [x.s0, x.s1, x.s2, x.s3];

const CASES: Array<[string, Data, boolean]> = [
  ['one column (no coarse level), even size', data(4000, 1, { columns: 1, groups: 5 }), true],
  ['one column, odd size', data(3001, 2, { columns: 1, groups: 3 }), true],
  ['two columns and their intersection (coarse levels)', data(2999, 3, { columns: 2, groups: 4 }), true],
  ['three columns without intersections', data(2500, 4, { columns: 3, groups: 3 }), false],
  ['200 groups: 16-bit stratum ids', data(5001, 5, { columns: 2, groups: 200 }), true],
  ['few positives, 40 groups', data(1500, 6, { columns: 1, groups: 40, positives: 0.02 }), true],
];

/** Tied scores: long tie blocks (tenths: hundreds of records a block) and short ones (thousandths). */
const TIED_CASES: Array<[string, Data, boolean]> = [
  ['ties, one column, long blocks', data(4000, 7, { columns: 1, groups: 5, ties: true }), true],
  ['ties, two columns and their intersection, long blocks', data(3001, 8, { columns: 2, groups: 4, ties: true }), true],
  ['ties, two columns and their intersection, short blocks', data(2999, 9, { columns: 2, groups: 4, ties: 1000 }), true],
  ['ties, three columns without intersections', data(2500, 10, { columns: 3, groups: 3, ties: 100 }), false],
  ['ties, 200 groups: 16-bit stratum ids', data(5001, 11, { columns: 2, groups: 200, ties: 50 }), true],
];

describe('the committed kernel binary', () => {
  it('is exactly what src/audit/kernel.wat assembles to (regenerate with npm run audit-kernel)', async () => {
    const wabt = await wabtInit();
    const parsed = wabt.parseWat('kernel.wat', readFileSync(new URL('../../src/audit/kernel.wat', import.meta.url), 'utf8'));
    const { buffer } = parsed.toBinary({});
    parsed.destroy();
    expect(Buffer.from(KERNEL_WASM_BASE64, 'base64').toString('hex')).toBe(Buffer.from(buffer).toString('hex'));
  });
});

describe('the kernel Poisson sweep', () => {
  it.each(CASES)('gives the JavaScript counts, totals, largest count and generator states (%s)', (_, d, intersections) => {
    const { layout } = layoutOf(d, intersections);
    expect(layout.rankStratum.BYTES_PER_ELEMENT).toBe(layout.stratumSize.length > 256 ? 2 : 1);
    const k = bound(layout);
    const js = jsPoissonSweep(layout);
    let straddled = 0;
    for (let r = 0; r < 5; r++) {
      const [rngA, refineA] = streams(1000 + r);
      const [rngB, refineB] = streams(1000 + r);
      const wA = new Uint8Array(layout.n);
      const totalsA = new Int32Array(layout.stratumSize.length);
      const refineBefore = state(refineB);
      const maxA = js(wA, rngA, refineA, totalsA);
      const totalsB = new Int32Array(layout.stratumSize.length);
      const maxB = (k.draw?.sweep as NonNullable<BoundKernel['draw']>['sweep'])(k.w, rngB, refineB, totalsB);
      expect(bits(k.w)).toBe(bits(wA));
      expect([...totalsB]).toEqual([...totalsA]);
      expect(maxB).toBe(maxA);
      expect(state(rngB)).toEqual(state(rngA));
      expect(state(refineB)).toEqual(state(refineA));
      if (state(refineB).join() !== refineBefore.join()) straddled++;
    }
    // the rare exact tie-break on a CDF step (7 of 4,096 buckets) ran in these sweeps
    expect(straddled).toBeGreaterThan(0);
  });

  it('copies its counts and totals out when given arrays of its own', () => {
    const { layout } = layoutOf(CASES[1]?.[1] as Data);
    const k = bound(layout);
    const [rngA, refineA] = streams(7);
    const [rngB, refineB] = streams(7);
    const wA = new Uint8Array(layout.n);
    const wB = new Uint8Array(layout.n);
    const tA = new Int32Array(layout.stratumSize.length);
    const tB = new Int32Array(layout.stratumSize.length).fill(99);
    jsPoissonSweep(layout)(wA, rngA, refineA, tA);
    tB.fill(0); // as drawStratifiedCounts does
    k.draw?.sweep(wB, rngB, refineB, tB);
    expect(bits(wB)).toBe(bits(wA));
    expect([...tB]).toEqual([...tA]);
  });

  it.each(CASES)('gives the JavaScript draw: sweep and exact corrections (%s)', (_, d, intersections) => {
    const { layout } = layoutOf(d, intersections);
    const k = bound(layout);
    const wA = new Uint8Array(layout.n);
    const wB = new Uint8Array(layout.n);
    const scratch = drawScratch(layout);
    for (let r = 0; r < 4; r++) {
      drawStratifiedCounts(layout, wA, 3, r, scratch);
      // into its own weights, or copied out to others
      const into = r % 2 === 0 ? k.w : wB;
      drawStratifiedCounts(layout, into, 3, r, undefined, k.draw?.counts);
      expect(bits(into)).toBe(bits(wA));
    }
  });

  it('gives the JavaScript draw for a stratum of more than 2^21 records (53-bit rejection sampling)', () => {
    // a hand-made layout: one cell, 2,200,001 negatives in rank order
    const n = 2_200_001;
    const layout: RankLayout = {
      n,
      bins: 1,
      tied: false,
      cells: 1,
      slices: 1,
      rankStratum: new Uint8Array(n),
      rankScore: new Float64Array(n),
      segments: [{ start: 0, end: n, bin: 0, flagged: false }],
      stratumOffset: Uint32Array.from([0, n]),
      stratumSize: Uint32Array.from([n, 0]),
      strataRanks: Uint32Array.from({ length: n }, (_, i) => i),
      sliceCell: Int32Array.from([-1]),
      coarseSlice: new Uint32Array(0),
      coarseLevels: 0,
      sliceStrata: [Uint32Array.from([0])],
    };
    const k = bound(layout);
    const w = new Uint8Array(n);
    for (let r = 0; r < 2; r++) {
      drawStratifiedCounts(layout, w, 8, r);
      drawStratifiedCounts(layout, k.w, 8, r, undefined, k.draw?.counts);
      expect(Buffer.compare(k.w, w)).toBe(0);
    }
  });
});

describe('the kernel weighted pass', () => {
  it.each([...CASES, ...TIED_CASES])('gives the JavaScript accumulators and slice sums bit for bit (%s)', (name, d, intersections) => {
    const { layout } = layoutOf(d, intersections);
    expect(layout.tied).toBe(name.startsWith('ties'));
    const k = bound(layout, false);
    const rng = new Rng(42);
    const js = passScratch(layout);
    const kx = passScratch(layout);
    for (let trial = 0; trial < 5; trial++) {
      // trial 0: all ones; 1: a bootstrap draw; then random bytes with many zeros, up to 255
      const w = new Uint8Array(layout.n);
      if (trial === 0) w.fill(1);
      else if (trial === 1) drawStratifiedCounts(layout, w, 9, 0);
      else for (let p = 0; p < w.length; p++) w[p] = rng.bernoulli(0.4) ? 0 : rng.bernoulli(0.9) ? rng.intBetween(1, 4) : rng.intBetween(5, 255);
      const want = weightedPass(layout, w, js);
      const got = weightedPass(layout, w, kx, k.pass);
      expect(sumsBits(got)).toBe(sumsBits(want));
      expect(scratchBits(kx)).toEqual(scratchBits(js));
    }
  });

  it('keeps the sign of zero sums (no positive drawn: -0 average-precision sum)', () => {
    const d = data(301, 11, { columns: 2, groups: 3 });
    const { layout } = layoutOf(d);
    const k = bound(layout, false);
    const w = new Uint8Array(layout.n);
    for (let p = 0; p < w.length; p++) if ((layout.rankStratum[p] as number) % 2 === 0) w[p] = 2;
    const want = weightedPass(layout, w);
    expect(Object.is(want[0]?.apSum, -0)).toBe(true);
    expect(sumsBits(weightedPass(layout, w, undefined, k.pass))).toBe(sumsBits(want));
  });

  it('agrees on any small data, tied or not (property)', () => {
    // scores from a continuum, or from a few values (tie blocks of every length)
    const score = fc.oneof(fc.double({ min: -3, max: 3, noNaN: true }), fc.integer({ min: -2, max: 4 }).map((x) => x / 2));
    const record = fc.record({ y: fc.integer({ min: 0, max: 1 }), s: score, g: fc.integer({ min: 0, max: 5 }), h: fc.integer({ min: 0, max: 2 }) });
    fc.assert(
      fc.property(fc.array(record, { minLength: 1, maxLength: 120 }), fc.boolean(), fc.integer({ min: 0, max: 1e6 }), (rs, intersections, seed) => {
        const d: Data = { labels: rs.map((r) => r.y), scores: rs.map((r) => r.s), groups: { a: rs.map((r) => `a${r.g}`), b: rs.map((r) => `b${r.h}`) } };
        const { layout } = layoutOf(d, intersections);
        const k = bound(layout);
        const w = new Uint8Array(layout.n);
        drawStratifiedCounts(layout, w, seed, 0);
        drawStratifiedCounts(layout, k.w, seed, 0, undefined, k.draw?.counts);
        expect(bits(k.w)).toBe(bits(w));
        expect(sumsBits(weightedPass(layout, k.w, undefined, k.pass))).toBe(sumsBits(weightedPass(layout, w)));
      }),
      { numRuns: 150 },
    );
  });
});

describe('resample runs with the kernel', () => {
  const run = (d: Data, kernel: 'js' | 'wasm', clusters?: string[]): string => {
    const { prep, slicing } = layoutOf(d);
    const basis = { ...resampleBasis(prep, clusters === undefined ? undefined : clusterIndex(clusters, d.labels)), kernel };
    const references = chooseReferences(slicing.levels, evaluate(prep, new Int32Array(prep.n).fill(1)), {});
    return runResamplesOn(basis, slicing.levels, references, 5, 3, 9)
      .arrays()
      .map((a) => bits(a))
      .join('|');
  };

  it('give the JavaScript values, with ties, coarse levels and clusters', () => {
    for (const d of [data(1201, 21, { columns: 2, groups: 3 }), data(800, 22, { columns: 1, groups: 4, ties: true })]) {
      expect(run(d, 'wasm')).toBe(run(d, 'js'));
      const ids = d.labels.map((_, i) => `c${Math.floor(i / 3)}`);
      expect(run(d, 'wasm', ids)).toBe(run(d, 'js', ids));
    }
  });
});

describe('audit() with the kernel', () => {
  it('gives the same JSON as with JavaScript only (distinct and tied scores, coarse levels)', () => {
    expect(bootstrapKernel()).toBe('wasm');
    for (const d of [data(900, 41, { columns: 2, groups: 3 }), data(700, 42, { columns: 1, groups: 4, ties: true })]) {
      const input = { ...d, bootstrap: 40, seed: 11 };
      const withKernel = JSON.stringify(audit(input));
      useBootstrapKernel('js');
      try {
        expect(JSON.stringify(audit(input))).toBe(withKernel);
      } finally {
        useBootstrapKernel('wasm');
      }
    }
  });
});

describe('kernel fallbacks', () => {
  it('declines a layout with 32-bit stratum ids (JavaScript runs it)', () => {
    const { layout } = layoutOf(CASES[0]?.[1] as Data);
    expect(bindKernel({ ...layout, rankStratum: new Uint32Array(layout.rankStratum) }, { draw: true })).toBeNull();
  });

  it('binds the pass without the draw when asked (a cluster bootstrap draws clusters in JavaScript)', () => {
    const { layout } = layoutOf(data(500, 31, { columns: 1, groups: 3, ties: true }));
    expect(layout.tied).toBe(true);
    expect(bound(layout).draw).toBeDefined();
    expect(bound(layout, false).draw).toBeUndefined();
  });
});

describe('kernel memory', () => {
  it('is made at its final size and never grown (growing detaches a buffer, and V8 then drops optimized typed-array code)', () => {
    const wasm = (globalThis as unknown as { WebAssembly: { Memory: { prototype: { grow(pages: number): number } } } }).WebAssembly;
    const proto = wasm.Memory.prototype;
    const grow = proto.grow;
    let grown = 0;
    proto.grow = function (this: unknown, pages: number): number {
      grown++;
      return grow.call(this, pages);
    };
    try {
      const { layout } = layoutOf(data(3000, 41, { columns: 2, groups: 4 }));
      const k = bound(layout);
      expect(k.w.buffer.byteLength).toBeGreaterThan(3000 * 10); // room for the layout's arrays
      audit({ ...data(2000, 42, { columns: 1, groups: 3 }), bootstrap: 5, seed: 1 });
    } finally {
      proto.grow = grow;
    }
    expect(grown).toBe(0);
  });
});
