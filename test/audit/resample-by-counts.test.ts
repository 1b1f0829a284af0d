/**
 * The bootstrap's rank layout, its exact stratified multinomial draw, and its one-sweep weighted
 * pass. The pass is checked against the engine's `evaluate()` (itself checked against auditing
 * materialized data in bootstrap.test.ts) for arbitrary integer weights; the draw is checked for
 * its exact totals, its exact distribution on a tiny stratum (chi-square), the moments of
 * multinomial counts on a large one, and against a naive index-resampling bootstrap.
 */
import { describe, expect, it } from 'vitest';
import { audit } from '../../src/audit/index.js';
import { evaluate, type SliceSums } from '../../src/audit/engine.js';
import { buildSlicing, type GroupColumns } from '../../src/audit/groups.js';
import { drawStratifiedCounts } from '../../src/audit/multinomial.js';
import { prepare } from '../../src/audit/prepare.js';
import { buildRankLayout, type RankLayout } from '../../src/audit/rank-layout.js';
import { resampleBasis, runResamplesOn } from '../../src/audit/resample.js';
import { chooseReferences, GROUP_CI_KEYS } from '../../src/audit/statistics.js';
import { weightedPass } from '../../src/audit/weighted-pass.js';
import { Rng } from '../../src/random.js';

interface Data {
  labels: number[];
  scores: number[];
  groups: Record<string, string[]>;
}

function data(n: number, seed: number, opts: { ties: boolean; columns: number; scale?: number }): Data {
  const rng = new Rng(seed);
  const labels: number[] = [];
  const scores: number[] = [];
  const groups: Record<string, string[]> = {};
  const names = ['a', 'b', 'c'].slice(0, opts.columns);
  for (const c of names) groups[c] = [];
  for (let i = 0; i < n; i++) {
    const y = rng.bernoulli(0.3) ? 1 : 0;
    labels.push(y);
    const z = 0.35 + 0.3 * y + 0.2 * rng.normal();
    const s = opts.ties ? Math.round(20 * Math.min(1, Math.max(0, z))) / 20 : 1 / (1 + Math.exp(-4 * z));
    scores.push(s * (opts.scale ?? 1));
    names.forEach((c, k) => groups[c]?.push(rng.pick(k === 0 ? ['p', 'q', 'r'] : ['u', 'v'])));
  }
  return { labels, scores, groups };
}

function setup(d: Data, intersections: boolean) {
  const n = d.labels.length;
  const slicing = buildSlicing(n, d.groups as GroupColumns, { intersections });
  const prep = prepare(d.labels, d.scores, slicing.slices, slicing.sliceOf, { threshold: 0.5, bins: 10 });
  return { n, slicing, prep, layout: buildRankLayout(prep) };
}

function expectSameSums(got: SliceSums[], want: SliceSums[]): void {
  expect(got).toHaveLength(want.length);
  // the worst relative difference over every field of every slice (one assertion: fast for many slices)
  let worst = 0;
  let where = '';
  const check = (g: number, w: number, at: string): void => {
    const d = Math.abs(g - w) / Math.max(1, Math.abs(w));
    if (!(d <= worst)) {
      worst = Number.isNaN(d) ? Infinity : d;
      where = `${at}: ${g} vs ${w}`;
    }
  };
  want.forEach((w, s) => {
    const g = got[s] as SliceSums;
    for (const key of ['n', 'positives', 'negatives', 'tp', 'fp', 'aucPairs', 'negVsAllPos', 'posVsAllNeg', 'apSum', 'sqErr'] as const) check(g[key], w[key], `slice ${s} ${key}`);
    for (const key of ['binCount', 'binScore', 'binPos'] as const) w[key].forEach((v, b) => check(g[key][b] as number, v, `slice ${s} ${key}[${b}]`));
  });
  expect(worst, where).toBeLessThanOrEqual(1e-9);
}

