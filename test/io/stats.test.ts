import { describe, expect, it } from 'vitest';
import { computeStats, DatasetStatsAccumulator } from '../../src/io/stats.js';
import { record } from './fixtures.js';

describe('DatasetStatsAccumulator', () => {
  // Four hand-made records plus one twin; the expected numbers below are counted by hand.
  const recs = [
    record(0, { label: 1, observedLabel: 1, posterType: 'operation', group: 'us', text: 'abcdefghij', age: 30, indicators: [{ id: 'a', start: 0, end: 2 }, { id: 'a', start: 3, end: 4 }, { id: 'b', start: 5, end: 6 }] }),
    record(1, { label: 0, observedLabel: 1, posterType: 'independent', group: 'us', text: 'abcd', age: 22, indicators: [{ id: 'a', start: 0, end: 1 }] }),
    record(2, { label: 0, observedLabel: 0, posterType: 'non-escort', group: 'mx', text: 'abcdef', age: 40, category: 'jobs', indicators: [] }),
    record(3, { label: 1, observedLabel: 0, posterType: 'operation', group: 'mx', text: 'ab', age: 24, indicators: [{ id: 'b', start: 0, end: 1 }] }),
    record(4, { label: 1, observedLabel: 1, posterType: 'operation', group: 'ph', text: 'zzzzzzzzzzzzzzzzzz', twinOf: 'ad-000000', age: 99, indicators: [{ id: 'c', start: 0, end: 1 }] }),
  ];

  it('counts labels, poster types, groups and annotation agreement, leaving twins out', () => {
    const s = computeStats(recs);
    expect(s.rows).toBe(5);
    expect(s.twins).toBe(1);
    expect(s.records).toBe(4);
    expect(s.labels).toEqual([2, 2]);
    expect(s.observedLabels).toEqual([2, 2]);
    expect(s.posterTypes).toEqual({ agency: 0, independent: 1, 'non-escort': 1, operation: 2 });
    expect(s.categories).toEqual({ escort: 1, jobs: 1, massage: 2 });
    expect(s.groups).toEqual({
      mx: { records: 2, positives: 1, observedPositives: 0, agreements: 1, falseFlags: 0, misses: 1 },
      us: { records: 2, positives: 1, observedPositives: 2, agreements: 1, falseFlags: 1, misses: 0 },
    });
    expect(s.textLength).toEqual({ min: 2, max: 10, mean: (10 + 4 + 6 + 2) / 4 });
    expect(s.age).toEqual({ min: 22, max: 40, mean: (30 + 22 + 40 + 24) / 4 });
  });

  it('counts each indicator once per record, by label, group and poster type', () => {
    const s = computeStats(recs);
    expect(Object.keys(s.indicators)).toEqual(['a', 'b']);
    expect(s.indicators['a']).toEqual({ records: 2, byLabel: [1, 1], byGroup: { us: 2 }, byPosterType: { independent: 1, operation: 1 } });
    expect(s.indicators['b']).toEqual({ records: 2, byLabel: [0, 2], byGroup: { mx: 1, us: 1 }, byPosterType: { operation: 2 } });
  });

  it('gives the same result for any arrival order of the same records, and null summaries when empty', () => {
    const forward = computeStats(recs);
    const backward = computeStats([...recs].reverse());
    expect(JSON.stringify(backward)).toBe(JSON.stringify(forward));
    const empty = new DatasetStatsAccumulator().result();
    expect(empty.records).toBe(0);
    expect(empty.textLength).toEqual({ min: null, max: null, mean: null });
    expect(empty.groups).toEqual({});
  });

  it('records the provenance triples it sees', () => {
    expect(computeStats(recs).provenance).toEqual(['0.1.0 7 sc-0123abcd']);
  });

  it('absorbing the states of consecutive parts (sent through a structured clone) equals adding every record', () => {
    // many records: five groups, extra poster types and categories, twins, and more than eight provenance triples
    const many = Array.from({ length: 60 }, (_, i) =>
      record(i, {
        group: ['us', 'mx', 'ph', 'in', 'ng'][i % 5] as string,
        category: i % 7 === 0 ? 'jobs' : 'escort',
        twinOf: i % 9 === 0 ? 'ad-000001' : null,
        generatorVersion: `0.${i % 11}.0`,
        text: 'x'.repeat(1 + ((i * 37) % 50)),
        indicators: i % 4 === 0 ? [{ id: `ind-${i % 3}`, start: 0, end: 1 }, { id: 'ind-x', start: 0, end: 1 }, { id: `ind-${i % 3}`, start: 0, end: 1 }] : [],
      }),
    );
    const whole = computeStats(many);
    expect(whole.provenance).toHaveLength(8);
    for (const cuts of [[0, 60], [0, 1, 2, 60], [0, 13, 29, 30, 47, 60]]) {
      const merged = new DatasetStatsAccumulator();
      for (let p = 0; p + 1 < cuts.length; p++) {
        const part = new DatasetStatsAccumulator();
        for (const r of many.slice(cuts[p], cuts[p + 1])) part.add(r);
        merged.absorb(structuredClone(part.state()));
      }
      expect(JSON.stringify(merged.result())).toBe(JSON.stringify(whole));
    }
  });
});
