/**
 * Disparities between the groups of one column, composed on the per-group metric records:
 * - to a reference group (default the largest): difference (group - reference) and ratio
 *   (group / reference) of FPR, FNR, PPV and selection rate;
 * - Fairlearn's between-groups aggregates: demographic parity difference (max - min selection
 *   rate) and ratio (min / max); equalized odds difference (the larger of the TPR and FPR
 *   max - min differences) and ratio (the smaller of the TPR and FPR min / max ratios);
 * - Dixon et al. 2018 (AIES) FPED and FNED: sum over groups of |overall rate - group rate|;
 * - Borkan et al.'s power means and final bias score (see bias-auc.ts).
 * Groups whose rate is undefined (null) are left out of an aggregate, with a warning.
 */
import { BIAS_POWER, biasAucFinal, generalizedPowerMean, type BiasAucs } from './bias-auc.js';
import type { Metrics } from './rates.js';
import type { Interval } from './bootstrap.js';

/** The rates compared to the reference group. */
export const REFERENCE_RATES = ['fpr', 'fnr', 'ppv', 'selectionRate'] as const;

/** One group's difference and ratio to the reference group. */
export interface GroupDisparity {
  /** Group name. */
  group: string;
  /** FPR(group) - FPR(reference). */
  fprDifference: number | null;
  /** FPR(group) / FPR(reference). */
  fprRatio: number | null;
  /** FNR(group) - FNR(reference). */
  fnrDifference: number | null;
  /** FNR(group) / FNR(reference). */
  fnrRatio: number | null;
  /** PPV(group) - PPV(reference). */
  ppvDifference: number | null;
  /** PPV(group) / PPV(reference). */
  ppvRatio: number | null;
  /** Selection rate(group) - selection rate(reference). */
  selectionRateDifference: number | null;
  /** Selection rate(group) / selection rate(reference). */
  selectionRateRatio: number | null;
  /** Bootstrap intervals by key. */
  ci: Record<string, Interval>;
}

/** Between-group disparities of one column (or intersection level). */
export interface ColumnDisparities {
  /** The reference group of the differences and ratios in `byGroup`. */
  reference: string;
  /** Fairlearn: max - min selection rate over groups. */
  demographicParityDifference: number | null;
  /** Fairlearn: min / max selection rate over groups. */
  demographicParityRatio: number | null;
  /** Fairlearn: max(TPR max - min, FPR max - min). */
  equalizedOddsDifference: number | null;
  /** Fairlearn: min(TPR min / max, FPR min / max). */
  equalizedOddsRatio: number | null;
  /** Max - min TPR over groups. */
  tprDifference: number | null;
  /** Max - min FPR over groups. */
  fprDifference: number | null;
  /** Dixon et al.: sum over groups of |overall FPR - group FPR|. */
  fped: number | null;
  /** Dixon et al.: sum over groups of |overall FNR - group FNR|. */
  fned: number | null;
  /** Power mean (p = -5) of the groups' subgroup AUCs. */
  subgroupAucPowerMean: number | null;
  /** Power mean (p = -5) of the groups' BPSN AUCs. */
  bpsnAucPowerMean: number | null;
  /** Power mean (p = -5) of the groups' BNSP AUCs. */
  bnspAucPowerMean: number | null;
  /** Borkan final score: 0.25 overall AUC + 0.25 x the sum of the three power means. */
  biasAucFinal: number | null;
  /** Each group's difference and ratio to the reference group. */
  byGroup: GroupDisparity[];
  /** Bootstrap intervals of the aggregates above, by key. */
  ci: Record<string, Interval>;
}

/** The scalar aggregate keys of {@link ColumnDisparities} (those that get intervals). */
export const AGGREGATE_KEYS = [
  'demographicParityDifference',
  'demographicParityRatio',
  'equalizedOddsDifference',
  'equalizedOddsRatio',
  'tprDifference',
  'fprDifference',
  'fped',
  'fned',
  'subgroupAucPowerMean',
  'bpsnAucPowerMean',
  'bnspAucPowerMean',
  'biasAucFinal',
] as const;

/** The keys of {@link GroupDisparity} that get intervals. */
export const GROUP_DISPARITY_KEYS = [
  'fprDifference',
  'fprRatio',
  'fnrDifference',
  'fnrRatio',
  'ppvDifference',
  'ppvRatio',
  'selectionRateDifference',
  'selectionRateRatio',
] as const;

