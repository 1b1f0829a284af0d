/**
 * Phenomenon 1 (examples/experiments/no-bias.json at small size): with no bias knob on, per-group
 * FPR differences should be within their bootstrap intervals of zero. A confounded run of the
 * same size is the contrast showing the intervals can detect a real disparity.
 *
 * The baseline preset is symmetric by construction (equal group shares, every group named by
 * four equally frequent place names and adjectives). Intervals resample whole posters (the
 * experiment default), since ads of one poster are not independent. Measured here (logreg, 3
 * seeds, 12 per-seed intervals of group-minus-reference FPR differences): 3 of 12 exclude zero on
 * raw text, 2 of 12 with explicit proxy mentions masked; with 24,000 training ads instead of
 * 6,000, 1 of 12 and 1 of 12. The intervals are conditional on the trained model: they cover
 * test-set sampling, not the chance quirks a model picks up from its finite training sample,
 * which is why exclusions fall as the training set grows. Under the null each 95% interval excludes zero with
 * probability 0.05, so P(2 or more of 12) is about 0.12 and P(3 or more) about 0.02: the masked
 * count is within chance, the raw count is borderline. The acceptance region asserted below is
 * "at most 2 of 12" (its chance of a false alarm is about 2%). The strict claim on raw text
 * (no interval excludes zero) is kept as an expected failure, so that a generator or model
 * change that removes the residual shows up here. Earlier generator versions named the `us`
 * group with one concentrated word and showed 8 of 12 on raw text.
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
    // 12 intervals at 95%: 0.6 expected to exclude zero by chance; P(3 or more) is about 0.02
    expect(intervals(noBias, 'mask-proxies').filter((d) => excludesZero(d.ci)).length).toBeLessThanOrEqual(2);
  });

  it.fails('strictly, on raw text: every per-group FPR difference interval contains zero', () => {
    for (const d of intervals(noBias, 'none')) expect(excludesZero(d.ci)).toBe(false);
  });
});
