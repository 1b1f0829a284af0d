/** Per-group false positive and false negative rates with bootstrap confidence intervals. */
import type { AuditLike } from '../input.js';
import { categoryScale, REFERENCE_COLOR } from '../palette.js';
import { chartTitle, formatThreshold, round4, topLevel, type ChartOptions, type VegaLiteSpec } from '../spec.js';
import { groupRowsOf, intervalOf, pickColumn } from './common.js';

/** Options for {@link errorRateChart}. */
export interface ErrorRateChartOptions extends ChartOptions {
  /** Group column to show. Default: the audit's first column. */
  column?: string;
}

const MEASURES = [
  { key: 'fpr', label: 'False positive rate (benign ads flagged)' },
  { key: 'fnr', label: 'False negative rate (trafficking ads missed)' },
] as const;

/**
 * Horizontal bars of FPR and FNR per group, side by side, with the bootstrap interval as an error
 * bar and the overall rate as a dashed line. Groups whose rate is undefined (no benign or no
 * trafficking ads) have no bar and are named in the subtitle.
 *
 * Every chart builder (`rocChart`, `prChart`, `thresholdChart`, `calibrationChart`, `harmChart`,
 * `sweepChart`, `tradeoffChart`) works the same way: a result object in, a Vega-Lite spec out.
 *
 * @example
 * ```ts
 * import { audit, errorRateChart, renderSvg } from 'adscreen';
 *
 * const result = audit({
 *   labels: [1, 0, 0, 1, 0, 0, 1, 0],
 *   scores: [0.9, 0.7, 0.2, 0.4, 0.6, 0.1, 0.8, 0.3],
 *   groups: { gender: ['woman', 'woman', 'woman', 'woman', 'man', 'man', 'man', 'man'] },
 *   bootstrap: 20, seed: 1,
 * });
 * const spec = errorRateChart(result, { column: 'gender', dataLabel: 'toy scores' });  // plain Vega-Lite JSON
 * const svg = await renderSvg(spec);                    // offline, deterministic SVG
 * console.log(spec.$schema, svg.startsWith('<svg'));
 * ```
 */
export function errorRateChart(audit: AuditLike, options: ErrorRateChartOptions = {}): VegaLiteSpec {
  const column = pickColumn(audit, options.column);
  const rows = groupRowsOf(audit, column);
  const groups = rows.map((r) => r.group);
  const values: Record<string, unknown>[] = [];
  const missing: string[] = [];
  for (const m of MEASURES) {
    const overall = round4(audit.overall[m.key]);
    for (const r of rows) {
      const value = round4(r[m.key]);
      if (value === null) {
        missing.push(`${m.key.toUpperCase()} of ${r.group}`);
        continue;
      }
      const [lo, hi] = intervalOf(r, m.key);
      values.push({ measure: m.label, group: r.group, value, lo, hi, overall, n: r.n ?? null });
    }
  }
  const subtitle =
    `Threshold ${formatThreshold(audit.threshold)}; bars: rate; whiskers: bootstrap interval; dashed line: all ads.` +
    (missing.length > 0 ? ` Undefined: ${missing.join(', ')}.` : '');
  const y = { field: 'group', type: 'nominal', title: column, sort: groups };
  const content = {
    data: { values },
    facet: { column: { field: 'measure', type: 'nominal', title: null, sort: MEASURES.map((m) => m.label) } },
    spec: {
      width: options.width ?? 260,
      height: options.height ?? Math.max(90, 32 * groups.length),
      layer: [
        {
          mark: { type: 'bar', height: { band: 0.7 } },
          encoding: {
            y,
            x: { field: 'value', type: 'quantitative', title: 'Rate', axis: { format: '~%' }, scale: { domainMin: 0 } },
            color: { field: 'group', type: 'nominal', scale: categoryScale(groups), legend: null },
            tooltip: [
              { field: 'group', type: 'nominal', title: column },
              { field: 'value', type: 'quantitative', title: 'rate', format: '.3f' },
              { field: 'lo', type: 'quantitative', title: 'interval low', format: '.3f' },
              { field: 'hi', type: 'quantitative', title: 'interval high', format: '.3f' },
              { field: 'n', type: 'quantitative', title: 'ads in group' },
            ],
          },
        },
        {
          mark: { type: 'rule', strokeWidth: 1.5, color: '#222222' },
          encoding: { y, x: { field: 'lo', type: 'quantitative' }, x2: { field: 'hi' } },
        },
        {
          mark: { type: 'rule', strokeDash: [5, 4], color: REFERENCE_COLOR },
          encoding: { x: { field: 'overall', type: 'quantitative', aggregate: 'max' } },
        },
      ],
    },
    resolve: { scale: { x: 'independent' } },
  };
  return topLevel(
    content,
    chartTitle(`False positive and false negative rates by ${column}`, options, subtitle),
    `Bar chart of false positive and false negative rates per ${column} group with bootstrap intervals.`,
  );
}