/** A group's metrics and bias AUCs, as disparities read them. */
export interface GroupInput extends BiasAucs {
  /** Group name. */
  group: string;
  /** The group's metrics. */
  metrics: Metrics;
}

/** Between-groups difference (max - min) and ratio (min / max) of the non-null values. */
export function betweenGroups(values: ReadonlyArray<number | null>): { difference: number | null; ratio: number | null } {
  const xs = values.filter((v): v is number => v !== null);
  if (xs.length === 0) return { difference: null, ratio: null };
  let lo = Infinity;
  let hi = -Infinity;
  for (const x of xs) {
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  return { difference: hi - lo, ratio: hi === 0 ? null : lo / hi };
}

/** Dixon et al.'s equality difference: sum of |overall - group| over groups with a defined rate. */
export function equalityDifference(overall: number | null, values: ReadonlyArray<number | null>): number | null {
  if (overall === null) return null;
  let sum = 0;
  for (const v of values) if (v !== null) sum += Math.abs(overall - v);
  return sum;
}

/** The default reference group: the largest (most records), ties broken by name order. */
export function largestGroup(groups: ReadonlyArray<GroupInput>): string {
  let best = groups[0] as GroupInput;
  for (const g of groups) if (g.metrics.n > best.metrics.n) best = g;
  return best.group;
}

/**
 * Disparities of one column's groups. `warn` receives a message for each group left out of an
 * aggregate and each undefined reference comparison (pass a no-op inside bootstrap resamples).
 */
export function columnDisparities(
  overall: Metrics,
  groups: ReadonlyArray<GroupInput>,
  reference: string,
  warn: (message: string) => void = () => undefined,
): ColumnDisparities {
  const ref = groups.find((g) => g.group === reference);
  if (!ref) throw new RangeError(`reference group ${reference} not found`);
  const byGroup: GroupDisparity[] = groups.map((g) => {
    const row: Record<string, unknown> = { group: g.group };
    for (const key of REFERENCE_RATES) {
      const v = g.metrics[key];
      const r = ref.metrics[key];
      row[`${key}Difference`] = v === null || r === null ? null : v - r;
      row[`${key}Ratio`] = v === null || r === null || r === 0 ? null : v / r;
      if (g !== ref && r === 0 && v !== null) warn(`${key}Ratio of ${g.group} is null: the reference group ${reference} has ${key} 0`);
    }
    row['ci'] = {};
    return row as unknown as GroupDisparity;
  });
  for (const key of ['selectionRate', 'tpr', 'fpr', 'fnr'] as const) {
    const left = groups.filter((g) => g.metrics[key] === null).map((g) => g.group);
    if (left.length > 0) warn(`${key} is undefined for ${left.join(', ')}: left out of the between-group ${key} aggregates`);
  }
  const dp = betweenGroups(groups.map((g) => g.metrics.selectionRate));
  const tpr = betweenGroups(groups.map((g) => g.metrics.tpr));
  const fpr = betweenGroups(groups.map((g) => g.metrics.fpr));
  const eoDiff = tpr.difference === null || fpr.difference === null ? null : Math.max(tpr.difference, fpr.difference);
  const eoRatio = tpr.ratio === null || fpr.ratio === null ? null : Math.min(tpr.ratio, fpr.ratio);
  return {
    reference,
    demographicParityDifference: dp.difference,
    demographicParityRatio: dp.ratio,
    equalizedOddsDifference: eoDiff,
    equalizedOddsRatio: eoRatio,
    tprDifference: tpr.difference,
    fprDifference: fpr.difference,
    fped: equalityDifference(overall.fpr, groups.map((g) => g.metrics.fpr)),
    fned: equalityDifference(overall.fnr, groups.map((g) => g.metrics.fnr)),
    subgroupAucPowerMean: generalizedPowerMean(groups.map((g) => g.subgroupAuc), BIAS_POWER),
    bpsnAucPowerMean: generalizedPowerMean(groups.map((g) => g.bpsnAuc), BIAS_POWER),
    bnspAucPowerMean: generalizedPowerMean(groups.map((g) => g.bnspAuc), BIAS_POWER),
    biasAucFinal: biasAucFinal(overall.auc, groups),
    byGroup,
    ci: {},
  };
}
