/** The metric tables of an audit, as format-neutral {@link TableBlock}s. */
import type { AuditLike, GroupRowLike, MetricsLike } from './input.js';
import type { TableBlock } from './document.js';
import { formatThreshold } from './spec.js';
import { auditHarm } from './charts/harm.js';

/** Formats a metric with 3 decimals, missing as `n/a`. */
export function fmtMetric(value: unknown): string {
  return typeof value === 'number' && Number.isFinite(value) ? value.toFixed(3) : 'n/a';
}

/** Formats a count as a whole number, missing as `n/a`. */
export function fmtCount(value: unknown): string {
  return typeof value === 'number' && Number.isFinite(value) ? String(Math.round(value)) : 'n/a';
}

const COUNT_KEYS = new Set(['n', 'positives', 'negatives', 'tp', 'fp', 'tn', 'fn']);

/** Formats a value with its interval, e.g. `0.120 [0.080, 0.160]`. */
export function fmtWithInterval(value: unknown, ci: readonly unknown[] | null | undefined): string {
  const v = fmtMetric(value);
  if (!ci || ci.length < 2 || v === 'n/a') return v;
  const [lo, hi] = ci;
  if (typeof lo !== 'number' || typeof hi !== 'number') return v;
  return `${v} [${lo.toFixed(3)}, ${hi.toFixed(3)}]`;
}

/** Names of the contract's metrics, with what each measures. */
export const METRIC_NAMES: ReadonlyArray<[keyof MetricsLike, string]> = [
  ['n', 'Ads'],
  ['positives', 'Trafficking ads (label 1)'],
  ['negatives', 'Benign ads (label 0)'],
  ['tp', 'True positives'],
  ['fp', 'False positives (benign ads flagged)'],
  ['tn', 'True negatives'],
  ['fn', 'False negatives (trafficking ads missed)'],
  ['tpr', 'True positive rate (recall)'],
  ['fpr', 'False positive rate'],
  ['fnr', 'False negative rate'],
  ['tnr', 'True negative rate'],
  ['ppv', 'Precision (PPV)'],
  ['npv', 'Negative predictive value'],
  ['selectionRate', 'Selection rate (share flagged)'],
  ['accuracy', 'Accuracy'],
  ['f1', 'F1'],
  ['auc', 'ROC-AUC'],
  ['prAuc', 'PR-AUC'],
  ['brier', 'Brier score'],
  ['ece', 'Expected calibration error'],
];

/** Overall metrics as a two-column table. */
export function overallTable(audit: AuditLike): TableBlock {
  return {
    kind: 'table',
    caption: `Overall metrics at threshold ${formatThreshold(audit.threshold)} (all test ads)`,
    head: ['Metric', 'Value'],
    rows: METRIC_NAMES.map(([key, label]) => [label, COUNT_KEYS.has(key) ? fmtCount(audit.overall[key]) : fmtMetric(audit.overall[key])]),
  };
}

/** Per-group metrics for one column, with bootstrap intervals for FPR and FNR. */
export function groupTable(audit: AuditLike, column: string): TableBlock {
  const rows = (audit.groups[column] ?? []).map((g: GroupRowLike) => [
    g.group,
    fmtCount(g.n),
    fmtCount(g.positives),
    fmtCount(g.negatives),
    fmtWithInterval(g.fpr, g.ci?.['fpr']),
    fmtWithInterval(g.fnr, g.ci?.['fnr']),
    fmtMetric(g.ppv),
    fmtMetric(g.selectionRate),
    fmtMetric(g.auc),
    fmtMetric(g.subgroupAuc),
    fmtMetric(g.bpsnAuc),
    fmtMetric(g.bnspAuc),
  ]);
  return {
    kind: 'table',
    caption: `Metrics by ${column} at threshold ${formatThreshold(audit.threshold)} (intervals: bootstrap)`,
    head: [column, 'Ads', 'Trafficking', 'Benign', 'FPR', 'FNR', 'Precision', 'Selection rate', 'AUC', 'Subgroup AUC', 'BPSN AUC', 'BNSP AUC'],
    rows,
  };
}

/** Plain-language names of the audit's disparity measures. */
export const DISPARITY_NAMES: Readonly<Record<string, string>> = {
  demographicParityDifference: 'Demographic parity difference (max - min share flagged)',
  demographicParityRatio: 'Demographic parity ratio (min / max share flagged)',
  equalizedOddsDifference: 'Equalized odds difference (larger of the TPR and FPR gaps)',
  equalizedOddsRatio: 'Equalized odds ratio',
  tprDifference: 'TPR gap (max - min)',
  fprDifference: 'FPR gap (max - min)',
  fped: 'False positive equality difference (sum of |group FPR - overall FPR|)',
  fned: 'False negative equality difference (sum of |group FNR - overall FNR|)',
  subgroupAucPowerMean: 'Subgroup AUC, power mean over groups',
  bpsnAucPowerMean: 'BPSN AUC, power mean over groups',
  bnspAucPowerMean: 'BNSP AUC, power mean over groups',
  biasAucFinal: 'Borkan et al. final bias AUC score',
};

