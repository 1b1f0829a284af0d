/** Small helpers shared by the chart functions: picking a group column and reading intervals. */
import { InputError } from '../../errors.js';
import type { AuditLike, GroupRowLike, IntervalLike } from '../input.js';
import { round4 } from '../spec.js';

/** The group column a chart shows: the one asked for, else the audit's first column. */
export function pickColumn(audit: AuditLike, column: string | undefined): string {
  const columns = Object.keys(audit.groups ?? {});
  if (column !== undefined) {
    if (!columns.includes(column)) {
      throw new InputError(`no group column "${column}" in the audit; it has ${columns.map((c) => `"${c}"`).join(', ') || 'none'}`, {
        field: 'column',
      });
    }
    return column;
  }
  const first = columns[0];
  if (first === undefined) throw new InputError('the audit has no per-group results to chart', { field: 'groups' });
  return first;
}

/** The rows of one group column, in the audit's order. */
export function groupRowsOf(audit: AuditLike, column: string): readonly GroupRowLike[] {
  return audit.groups[column] ?? [];
}

/** Rounded `[lo, hi]` for a metric of a group row, or nulls. */
export function intervalOf(row: GroupRowLike, metric: string): [number | null, number | null] {
  const ci: IntervalLike | null | undefined = row.ci?.[metric];
  if (!ci) return [null, null];
  return [round4(ci[0]), round4(ci[1])];
}

/** Formats a rate as a percentage with one decimal, or "n/a". */
export function pct(x: number | null | undefined): string {
  return x === null || x === undefined || !Number.isFinite(x) ? 'n/a' : `${(100 * x).toFixed(1)}%`;
}
