/** Calibration (reliability) per group: observed share of trafficking ads against mean score, by score bin. */
import type { AuditLike } from '../input.js';
import { categoryScale, REFERENCE_COLOR } from '../palette.js';
import { chartTitle, round4, topLevel, type ChartOptions, type VegaLiteSpec } from '../spec.js';
import { pickColumn } from './common.js';
import { auditCurves } from './curveData.js';

/** Options for {@link calibrationChart}. */
export interface CalibrationChartOptions extends ChartOptions {
  /** Group column to show. Default: the audit's first column. */
  column?: string;
}

/**
 * Reliability diagram per group: one point per non-empty score bin (area by ads in the bin),
 * joined by lines, with the diagonal of perfect calibration.
 */
export function calibrationChart(audit: AuditLike, options: CalibrationChartOptions = {}): VegaLiteSpec {
  const column = pickColumn(audit, options.column);
  const curves = auditCurves(audit, column, 'calibration');
  const groups = curves.map((c) => c.group);
  const values: Record<string, unknown>[] = [];
  for (const c of curves) {
    for (const b of c.points) {
      const x = round4(b.meanScore);
      const y = round4(b.fractionPositive);
      if (x !== null && y !== null && b.count > 0) values.push({ group: c.group, x, y, count: b.count });
    }
  }
  const x = { field: 'x', type: 'quantitative', title: 'Mean score in bin', scale: { domain: [0, 1] } };
  const y = { field: 'y', type: 'quantitative', title: 'Share of trafficking ads in bin', scale: { domain: [0, 1] } };
  const color = { field: 'group', type: 'nominal', title: column, scale: categoryScale(groups) };
  const content = {
    width: options.width ?? 340,
    height: options.height ?? 300,
    layer: [
      {
        data: { values: [{ x: 0, y: 0 }, { x: 1, y: 1 }] },
        mark: { type: 'line', color: REFERENCE_COLOR, strokeDash: [4, 4], strokeWidth: 1 },
        encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } },
      },
      { data: { values }, mark: { type: 'line', strokeWidth: 1.5, opacity: 0.8 }, encoding: { x, y, color, order: { field: 'x', type: 'quantitative' } } },
      {
        data: { values },
        mark: { type: 'point', filled: true, opacity: 0.85 },
        encoding: {
          x,
          y,
          color,
          shape: { field: 'group', type: 'nominal', title: column, sort: groups },
          size: { field: 'count', type: 'quantitative', title: 'Ads in bin', scale: { range: [15, 260] } },
          tooltip: [
            { field: 'group', type: 'nominal', title: column },
            { field: 'x', type: 'quantitative', title: 'mean score', format: '.3f' },
            { field: 'y', type: 'quantitative', title: 'share trafficking', format: '.3f' },
            { field: 'count', type: 'quantitative', title: 'ads' },
          ],
        },
      },
    ],
  };
  return topLevel(
    content,
    chartTitle(`Calibration by ${column}`, options, 'On the dashed diagonal, a score of 0.3 means 30% of such ads are trafficking ads.'),
    `Reliability diagram per ${column} group.`,
  );
}
