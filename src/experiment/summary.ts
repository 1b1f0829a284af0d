/**
 * Summarising an experiment: the mean and spread over seeds of each cell metric, per condition
 * (sweep value x model x mitigation), as plain rows, CSV and Markdown.
 */
import { stringify } from 'csv-stringify/sync';
import type { SweepValue } from './config.js';

/** The headline numbers of one cell, taken from its audit. `null` = undefined (e.g. one class). */
export interface CellMetrics {
  /** ROC-AUC on the test set (true labels). */
  auc: number | null;
  /** Area under the precision-recall curve. */
  prAuc: number | null;
  /** Decision threshold used. */
  threshold: number;
  /** Overall FPR at that threshold. */
  fpr: number | null;
  /** Overall recall (TPR) at that threshold: recall at the fixed overall FPR when the threshold is set by FPR. */
  recall: number | null;
  /** FPR per group. */
  groupFpr: Record<string, number | null>;
  /** FNR per group. */
  groupFnr: Record<string, number | null>;
  /** Largest minus smallest group FPR. */
  fprGap: number | null;
  /** Largest minus smallest group FNR. */
  fnrGap: number | null;
  /** Equalized-odds difference: the larger of the TPR and FPR gaps. */
  equalizedOdds: number | null;
  /** Share of twin pairs whose decisions differ. */
  twinFlipRate: number | null;
  /** Reference group of the per-group differences (the audit's default: the largest group). */
  reference?: string | null;
  /** Per group: FPR(group) - FPR(reference) with its bootstrap interval (null without bootstrap). */
  fprDifferences?: Record<string, { value: number | null; ci: [number, number] | null }>;
}

/** One cell's identity and metrics, as the summary needs them. */
export interface CellOutcome {
  /** Cell id. */
  id: string;
  /** Swept value (null without a sweep). */
  sweepValue: SweepValue | null;
  /** Index of the swept value (null without a sweep). */
  sweepIndex: number | null;
  /** Replicate seed. */
  seed: number;
  /** Model label. */
  model: string;
  /** Mitigation label. */
  mitigation: string;
  /** The cell's metrics. */
  metrics: CellMetrics;
}

/** Mean and spread of one metric over seeds. */
export interface Spread {
  /** Seeds with a defined value. */
  n: number;
  /** Mean, or null when no seed had a value. */
  mean: number | null;
  /** Sample standard deviation (n - 1), or null when n < 2. */
  sd: number | null;
  /** Smallest value. */
  min: number | null;
  /** Largest value. */
  max: number | null;
}

/** One condition (sweep value x model x mitigation) with every metric summarised over seeds. */
export interface SummaryRow {
  /** Swept value (null without a sweep). */
  sweepValue: SweepValue | null;
  /** Index of the swept value (null without a sweep). */
  sweepIndex: number | null;
  /** Model label. */
  model: string;
  /** Mitigation label. */
  mitigation: string;
  /** Seeds in this condition. */
  seeds: number[];
  /** Metric name -> spread. Group metrics are named `fpr:<group>` and `fnr:<group>`. */
  metrics: Record<string, Spread>;
}

/** Summary of an experiment. */
export interface ExperimentSummary {
  /** Schema tag. */
  schema: 'adscreen.experiment-summary/1';
  /** Experiment name. */
  experiment: string;
  /** Swept field, or null. */
  sweepField: string | null;
  /** Conditions in cell order. */
  rows: SummaryRow[];
}

/** A sweep value as text: numbers, strings and booleans as they are; objects as `key=value` pairs. */
export function formatSweepValue(value: SweepValue | null): string {
  if (value === null) return '';
  if (typeof value === 'object') {
    return Object.entries(value)
      .map(([k, v]) => `${k}=${typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)}`)
      .join(' ');
  }
  return String(value);
}

/** Mean, sample SD, min and max of the non-null values. */
export function meanAndSpread(values: ReadonlyArray<number | null>): Spread {
  const xs = values.filter((v): v is number => v !== null && Number.isFinite(v));
  const n = xs.length;
  if (n === 0) return { n, mean: null, sd: null, min: null, max: null };
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  const sd = n < 2 ? null : Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
  return { n, mean, sd, min: Math.min(...xs), max: Math.max(...xs) };
}

/** Flattens a cell's metrics into name -> value, group metrics as `fpr:<group>` / `fnr:<group>`. */
export function flattenMetrics(m: CellMetrics): Record<string, number | null> {
  const out: Record<string, number | null> = {
    auc: m.auc,
    prAuc: m.prAuc,
    recall: m.recall,
    fpr: m.fpr,
    threshold: m.threshold,
    fprGap: m.fprGap,
    fnrGap: m.fnrGap,
    equalizedOdds: m.equalizedOdds,
    twinFlipRate: m.twinFlipRate,
  };
  for (const g of Object.keys(m.groupFpr).sort()) out[`fpr:${g}`] = m.groupFpr[g] ?? null;
  for (const g of Object.keys(m.groupFnr).sort()) out[`fnr:${g}`] = m.groupFnr[g] ?? null;
  for (const g of Object.keys(m.fprDifferences ?? {}).sort()) out[`fprDiff:${g}`] = m.fprDifferences![g]!.value;
  return out;
}

