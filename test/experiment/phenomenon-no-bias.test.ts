/**
 * Phenomenon 1 (examples/experiments/no-bias.json at small size): with no bias knob on, per-group
 * FPR differences should be within their bootstrap intervals of zero. A confounded run of the
 * same size is the contrast showing the intervals can detect a real disparity.
 *
 * The baseline preset is symmetric by construction (equal group shares, every group named by
 * four equally frequent place names and adjectives). Intervals resample whole posters (the
 * experiment default), since ads of one poster are not independent. Measured (logreg, 4 group
 * differences per seed, 95% intervals, `node benchmarks/no-bias-intervals.mjs --n 24000 --seeds 1,2,3` and `--seeds 4,5,6,7,8,9,10`):
 * with 24,000 training ads, seeds 1-3 give 1 of 12 intervals excluding zero on raw text and 1 of
 * 12 with explicit proxy mentions masked; seeds 4-10 give 4 of 28 raw and 0 of 28 masked. With
 * 6,000 training ads, seeds 1-3 gave 3 of 12 raw and 2 of 12 masked. So on raw text about one
 * interval in eight excludes zero, against one in twenty by chance: the intervals are conditional
 * on the trained model and cover test-set sampling, not the chance group-label associations a
 * model learns from explicit group mentions in its finite training sample (the rate falls as the
 * training set grows, and masking the mentions removes it). The acceptance region asserted below
 * is "at most 2 of 12" for both (under the null, P(3 or more of 12) is about 0.02). The strict
 * claim on raw text (no interval excludes zero) is kept as an expected failure, so that a
 * generator or model change that removes the residual shows up here. Earlier generator versions
 * named the `us` group with one concentrated word and showed 8 of 12 on raw text.
 */
import { describe, expect, it } from 'vitest';
import { runSmall, type SmallRun } from './small-run.js';

const SEEDS = [1, 2, 3];
const small = (set?: Record<string, unknown>) => ({
  models: ['logreg'],
  train: { scenario: 'baseline', n: 24000, ...(set ? { set } : {}) },
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

  it('intervals exclude zero no more often than chance allows, with and without explicit proxy mentions', () => {
    // 12 intervals at 95%: 0.6 expected to exclude zero by chance; P(3 or more) is about 0.02
    expect(intervals(noBias, 'none').filter((d) => excludesZero(d.ci)).length).toBeLessThanOrEqual(2);
    expect(intervals(noBias, 'mask-proxies').filter((d) => excludesZero(d.ci)).length).toBeLessThanOrEqual(2);
  });

  it.fails('strictly, on raw text: every per-group FPR difference interval contains zero', () => {
    for (const d of intervals(noBias, 'none')) expect(excludesZero(d.ci)).toBe(false);
  });
});
