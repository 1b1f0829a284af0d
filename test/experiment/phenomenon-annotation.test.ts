/**
 * Phenomenon 3 (examples/experiments/biased-annotation.json at small size): trained on the
 * observed (biased) labels, a model shows a larger FPR gap, evaluated on true labels, than the
 * same model trained on the true labels.
 */
import { describe, expect, it } from 'vitest';
import { mean, runSmall, targetFprGap } from './small-run.js';

describe('phenomenon 3: biased annotation', () => {
  it('observed-label training gives a larger FPR gap than true-label training', async () => {
    const run = await runSmall('biased-annotation.json', {
      models: ['logreg'],
      train: { scenario: 'biased-annotation', n: 4000 },
      test: { n: 4000, twins: false },
      seeds: [1, 2, 3],
      audit: { threshold: { fpr: 0.05 }, bootstrap: 0 },
    });
    const flipUp = (run.cells[0]!.train['annotation'] as { flipToPositive: Record<string, number> }).flipToPositive;
    const target = Object.entries(flipUp).sort((a, b) => b[1] - a[1])[0]![0];
    expect(target).toBe('southeast-asia');
    const gap = (mitigation: string) =>
      mean(run.cells.filter((c) => c.mitigation === mitigation).map((c) => targetFprGap(c.metrics, target)));
    const observed = gap('none');
    const truth = gap('true-labels');
    expect(observed).toBeGreaterThan(truth + 0.02);
    // per seed too, not only on average
    for (const seed of [1, 2, 3]) {
      const cell = (m: string) => run.cells.find((c) => c.seed === seed && c.mitigation === m)!;
      expect(targetFprGap(cell('none').metrics, target)).toBeGreaterThan(targetFprGap(cell('true-labels').metrics, target));
    }
  });
});
