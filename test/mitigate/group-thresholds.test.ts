import { describe, expect, it } from 'vitest';
import {
  applyGroupThresholds,
  fitGroupThresholds,
  groupThresholds,
  thresholdAtFpr,
} from '../../src/mitigate/index.js';

describe('thresholdAtFpr', () => {
  it('flags floor(target * n) negatives, splitting the gap between flagged and unflagged scores', () => {
    const neg = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95];
    // target 0.2 of 10 -> 2 flagged (0.95, 0.9); threshold halfway between 0.9 and 0.8
    expect(thresholdAtFpr(neg, 0.2)).toBeCloseTo(0.85, 12);
    // target 0.25 -> floor(2.5) = 2 flagged as well
    expect(thresholdAtFpr(neg, 0.25)).toBeCloseTo(0.85, 12);
    // target 0.05 -> none flagged: threshold above the top score
    const none = thresholdAtFpr(neg, 0.05)!;
    expect(none).toBeGreaterThan(0.95);
    expect(none).toBeLessThan(0.9501);
  });

  it('never exceeds the target when scores tie', () => {
    const t = thresholdAtFpr([0.9, 0.9, 0.9, 0.1], 0.5)!;
    // flagging any 0.9 flags all three (FPR 0.75 > 0.5), so none may be flagged
    expect(t).toBeGreaterThan(0.9);
    const t2 = thresholdAtFpr([0.9, 0.8, 0.8, 0.1], 0.5)!;
    expect(t2).toBeCloseTo(0.85, 12);
  });

  it('returns null without negatives', () => {
    expect(thresholdAtFpr([], 0.1)).toBeNull();
  });
});

describe('group thresholds (hand-made case)', () => {
  // Group A's negatives score high, group B's low: one shared threshold gives A the higher FPR.
  const aNeg = [0.3, 0.4, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.9];
  const bNeg = [0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.6];
  const pos = [0.95, 0.85, 0.5];
  const scores = [...aNeg, ...bNeg, ...pos, ...pos];
  const labels = [...aNeg.map(() => 0), ...bNeg.map(() => 0), 1, 1, 1, 1, 1, 1];
  const groups = [...aNeg.map(() => 'A'), ...bNeg.map(() => 'B'), 'A', 'A', 'A', 'B', 'B', 'B'];

  it('fits a threshold per group at the target FPR', () => {
    const fit = fitGroupThresholds({ scores, labels, groups }, { targetFpr: 0.2, minNegatives: 5 });
    // A: 2 of 10 flagged (0.9, 0.8) -> (0.8 + 0.75) / 2; B: (0.6, 0.45) -> (0.45 + 0.4) / 2
    expect(fit.thresholds['A']).toBeCloseTo(0.775, 12);
    expect(fit.thresholds['B']).toBeCloseTo(0.425, 12);
    expect(fit.negatives).toEqual({ A: 10, B: 10 });
    // overall: 4 of 20 flagged: 0.9, 0.8, 0.75, 0.7 (0.6 twice is next) -> (0.7 + 0.65) / 2
    expect(fit.overall).toBeCloseTo(0.675, 12);
    expect(fit.warnings).toEqual([]);
  });

  it('equalises FPR after applying, with decisions at the returned threshold', () => {
    const m = groupThresholds({ targetFpr: 0.2, minNegatives: 5 });
    const post = m.fitPost!({ scores, labels, groups }, { seed: 1, proxyTerms: [] });
    const adjusted = post.apply(scores, groups);
    const fpr = (g: string) => {
      let fp = 0;
      let n = 0;
      labels.forEach((y, i) => {
        if (y === 0 && groups[i] === g) {
          n++;
          if (adjusted[i]! >= post.threshold) fp++;
        }
      });
      return fp / n;
    };
    expect(fpr('A')).toBe(0.2);
    expect(fpr('B')).toBe(0.2);
    // with the single overall threshold, FPRs differ: A 0.4 (0.9, 0.8, 0.75, 0.7) vs B 0 -> a real gap removed
    const shared = (g: string) =>
      labels.filter((y, i) => y === 0 && groups[i] === g && scores[i]! >= 0.675).length / 10;
    expect(shared('A')).toBe(0.4);
    expect(shared('B')).toBe(0);
  });

  it('keeps the ranking within each group', () => {
    const fit = fitGroupThresholds({ scores, labels, groups }, { targetFpr: 0.2, minNegatives: 5 });
    const adj = applyGroupThresholds(aNeg, aNeg.map(() => 'A'), fit);
    for (let i = 1; i < adj.length; i++) expect(adj[i]!).toBeGreaterThan(adj[i - 1]!);
  });

  it('falls back to the overall threshold for small or unseen groups, with a warning', () => {
    const fit = fitGroupThresholds({ scores, labels, groups }, { targetFpr: 0.2, minNegatives: 11 });
    expect(fit.thresholds['A']).toBe(fit.overall);
    expect(fit.warnings.length).toBe(2);
    const adj = applyGroupThresholds([fit.overall], ['unseen'], fit);
    expect(adj[0]).toBe(0.5);
  });
});