/** Disparities for one column: every scalar measure of `audit.disparities[column]`, with its interval when recorded. */
export function disparityTable(audit: AuditLike, column: string): TableBlock | null {
  const d = rec(audit.disparities?.[column]);
  if (!d) return null;
  const ci = rec(d['ci']) ?? {};
  const rows = Object.entries(d)
    .filter(([, v]) => typeof v === 'number' || v === null)
    .map(([k, v]) => [DISPARITY_NAMES[k] ?? k, fmtWithInterval(v, ci[k] as readonly unknown[] | null | undefined)]);
  if (rows.length === 0) return null;
  const reference = typeof d['reference'] === 'string' ? ` (reference group for ratios to one group: ${d['reference']})` : '';
  return { kind: 'table', caption: `Disparities between ${column} groups${reference}`, head: ['Measure', 'Value'], rows };
}

/** Each group's FPR and FNR difference and ratio to the reference group (`disparities[column].byGroup`), when present. */
export function referenceTable(audit: AuditLike, column: string): TableBlock | null {
  const d = rec(audit.disparities?.[column]);
  const byGroup = d?.['byGroup'];
  if (!d || !Array.isArray(byGroup) || byGroup.length === 0) return null;
  return {
    kind: 'table',
    caption: `${column}: each group against the reference group ${String(d['reference'] ?? '')}`,
    head: [column, 'FPR difference', 'FPR ratio', 'FNR difference', 'FNR ratio', 'Selection rate ratio'],
    rows: byGroup.map((raw) => {
      const r = rec(raw) ?? {};
      const ci = rec(r['ci']) ?? {};
      const cell = (k: string): string => fmtWithInterval(r[k], ci[k] as readonly unknown[] | null | undefined);
      return [String(r['group'] ?? ''), cell('fprDifference'), cell('fprRatio'), cell('fnrDifference'), cell('fnrRatio'), cell('selectionRateRatio')];
    }),
  };
}

function rec(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** Intersectional groups: name, ads, FPR, FNR, precision (rows read loosely: `group` or `groups`). */
export function intersectionTable(audit: AuditLike): TableBlock | null {
  const items = (audit.intersections ?? []).map(rec).filter((r): r is Record<string, unknown> => r !== undefined);
  if (items.length === 0) return null;
  const name = (r: Record<string, unknown>): string => {
    const g = r['group'] ?? r['groups'] ?? r['key'];
    if (typeof g === 'string') return g;
    const o = rec(g);
    return o ? Object.entries(o).map(([k, v]) => `${k}=${String(v)}`).join(', ') : JSON.stringify(g);
  };
  return {
    kind: 'table',
    caption: 'Intersectional groups',
    head: ['Group', 'Ads', 'FPR', 'FNR', 'Precision'],
    rows: items.map((r) => [name(r), fmtCount(r['n']), fmtMetric(r['fpr']), fmtMetric(r['fnr']), fmtMetric(r['ppv'])]),
  };
}

/** Harm at base rate for one column, when the audit has a harm section. */
export function harmTable(audit: AuditLike, column: string): TableBlock | null {
  const view = auditHarm(audit, column);
  if (view.prevalence === null) return null;
  const volume = view.volume === null ? '' : `, ${view.volume.toLocaleString('en-US')} ads a month`;
  return {
    kind: 'table',
    caption: `Harm at base rate by ${column}: prevalence ${+(100 * view.prevalence).toFixed(2)}%${volume}`,
    head: [column, 'Benign ads flagged per 10,000', 'Share of flags that are wrong', 'Benign ads wrongly flagged a month', 'Trafficking ads missed a month'],
    rows: view.rows.map((r) => [
      r.group,
      r.benignFlaggedPer10k === null ? 'n/a' : r.benignFlaggedPer10k.toFixed(1),
      r.wrongFlagShare === null ? 'n/a' : `${(100 * r.wrongFlagShare).toFixed(1)}%`,
      r.wrongFlagsPerMonth === null ? 'n/a' : Math.round(r.wrongFlagsPerMonth).toLocaleString('en-US'),
      r.missedPerMonth === null ? 'n/a' : Math.round(r.missedPerMonth).toLocaleString('en-US'),
    ]),
  };
}

/** Twin results: the scalar entries of `audit.twins` (flip rate, pairs, mean score change...). */
export function twinTable(audit: AuditLike): TableBlock | null {
  const t = rec(audit.twins);
  if (!t) return null;
  const rows = Object.entries(t)
    .filter(([, v]) => typeof v === 'number' || v === null || typeof v === 'string')
    .map(([k, v]) => [k, typeof v === 'string' ? v : Number.isInteger(v) ? fmtCount(v) : fmtMetric(v)]);
  if (rows.length === 0) return null;
  return { kind: 'table', caption: 'Counterfactual twins (same ad, only proxy attributes changed)', head: ['Measure', 'Value'], rows };
}

/** Twin results per swap direction (`audit.twins.bySwap`), when present. */
export function twinSwapTable(audit: AuditLike): TableBlock | null {
  const swaps = rec(audit.twins)?.['bySwap'];
  if (!Array.isArray(swaps) || swaps.length === 0) return null;
  return {
    kind: 'table',
    caption: 'Counterfactual twins by swap: the same ad with one proxy value replaced by another',
    head: ['From', 'To', 'Pairs', 'Flag changes', 'Flip rate', 'Mean score change', 'Flagged only as twin', 'Flagged only as original'],
    rows: swaps.map((raw) => {
      const r = rec(raw) ?? {};
      return [
        String(r['from'] ?? ''),
        String(r['to'] ?? ''),
        fmtCount(r['pairs']),
        fmtCount(r['flips']),
        fmtMetric(r['flipRate']),
        fmtMetric(r['meanDiff']),
        fmtCount(r['flaggedOnlyTwin']),
        fmtCount(r['flaggedOnlyOriginal']),
      ];
    }),
  };
}
