/** ROC, precision-recall and threshold curves per group. */
import type { AuditLike, CurvePointLike } from '../input.js';
import { categoryScale, REFERENCE_COLOR } from '../palette.js';
import { chartTitle, formatThreshold, round4, topLevel, type ChartOptions, type VegaLiteSpec } from '../spec.js';
import { pickColumn } from './common.js';
import { auditCurves, type GroupCurve } from './curveData.js';

/** Options for the curve charts. */
export interface CurveChartOptions extends ChartOptions {
  /** Group column to show. Default: the audit's first column. */
  column?: string;
  /** Most points kept per group (evenly thinned, ends kept). Default 300. */
  maxPoints?: number;
}

/** Keeps at most `max` points, evenly spaced, always keeping the first and last. */
export function thinPoints<P>(points: readonly P[], max: number): P[] {
  if (points.length <= max || max < 2) return [...points];
  const out: P[] = [];
  const step = (points.length - 1) / (max - 1);
  for (let i = 0; i < max; i++) out.push(points[Math.round(i * step)] as P);
  return out;
}

function curveValues(
  curves: readonly GroupCurve<CurvePointLike>[],
  x: keyof CurvePointLike,
  y: keyof CurvePointLike,
  max: number,
): Record<string, unknown>[] {
  const values: Record<string, unknown>[] = [];
  for (const c of curves) {
    thinPoints(c.points, max).forEach((p, order) => {
      const xv = round4(p[x]);
      const yv = round4(p[y]);
      if (xv !== null && yv !== null) values.push({ group: c.group, order, x: xv, y: yv });
    });
  }
  return values;
}

function lineChart(
  values: Record<string, unknown>[],
  groups: string[],
  column: string,
  axes: { x: string; y: string },
  options: CurveChartOptions,
  extraLayers: Record<string, unknown>[],
): Record<string, unknown> {
  return {
    width: options.width ?? 340,
    height: options.height ?? 320,
    layer: [
      ...extraLayers,
      {
        data: { values },
        mark: { type: 'line', strokeWidth: 2, interpolate: 'linear' },
        encoding: {
          x: { field: 'x', type: 'quantitative', title: axes.x, scale: { domain: [0, 1] } },
          y: { field: 'y', type: 'quantitative', title: axes.y, scale: { domain: [0, 1] } },
          color: { field: 'group', type: 'nominal', title: column, scale: categoryScale(groups) },
          strokeDash: { field: 'group', type: 'nominal', title: column, sort: groups },
          order: { field: 'order', type: 'quantitative' },
        },
      },
    ],
  };
}

const DIAGONAL = {
  data: { values: [{ x: 0, y: 0 }, { x: 1, y: 1 }] },
  mark: { type: 'line', color: REFERENCE_COLOR, strokeDash: [4, 4], strokeWidth: 1 },
  encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } },
};

/** ROC curve (TPR against FPR) per group, with the chance diagonal. Empty data when the audit has no ROC points. */
export function rocChart(audit: AuditLike, options: CurveChartOptions = {}): VegaLiteSpec {
  const column = pickColumn(audit, options.column);
  const curves = auditCurves(audit, column, 'roc');
  const groups = curves.map((c) => c.group);
  const values = curveValues(curves, 'fpr', 'tpr', options.maxPoints ?? 300);
  return topLevel(
    lineChart(values, groups, column, { x: 'FPR (share of benign ads flagged)', y: 'TPR (trafficking ads caught)' }, options, [DIAGONAL]),
    chartTitle(`ROC curve by ${column}`, options, 'Dashed grey diagonal: a screener that flags at random.'),
    `ROC curves per ${column} group.`,
  );
}

/** Precision-recall curve per group. */
export function prChart(audit: AuditLike, options: CurveChartOptions = {}): VegaLiteSpec {
  const column = pickColumn(audit, options.column);
  const curves = auditCurves(audit, column, 'pr');
  const groups = curves.map((c) => c.group);
  const values = curveValues(curves, 'recall', 'precision', options.maxPoints ?? 300);
  return topLevel(
    lineChart(values, groups, column, { x: 'Recall (trafficking ads caught)', y: 'Precision (flags that are right)' }, options, []),
    chartTitle(`Precision-recall curve by ${column}`, options, 'Precision at the test data\'s prevalence, which differs by group.'),
    `Precision-recall curves per ${column} group.`,
  );
}

/** False positive rate against threshold per group, with a rule at the audit's threshold. */
export function thresholdChart(audit: AuditLike, options: CurveChartOptions = {}): VegaLiteSpec {
  const column = pickColumn(audit, options.column);
  const curves = auditCurves(audit, column, 'threshold');
  const groups = curves.map((c) => c.group);
  const values = curveValues(curves, 'threshold', 'fpr', options.maxPoints ?? 300);
  const rule = {
    data: { values: [{ t: round4(audit.threshold) }] },
    mark: { type: 'rule', color: REFERENCE_COLOR, strokeDash: [4, 4] },
    encoding: { x: { field: 't', type: 'quantitative' } },
  };
  return topLevel(
    lineChart(values, groups, column, { x: 'Threshold (flag when score ≥ threshold)', y: 'FPR (benign ads flagged)' }, options, [rule]),
    chartTitle(`False positive rate by threshold and ${column}`, options, `Dashed line: the audited threshold ${formatThreshold(audit.threshold)}.`),
    `False positive rate against decision threshold per ${column} group.`,
  );
}
