/**
 * Test fixtures for the report stage: seeded scored ads and an audit-contract object computed
 * from them by plain masks (independent of the audit stage), so report tests do not depend on it.
 */
import { Rng } from '../../src/random.js';
import type { AuditLike, CellOutcomeLike, GroupRowLike, MetricsLike } from '../../src/report/input.js';
import type { ScoredAd } from '../../src/report/explore/data.js';

/** Groups with different benign-score shifts, so their FPRs differ. */
export const FIXTURE_GROUPS = [
  { group: 'native', shift: 0.0, positiveRate: 0.2 },
  { group: 'non-native', shift: 0.15, positiveRate: 0.15 },
  { group: 'code-switching', shift: 0.25, positiveRate: 0.1 },
] as const;

/** Seeded scored ads, with 1 in 5 ads also getting a twin in another group. Scores are rounded to 4 decimals, some exactly on bin edges. */
export function fixtureAds(n = 600, seed = 7): ScoredAd[] {
  const rng = new Rng(seed);
  const ads: ScoredAd[] = [];
  const twins: ScoredAd[] = [];
  for (let i = 0; i < n; i++) {
    const g = FIXTURE_GROUPS[i % FIXTURE_GROUPS.length] as (typeof FIXTURE_GROUPS)[number];
    const label: 0 | 1 = rng.bernoulli(g.positiveRate) ? 1 : 0;
    const base = label === 1 ? 0.4 + 0.55 * rng.float() - g.shift * rng.float() : 0.05 + 0.5 * rng.float() + g.shift * rng.float();
    // every 7th ad sits exactly on a 1/1000 bin edge, to exercise exactness at the edges
    const score = i % 7 === 0 ? Math.round(base * 1000) / 1000 : Math.round(base * 1e4) / 1e4;
    const id = `ad-${i}`;
    ads.push({ id, label, score: Math.min(1, score), group: g.group, text: `Fictional ad ${i} <b>&</b> text` });
    if (i % 5 === 0) {
      const other = FIXTURE_GROUPS[(i + 1) % FIXTURE_GROUPS.length] as (typeof FIXTURE_GROUPS)[number];
      const twinScore = Math.min(1, Math.max(0, Math.round((score + other.shift - g.shift) * 1e4) / 1e4));
      twins.push({ id: `${id}-twin`, label, score: twinScore, group: other.group, text: `Fictional ad ${i} (twin)`, twinOf: id });
    }
  }
  return [...ads, ...twins];
}

function rate(num: number, den: number): number | null {
  return den > 0 ? num / den : null;
}

/** Confusion metrics at a threshold, by brute force over the ads (flag when score >= threshold). */
export function bruteMetrics(ads: readonly ScoredAd[], threshold: number): MetricsLike {
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  for (const a of ads) {
    const flagged = a.score >= threshold;
    if (a.label === 1) flagged ? tp++ : fn++;
    else flagged ? fp++ : tn++;
  }
  const n = tp + fp + tn + fn;
  return {
    n,
    positives: tp + fn,
    negatives: fp + tn,
    tp,
    fp,
    tn,
    fn,
    tpr: rate(tp, tp + fn),
    fpr: rate(fp, fp + tn),
    fnr: rate(fn, tp + fn),
    tnr: rate(tn, fp + tn),
    ppv: rate(tp, tp + fp),
    npv: rate(tn, tn + fn),
    selectionRate: rate(tp + fp, n),
    accuracy: rate(tp + tn, n),
    f1: tp > 0 ? (2 * tp) / (2 * tp + fp + fn) : null,
    auc: null,
    prAuc: null,
    brier: null,
    ece: null,
  };
}

/** An audit-contract object computed from the fixture ads (no twins) by masks. */
export function fixtureAudit(threshold = 0.5, ads: readonly ScoredAd[] = fixtureAds()): AuditLike {
  const base = ads.filter((a) => !a.twinOf);
  const rows: GroupRowLike[] = FIXTURE_GROUPS.map(({ group }) => {
    const m = bruteMetrics(
      base.filter((a) => a.group === group),
      threshold,
    );
    const ci: Record<string, [number, number] | null> = {};
    for (const key of ['fpr', 'fnr'] as const) {
      const v = m[key];
      ci[key] = typeof v === 'number' ? [Math.max(0, v - 0.03), Math.min(1, v + 0.04)] : null;
    }
    return { group, ...m, subgroupAuc: 0.9, bpsnAuc: 0.85, bnspAuc: 0.88, ci };
  });
  const curves: Record<string, Record<string, unknown>> = {};
  for (const { group } of FIXTURE_GROUPS) {
    const g = base.filter((a) => a.group === group);
    const ts = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];
    const pts = ts.map((t) => ({ t, m: bruteMetrics(g, t) }));
    curves[group] = {
      roc: pts.map(({ t, m }) => ({ threshold: t, fpr: m.fpr, tpr: m.tpr })),
      pr: pts.filter(({ m }) => m.ppv !== null).map(({ t, m }) => ({ threshold: t, precision: m.ppv, recall: m.tpr })),
      threshold: pts.map(({ t, m }) => ({ threshold: t, fpr: m.fpr, fnr: m.fnr })),
      calibration: [0.1, 0.3, 0.5, 0.7, 0.9].map((c) => {
        const inBin = g.filter((a) => a.score >= c - 0.1 && a.score < c + 0.1);
        return {
          meanScore: inBin.length ? inBin.reduce((s, a) => s + a.score, 0) / inBin.length : null,
          fractionPositive: inBin.length ? inBin.filter((a) => a.label === 1).length / inBin.length : null,
          count: inBin.length,
        };
      }),
    };
  }
  const fprs = rows.map((r) => r.fpr).filter((x): x is number => typeof x === 'number');
  return {
    schema: 'adscreen.audit/1',
    threshold,
    overall: bruteMetrics(base, threshold),
    groups: { language: rows },
    intersections: [],
    disparities: { language: { fprGap: Math.max(...fprs) - Math.min(...fprs), demographicParityRatio: 0.5 } },
    twins: { pairs: ads.length - base.length, flipRate: 0.1 },
    harm: {
      prevalence: 0.01,
      volume: 100000,
      groups: {
        language: rows.map((r) => ({
          group: r.group,
          benignFlaggedPer10k: typeof r.fpr === 'number' ? 10000 * r.fpr : null,
          wrongFlagShare: 0.9,
          wrongFlagsPerMonth: 123.4,
          missedPerMonth: 5.6,
        })),
      },
    },
    warnings: ['group code-switching has fewer than 30 trafficking ads'],
    curves: { language: curves },
    provenance: { generatorVersion: '0.1.0', seed: 7, scenarioHash: 'abc123', scenario: 'fixture' },
  };
}

/** Experiment cells: a sweep over 3 knob values x 2 seeds x 2 mitigations. */
export function fixtureCells(): CellOutcomeLike[] {
  const cells: CellOutcomeLike[] = [];
  for (const value of [0, 0.5, 1]) {
    for (const seed of [1, 2]) {
      for (const mitigation of ['none', 'reweigh']) {
        const gap = 0.02 + 0.1 * value * (mitigation === 'none' ? 1 : 0.4) + 0.01 * seed;
        cells.push({
          id: `v${value}-s${seed}-${mitigation}`,
          sweepValue: value,
          seed,
          model: 'logreg',
          mitigation,
          metrics: { auc: 0.9 - 0.02 * value - (mitigation === 'none' ? 0 : 0.01), fprGap: gap, fnrGap: gap / 2, twinFlipRate: 0.05 },
        });
      }
    }
  }
  return cells;
}
