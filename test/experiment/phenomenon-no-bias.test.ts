/**
 * Phenomenon 1 (examples/experiments/no-bias.json at small size): with no bias knob on, per-group
 * FPR differences should be within their bootstrap intervals of zero. A confounded run of the
 * same size is the contrast showing the intervals can detect a real disparity.
 */
import { describe, expect, it } from 'vitest';
import { runSmall, type SmallRun } from './small-run.js';

const SEEDS = [1, 2, 3];
const small = (scenario: string) => ({
  models: ['logreg'],
  train: { scenario, n: 4000 },
  test: { n: 4000, twins: false },
  seeds: SEEDS,
  audit: { threshold: { fpr: 0.05 }, bootstrap: 200 },
});

function intervals(run: SmallRun) {
  return run.cells.flatMap((c) =>
    Object.entries(c.metrics.fprDifferences ?? {})
      .filter(([g]) => g !== c.metrics.reference)
      .map(([group, d]) => ({ seed: c.seed, group, value: d.value!, ci: d.ci! })),
  );
}

const containsZero = (ci: [number, number]) => ci[0] <= 0 && ci[1] >= 0;

describe('phenomenon 1: no bias knob on', () => {
  let noBias: SmallRun;
  let confounded: SmallRun;

  it('runs the example at small size, with intervals for every group difference', async () => {
    noBias = await runSmall('no-bias.json', small('baseline'));
    confounded = await runSmall('no-bias.json', { ...small('baseline'), train: { scenario: 'baseline', n: 4000, set: { 'confounding.strength': 0.8 } } });
    const iv = intervals(noBias);
    expect(iv).toHaveLength(SEEDS.length * 4); // 5 groups, one is the reference
    for (const d of iv) {
      expect(d.ci[0]).toBeLessThanOrEqual(d.value);
      expect(d.ci[1]).toBeGreaterThanOrEqual(d.value);
    }
  });

  it('has small FPR differences, far smaller than a confounded training set produces', () => {
    const biggest = (run: SmallRun) => Math.max(...intervals(run).map((d) => Math.abs(d.value)));
    expect(biggest(noBias)).toBeLessThan(0.04);
    const sea = intervals(confounded).filter((d) => d.group === 'southeast-asia');
    // the contrast: with confounding, southeast-asia's interval excludes zero in every seed
    for (const d of sea) expect(d.ci[0]).toBeGreaterThan(0);
    expect(biggest(confounded)).toBeGreaterThan(2 * biggest(noBias));
  });

  // Known deviation (see the experiment report): with logreg at this size, the majority group's
  // explicit nationality words ("American") get larger weights than the rarer ones, so US benign
  // ads are flagged a little more often and several intervals exclude zero. The strict claim is
  // kept here as an expected failure so that a generator or model change that fixes it shows up.
  it.fails('strictly: every per-group FPR difference interval contains zero', () => {
    for (const d of intervals(noBias)) expect(containsZero(d.ci)).toBe(true);
  });
});
