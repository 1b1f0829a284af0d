/**
 * Phenomenon 6 (examples/experiments/keywords-vs-learned.json at small size): the keyword
 * screener's per-group FPR against the learned models', each at the decision threshold 0.5.
 */
import { describe, expect, it } from 'vitest';
import { runSmall } from './small-run.js';

describe('phenomenon 6: keyword screener vs learned models', () => {
  it('the keyword screener has the highest FPR in every group', async () => {
    const run = await runSmall('keywords-vs-learned.json', {
      models: ['keywords', 'naive-bayes', 'logreg'],
      train: { scenario: 'baseline', n: 4000 },
      test: { n: 4000, twins: false },
      seeds: [1, 2],
      audit: { threshold: 0.5, bootstrap: 0 },
    });
    const rows = run.result.summary.rows;
    expect(rows.map((r) => r.model)).toEqual(['keywords', 'naive-bayes', 'logreg']);
    const groups = Object.keys(rows[0]!.metrics).filter((k) => k.startsWith('fpr:'));
    expect(groups).toHaveLength(5);
    const kw = rows[0]!;
    for (const g of groups) {
      for (const learned of rows.slice(1)) expect(kw.metrics[g]!.mean!).toBeGreaterThan(learned.metrics[g]!.mean!);
    }
    // while catching more trafficking ads at that threshold: the cost is paid by benign posters
    for (const learned of rows.slice(1)) expect(kw.metrics['recall']!.mean!).toBeGreaterThan(learned.metrics['recall']!.mean!);
    expect(kw.metrics['auc']!.mean!).toBeLessThan(rows[2]!.metrics['auc']!.mean!);
  });
});
