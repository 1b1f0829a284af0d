import { describe, expect, it } from 'vitest';
import { reweigh, reweighingWeights } from '../../src/mitigate/index.js';
import type { AdRecord } from '../../src/record.js';

describe('reweighingWeights (Kamiran & Calders 2012)', () => {
  // N = 8; group A: labels 1,1,0; group B: labels 1,0,0,0,0.
  // n_A = 3, n_B = 5, n_1 = 3, n_0 = 5; n_A1 = 2, n_A0 = 1, n_B1 = 1, n_B0 = 4.
  // w(A,1) = 3*3/(8*2) = 9/16, w(A,0) = 3*5/(8*1) = 15/8, w(B,1) = 5*3/(8*1) = 15/8, w(B,0) = 5*5/(8*4) = 25/32.
  const groups = ['A', 'A', 'A', 'B', 'B', 'B', 'B', 'B'];
  const labels = [1, 1, 0, 1, 0, 0, 0, 0];

  it('matches hand-computed weights P(g)P(y)/P(g,y)', () => {
    const w = reweighingWeights(groups, labels);
    const expected = [9 / 16, 9 / 16, 15 / 8, 15 / 8, 25 / 32, 25 / 32, 25 / 32, 25 / 32];
    expected.forEach((e, i) => expect(w[i]).toBeCloseTo(e, 12));
  });

  it('makes group and label independent under the weights, and sums to N', () => {
    const w = reweighingWeights(groups, labels);
    const total = w.reduce((a, b) => a + b, 0);
    expect(total).toBeCloseTo(8, 12);
    for (const g of ['A', 'B']) {
      for (const y of [0, 1]) {
        let joint = 0;
        let pg = 0;
        let py = 0;
        w.forEach((wi, i) => {
          if (groups[i] === g && labels[i] === y) joint += wi;
          if (groups[i] === g) pg += wi;
          if (labels[i] === y) py += wi;
        });
        expect(joint / total).toBeCloseTo((pg / total) * (py / total), 12);
      }
    }
  });

  it('gives weight 1 everywhere when group and label are already independent', () => {
    const w = reweighingWeights(['A', 'A', 'B', 'B'], [0, 1, 0, 1]);
    expect(Array.from(w)).toEqual([1, 1, 1, 1]);
  });

  it('rejects arrays of different lengths', () => {
    expect(() => reweighingWeights(['A'], [0, 1])).toThrow(/differ in length/);
  });
});

describe('reweigh mitigation', () => {
  const rec = (group: string, label: 0 | 1, observedLabel: 0 | 1): AdRecord =>
    ({ text: 'x', group, label, observedLabel, proxies: { nationality: group } }) as unknown as AdRecord;

  it('weighs over the training label field and multiplies existing weights', () => {
    const records = [rec('A', 1, 0), rec('A', 0, 0), rec('B', 1, 1), rec('B', 0, 0)];
    const m = reweigh({});
    // observed labels: A: 0,0  B: 1,0 -> n_A=2,n_B=2,n_0=3,n_1=1; w(A,0)=2*3/(4*2)=3/4, w(B,1)=2*1/(4*1)=1/2, w(B,0)=2*3/(4*1)=3/2
    const out = m.prepare!({ records, labelField: 'observedLabel', weights: [2, 1, 1, 1] }, { seed: 1, proxyTerms: [] });
    expect(out.weights).toEqual([1.5, 0.75, 0.5, 1.5]);
    const truth = m.prepare!({ records, labelField: 'label' }, { seed: 1, proxyTerms: [] });
    expect(truth.weights).toEqual([1, 1, 1, 1]);
  });

  it('rejects unknown options, naming them', () => {
    expect(() => reweigh({ atribute: 'x' })).toThrow(/reweigh\.options/);
  });
});
