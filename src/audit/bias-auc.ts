/**
 * Jigsaw bias AUCs (Borkan et al. 2019, "Nuanced Metrics for Measuring Unintended Bias with
 * Real Data for Text Classification"): for a group g,
 * - subgroup AUC: AUC on g's records only;
 * - BPSN AUC (background positive, subgroup negative): AUC on g's negatives plus the positives
 *   outside g; low values mean g's benign records score above others' positive records;
 * - BNSP AUC (background negative, subgroup positive): AUC on g's positives plus the negatives
 *   outside g;
 * and the final bias score 0.25 x overall AUC + 0.25 x (M(subgroup) + M(BPSN) + M(BNSP)), each M
 * the generalized power mean with p = -5 over the groups.
 */
import type { SliceSums } from './engine.js';

/** The three Borkan AUCs of one group. */
export interface BiasAucs {
  /** AUC on the group's records. */
  subgroupAuc: number | null;
  /** AUC on the group's negatives and every other group's positives. */
  bpsnAuc: number | null;
  /** AUC on the group's positives and every other group's negatives. */
  bnspAuc: number | null;
}

/**
 * Borkan AUCs of a group from the engine's sums of the group and of all records; `reasons` gets
 * an entry for each null.
 */
export function biasAucsFromSums(group: SliceSums, all: SliceSums, reasons: Record<string, string> = {}): BiasAucs {
  const Pg = group.positives;
  const Ng = group.negatives;
  const Pb = all.positives - Pg;
  const Nb = all.negatives - Ng;
  let subgroupAuc: number | null = null;
  if (Pg > 0 && Ng > 0) subgroupAuc = group.aucPairs / (Pg * Ng);
  else reasons['subgroupAuc'] = 'group needs both positives and negatives';
  let bpsnAuc: number | null = null;
  if (Pb > 0 && Ng > 0) bpsnAuc = (group.negVsAllPos - group.aucPairs) / (Pb * Ng);
  else reasons['bpsnAuc'] = Ng === 0 ? 'group has no negatives' : 'no positives outside the group';
  let bnspAuc: number | null = null;
  if (Pg > 0 && Nb > 0) bnspAuc = (group.posVsAllNeg - group.aucPairs) / (Pg * Nb);
  else reasons['bnspAuc'] = Pg === 0 ? 'group has no positives' : 'no negatives outside the group';
  return { subgroupAuc, bpsnAuc, bnspAuc };
}

/**
 * Generalized power mean (sum x^p / n)^(1/p) of the non-null values; null when there are none.
 * For p < 0 a zero value makes the mean 0 (its limit).
 */
export function generalizedPowerMean(values: ReadonlyArray<number | null>, p: number): number | null {
  const xs = values.filter((v): v is number => v !== null);
  if (xs.length === 0) return null;
  if (p === 0) return Math.exp(xs.reduce((a, x) => a + Math.log(x), 0) / xs.length);
  if (p < 0 && xs.some((x) => x === 0)) return 0;
  let sum = 0;
  for (const x of xs) sum += Math.pow(x, p);
  return Math.pow(sum / xs.length, 1 / p);
}

/** Power used by Borkan et al.'s final bias score. */
export const BIAS_POWER = -5;

/** Borkan final score from the overall AUC and each group's three AUCs; null if any part is undefined. */
export function biasAucFinal(overallAuc: number | null, groups: ReadonlyArray<BiasAucs>): number | null {
  const m1 = generalizedPowerMean(groups.map((g) => g.subgroupAuc), BIAS_POWER);
  const m2 = generalizedPowerMean(groups.map((g) => g.bpsnAuc), BIAS_POWER);
  const m3 = generalizedPowerMean(groups.map((g) => g.bnspAuc), BIAS_POWER);
  if (overallAuc === null || m1 === null || m2 === null || m3 === null) return null;
  return 0.25 * overallAuc + 0.25 * (m1 + m2 + m3);
}
