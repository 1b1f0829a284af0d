/**
 * Phenomenon 2 (examples/experiments/confounding-sweep.json at small size): the FPR gap against
 * the over-represented group rises with confounding strength, averaged over seeds.
 */
import { describe, expect, it } from 'vitest';
import { mean, runSmall, targetFprGap } from './small-run.js';

describe('phenomenon 2: confounding sweep', () => {
  it('the FPR gap against the over-represented group increases across the sweep', async () => {
    const run = await runSmall('confounding-sweep.json', {
      models: ['logreg'],
      train: { scenario: 'baseline', n: 4000 },
      test: { scenario: 'baseline', n: 4000, twins: false },
      seeds: [1, 2, 3],
      audit: { threshold: { fpr: 0.05 }, bootstrap: 0 },
    });
    const values = run.result.config.sweep!.values as number[];
    expect(values).toEqual([0, 0.2, 0.4, 0.6, 0.8]);
    const target = run.cells[0]!.train['confounding'] as { targetGroup: string };
    expect(target.targetGroup).toBe('southeast-asia');
    const gaps = values.map((_, vi) =>
      mean(run.cells.filter((c) => c.sweepIndex === vi).map((c) => targetFprGap(c.metrics, target.targetGroup))),
    );
    for (let i = 1; i < gaps.length; i++) expect(gaps[i]!).toBeGreaterThan(gaps[i - 1]!);
    // and not by a hair: the strongest confounding adds several points of FPR for that group
    expect(gaps.at(-1)! - gaps[0]!).toBeGreaterThan(0.04);
    // the summary's largest-gap metric rises too
    const rows = run.result.summary.rows;
    expect(rows.at(-1)!.metrics['fprGap']!.mean!).toBeGreaterThan(rows[0]!.metrics['fprGap']!.mean!);
  });
});
