/**
 * Hand-computed tiny cases for each metric family; the arithmetic is written beside each value.
 */
import { describe, expect, it } from 'vitest';
import {
  audit,
  averagePrecision,
  biasAucs,
  brierScore,
  calibrationBin,
  calibrationCurve,
  confusionAt,
  expectedCalibrationError,
  generalizedPowerMean,
  harmRow,
  metricsAt,
  rocAuc,
  thresholdForFpr,
  thresholdForRecall,
  twinAnalysis,
} from '../../src/audit/index.js';
import { InputError } from '../../src/errors.js';

// Case A: six records. Sorted by score: 0.9(+) 0.6(+) 0.6(-) 0.3(-) 0.2(+) 0.1(-)
const labels = [1, 1, 0, 0, 1, 0];
const scores = [0.9, 0.6, 0.6, 0.3, 0.2, 0.1];

describe('confusion counts and rates (flag when score >= threshold)', () => {
  it('counts and rates at 0.5', () => {
    // flagged: 0.9(+), 0.6(+), 0.6(-) -> tp 2, fp 1; P = 3, N = 3 -> tn 2, fn 1
    expect(confusionAt(labels, scores, { threshold: 0.5 })).toEqual({ n: 6, positives: 3, negatives: 3, tp: 2, fp: 1, tn: 2, fn: 1 });
    const m = metricsAt(labels, scores, { threshold: 0.5 });
    expect(m.tpr).toBeCloseTo(2 / 3, 15); // 2 / 3
    expect(m.fpr).toBeCloseTo(1 / 3, 15); // 1 / 3
    expect(m.fnr).toBeCloseTo(1 / 3, 15);
    expect(m.tnr).toBeCloseTo(2 / 3, 15);
    expect(m.ppv).toBeCloseTo(2 / 3, 15); // 2 / (2 + 1)
    expect(m.npv).toBeCloseTo(2 / 3, 15); // 2 / (2 + 1)
    expect(m.selectionRate).toBe(0.5); // 3 / 6
    expect(m.accuracy).toBeCloseTo(4 / 6, 15); // (2 + 2) / 6
    expect(m.f1).toBeCloseTo(2 / 3, 15); // 2*2 / (2*2 + 1 + 1)
  });

  it('a score equal to the threshold is flagged', () => {
    // threshold 0.6 flags both 0.6 records
    expect(confusionAt(labels, scores, { threshold: 0.6 })).toMatchObject({ tp: 2, fp: 1 });
    // just above 0.6 flags only 0.9
    expect(confusionAt(labels, scores, { threshold: 0.6000001 })).toMatchObject({ tp: 1, fp: 0 });
  });

  it('0/1 predictions work as scores', () => {
    expect(confusionAt([1, 0, 1, 0], [1, 1, 0, 0])).toEqual({ n: 4, positives: 2, negatives: 2, tp: 1, fp: 1, tn: 1, fn: 1 });
  });
});

describe('ROC-AUC with ties averaged', () => {
  it('counts a tied pair as half', () => {
    // pairs (pos, neg): 0.9 beats 0.6, 0.3, 0.1 -> 3; 0.6 ties 0.6 (0.5) and beats 0.3, 0.1 -> 2.5;
    // 0.2 beats only 0.1 -> 1. AUC = 6.5 / 9
    expect(rocAuc(labels, scores)).toBeCloseTo(6.5 / 9, 15);
  });
  it('is null with one class only', () => {
    expect(rocAuc([1, 1], [0.2, 0.3])).toBeNull();
    expect(rocAuc([0, 0], [0.2, 0.3])).toBeNull();
  });
  it('all scores tied gives 0.5', () => {
    expect(rocAuc([1, 0, 1, 0], [0.4, 0.4, 0.4, 0.4])).toBe(0.5);
  });
});

describe('average precision (scikit-learn definition)', () => {
  it('sums precision times recall steps at distinct thresholds', () => {
    // t = 0.9: P = 1/1, R = 1/3; t = 0.6: P = 2/3, R = 2/3; t = 0.3: R unchanged; t = 0.2: P = 3/5, R = 1
    // AP = 1/3 * 1 + 1/3 * 2/3 + 1/3 * 3/5 = 34/45
    expect(averagePrecision(labels, scores)).toBeCloseTo(34 / 45, 15);
  });
  it('is null without positives', () => {
    expect(averagePrecision([0, 0], [0.1, 0.2])).toBeNull();
  });
});

