/** Sweep lines: a disparity (or any metric) against the swept knob's value, one point per seed. */
import { cellMetric, sweepLabel, type CellOutcomeLike } from '../input.js';
import { categoryScale } from '../palette.js';
import { chartTitle, round4, topLevel, type ChartOptions, type VegaLiteSpec } from '../spec.js';

/** Options for {@link sweepChart}. */
export interface SweepChartOptions extends ChartOptions {
  /** Metric of `cell.metrics` on the y axis. Default `fprGap`. */
  metric?: string;
  /** Axis title for the metric. Default: a description of known metrics, else the metric name. */
  metricTitle?: string;
  /** Name of the swept field, for the x axis. Default `swept value`. */
  knob?: string;
}

/** Axis titles of the experiment stage's headline metrics. */
export const METRIC_TITLES: Readonly<Record<string, string>> = {
  fprGap: 'FPR gap between groups',
  fnrGap: 'FNR gap between groups',
  equalizedOdds: 'Equalized-odds difference',
  auc: 'ROC-AUC (all test ads)',
  prAuc: 'PR-AUC (all test ads)',
  fpr: 'False positive rate (all test ads)',
  recall: 'Recall (all test ads)',
  twinFlipRate: 'Share of twin pairs whose flag differs',
};

/** Series label of a cell: model, plus mitigation when there is one. */
export function seriesOf(cell: CellOutcomeLike): string {
  return cell.mitigation && cell.mitigation !== 'none' ? `${cell.model} + ${cell.mitigation}` : cell.model;
}

/**
 * Metric against swept value: one dot per seed, a band from the lowest to the highest seed, and a
 * line through the mean over seeds, one colour
 * per model (+ mitigation). Numeric knobs get a quantitative axis, others an ordinal one in the
 * order the cells list them. Cells without a sweep value or metric are left out.
 */
export function sweepChart(cells: readonly CellOutcomeLike[], options: SweepChartOptions = {}): VegaLiteSpec {
  const metric = options.metric ?? 'fprGap';
  const metricTitle = options.metricTitle ?? METRIC_TITLES[metric] ?? metric;
  const knob = options.knob ?? 'swept value';
  const values: Record<string, unknown>[] = [];
  const order: string[] = [];
  const series: string[] = [];
  for (const c of cells) {
    const raw = cellMetric(c, metric);
    if (c.sweepValue === null || c.sweepValue === undefined || raw === null) continue;
    const key = sweepLabel(c.sweepValue);
    if (!order.includes(key)) order.push(key);
    const s = seriesOf(c);
    if (!series.includes(s)) series.push(s);
    values.push({ value: typeof c.sweepValue === 'number' ? c.sweepValue : key, seed: c.seed, series: s, metric: round4(raw) });
  }
  const numeric = cells.every((c) => c.sweepValue === null || typeof c.sweepValue === 'number');
  const x = numeric
    ? { field: 'value', type: 'quantitative', title: knob, scale: { zero: false } }
    : { field: 'value', type: 'ordinal', title: knob, sort: order };
  const color = { field: 'series', type: 'nominal', title: 'Model', scale: categoryScale(series), legend: { symbolOpacity: 1, labelLimit: 320 } };
  const content = {
    width: options.width ?? 420,
    height: options.height ?? 260,
    data: { values },
    layer: [
      {
        mark: { type: 'area', opacity: 0.15 },
        encoding: {
          x,
          y: { field: 'metric', type: 'quantitative', aggregate: 'min' },
          y2: { field: 'metric', aggregate: 'max' },
          color,
        },
      },
      {
        mark: { type: 'line', point: false, strokeWidth: 2 },
        encoding: { x, y: { field: 'metric', type: 'quantitative', aggregate: 'mean', title: metricTitle, scale: { zero: /Gap$/.test(metric) } }, color },
      },
      {
        mark: { type: 'point', filled: true, opacity: 0.7, size: 45 },
        encoding: {
          x,
          y: { field: 'metric', type: 'quantitative' },
          color,
          tooltip: [
            { field: 'series', type: 'nominal', title: 'model' },
            { field: 'value', title: knob },
            { field: 'seed', type: 'nominal', title: 'seed' },
            { field: 'metric', type: 'quantitative', title: metric, format: '.3f' },
          ],
        },
      },
    ],
  };
  return topLevel(
    content,
    chartTitle(
      `${metricTitle} as ${knob} changes`,
      options,
      `${/Gap$/.test(metric) ? 'Gap: largest minus smallest group value. ' : ''}Dots: one seed each; line: mean over seeds; band: lowest to highest seed.`,
    ),
    `Line chart of ${metric} against ${knob}, one point per seed.`,
  );
}
