import { describe, expect, it } from 'vitest';
import { augmentTwins, mitigationPipeline, resolveMitigation, MITIGATION_NAMES } from '../../src/mitigate/index.js';
import type { Mitigation } from '../../src/mitigate/index.js';
import type { AdRecord } from '../../src/record.js';

const rec = (id: string, group: string, label: 0 | 1, observedLabel: 0 | 1): AdRecord =>
  ({ id, text: `ad ${id} ${group}`, group, label, observedLabel, proxies: { g: group } }) as unknown as AdRecord;

describe('mitigation registry', () => {
  it('resolves every built-in name', () => {
    expect(MITIGATION_NAMES).toEqual(['true-labels', 'augment-twins', 'mask-proxies', 'reweigh', 'group-thresholds']);
    for (const name of MITIGATION_NAMES) expect(resolveMitigation(name).name).toBe(name);
  });

  it('rejects unknown names loudly, listing the known ones', () => {
    expect(() => resolveMitigation('reweight')).toThrow(/unknown mitigation "reweight".*reweigh/);
    expect(() => resolveMitigation('toString')).toThrow(/unknown mitigation/);
  });

  it('accepts a caller-made mitigation object', () => {
    const mine: Mitigation = {
      name: 'drop-positives',
      description: 'test',
      order: 50,
      prepare: (set) => ({ ...set, records: set.records.filter((r) => r[set.labelField] === 0) }),
    };
    const p = mitigationPipeline([mine]);
    const out = p.prepare({ records: [rec('a', 'A', 1, 1), rec('b', 'A', 0, 0)], labelField: 'label' }, { seed: 1, proxyTerms: [] });
    expect(out.records.map((r) => r.id)).toEqual(['b']);
  });

  it('runs steps in pipeline order: true-labels before reweigh, whatever the written order', () => {
    const p = mitigationPipeline(['reweigh', 'true-labels']);
    expect(p.steps.map((s) => s.name)).toEqual(['true-labels', 'reweigh']);
    // true labels independent of group -> weights all 1; observed labels are not
    const records = [rec('a', 'A', 1, 1), rec('b', 'A', 0, 1), rec('c', 'B', 1, 1), rec('d', 'B', 0, 0)];
    const out = p.prepare({ records, labelField: 'observedLabel' }, { seed: 1, proxyTerms: [] });
    expect(out.labelField).toBe('label');
    expect(out.weights).toEqual([1, 1, 1, 1]);
  });

  it('allows only one post-processor and no duplicates', () => {
    expect(() => mitigationPipeline(['reweigh', 'reweigh'])).toThrow(/twice/);
    expect(mitigationPipeline(['group-thresholds']).hasPost).toBe(true);
    expect(mitigationPipeline(['reweigh']).hasPost).toBe(false);
  });
});

describe('augment-twins', () => {
  it('adds each ad\'s twins with the source labels and weight', () => {
    const m = augmentTwins({});
    const twinsOf = (r: AdRecord) =>
      ['A', 'B', 'C'].filter((g) => g !== r.group).map((g) => ({ ...r, id: `${r.id}~${g}`, group: g, observedLabel: 0 as const, twinOf: r.id }));
    const out = m.prepare!(
      { records: [rec('a', 'A', 1, 1), rec('b', 'B', 0, 0)], labelField: 'observedLabel', weights: [2, 3] },
      { seed: 1, proxyTerms: [], twinsOf },
    );
    expect(out.records.map((r) => r.id)).toEqual(['a', 'a~B', 'a~C', 'b', 'b~A', 'b~C']);
    expect(out.records.map((r) => r.observedLabel)).toEqual([1, 1, 1, 0, 0, 0]);
    expect(out.weights).toEqual([2, 2, 2, 3, 3, 3]);
  });

  it('samples at most perAd twins, reproducibly', () => {
    const m = augmentTwins({ perAd: 1 });
    const twinsOf = (r: AdRecord) => ['x', 'y', 'z'].map((g) => ({ ...r, id: `${r.id}~${g}` }));
    const run = () =>
      m.prepare!({ records: [rec('a', 'A', 1, 1)], labelField: 'label' }, { seed: 9, proxyTerms: [], twinsOf }).records.map((r) => r.id);
    expect(run()).toHaveLength(2);
    expect(run()).toEqual(run());
  });

  it('needs a twin renderer', () => {
    expect(() => augmentTwins({}).prepare!({ records: [], labelField: 'label' }, { seed: 1, proxyTerms: [] })).toThrow(/twin renderer/);
  });
});