describe('weighted pass in rank order', () => {
  const cases: Array<[string, Data, boolean]> = [
    ['one column, distinct scores', data(300, 1, { ties: false, columns: 1 }), true],
    ['one column, tied scores', data(300, 2, { ties: true, columns: 1 }), true],
    ['two columns and their intersection, distinct scores', data(300, 3, { ties: false, columns: 2 }), true],
    ['two columns and their intersection, tied scores', data(300, 4, { ties: true, columns: 2 }), true],
    ['two columns without intersections (every level coarser than the cells), tied', data(300, 5, { ties: true, columns: 2 }), false],
    ['three columns, distinct scores outside [0, 1]', data(300, 6, { ties: false, columns: 3, scale: 7 }), true],
  ];
  it.each(cases)('gives exactly the sums of the engine for any integer weights (%s)', (_, d, intersections) => {
    const { n, prep, layout } = setup(d, intersections);
    const rng = new Rng(99);
    for (let trial = 0; trial < 4; trial++) {
      // weights per rank, 0..5 with many zeros (trial 0: all ones, the point estimate)
      const w = new Uint8Array(n);
      for (let p = 0; p < n; p++) w[p] = trial === 0 ? 1 : rng.bernoulli(0.4) ? 0 : rng.intBetween(1, 5);
      const bySlot = new Int32Array(n);
      for (let p = 0; p < n; p++) bySlot[prep.rankSlot[p] as number] = w[p] as number;
      expectSameSums(weightedPass(layout, w), evaluate(prep, bySlot));
    }
  });

  it('handles more than 65,536 strata (32-bit stratum ids)', () => {
    // 33,000 records, each its own group: 66,000 strata
    const n = 33000;
    const rng = new Rng(13);
    const labels = Array.from({ length: n }, () => (rng.bernoulli(0.5) ? 1 : 0));
    const scores = Array.from({ length: n }, () => rng.float());
    const g = Array.from({ length: n }, (_, i) => `g${i}`);
    const { prep, layout } = setup({ labels, scores, groups: { g } }, true);
    expect(layout.rankStratum).toBeInstanceOf(Uint32Array);
    const w = new Uint8Array(n);
    drawStratifiedCounts(layout, w, 1, 0);
    expect(stratumTotals(layout, w)).toEqual([...layout.stratumSize]);
    const bySlot = new Int32Array(n);
    for (let p = 0; p < n; p++) bySlot[prep.rankSlot[p] as number] = w[p] as number;
    expectSameSums(weightedPass(layout, w), evaluate(prep, bySlot));
  });

  it('lays records out in descending score order with their strata', () => {
    const { n, prep, layout } = setup(data(200, 7, { ties: true, columns: 2 }), true);
    for (let p = 1; p < n; p++) expect(layout.rankScore[p - 1] as number).toBeGreaterThanOrEqual(layout.rankScore[p] as number);
    // every stratum's ranks, ascending, hold records of that stratum
    for (let st = 0; st < layout.stratumSize.length; st++) {
      const off = layout.stratumOffset[st] as number;
      for (let k = 0; k < (layout.stratumSize[st] as number); k++) {
        const p = layout.strataRanks[off + k] as number;
        expect(layout.rankStratum[p]).toBe(st);
        if (k > 0) expect(p).toBeGreaterThan(layout.strataRanks[off + k - 1] as number);
      }
    }
    // slot order: rank of each slot, and the slot's score is that rank's score
    for (let slot = 0; slot < n; slot++) expect(prep.slotScore[slot]).toBe(layout.rankScore[layout.strataRanks[slot] as number]);
    expect(layout.segments.reduce((a, s) => a + s.end - s.start, 0)).toBe(n);
    expect(prep.stratumSize.reduce((a, b) => a + b, 0)).toBe(n);
  });
});

/** Sum of counts per stratum. */
function stratumTotals(layout: RankLayout, w: Uint8Array): number[] {
  const t = new Array<number>(layout.stratumSize.length).fill(0);
  for (let p = 0; p < layout.n; p++) t[layout.rankStratum[p] as number] += w[p] as number;
  return t;
}

