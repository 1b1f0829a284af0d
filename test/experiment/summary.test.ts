import { describe, expect, it } from 'vitest';
import { formatSweepValue, meanAndSpread, summarize, summaryCsv, summaryMarkdown, type CellMetrics } from '../../src/experiment/summary.js';

const metrics = (auc: number | null, fprA: number, fprB: number): CellMetrics => ({
  auc,
  prAuc: 0.5,
  threshold: 0.4,
  fpr: 0.05,
  recall: 0.3,
  groupFpr: { a: fprA, b: fprB },
  groupFnr: { a: 0.5, b: 0.6 },
  fprGap: Math.abs(fprA - fprB),
  fnrGap: 0.1,
  equalizedOdds: 0.1,
  twinFlipRate: null,
});

describe('meanAndSpread', () => {
  it('gives mean, sample SD (n - 1), min and max, ignoring nulls', () => {
    // values 1, 2, 4: mean 7/3; squared deviations 16/9 + 1/9 + 25/9 = 42/9; / 2 = 7/3
    const s = meanAndSpread([1, null, 2, 4]);
    expect(s.n).toBe(3);
    expect(s.mean).toBeCloseTo(7 / 3, 12);
    expect(s.sd).toBeCloseTo(Math.sqrt(7 / 3), 12);
    expect([s.min, s.max]).toEqual([1, 4]);
  });

  it('has no SD for one value and nothing for none', () => {
    expect(meanAndSpread([0.5])).toEqual({ n: 1, mean: 0.5, sd: null, min: 0.5, max: 0.5 });
    expect(meanAndSpread([null])).toEqual({ n: 0, mean: null, sd: null, min: null, max: null });
  });
});

describe('summaries', () => {
  const outcomes = [
    { id: 'v0-s1', sweepValue: 0, sweepIndex: 0, seed: 1, model: 'm', mitigation: 'none', metrics: metrics(0.8, 0.1, 0.2) },
    { id: 'v0-s2', sweepValue: 0, sweepIndex: 0, seed: 2, model: 'm', mitigation: 'none', metrics: metrics(0.9, 0.1, 0.4) },
    { id: 'v1-s1', sweepValue: 0.5, sweepIndex: 1, seed: 1, model: 'm', mitigation: 'none', metrics: metrics(null, 0.3, 0.2) },
  ];
  const summary = summarize(outcomes, { experiment: 'x', sweepField: 'train.confounding.strength' });

  it('groups by condition and summarises each metric over seeds', () => {
    expect(summary.rows).toHaveLength(2);
    const r0 = summary.rows[0]!;
    expect(r0.seeds).toEqual([1, 2]);
    expect(r0.metrics['auc']!.mean).toBeCloseTo(0.85, 12);
    expect(r0.metrics['fpr:b']!.mean).toBeCloseTo(0.3, 12);
    expect(r0.metrics['fprGap']!.sd).toBeCloseTo(Math.abs(0.1 - 0.3) / Math.SQRT2, 12);
    expect(summary.rows[1]!.metrics['auc']).toEqual({ n: 0, mean: null, sd: null, min: null, max: null });
  });

  it('writes long CSV and a Markdown table with mean ± sd', () => {
    const csv = summaryCsv(summary).split('\n');
    expect(csv[0]).toBe('sweep_field,sweep_value,model,mitigation,metric,n,mean,sd,min,max');
    const auc = csv.find((l) => l.startsWith('train.confounding.strength,0,m,none,auc,'))!.split(',').slice(5).map(Number);
    expect(auc[0]).toBe(2);
    expect(auc[1]).toBeCloseTo(0.85, 12);
    expect(auc[2]).toBeCloseTo(Math.sqrt(0.005), 12);
    expect(auc.slice(3)).toEqual([0.8, 0.9]);
    expect(csv).toContain('train.confounding.strength,0.5,m,none,auc,0,,,,');
    const md = summaryMarkdown(summary);
    expect(md).toContain('| train.confounding.strength | model | mitigation | AUC |');
    expect(md).toContain('| 0 | m | none | 0.850 ± 0.071 |');
    expect(md).toContain('| 0.5 | m | none | n/a |');
    expect(md).toContain('| 0 | m | none | 0.100 ± 0.000 | 0.300 ± 0.141 |');
  });
});

describe('formatSweepValue', () => {
  it('writes objects as key=value pairs and scalars as they are', () => {
    expect(formatSweepValue({ mention: 2, variety: 0 })).toBe('mention=2 variety=0');
    expect(formatSweepValue(0.4)).toBe('0.4');
    expect(formatSweepValue('shifted')).toBe('shifted');
    expect(formatSweepValue(null)).toBe('');
  });
});
