/**
 * The cluster bootstrap (src/audit/clusters.ts): the cluster index and its label strata, that a
 * resample weights every record of a cluster alike and draws as many clusters per stratum as it
 * holds (the weighted pass that turns these weights into statistics is checked for arbitrary
 * integer weights in resample-by-counts.test.ts), and what it is for: on data where every record appears as k identical copies (one cluster each), the cluster
 * bootstrap's interval matches the interval of the de-duplicated data, while resampling records
 * one by one is about sqrt(k) times too narrow.
 */
import { describe, expect, it } from 'vitest';
import { audit, auditAsync } from '../../src/audit/index.js';
import { buildClusterLayout, clusterIndex, expandClusterCounts } from '../../src/audit/clusters.js';
import { buildSlicing, type GroupColumns } from '../../src/audit/groups.js';
import { drawScratch, drawStratifiedCounts } from '../../src/audit/multinomial.js';
import { prepare } from '../../src/audit/prepare.js';
import { buildRankLayout } from '../../src/audit/rank-layout.js';
import { InputError } from '../../src/errors.js';
import { Rng } from '../../src/random.js';

function clustered(clusters: number, seed: number) {
  // each cluster: one label, one group, 1-4 records with nearby scores
  const rng = new Rng(seed);
  const labels: number[] = [];
  const scores: number[] = [];
  const group: string[] = [];
  const ids: string[] = [];
  for (let c = 0; c < clusters; c++) {
    const y = rng.bernoulli(0.3) ? 1 : 0;
    const g = rng.pick(['p', 'q', 'r']);
    const centre = 0.35 + 0.3 * y + 0.2 * rng.normal();
    const k = 1 + rng.int(4);
    for (let j = 0; j < k; j++) {
      labels.push(y);
      scores.push(1 / (1 + Math.exp(-4 * (centre + 0.05 * rng.normal()))));
      group.push(g);
      ids.push(`poster-${c}`);
    }
  }
  return { labels, scores, groups: { group }, ids };
}

describe('cluster index', () => {
  it('numbers clusters by first appearance and stratifies them by their labels', () => {
    const idx = clusterIndex(['x', 'y', 'x', 7, 'z', 7], [0, 1, 0, 1, 1, 0]);
    expect([...idx.clusterOf]).toEqual([0, 1, 0, 2, 3, 2]);
    expect(idx.count).toBe(4);
    expect([...idx.stratum]).toEqual([0, 1, 2, 1]); // x all negative, y positive, 7 mixed, z positive
  });

  it('rejects a column of the wrong length or an empty id, naming the field and record', () => {
    expect(() => clusterIndex(['a'], [0, 1])).toThrow(InputError);
    expect(() => clusterIndex(['a'], [0, 1])).toThrow(/clusters.*expected 2 cluster ids/);
    expect(() => clusterIndex(['a', ''], [0, 1])).toThrow(/record 1: expected a non-empty cluster id/);
    expect(() => audit({ labels: [0, 1], scores: [0.1, 0.9], groups: { g: ['a', 'a'] }, clusters: ['a'], bootstrap: 5 })).toThrow(/clusters/);
  });
});

describe('cluster resamples', () => {
  const d = clustered(300, 5);
  const n = d.labels.length;
  const slicing = buildSlicing(n, d.groups as GroupColumns, { intersections: false });
  const prep = prepare(d.labels, d.scores, slicing.slices, slicing.sliceOf, { threshold: 0.5, bins: 10 });
  const idx = clusterIndex(d.ids, d.labels);
  const layout = buildClusterLayout(prep, buildRankLayout(prep), idx);

  it('gives every record of a cluster its cluster count, and draws each stratum full', () => {
    const cw = new Uint8Array(idx.count);
    const w = new Uint8Array(n);
    const scratch = drawScratch(layout.units);
    // record i's rank, from the engine's index
    const rankOf = new Uint32Array(n);
    const slotRank = new Uint32Array(n);
    for (let p = 0; p < n; p++) slotRank[prep.rankSlot[p] as number] = p;
    for (let i = 0; i < n; i++) rankOf[i] = slotRank[prep.slotOfRecord[i] as number] as number;
    for (let r = 0; r < 20; r++) {
      drawStratifiedCounts(layout.units, cw, 9, r, scratch);
      expandClusterCounts(layout, cw, w);
      const perStratum = [0, 0, 0];
      for (let c = 0; c < idx.count; c++) perStratum[idx.stratum[c] as number] += cw[c] as number;
      const sizes = [0, 0, 0];
      for (let c = 0; c < idx.count; c++) sizes[idx.stratum[c] as number]++;
      expect(perStratum).toEqual(sizes);
      for (let i = 0; i < n; i++) expect(w[rankOf[i] as number]).toBe(cw[idx.clusterOf[i] as number]);
    }
  });

  it('records the scheme, and auditAsync gives the same result', async () => {
    const input = { ...d, clusters: d.ids, bootstrap: 40, seed: 3, intersections: false };
    const one = audit(input);
    expect(one.bootstrap.clusters).toBe(idx.count);
    expect(one.bootstrap.scheme).toMatch(/cluster bootstrap/);
    const two = await auditAsync({ ...input, threads: 2 });
    expect(JSON.stringify(two)).toBe(JSON.stringify(one));
    const plain = audit({ ...d, bootstrap: 40, seed: 3, intersections: false });
    expect(plain.bootstrap.clusters).toBeNull();
    // point estimates do not depend on how intervals are made
    expect(one.overall).toEqual(plain.overall);
  });
});

describe('what the cluster bootstrap is for', () => {
  // 600 distinct records, each repeated 4 times as one cluster
  const rng = new Rng(21);
  const base = { labels: [] as number[], scores: [] as number[], group: [] as string[] };
  for (let i = 0; i < 600; i++) {
    const y = rng.bernoulli(0.4) ? 1 : 0;
    base.labels.push(y);
    base.scores.push(1 / (1 + Math.exp(-(1.2 * y - 0.8 + rng.normal()))));
    base.group.push('all');
  }
  const rep = <T,>(xs: T[]): T[] => xs.flatMap((x) => [x, x, x, x]);
  const dup = { labels: rep(base.labels), scores: rep(base.scores), group: rep(base.group), ids: rep(base.labels.map((_, i) => `c${i}`)) };
  const width = (r: ReturnType<typeof audit>, key: 'fpr' | 'auc'): number => {
    const ci = r.overallCi[key] as [number, number];
    return ci[1] - ci[0];
  };
  const opts = { bootstrap: 600, threshold: 0.5, seed: 2, intersections: false };
  const original = audit({ labels: base.labels, scores: base.scores, groups: { group: base.group }, ...opts });
  const byCluster = audit({ labels: dup.labels, scores: dup.scores, groups: { group: dup.group }, clusters: dup.ids, ...opts });
  const byRecord = audit({ labels: dup.labels, scores: dup.scores, groups: { group: dup.group }, ...opts });

  it('matches the interval of the de-duplicated data (within 20%)', () => {
    for (const key of ['fpr', 'auc'] as const) {
      expect(width(byCluster, key) / width(original, key)).toBeGreaterThan(0.8);
      expect(width(byCluster, key) / width(original, key)).toBeLessThan(1.2);
    }
  });

  it('where resampling records one by one is about half as wide (sqrt(4) too narrow)', () => {
    for (const key of ['fpr', 'auc'] as const) {
      const ratio = width(byRecord, key) / width(original, key);
      expect(ratio).toBeGreaterThan(0.35);
      expect(ratio).toBeLessThan(0.65);
    }
  });
});