describe('calibration', () => {
  it('Brier score is the mean squared error', () => {
    // 0.01 + 0.16 + 0.36 + 0.09 + 0.64 + 0.01 = 1.27; / 6
    expect(brierScore(labels, scores)).toBeCloseTo(1.27 / 6, 15);
  });
  it('ECE over 10 equal-width bins', () => {
    // bins: 0.9 {+}: |0.9 - 1| = 0.1 (1 record); 0.6 {+,-}: |0.6 - 0.5| = 0.1 (2 records);
    // 0.3 {-}: 0.3; 0.2 {+}: 0.8; 0.1 {-}: 0.1. ECE = (0.1 + 2*0.1 + 0.3 + 0.8 + 0.1) / 6 = 0.25
    expect(expectedCalibrationError(labels, scores)).toBeCloseTo(0.25, 15);
  });
  it('bin edges: bin k holds [k/10, (k+1)/10), the last bin also holds 1', () => {
    expect(calibrationBin(0, 10)).toBe(0);
    expect(calibrationBin(0.0999, 10)).toBe(0);
    expect(calibrationBin(0.1, 10)).toBe(1);
    expect(calibrationBin(0.5, 10)).toBe(5);
    expect(calibrationBin(0.95, 10)).toBe(9);
    expect(calibrationBin(1, 10)).toBe(9);
  });
  it('calibration curve: counts, mean score and share positive per bin', () => {
    const curve = calibrationCurve([0, 1, 1, 0], [0.05, 0.05, 1, 0.95]);
    expect(curve).toHaveLength(10);
    expect(curve[0]).toMatchObject({ bin: 0, count: 2, meanScore: 0.05, fractionPositive: 0.5 });
    expect(curve[9]).toMatchObject({ bin: 9, count: 2, meanScore: 0.975, fractionPositive: 0.5 });
    expect(curve[4]).toMatchObject({ count: 0, meanScore: null, fractionPositive: null });
  });
  it('scores outside [0, 1] make Brier and ECE null', () => {
    expect(brierScore([0, 1], [-2, 3])).toBeNull();
    expect(expectedCalibrationError([0, 1], [-2, 3])).toBeNull();
    expect(rocAuc([0, 1], [-2, 3])).toBe(1);
  });
});

describe('Borkan bias AUCs and the final score', () => {
  const groups = ['x', 'x', 'x', 'y', 'y', 'y'];
  it('subgroup, BPSN and BNSP AUCs', () => {
    // x: pos {0.9, 0.6}, neg {0.6}: (1 + 0.5) / 2 = 0.75. y: pos {0.2}, neg {0.3, 0.1}: 1/2
    // BPSN x: x neg {0.6} vs y pos {0.2}: 0/1. BPSN y: y neg {0.3, 0.1} vs x pos {0.9, 0.6}: 4/4
    // BNSP x: x pos {0.9, 0.6} vs y neg {0.3, 0.1}: 4/4. BNSP y: y pos {0.2} vs x neg {0.6}: 0/1
    expect(biasAucs(labels, scores, groups)).toEqual([
      { group: 'x', subgroupAuc: 0.75, bpsnAuc: 0, bnspAuc: 1 },
      { group: 'y', subgroupAuc: 0.5, bpsnAuc: 1, bnspAuc: 0 },
    ]);
  });
  it('power mean p = -5 and the final score', () => {
    // ((0.75^-5 + 0.5^-5) / 2)^(-1/5) = ((4.2139917... + 32) / 2)^(-0.2)
    const m = Math.pow((Math.pow(0.75, -5) + 32) / 2, -0.2);
    expect(generalizedPowerMean([0.75, 0.5], -5)).toBeCloseTo(m, 14);
    expect(generalizedPowerMean([0, 1], -5)).toBe(0); // a zero drives a negative power mean to 0
    expect(generalizedPowerMean([null, 0.8], -5)).toBeCloseTo(0.8, 15); // nulls are left out
    const r = audit({ labels, scores, groups: { g: groups }, bootstrap: 0 });
    // 0.25 * overall AUC + 0.25 * (M(subgroup) + M(BPSN) + M(BNSP)) with M(BPSN) = M(BNSP) = 0
    expect(r.disparities['g']?.biasAucFinal).toBeCloseTo(0.25 * (6.5 / 9) + 0.25 * m, 14);
  });
});

