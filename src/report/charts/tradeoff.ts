/** Mitigation trade-off: accuracy (AUC) against the FPR gap, one point per cell. */
import { cellMetric, sweepLabel, type CellOutcomeLike } from '../input.js';
import { categoryScale } from '../palette.js';
import { chartTitle, round4, topLevel, type ChartOptions, type VegaLiteSpec } from '../spec.js';
import { METRIC_TITLES } from './sweep.js';

/** Options for {@link tradeoffChart}. */
export interface TradeoffChartOptions extends ChartOptions {
  /** Metric on the x axis (lower is fairer). Default `fprGap`. */
  gapMetric?: string;
  /** Metric on the y axis (higher is better). Default `auc`. */
  scoreMetric?: string;
}

/**
 * Scatter of AUC (y) against FPR gap (x): one point per cell, colour by mitigation, shape by
 * model, a cross at each condition's mean over seeds. Up and to the left is better on both.
 */
export function tradeoffChart(cells: readonly CellOutcomeLike[], options: TradeoffChartOptions = {}): VegaLiteSpec {
  const gapMetric = options.gapMetric ?? 'fprGap';
  const scoreMetric = options.scoreMetric ?? 'auc';
  const values: Record<string, unknown>[] = [];
  const mitigations: string[] = [];
  for (const c of cells) {
    const gap = cellMetric(c, gapMetric);
    const score = cellMetric(c, scoreMetric);
    if (gap === null || score === null) continue;
    if (!mitigations.includes(c.mitigation)) mitigations.push(c.mitigation);
    values.push({
      id: c.id,
      model: c.model,
      mitigation: c.mitigation,
      seed: c.seed,
      value: c.sweepValue === null || c.sweepValue === undefined ? 'none' : sweepLabel(c.sweepValue),
      gap: round4(gap),
      score: round4(score),
    });
  }
  const x = { field: 'gap', type: 'quantitative', title: `${METRIC_TITLES[gapMetric] ?? gapMetric} (lower is fairer)`, scale: { zero: true } };
  const y = { field: 'score', type: 'quantitative', title: `${METRIC_TITLES[scoreMetric] ?? scoreMetric} (higher is better)`, scale: { zero: false } };
  const color = { field: 'mitigation', type: 'nominal', title: 'Mitigation', scale: categoryScale(mitigations) };
  const shape = { field: 'model', type: 'nominal', title: 'Model' };
  const content = {
    width: options.width ?? 420,
    height: options.height ?? 300,
    data: { values },
    layer: [
      {
        mark: { type: 'point', filled: true, size: 70, opacity: 0.75 },
        encoding: {
          x,
          y,
          color,
          shape,
          tooltip: [
            { field: 'id', type: 'nominal', title: 'cell' },
            { field: 'seed', type: 'nominal' },
            { field: 'gap', type: 'quantitative', format: '.3f', title: gapMetric },
            { field: 'score', type: 'quantitative', format: '.3f', title: scoreMetric },
          ],
        },
      },
      {
        mark: { type: 'point', shape: 'cross', size: 220, strokeWidth: 2.5, filled: false },
        encoding: {
          x: { field: 'gap', type: 'quantitative', aggregate: 'mean' },
          y: { field: 'score', type: 'quantitative', aggregate: 'mean' },
          color,
          detail: [{ field: 'model' }, { field: 'value' }],
        },
      },
    ],
  };
  return topLevel(
    content,
    chartTitle('Mitigation trade-off: accuracy against FPR gap', options, 'Filled marks: one seed each; crosses: mean over seeds.'),
    `Scatter plot of ${scoreMetric} against ${gapMetric} per experiment cell, coloured by mitigation.`,
  );
}