describe('stratified multinomial draw', () => {
  it('draws exactly as many records from each stratum as it holds (odd and even sizes)', () => {
    for (const n of [1, 2, 7, 301]) {
      const { layout } = setup(data(n, 11 + n, { ties: false, columns: 2 }), true);
      const w = new Uint8Array(n);
      for (let r = 0; r < 20; r++) {
        drawStratifiedCounts(layout, w, 5, r);
        expect(stratumTotals(layout, w)).toEqual([...layout.stratumSize]);
      }
    }
  });

  it('depends only on the seed and the resample number', () => {
    const { n, layout } = setup(data(500, 12, { ties: false, columns: 1 }), true);
    const draw = (seed: number, r: number): number[] => {
      const w = new Uint8Array(n);
      drawStratifiedCounts(layout, w, seed, r);
      return [...w];
    };
    const first = draw(3, 7);
    draw(3, 8); // drawing other resamples in between changes nothing
    expect(draw(3, 7)).toEqual(first);
    expect(draw(3, 8)).not.toEqual(first);
    expect(draw(4, 7)).not.toEqual(first);
  });

  it('gives each of the 10 outcomes of Multinomial(3; 1/3, 1/3, 1/3) its probability (chi-square)', () => {
    // one stratum of three records: labels all 0, one group
    const { layout } = setup({ labels: [0, 0, 0], scores: [0.1, 0.5, 0.9], groups: { g: ['x', 'x', 'x'] } }, true);
    const N = 6000;
    const seen = new Map<string, number>();
    const w = new Uint8Array(3);
    for (let r = 0; r < N; r++) {
      drawStratifiedCounts(layout, w, 1, r);
      const key = [...w].join('');
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
    // (3,0,0) and permutations: 1/27 each; (2,1,0) and permutations: 3/27 each; (1,1,1): 6/27
    const expected: Record<string, number> = { '111': 6 / 27 };
    for (const k of ['300', '030', '003']) expected[k] = 1 / 27;
    for (const k of ['210', '201', '120', '021', '102', '012']) expected[k] = 3 / 27;
    expect([...seen.keys()].every((k) => k in expected)).toBe(true);
    let chi2 = 0;
    for (const [k, p] of Object.entries(expected)) chi2 += ((seen.get(k) ?? 0) - N * p) ** 2 / (N * p);
    expect(chi2).toBeLessThan(27.88); // chi-square, 9 degrees of freedom, p = 0.001
  });

  it('gives counts with the moments of a multinomial on a large stratum', () => {
    // m = 20,000 records in one stratum: per resample the mean count is exactly 1, the variance of
    // the counts has expectation 1 - 1/m (sd about sqrt(3 / m) = 0.012 per resample), and the share
    // of records never drawn has expectation (1 - 1/m)^m = 0.3679 (sd about 0.0034)
    const m = 20000;
    const rng = new Rng(2);
    const scores = Array.from({ length: m }, () => rng.float());
    const { layout } = setup({ labels: new Array<number>(m).fill(1), scores, groups: { g: new Array<string>(m).fill('x') } }, true);
    const w = new Uint8Array(m);
    let variance = 0;
    let zeros = 0;
    const R = 10;
    for (let r = 0; r < R; r++) {
      drawStratifiedCounts(layout, w, 8, r);
      let sum = 0;
      let sq = 0;
      for (let p = 0; p < m; p++) {
        sum += w[p] as number;
        sq += ((w[p] as number) - 1) ** 2;
        if (w[p] === 0) zeros++;
      }
      expect(sum).toBe(m);
      variance += sq / m / R;
    }
    expect(Math.abs(variance - (1 - 1 / m))).toBeLessThan(0.015); // about 4 sd of the 10-resample mean
    expect(Math.abs(zeros / (m * R) - (1 - 1 / m) ** m)).toBeLessThan(0.005); // about 4.6 sd
  });

  it('spreads like a naive bootstrap that resamples record indices per stratum', () => {
    // same data, two bootstraps with independent randomness: the standard errors of the overall
    // AUC and of a group's FPR agree within 25% (each estimated from 200 resamples: relative sd
    // of a standard-error estimate about 1 / sqrt(2 * 200) = 5%, of their ratio about 7%)
    const d = data(400, 21, { ties: false, columns: 1 });
    const R = 200;
    const ours = audit({ ...d, bootstrap: 0 });
    const { n, slicing, prep, layout } = setup(d, true);
    const refs = chooseReferences(slicing.levels, evaluate(prep, new Int32Array(n).fill(1)), {});
    const collector = runResamplesOn(resampleBasis(prep), slicing.levels, refs, 4, 0, R);
    const arrays = collector.arrays();
    // collector arrays: slice after slice, GROUP_CI_KEYS in order within a slice (slice 1 = group p)
    const sd = (xs: ArrayLike<number>): number => {
      const v = Array.from(xs).filter((x) => !Number.isNaN(x));
      const mean = v.reduce((a, b) => a + b, 0) / v.length;
      return Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / (v.length - 1));
    };
    const k = GROUP_CI_KEYS.length;
    const aucOurs = sd(arrays[GROUP_CI_KEYS.indexOf('auc')] as Float64Array);
    const fprOurs = sd(arrays[k + GROUP_CI_KEYS.indexOf('fpr')] as Float64Array);
    // naive: per stratum (label x group), draw m indices uniformly with replacement
    const strata = new Map<string, number[]>();
    d.labels.forEach((y, i) => {
      const key = `${y}|${d.groups['a']?.[i]}`;
      strata.set(key, [...(strata.get(key) ?? []), i]);
    });
    const rng = new Rng(77);
    const aucs: number[] = [];
    const fprs: number[] = [];
    for (let r = 0; r < R; r++) {
      const pick: number[] = [];
      for (const members of strata.values()) for (let j = 0; j < members.length; j++) pick.push(members[rng.int(members.length)] as number);
      const res = audit({ labels: pick.map((i) => d.labels[i] as number), scores: pick.map((i) => d.scores[i] as number), groups: { a: pick.map((i) => d.groups['a']?.[i] as string) }, bootstrap: 0 });
      aucs.push(res.overall.auc as number);
      fprs.push(res.groups['a']?.[0]?.fpr as number);
    }
    expect(layout.n).toBe(n);
    expect(ours.overall.auc).not.toBeNull();
    expect(Math.abs(aucOurs / sd(aucs) - 1)).toBeLessThan(0.25);
    expect(Math.abs(fprOurs / sd(fprs) - 1)).toBeLessThan(0.25);
  });
});

