/**
 * Agreement with an independent implementation: test/fixtures/audit/make_fixtures.py computes
 * every point metric with scikit-learn 1.2.1 / numpy on three seeded datasets (ties, a tiny
 * group, a group without positives, a group without negatives, scores on bin edges). Every
 * number must agree within 1e-9; every null must be null.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  audit,
  averagePrecision,
  biasAucs,
  brierScore,
  expectedCalibrationError,
  METRIC_KEYS,
  rocAuc,
  thresholdForFpr,
  thresholdForRecall,
  type AuditResult,
  type GroupMetrics,
} from '../../src/audit/index.js';

const DIR = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/audit');
const FILES = ['ties-tiny-nopositives.json', 'continuous.json', 'coarse-grid.json'];
const TOL = 1e-9;

type Num = number | null;
interface Fixture {
  name: string;
  threshold: number;
  prevalence: number;
  volume: number;
  labels: number[];
  scores: number[];
  groups: Record<string, string[]>;
  expected: {
    overall: Record<string, Num>;
    levels: Record<string, Array<Record<string, unknown>>>;
    disparities: Record<string, Record<string, unknown>>;
    harmOverall: Record<string, Num>;
    thresholdForFpr: { target: number; threshold: Num };
    thresholdForRecall: { target: number; threshold: Num };
  };
}

function close(actual: unknown, expected: unknown, where: string): void {
  if (expected === null) {
    expect(actual, where).toBeNull();
    return;
  }
  expect(typeof actual, where).toBe('number');
  expect(Math.abs((actual as number) - (expected as number)), `${where}: ${String(actual)} vs ${String(expected)}`).toBeLessThanOrEqual(TOL);
}

function rowsOf(result: AuditResult, level: string): GroupMetrics[] {
  if (!level.includes(' & ')) return result.groups[level] ?? [];
  return result.intersections.filter((r) => r.columns.join(' & ') === level);
}

for (const file of FILES) {
  const fx = JSON.parse(readFileSync(join(DIR, file), 'utf8')) as Fixture;
  describe(`fixture ${fx.name} (scikit-learn/numpy)`, () => {
    const result = audit({
      labels: fx.labels,
      scores: fx.scores,
      groups: fx.groups,
      threshold: fx.threshold,
      bootstrap: 0,
      prevalence: fx.prevalence,
      volume: fx.volume,
    });

    it('overall metrics agree', () => {
      for (const key of METRIC_KEYS) close(result.overall[key], fx.expected.overall[key], `overall.${key}`);
    });

    it('standalone metric functions agree', () => {
      close(rocAuc(fx.labels, fx.scores), fx.expected.overall['auc'], 'rocAuc');
      close(averagePrecision(fx.labels, fx.scores), fx.expected.overall['prAuc'], 'averagePrecision');
      close(brierScore(fx.labels, fx.scores), fx.expected.overall['brier'], 'brierScore');
      close(expectedCalibrationError(fx.labels, fx.scores), fx.expected.overall['ece'], 'expectedCalibrationError');
    });

    it('every group and intersection: metrics and Borkan AUCs agree', () => {
      for (const [level, rows] of Object.entries(fx.expected.levels)) {
        const got = rowsOf(result, level);
        expect(got.map((r) => r.group), level).toEqual(rows.map((r) => r['group']));
        rows.forEach((row, k) => {
          const g = got[k] as GroupMetrics;
          for (const key of [...METRIC_KEYS, 'subgroupAuc', 'bpsnAuc', 'bnspAuc'] as const) {
            close(g[key], row[key], `${level}=${g.group}.${key}`);
          }
        });
      }
    });

    it('biasAucs() agrees for each single column', () => {
      for (const column of Object.keys(fx.groups)) {
        const got = biasAucs(fx.labels, fx.scores, fx.groups[column] as string[]);
        (fx.expected.levels[column] ?? []).forEach((row, k) => {
          for (const key of ['subgroupAuc', 'bpsnAuc', 'bnspAuc'] as const) close(got[k]?.[key], row[key], `${column}.${key}`);
        });
      }
    });

    it('disparities agree (Fairlearn aggregates, FPED/FNED, power means, reference differences)', () => {
      for (const [level, exp] of Object.entries(fx.expected.disparities)) {
        const d = result.disparities[level];
        expect(d, level).toBeDefined();
        expect(d?.reference).toBe(exp['reference']);
        for (const [key, value] of Object.entries(exp)) {
          if (key === 'reference' || key === 'byGroup') continue;
          close((d as unknown as Record<string, unknown>)[key], value, `${level}.${key}`);
        }
        (exp['byGroup'] as Array<Record<string, unknown>>).forEach((row, k) => {
          const g = d?.byGroup[k] as unknown as Record<string, unknown>;
          expect(g['group']).toBe(row['group']);
          for (const [key, value] of Object.entries(row)) if (key !== 'group') close(g[key], value, `${level}.${row['group']}.${key}`);
        });
      }
    });

    it('harm at base rate agrees', () => {
      for (const [key, value] of Object.entries(fx.expected.harmOverall)) {
        close((result.harm?.overall as unknown as Record<string, unknown>)[key], value, `harm.overall.${key}`);
      }
      for (const [level, rows] of Object.entries(fx.expected.levels)) {
        rows.forEach((row, k) => {
          const got = result.harm?.groups[level]?.[k] as unknown as Record<string, unknown>;
          for (const [key, value] of Object.entries(row['harm'] as Record<string, Num>)) close(got[key], value, `harm.${level}.${row['group']}.${key}`);
        });
      }
    });

    it('thresholds for a target FPR and recall agree', () => {
      const f = thresholdForFpr(fx.labels, fx.scores, { fpr: fx.expected.thresholdForFpr.target });
      if (fx.expected.thresholdForFpr.threshold === null) expect(f).toBeGreaterThan(Math.max(...fx.scores));
      else expect(f).toBe(fx.expected.thresholdForFpr.threshold);
      expect(thresholdForRecall(fx.labels, fx.scores, { recall: fx.expected.thresholdForRecall.target })).toBe(fx.expected.thresholdForRecall.threshold);
    });
  });
}
