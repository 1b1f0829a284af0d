/** Harm at base rate: benign ads flagged per 10,000 and the share of flags that are wrong, per group. */
import type { AuditLike } from '../input.js';
import { categoryScale } from '../palette.js';
import { chartTitle, formatThreshold, round4, topLevel, type ChartOptions, type VegaLiteSpec } from '../spec.js';
import { groupRowsOf, pickColumn } from './common.js';

/** Options for {@link harmChart}. */
export interface HarmChartOptions extends ChartOptions {
  /** Group column to show. Default: the audit's first column. */
  column?: string;
}

/** One group's harm numbers as the harm chart and tables use them. */
export interface HarmChartRow {
  /** Group name. */
  group: string;
  /** Benign ads flagged per 10,000 benign ads of the group. */
  benignFlaggedPer10k: number | null;
  /** Share of the group's flags that are wrong at the audit's prevalence. */
  wrongFlagShare: number | null;
  /** Benign ads of the group wrongly flagged per month at the audit's volume. */
  wrongFlagsPerMonth: number | null;
  /** Trafficking ads of the group missed per month at the audit's volume. */
  missedPerMonth: number | null;
}

/** The harm section of an audit, as the report reads it. */
export interface HarmChartView {
  /** Prevalence assumed, when recorded. */
  prevalence: number | null;
  /** Monthly volume assumed, when recorded. */
  volume: number | null;
  /** Per-group rows. */
  rows: HarmChartRow[];
}

function num(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function rec(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/**
 * Reads `audit.harm` for a group column: `harm.prevalence`, `harm.volume` and
 * `harm.groups[column]` rows. Without a harm section, flags per 10,000 come from each group's FPR
 * (10,000 x FPR) and the prevalence-dependent numbers are null.
 */
export function auditHarm(audit: AuditLike, column: string): HarmChartView {
  const harm = rec(audit.harm);
  const byColumn = rec(harm?.['groups'])?.[column];
  if (Array.isArray(byColumn)) {
    return {
      prevalence: num(harm?.['prevalence']),
      volume: num(harm?.['volume']),
      rows: byColumn.map((r) => {
        const row = rec(r) ?? {};
        return {
          group: String(row['group']),
          benignFlaggedPer10k: num(row['benignFlaggedPer10k']),
          wrongFlagShare: num(row['wrongFlagShare']),
          wrongFlagsPerMonth: num(row['wrongFlagsPerMonth']),
          missedPerMonth: num(row['missedPerMonth']),
        };
      }),
    };
  }
  return {
    prevalence: num(harm?.['prevalence']),
    volume: num(harm?.['volume']),
    rows: groupRowsOf(audit, column).map((g) => ({
      group: g.group,
      benignFlaggedPer10k: typeof g.fpr === 'number' ? 10_000 * g.fpr : null,
      wrongFlagShare: null,
      wrongFlagsPerMonth: null,
      missedPerMonth: null,
    })),
  };
}

/**
 * Two bar panels per group: benign ads flagged per 10,000 benign ads, and the share of flags that
 * are wrong at the audit's prevalence (left out when the audit has no harm section).
 */
export function harmChart(audit: AuditLike, options: HarmChartOptions = {}): VegaLiteSpec {
  const column = pickColumn(audit, options.column);
  const view = auditHarm(audit, column);
  const groups = view.rows.map((r) => r.group);
  const values = view.rows.map((r) => ({
    group: r.group,
    per10k: r.benignFlaggedPer10k === null ? null : Math.round(r.benignFlaggedPer10k * 10) / 10,
    wrongShare: round4(r.wrongFlagShare),
  }));
  const y = { field: 'group', type: 'nominal', title: column, sort: groups };
  const color = { field: 'group', type: 'nominal', scale: categoryScale(groups), legend: null };
  const width = options.width ?? 260;
  const height = options.height ?? Math.max(90, 32 * groups.length);
  const panel = (field: string, title: string, format: string): Record<string, unknown> => ({
    width,
    height,
    transform: [{ filter: `isValid(datum.${field})` }],
    layer: [
      { mark: { type: 'bar', height: { band: 0.7 } }, encoding: { y, x: { field, type: 'quantitative', title, axis: { format } }, color } },
      {
        mark: { type: 'text', align: 'left', dx: 4, fontSize: 12 },
        encoding: { y, x: { field, type: 'quantitative' }, text: { field, type: 'quantitative', format } },
      },
    ],
  });
  const panels = [panel('per10k', 'Benign ads flagged per 10,000', ',.0f')];
  if (values.some((v) => v.wrongShare !== null)) panels.push(panel('wrongShare', 'Share of flags that are wrong', '.0%'));
  const assumptions =
    view.prevalence !== null
      ? `Threshold ${formatThreshold(audit.threshold)}; prevalence ${+(100 * view.prevalence).toFixed(2)}% of ads` +
        (view.volume !== null ? `, ${view.volume.toLocaleString('en-US')} ads a month.` : '.')
      : `Threshold ${formatThreshold(audit.threshold)}; no prevalence given, so only flags per 10,000 benign ads are shown.`;
  return topLevel(
    { data: { values }, hconcat: panels },
    chartTitle(`Harm at base rate by ${column}`, options, assumptions),
    `Bar charts of benign ads flagged per 10,000 and share of wrong flags per ${column} group.`,
  );
}
