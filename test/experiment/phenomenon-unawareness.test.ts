/**
 * Phenomenon 4 (examples/experiments/unawareness.json at small size): mask-proxies closes the FPR
 * gap when the group shows only through explicit mentions, but shrinks it much less when language
 * variety also carries the group, and not at all when only variety does.
 */
import { describe, expect, it } from 'vitest';
import { mean, runSmall, targetFprGap } from './small-run.js';

describe('phenomenon 4: unawareness is not enough', () => {
  it('masking shrinks the gap much less when language variety carries the group signal', async () => {
    const run = await runSmall('unawareness.json', {
      models: ['logreg'],
      train: { scenario: 'confounded', n: 4000 },
      test: { n: 4000, twins: false },
      seeds: [1, 2, 3],
      audit: { threshold: { fpr: 0.05 }, bootstrap: 0 },
    });
    const values = run.result.config.sweep!.values as Array<{ mention: number; variety: number }>;
    expect(values).toEqual([{ mention: 2, variety: 0 }, { mention: 2, variety: 1 }, { mention: 0, variety: 1 }]);
    const gap = (vi: number, mitigation: string) =>
      mean(run.cells.filter((c) => c.sweepIndex === vi && c.mitigation === mitigation).map((c) => targetFprGap(c.metrics, 'southeast-asia')));
    const shrink = (vi: number) => {
      const before = gap(vi, 'none');
      expect(before).toBeGreaterThan(0.02); // there is a gap to close in every condition
      return (before - gap(vi, 'mask-proxies')) / before;
    };
    const explicitOnly = shrink(0);
    const both = shrink(1);
    const varietyOnly = shrink(2);
    expect(explicitOnly).toBeGreaterThan(0.7);
    expect(explicitOnly - both).toBeGreaterThan(0.25);
    expect(Math.abs(varietyOnly)).toBeLessThan(0.1);
    // what is left after masking: near zero without variety, clearly positive with it
    expect(Math.abs(gap(0, 'mask-proxies'))).toBeLessThan(0.02);
    expect(gap(1, 'mask-proxies')).toBeGreaterThan(0.03);
  });
});
