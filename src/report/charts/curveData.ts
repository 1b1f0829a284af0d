/**
 * Where the curve charts find their data in an audit result. The audit stage records, beside the
 * contract's core keys, per-group curves for charts; this module is the one place that knows
 * their layout, so the chart functions stay independent of it.
 */
import type { AuditLike, CalibrationBinLike, CurvePointLike } from '../input.js';

/** The curve kinds an audit can carry. */
export type CurveKind = 'roc' | 'pr' | 'threshold' | 'calibration';

/** One group's points of a curve. */
export interface GroupCurve<P> {
  /** Group name. */
  group: string;
  /** Points, in the audit's order. */
  points: readonly P[];
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/**
 * The per-group curves of one kind for a group column, or `[]` when the audit has none.
 * Reads `audit.curves[column][group][kind]` (arrays of points).
 */
export function auditCurves(audit: AuditLike, column: string, kind: 'calibration'): GroupCurve<CalibrationBinLike>[];
export function auditCurves(audit: AuditLike, column: string, kind: Exclude<CurveKind, 'calibration'>): GroupCurve<CurvePointLike>[];
export function auditCurves(audit: AuditLike, column: string, kind: CurveKind): GroupCurve<unknown>[] {
  const byColumn = asRecord(asRecord(audit.curves)?.[column]);
  if (!byColumn) return [];
  const out: GroupCurve<unknown>[] = [];
  for (const [group, curves] of Object.entries(byColumn)) {
    const points = asRecord(curves)?.[kind];
    if (Array.isArray(points) && points.length > 0) out.push({ group, points });
  }
  return out;
}
