/**
 * The report stage on real audit-stage output: the audit is computed by `audit()` from the
 * fixture's scored ads, and the explorable page's numbers are checked against it.
 */
import { describe, expect, it } from 'vitest';
import { audit } from '../../src/audit/index.js';
import { buildReport, exploreData, exploreStats, report, thresholdBin } from '../../src/report/index.js';
import { fixtureAds } from './fixtures.js';

const ads = fixtureAds();
const base = ads.filter((a) => !a.twinOf);
const byId = new Map(base.map((a) => [a.id, a]));
const twins = ads
  .filter((a) => a.twinOf)
  .map((t) => {
    const o = byId.get(t.twinOf as string);
    return { original: o?.score ?? 0, twin: t.score, from: o?.group ?? '', to: t.group };
  });

function auditAt(threshold: number, prevalence = 0.01, volume = 100_000) {
  return audit({
    labels: base.map((a) => a.label),
    scores: base.map((a) => a.score),
    groups: { language: base.map((a) => a.group) },
    threshold,
    bootstrap: 50,
    seed: 3,
    prevalence,
    volume,
    twins,
  });
}

describe('report on audit() output', () => {
  it('renders every chart kind, the disparity and twin tables', async () => {
    const result = auditAt(0.5);
    const doc = buildReport({ audit: result });
    const names = doc.sections.flatMap((s) => s.blocks).flatMap((b) => (b.kind === 'chart' ? [b.name] : []));
    expect(names).toEqual(['fpr-fnr-language', 'harm-language', 'roc-language', 'pr-language', 'calibration-language', 'threshold-language']);
    const captions = doc.sections.flatMap((s) => s.blocks).flatMap((b) => (b.kind === 'table' ? [b.caption] : []));
    expect(captions.some((c) => c.startsWith('Disparities between language groups'))).toBe(true);
    expect(captions.some((c) => c.startsWith('Counterfactual twins by swap'))).toBe(true);
    const { content } = await report({ audit: result });
    expect((content.match(/<svg /g) ?? []).length).toBe(names.length);
  });

  it('the explorable page numbers equal the audit harm section at the same threshold and prevalence', () => {
    const data = exploreData(ads);
    for (const [threshold, prevalence] of [
      [0.5, 0.01],
      [0.321, 0.05],
      [0.7, 0.2],
    ] as const) {
      const result = auditAt(threshold, prevalence, 250_000);
      const page = exploreStats(data, { bin: thresholdBin(threshold, data.bins), prevalence, volume: 250_000 });
      const harm = result.harm?.groups['language'] ?? [];
      for (const g of page.groups) {
        const h = harm.find((r) => r.group === g.group);
        const m = result.groups['language']?.find((r) => r.group === g.group);
        expect(g.fpr).toBe(m?.fpr);
        expect(g.tpr).toBe(m?.tpr);
        expect(g.benignFlaggedPer10k).toBeCloseTo(h?.benignFlaggedPer10k as number, 9);
        expect(g.wrongFlagShare).toBeCloseTo(h?.wrongFlagShare as number, 12);
        expect(g.wrongFlagsPerMonth).toBeCloseTo(h?.wrongFlagsPerMonth as number, 6);
        expect(g.missedPerMonth).toBeCloseTo(h?.missedPerMonth as number, 6);
      }
      expect(page.twinFlips).toBe(result.twins?.flips);
      expect(page.fprGap).toBeCloseTo(result.disparities['language']?.fprDifference as number, 12);
    }
  });
});

describe('report on an experiment directory written by experiment()', () => {
  it('reads every cell and renders the sweep charts', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { experiment } = await import('../../src/experiment/index.js');
    const { loadReportBundle } = await import('../../src/report/index.js');
    const out = mkdtempSync(join(tmpdir(), 'adscreen-report-exp-'));
    try {
      await experiment(
        {
          name: 'report-test',
          train: { scenario: 'baseline', n: 400 },
          test: { scenario: 'baseline', n: 300 },
          seeds: [1],
          models: ['logreg'],
          mitigations: ['none'],
          sweep: { field: 'train.confounding.strength', values: [0, 0.8] },
          audit: { threshold: 0.5, bootstrap: 0 },
        },
        { out, jobs: 0 },
      );
      const bundle = loadReportBundle(out);
      expect(bundle.experiment?.cells.map((c) => [c.sweepValue, c.seed, c.model, c.mitigation])).toEqual([
        [0, 1, 'logreg', 'none'],
        [0.8, 1, 'logreg', 'none'],
      ]);
      expect(bundle.experiment?.sweepField).toBe('train.confounding.strength');
      const { content } = await report(out);
      for (const name of ['sweep-fprgap', 'sweep-auc']) expect(content).toContain(`data-chart="${name}"`);
      expect(content).toMatch(/data-chart="fpr-fnr-[a-z]+"/);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
