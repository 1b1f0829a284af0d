/**
 * Phenomenon 5 (examples/experiments/mitigations.json at small size): every mitigation's cost and
 * benefit in one table (AUC, recall at a fixed overall FPR, FPR gap, twin flip rate).
 */
import { describe, expect, it } from 'vitest';
import { summaryMarkdown } from '../../src/experiment/index.js';
import { runSmall, type SmallRun } from './small-run.js';

describe('phenomenon 5: mitigations, cost and benefit', () => {
  let run: SmallRun;
  it('puts every mitigation in one summary table with the four headline metrics', async () => {
    run = await runSmall('mitigations.json', {
      models: ['logreg'],
      train: { scenario: 'confounded', n: 3000, set: { 'annotation.flipToPositive': { 'southeast-asia': 0.1 } } },
      test: { scenario: 'confounded', n: 3000 },
      seeds: [1, 2],
      audit: { threshold: { fpr: 0.05 }, bootstrap: 0 },
    });
    const names = ['none', 'mask-proxies', 'reweigh', 'augment-twins', 'group-thresholds', 'true-labels'];
    expect(run.result.summary.rows.map((r) => r.mitigation)).toEqual(names);
    for (const row of run.result.summary.rows) {
      for (const metric of ['auc', 'recall', 'fprGap', 'twinFlipRate']) {
        expect(row.metrics[metric]!.n).toBe(2);
        expect(row.metrics[metric]!.mean).not.toBeNull();
      }
    }
    const md = summaryMarkdown(run.result.summary);
    expect(md).toContain('| model | mitigation | AUC | PR-AUC | recall | FPR | FPR gap | FNR gap | eq. odds diff | twin flip |');
    for (const n of names) expect(md).toMatch(new RegExp(`\\| logreg \\| ${n} \\| \\d\\.\\d{3} ± \\d\\.\\d{3} \\|`));
  });

  it('shows the expected benefits and the threshold each mitigation ran at', () => {
    const m = (mitigation: string, metric: string) =>
      run.result.summary.rows.find((r) => r.mitigation === mitigation)!.metrics[metric]!.mean!;
    // pre-processing leaves the operating point at the fixed overall FPR
    for (const name of ['none', 'mask-proxies', 'reweigh', 'augment-twins', 'true-labels']) expect(m(name, 'fpr')).toBeLessThanOrEqual(0.05);
    // reweighing decouples group and label: smaller FPR gap
    expect(m('reweigh', 'fprGap')).toBeLessThan(m('none', 'fprGap'));
    // twins and masking make decisions less sensitive to the proxy swap
    expect(m('augment-twins', 'twinFlipRate')).toBeLessThan(m('none', 'twinFlipRate'));
    expect(m('mask-proxies', 'twinFlipRate')).toBeLessThan(m('none', 'twinFlipRate'));
    // group thresholds were fitted on validation data and applied at 0.5 on adjusted scores
    const gt = run.cells.filter((c) => c.mitigation === 'group-thresholds');
    for (const c of gt) expect(c.metrics.threshold).toBe(0.5);
  });
});