describe('resample ranges', () => {
  it('give the same values whether run in one range or split (as worker threads split them)', () => {
    const d = data(250, 31, { ties: true, columns: 2 });
    const { n, slicing, prep } = setup(d, true);
    const refs = chooseReferences(slicing.levels, evaluate(prep, new Int32Array(n).fill(1)), {});
    const basis = resampleBasis(prep);
    const whole = runResamplesOn(basis, slicing.levels, refs, 9, 0, 12).arrays();
    const a = runResamplesOn(basis, slicing.levels, refs, 9, 0, 5).arrays();
    const b = runResamplesOn(basis, slicing.levels, refs, 9, 5, 12).arrays();
    whole.forEach((arr, k) => expect([...arr]).toEqual([...(a[k] as Float64Array), ...(b[k] as Float64Array)]));
  });
});

describe('bootstrap intervals', () => {
  it('contain the point estimate of stable statistics', () => {
    const d = data(3000, 41, { ties: false, columns: 1 });
    const r = audit({ ...d, threshold: 0.85, bootstrap: 200, seed: 5 });
    const inside = (v: number | null, ci: [number, number] | null | undefined): void => {
      expect(ci).toBeTruthy();
      const [lo, hi] = ci as [number, number];
      expect(lo).toBeLessThanOrEqual(v as number);
      expect(hi).toBeGreaterThanOrEqual(v as number);
      expect(hi).toBeGreaterThan(lo);
    };
    for (const key of ['auc', 'prAuc', 'fpr', 'tpr', 'brier', 'selectionRate'] as const) inside(r.overall[key], r.overallCi[key]);
    for (const row of r.groups['a'] ?? []) for (const key of ['auc', 'fpr', 'bpsnAuc', 'bnspAuc'] as const) inside(row[key], row.ci[key]);
  });
});