describe('disparities at threshold 0.5', () => {
  // x: all three flagged: tp 2, fp 1 -> TPR 1, FPR 1, FNR 0, PPV 2/3, selection 1
  // y: none flagged: TPR 0, FPR 0, FNR 1, PPV undefined, selection 0
  const r = audit({ labels, scores, groups: { g: ['x', 'x', 'x', 'y', 'y', 'y'] }, bootstrap: 0 });
  const d = r.disparities['g'];
  it('Fairlearn aggregates, FPED and FNED', () => {
    expect(d?.reference).toBe('x'); // equal sizes: the first by name
    expect(d?.demographicParityDifference).toBe(1); // 1 - 0
    expect(d?.demographicParityRatio).toBe(0); // 0 / 1
    expect(d?.equalizedOddsDifference).toBe(1); // max(1 - 0, 1 - 0)
    expect(d?.equalizedOddsRatio).toBe(0);
    // overall FPR 1/3: |1/3 - 1| + |1/3 - 0| = 1; overall FNR 1/3: |1/3 - 0| + |1/3 - 1| = 1
    expect(d?.fped).toBeCloseTo(1, 15);
    expect(d?.fned).toBeCloseTo(1, 15);
  });
  it('differences and ratios to the reference, null where undefined, with warnings', () => {
    const y = d?.byGroup.find((g) => g.group === 'y');
    expect(y).toMatchObject({ fprDifference: -1, fprRatio: 0, fnrDifference: 1, fnrRatio: null, ppvDifference: null, ppvRatio: null });
    expect(y?.selectionRateDifference).toBe(-1);
    expect(r.warnings).toContain('groups.g=y: ppv is null (no record flagged)');
    expect(r.warnings.some((w) => w.includes('fnrRatio of y is null'))).toBe(true);
  });
  it('a group without positives gets nulls with reasons, never NaN', () => {
    const r2 = audit({ labels: [0, 0, 1, 1], scores: [0.2, 0.7, 0.8, 0.4], groups: { g: ['a', 'a', 'b', 'b'] }, bootstrap: 20 });
    const a = r2.groups['g']?.[0];
    expect(a).toMatchObject({ group: 'a', tpr: null, fnr: null, auc: null, prAuc: null, subgroupAuc: null, bnspAuc: null });
    // BPSN a: a's negatives {0.2, 0.7} vs b's positives {0.8, 0.4}: 0.8 > both, 0.4 > 0.2 only -> 3/4
    expect(a?.bpsnAuc).toBe(0.75);
    expect(a?.ci['tpr']).toBeNull();
    expect(r2.warnings).toContain('groups.g=a: tpr is null (no positives)');
    expect(r2.warnings.some((w) => w.startsWith('groups.g=a: only 0 positives (< 30)'))).toBe(true);
    const json = JSON.stringify(r2);
    expect(json).not.toMatch(/NaN|Infinity/);
    expect(JSON.parse(json)).toEqual(r2);
  });
});

describe('harm at base rate', () => {
  it('follows the documented formulas', () => {
    // share 0.25 of 1,000,000 ads = 250,000; prevalence 1%: 247,500 benign, 2,500 trafficking
    const h = harmRow('g', { tpr: 0.8, fpr: 0.1 }, 0.25, { prevalence: 0.01, volume: 1_000_000 });
    expect(h.adsPerMonth).toBe(250_000);
    expect(h.benignFlaggedPer10k).toBeCloseTo(1000, 10); // 10,000 * 0.1
    expect(h.wrongFlagsPerMonth).toBeCloseTo(24_750, 8); // 247,500 * 0.1
    expect(h.correctFlagsPerMonth).toBeCloseTo(2_000, 8); // 2,500 * 0.8
    expect(h.wrongFlagShare).toBeCloseTo(0.099 / 0.107, 14); // 0.1*0.99 / (0.1*0.99 + 0.8*0.01)
    expect(h.missedPerMonth).toBeCloseTo(500, 8); // 2,500 * (1 - 0.8)
  });
  it('is in the audit only with prevalence and volume, and the two go together', () => {
    expect(audit({ labels, scores, groups: {}, bootstrap: 0 }).harm).toBeNull();
    expect(() => audit({ labels, scores, groups: {}, bootstrap: 0, prevalence: 0.01 })).toThrow(InputError);
  });
});

describe('counterfactual twins', () => {
  it('mean and max |difference| and flips, overall and per swap', () => {
    const t = twinAnalysis(
      [
        { original: 0.4, twin: 0.6, from: 'native', to: 'non-native' }, // flips: only the twin is flagged
        { original: 0.7, twin: 0.65, from: 'native', to: 'non-native' }, // both flagged
        { original: 0.2, twin: 0.2, from: 'non-native', to: 'native' },
      ],
      { threshold: 0.5 },
    );
    expect(t.pairs).toBe(3);
    expect(t.flips).toBe(1);
    expect(t.flipRate).toBeCloseTo(1 / 3, 15);
    expect(t.flaggedOnlyTwin).toBe(1);
    expect(t.maxAbsDiff).toBeCloseTo(0.2, 15);
    expect(t.meanAbsDiff).toBeCloseTo((0.2 + 0.05 + 0) / 3, 15);
    expect(t.meanDiff).toBeCloseTo((0.2 - 0.05) / 3, 15);
    expect(t.bySwap.map((s) => [s.from, s.to, s.pairs, s.flips])).toEqual([
      ['native', 'non-native', 2, 1],
      ['non-native', 'native', 1, 0],
    ]);
  });
  it('rejects a malformed pair naming it', () => {
    expect(() => twinAnalysis([{ original: Number.NaN, twin: 0.1, from: 'a', to: 'b' }])).toThrow(/twins\[0\]\.original/);
  });
});