/** Groups cell outcomes by condition and summarises each metric over seeds. */
export function summarize(
  outcomes: readonly CellOutcome[],
  info: { experiment: string; sweepField: string | null },
): ExperimentSummary {
  const rows = new Map<string, { row: SummaryRow; values: Map<string, Array<number | null>> }>();
  for (const o of outcomes) {
    const key = JSON.stringify([o.sweepIndex, o.model, o.mitigation]);
    let entry = rows.get(key);
    if (!entry) {
      entry = {
        row: {
          sweepValue: o.sweepValue,
          sweepIndex: o.sweepIndex,
          model: o.model,
          mitigation: o.mitigation,
          seeds: [],
          metrics: {},
        },
        values: new Map(),
      };
      rows.set(key, entry);
    }
    entry.row.seeds.push(o.seed);
    for (const [name, value] of Object.entries(flattenMetrics(o.metrics))) {
      let list = entry.values.get(name);
      if (!list) entry.values.set(name, (list = []));
      list.push(value);
    }
  }
  const out: SummaryRow[] = [];
  for (const { row, values } of rows.values()) {
    for (const [name, list] of values) row.metrics[name] = meanAndSpread(list);
    out.push(row);
  }
  return { schema: 'adscreen.experiment-summary/1', experiment: info.experiment, sweepField: info.sweepField, rows: out };
}

/** Long-format CSV: one line per condition and metric, with n, mean, sd, min, max. */
export function summaryCsv(summary: ExperimentSummary): string {
  const records: Array<Array<string | number>> = [];
  for (const row of summary.rows) {
    for (const [metric, s] of Object.entries(row.metrics)) {
      records.push([
        summary.sweepField ?? '',
        formatSweepValue(row.sweepValue),
        row.model,
        row.mitigation,
        metric,
        s.n,
        s.mean ?? '',
        s.sd ?? '',
        s.min ?? '',
        s.max ?? '',
      ]);
    }
  }
  return stringify(records, {
    header: true,
    columns: ['sweep_field', 'sweep_value', 'model', 'mitigation', 'metric', 'n', 'mean', 'sd', 'min', 'max'],
  });
}

function fmt(s: Spread | undefined, digits = 3): string {
  if (!s || s.mean === null) return 'n/a';
  return s.sd === null ? s.mean.toFixed(digits) : `${s.mean.toFixed(digits)} ± ${s.sd.toFixed(digits)}`;
}

function mdTable(header: string[], body: string[][]): string {
  const esc = (c: string) => c.replace(/\|/g, '\\|');
  return [
    `| ${header.map(esc).join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...body.map((r) => `| ${r.map(esc).join(' | ')} |`),
  ].join('\n');
}

/** Markdown: a headline table and per-group FPR and FNR tables, each cell `mean ± sd` over seeds. */
export function summaryMarkdown(summary: ExperimentSummary, title?: string): string {
  const rows = summary.rows;
  const lead = summary.sweepField ? [summary.sweepField] : [];
  const ident = (r: SummaryRow) => [...(summary.sweepField ? [formatSweepValue(r.sweepValue)] : []), r.model, r.mitigation];
  const seeds = rows.length > 0 ? rows[0]!.seeds.length : 0;
  const groups = [
    ...new Set(rows.flatMap((r) => Object.keys(r.metrics).filter((k) => k.startsWith('fpr:')).map((k) => k.slice(4)))),
  ].sort();
  const parts: string[] = [];
  parts.push(`# ${title ?? `Experiment ${summary.experiment}`}`);
  parts.push(
    `Synthetic data only. Each cell is mean ± sample standard deviation over ${seeds} seed(s). ` +
      'FPR/FNR per group use true labels at the decision threshold; gaps are largest minus smallest group rate; ' +
      'equalized odds = max(TPR gap, FPR gap); twin flip = share of counterfactual twin pairs decided differently.',
  );
  parts.push('## Headline metrics');
  parts.push(
    mdTable(
      [...lead, 'model', 'mitigation', 'AUC', 'PR-AUC', 'recall', 'FPR', 'FPR gap', 'FNR gap', 'eq. odds diff', 'twin flip'],
      rows.map((r) => [
        ...ident(r),
        fmt(r.metrics['auc']),
        fmt(r.metrics['prAuc']),
        fmt(r.metrics['recall']),
        fmt(r.metrics['fpr']),
        fmt(r.metrics['fprGap']),
        fmt(r.metrics['fnrGap']),
        fmt(r.metrics['equalizedOdds']),
        fmt(r.metrics['twinFlipRate']),
      ]),
    ),
  );
  for (const [kind, label] of [
    ['fpr', 'False positive rate by group'],
    ['fnr', 'False negative rate by group'],
  ] as const) {
    parts.push(`## ${label}`);
    parts.push(
      mdTable(
        [...lead, 'model', 'mitigation', ...groups],
        rows.map((r) => [...ident(r), ...groups.map((g) => fmt(r.metrics[`${kind}:${g}`]))]),
      ),
    );
  }
  return `${parts.join('\n\n')}\n`;
}
