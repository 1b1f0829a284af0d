/**
 * Phenomenon 1 (examples/experiments/no-bias.json at small size): with no bias knob on, per-group
 * FPR differences should be within their bootstrap intervals of zero. A confounded run of the
 * same size is the contrast showing the intervals can detect a real disparity.
 *
 * Measured deviation: on raw text, more intervals exclude zero than chance allows (US benign ads
 * are flagged a little more often: nationality words, rendered by the ethnicity-emphasis
 * indicator, become label evidence). With explicit proxy mentions masked they cover zero as
 * expected. Both are asserted, and the strict claim on raw text is kept as an expected failure,
 * so that a generator or model change that removes the deviation shows up here.
 */
import { describe, expect, it } from 'vitest';
import { runSmall, type SmallRun } from './small-run.js';

const SEEDS = [1, 2, 3];
const small = (set?: Record<string, unknown>) => ({
  models: ['logreg'],
  train: { scenario: 'baseline', n: 6000, ...(set ? { set } : {}) },
  test: { n: 6000, twins: false },
  seeds: SEEDS,
  audit: { threshold: { fpr: 0.05 }, bootstrap: 200 },
});

function intervals(run: SmallRun, mitigation: string) {
  return run.cells
    .filter((c) => c.mitigation === mitigation)
    .flatMap((c) =>
      Object.entries(c.metrics.fprDifferences ?? {})
        .filter(([g]) => g !== c.metrics.reference)
        .map(([group, d]) => ({ seed: c.seed, group, value: d.value!, ci: d.ci! })),
    );
}

const excludesZero = (ci: [number, number]) => ci[0] > 0 || ci[1] < 0;

describe('phenomenon 1: no bias knob on', () => {
  let noBias: SmallRun;
  let confounded: SmallRun;

  it('runs the example at small size, with an interval for every group difference', async () => {
    noBias = await runSmall('no-bias.json', small());
    confounded = await runSmall('no-bias.json', { ...small({ 'confounding.strength': 0.8 }), mitigations: ['none'] });
    for (const m of ['none', 'mask-proxies']) {
      const iv = intervals(noBias, m);
      expect(iv).toHaveLength(SEEDS.length * 4); // 5 groups, one is the reference
      for (const d of iv) {
        expect(d.ci[0]).toBeLessThanOrEqual(d.value);
        expect(d.ci[1]).toBeGreaterThanOrEqual(d.value);
      }
    }
  });

  it('has small FPR differences, far smaller than a confounded training set produces', () => {
    const biggest = (run: SmallRun) => Math.max(...intervals(run, 'none').map((d) => Math.abs(d.value)));
    expect(biggest(noBias)).toBeLessThan(0.04);
    // the contrast: with confounding, southeast-asia's interval excludes zero in every seed
    for (const d of intervals(confounded, 'none').filter((x) => x.group === 'southeast-asia')) expect(d.ci[0]).toBeGreaterThan(0);
    expect(biggest(confounded)).toBeGreaterThan(2 * biggest(noBias));
  });

  it('with explicit proxy mentions masked, intervals exclude zero no more often than chance allows', () => {
    // 12 intervals at 95%: 0.6 expected to exclude zero by chance; allow one
    expect(intervals(noBias, 'mask-proxies').filter((d) => excludesZero(d.ci)).length).toBeLessThanOrEqual(1);
    // raw text: the measured deviation (see the file comment)
    expect(intervals(noBias, 'none').filter((d) => excludesZero(d.ci)).length).toBeGreaterThanOrEqual(3);
  });

  it.fails('strictly, on raw text: every per-group FPR difference interval contains zero', () => {
    for (const d of intervals(noBias, 'none')) expect(excludesZero(d.ci)).toBe(false);
  });
});