describe('threshold analysis', () => {
  it('threshold for a target FPR: the lowest with FPR at most the target', () => {
    // distinct scores: 0.9 (FPR 0), 0.6 (1/3), 0.3 (2/3), 0.2 (2/3), 0.1 (1)
    expect(thresholdForFpr(labels, scores, { fpr: 0 })).toBe(0.9);
    expect(thresholdForFpr(labels, scores, { fpr: 0.5 })).toBe(0.6);
    expect(thresholdForFpr(labels, scores, { fpr: 1 })).toBe(0.1);
    // even the top score exceeds the budget: the threshold lies just above it and flags nothing
    const t = thresholdForFpr([0, 1], [0.9, 0.2], { fpr: 0 }) as number;
    expect(t).toBeGreaterThan(0.9);
    expect(confusionAt([0, 1], [0.9, 0.2], { threshold: t })).toMatchObject({ tp: 0, fp: 0 });
    expect(thresholdForFpr([1, 1], [0.9, 0.2], { fpr: 0.1 })).toBeNull();
  });
  it('threshold for a target recall: the highest with recall at least the target', () => {
    // recall: 0.9 -> 1/3, 0.6 -> 2/3, 0.2 -> 1
    expect(thresholdForRecall(labels, scores, { recall: 0.5 })).toBe(0.6);
    expect(thresholdForRecall(labels, scores, { recall: 1 })).toBe(0.2);
  });
  it('per-group thresholds equalising FPR are reported, not applied', () => {
    const r = audit({ labels, scores, groups: { g: ['x', 'x', 'x', 'y', 'y', 'y'] }, bootstrap: 0, thresholdGrid: [0, 0.5, 1] });
    // target = overall FPR at 0.5 = 1/3. x: negatives {0.6}: FPR(0.9) = 0 <= 1/3, FPR(0.6) = 1 -> 0.9
    // y: negatives {0.3, 0.1}: FPR(0.3) = 1/2 > 1/3 already -> just above the top score 0.3
    const eq = r.thresholds.equalFpr['g'];
    expect(eq?.targetFpr).toBeCloseTo(1 / 3, 15);
    expect(eq?.groups[0]).toMatchObject({ group: 'x', threshold: 0.9, fpr: 0 });
    expect(eq?.groups[1]?.threshold).toBeGreaterThan(0.3);
    expect(eq?.groups[1]?.fpr).toBe(0);
    expect(r.threshold).toBe(0.5); // the audit's own threshold is unchanged
    // threshold curve on the grid: at 0.5 x has FPR 1 and TPR 1
    expect(r.curves['g']?.['x']?.threshold.map((p) => [p.threshold, p.fpr, p.tpr])).toEqual([
      [0, 1, 1],
      [0.5, 1, 1],
      [1, 0, 0],
    ]);
  });
});

describe('input validation', () => {
  it('names the bad element', () => {
    expect(() => audit({ labels: [0, 2], scores: [0.1, 0.2], groups: {} })).toThrow(/labels\[1\]: expected 0 or 1/);
    expect(() => audit({ labels: [0, 1], scores: [0.1, Number.NaN], groups: {} })).toThrow(/scores\[1\]/);
    expect(() => audit({ labels: [0, 1], scores: [0.1, 0.2], groups: { g: ['a', ''] } })).toThrow(/groups\.g\[1\]/);
    expect(() => audit({ labels: [0, 1], scores: [0.1], groups: {} })).toThrow(InputError);
    expect(() => audit({ labels: [0, 1], scores: [0.1, 0.2], groups: { g: ['a', 'b'] }, reference: { g: 'z' } })).toThrow(/reference\.g/);
  });
});

describe('twins inside audit()', () => {
  it('are summarised at the audit threshold', () => {
    const r = audit({ labels, scores, groups: {}, bootstrap: 0, threshold: 0.65, twins: [{ original: 0.6, twin: 0.7, from: 'a', to: 'b' }] });
    expect(r.twins).toMatchObject({ pairs: 1, flips: 1, threshold: 0.65, flaggedOnlyTwin: 1 });
    expect(() => audit({ labels, scores, groups: {}, twins: [{ original: 0.6, twin: 0.7, from: '', to: 'b' }] })).toThrow(/twins\[0\]\.from/);
  });
});
