/**
 * The bootstrap by counts: stratified resampling keeps every stratum's size, the weighted
 * evaluation of a resample equals auditing the materialized resample (records repeated by their
 * draw counts), results are reproducible from the seed, and intervals are numpy-style percentiles.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { audit, percentileInterval, type AuditResult } from '../../src/audit/index.js';
import { evaluate } from '../../src/audit/engine.js';
import { drawStratifiedCounts } from '../../src/audit/multinomial.js';
import { buildRankLayout } from '../../src/audit/rank-layout.js';
import { weightedPass } from '../../src/audit/weighted-pass.js';
import { prepare } from '../../src/audit/prepare.js';
import { buildSlicing } from '../../src/audit/groups.js';
import { chooseReferences, computeStatistics } from '../../src/audit/statistics.js';
import { Rng } from '../../src/random.js';

function data(n: number, seed: number, ties = true): { labels: number[]; scores: number[]; groups: Record<string, string[]> } {
  const rng = new Rng(seed);
  const labels: number[] = [];
  const scores: number[] = [];
  const a: string[] = [];
  const b: string[] = [];
  for (let i = 0; i < n; i++) {
    const y = rng.bernoulli(0.3) ? 1 : 0;
    labels.push(y);
    const z = 0.35 + 0.3 * y + 0.2 * rng.normal();
    scores.push(ties ? Math.round(100 * Math.min(1, Math.max(0, z))) / 100 : 1 / (1 + Math.exp(-4 * z))); // rounded: many ties
    a.push(rng.pick(['p', 'q', 'r']));
    b.push(rng.pick(['u', 'v']));
  }
  return { labels, scores, groups: { a, b } };
}

describe('stratified bootstrap by counts (draw in rank order, one weighted pass)', () => {
  const d = data(400, 5);
  const slicing = buildSlicing(400, d.groups, { intersections: true });
  const prep = prepare(d.labels, d.scores, slicing.slices, slicing.sliceOf, { threshold: 0.5, bins: 10 });

  it('draws exactly as many records from each stratum as it holds', () => {
    const layout = buildRankLayout(prep);
    const w = new Uint8Array(400);
    for (let r = 0; r < 5; r++) {
      drawStratifiedCounts(layout, w, 9, r);
      const sums = new Float64Array(prep.stratumSize.length);
      for (let p = 0; p < 400; p++) sums[layout.rankStratum[p] as number] += w[p] as number;
      expect([...sums]).toEqual([...prep.stratumSize]);
    }
  });

  it.each([
    ['tied scores', true],
    ['distinct scores', false],
  ])('a weighted resample gives exactly the metrics of the materialized resample (%s)', (_, ties) => {
    const d = data(400, 5, ties as boolean);
    const prep = prepare(d.labels, d.scores, slicing.slices, slicing.sliceOf, { threshold: 0.5, bins: 10 });
    expect(prep.tied).toBe(ties);
    const layout = buildRankLayout(prep);
    const w = new Uint8Array(400);
    drawStratifiedCounts(layout, w, 9, 2);
    const sums = weightedPass(layout, w);
    // the draw count of each record: rank p holds the record in slot rankSlot[p]
    const countOfSlot = new Int32Array(400);
    for (let p = 0; p < 400; p++) countOfSlot[prep.rankSlot[p] as number] = w[p] as number;
    const refs = chooseReferences(slicing.levels, evaluate(prep, new Int32Array(400).fill(1)), {});
    const weighted = computeStatistics(prep, slicing.levels, sums, refs);
    // materialize: repeat each record by its draw count
    const labels: number[] = [];
    const scores: number[] = [];
    const a: string[] = [];
    const b: string[] = [];
    for (let i = 0; i < 400; i++) {
      for (let c = 0; c < (countOfSlot[prep.slotOfRecord[i] as number] as number); c++) {
        labels.push(d.labels[i] as number);
        scores.push(d.scores[i] as number);
        a.push(d.groups['a']?.[i] as string);
        b.push(d.groups['b']?.[i] as string);
      }
    }
    expect(labels).toHaveLength(400);
    const reference = { a: refs[1] as string, b: refs[2] as string, 'a & b': refs[3] as string };
    const direct = audit({ labels, scores, groups: { a, b }, bootstrap: 0, reference });
    const near = (x: number | null | undefined, y: number | null | undefined): void => {
      if (y === null || y === undefined) expect(x ?? null).toBeNull();
      else expect(Math.abs((x as number) - y)).toBeLessThan(1e-12);
    };
    for (const [key, v] of Object.entries(direct.overall)) near(weighted.metrics[0]?.[key as keyof typeof direct.overall], v);
    slicing.levels.forEach((lv, l) => {
      if (l === 0) return;
      const rows = lv.columns.length === 1 ? direct.groups[lv.name] : direct.intersections.filter((r) => r.columns.join(' & ') === lv.name);
      lv.groups.forEach((g, k) => {
        const row = rows?.find((r) => r.group === g);
        const s = lv.firstSlice + k;
        for (const key of Object.keys(weighted.metrics[s] ?? {})) near((weighted.metrics[s] as unknown as Record<string, number>)[key], (row as unknown as Record<string, number>)[key]);
        for (const key of ['subgroupAuc', 'bpsnAuc', 'bnspAuc'] as const) near(weighted.bias[s]?.[key], row?.[key]);
      });
      const wd = weighted.disparities[l];
      const dd = direct.disparities[lv.name];
      for (const key of ['demographicParityDifference', 'equalizedOddsRatio', 'fped', 'fned', 'biasAucFinal'] as const) near(wd?.[key], dd?.[key]);
    });
  });

  it('is reproducible from the seed, and the seed matters', () => {
    const run = (seed: number): AuditResult => audit({ ...d, bootstrap: 50, seed });
    const one = JSON.stringify(run(3));
    expect(JSON.stringify(run(3))).toBe(one);
    expect(JSON.stringify(run(4))).not.toBe(one);
  });

  it('gives intervals for every group metric and every disparity', () => {
    const r = audit({ ...d, bootstrap: 30, seed: 1 });
    const row = r.groups['a']?.[0];
    for (const key of ['tpr', 'fpr', 'fnr', 'ppv', 'selectionRate', 'auc', 'prAuc', 'brier', 'ece', 'subgroupAuc', 'bpsnAuc', 'bnspAuc']) {
      expect(row?.ci[key], key).toHaveLength(2);
    }
    expect(Object.keys(r.disparities['a']?.ci ?? {})).toContain('equalizedOddsDifference');
    expect(r.disparities['a']?.byGroup[1]?.ci['fprRatio']).toHaveLength(2);
    expect(r.intersections[0]?.ci['fpr']).toHaveLength(2);
    expect(r.overallCi['auc']).toHaveLength(2);
  });
});

describe('percentile intervals', () => {
  it('interpolate linearly between order statistics (numpy default)', () => {
    // h = (m - 1) p: m = 5, p = 0.25 -> 1 -> 2; p = 0.75 -> 3 -> 4
    expect(percentileInterval(Float64Array.from([5, 1, 4, 2, 3]), 0.5).interval).toEqual([2, 4]);
    // m = 4: p = 0.025 -> h = 0.075 -> 1 + 0.075; p = 0.975 -> h = 2.925 -> 3 + 0.925
    const [lo, hi] = percentileInterval(Float64Array.from([1, 2, 3, 4]), 0.95).interval as [number, number];
    expect(lo).toBeCloseTo(1.075, 14);
    expect(hi).toBeCloseTo(3.925, 14);
  });
  it('skip undefined values and say how many were defined', () => {
    expect(percentileInterval(Float64Array.from([Number.NaN, 2, 2]), 0.9)).toEqual({ interval: [2, 2], defined: 2 });
    expect(percentileInterval(Float64Array.from([Number.NaN]), 0.9)).toEqual({ interval: null, defined: 0 });
  });
});

describe('auditAsync', () => {
  it('returns exactly what audit() returns', async () => {
    const { auditAsync } = await import('../../src/audit/index.js');
    const d = data(300, 8);
    const input = { ...d, bootstrap: 40, seed: 11 };
    expect(JSON.stringify(await auditAsync({ ...input, threads: 2 }))).toBe(JSON.stringify(audit(input)));
  });
});

// worker threads need the built worker script (CI builds before testing; skipped when dist/ is absent)
const dist = resolve('dist');
const built = existsSync(join(dist, 'audit', 'bootstrap-worker.js'));
describe.skipIf(!built)('auditAsync on worker threads (built package)', () => {
  const load = async () => (await import(pathToFileURL(join(dist, 'audit', 'index.js')).href)) as typeof import('../../src/audit/index.js');
  it("gives audit()'s bytes for 2 and 3 threads, with ties, intersections and progress", async () => {
    const { auditAsync } = await load();
    const d = data(500, 9);
    const input = { ...d, bootstrap: 30, seed: 5, prevalence: 0.01, volume: 1000 };
    const expected = JSON.stringify(audit(input));
    for (const threads of [2, 3]) {
      let calls = 0;
      const got = await auditAsync({ ...input, threads, onProgress: () => calls++ });
      expect(JSON.stringify(got)).toBe(expected);
      expect(calls).toBe(30);
    }
    const distinct = { ...data(400, 10, false), bootstrap: 25, seed: 2 };
    expect(JSON.stringify(await auditAsync({ ...distinct, threads: 2 }))).toBe(JSON.stringify(audit(distinct)));
  });
  it('rejects bad input with the same error and leaves no worker running', async () => {
    const { auditAsync } = await load();
    const d = data(50, 3);
    await expect(auditAsync({ ...d, labels: d.labels.map((y, i) => (i === 7 ? 2 : y)), bootstrap: 10, threads: 2 })).rejects.toThrow(/labels/);
    // had a worker been left waiting for its task, the test run would not end
  });
});
