/**
 * `group-thresholds`: post-processing to per-group decision thresholds that give every group the
 * same false positive rate, at a target overall FPR, in the spirit of Hardt, Price and Srebro
 * (2016) (FPR parity only, deterministic thresholds, no randomisation). Thresholds are fitted on
 * a validation part of the training data and applied to test scores. Note that deciding needs
 * each ad's group at scoring time.
 */
import { z } from 'zod';
import type { Mitigation, MitigationFactory, PostProcessor, ValidationScores } from './mitigation.js';
import { parseMitigationOptions } from './options.js';

/**
 * The largest-FPR-not-above-target threshold for negatives' scores, with decisions `score >= t`:
 * flags at most `floor(target * n)` of the negatives, and as many as ties allow. The threshold
 * sits midway between the last flagged and the first unflagged distinct score. With no
 * negatives, returns null.
 */
export function thresholdAtFpr(negativeScores: ArrayLike<number>, target: number): number | null {
  const n = negativeScores.length;
  if (n === 0) return null;
  const d = Float64Array.from(negativeScores).sort().reverse(); // descending
  const k = Math.floor(target * n + 1e-9); // how many negatives may be flagged
  if (k >= n) return d[n - 1]!; // flag everything
  const v = d[k]!; // highest score that must stay unflagged
  // smallest distinct score above v among the top k (flagging it keeps FPR <= target)
  let u: number | null = null;
  for (let i = k - 1; i >= 0; i--) {
    if (d[i]! > v) {
      u = d[i]!;
      break;
    }
  }
  if (u === null) {
    // nothing can be flagged without flagging v too: threshold just above v
    return v + Math.max(1e-7, Math.abs(v) * 1e-7);
  }
  return (u + v) / 2;
}

/** Fitted per-group thresholds. */
export interface GroupThresholds {
  /** Threshold per group (groups too small to fit use `overall`). */
  thresholds: Record<string, number>;
  /** Threshold fitted on all validation negatives, used for unseen or small groups. */
  overall: number;
  /** Target FPR. */
  targetFpr: number;
  /** Validation negatives per group. */
  negatives: Record<string, number>;
  /** Groups that fell back to the overall threshold, with why. */
  warnings: string[];
}

/**
 * Fits a threshold per group so that each group's validation FPR is at most (and near) `targetFpr`.
 *
 * @example
 * ```ts
 * import { applyGroupThresholds, fitGroupThresholds } from 'adscreen';
 *
 * // validation scores of benign (0) and trafficking (1) ads in two groups
 * const validation = {
 *   scores: [0.1, 0.2, 0.3, 0.9, 0.5, 0.6, 0.7, 0.95],
 *   labels: [0, 0, 0, 1, 0, 0, 0, 1],
 *   groups: ['a', 'a', 'a', 'a', 'b', 'b', 'b', 'b'],
 * };
 * const fit = fitGroupThresholds(validation, { targetFpr: 0.34, minNegatives: 2 });
 * console.log(fit.thresholds);   // group b, scored higher, gets a higher threshold
 * // adjusted scores: deciding `>= 0.5` on them is deciding `>= its group's threshold` on the raw ones
 * console.log(applyGroupThresholds([0.35, 0.65], ['a', 'b'], fit));
 * ```
 */
export function fitGroupThresholds(
  validation: ValidationScores,
  options: { targetFpr: number; minNegatives?: number },
): GroupThresholds {
  const minNeg = options.minNegatives ?? 20;
  const { scores, labels, groups } = validation;
  const negByGroup = new Map<string, number[]>();
  const allNeg: number[] = [];
  for (let i = 0; i < groups.length; i++) {
    if (labels[i] !== 0) continue;
    const g = groups[i]!;
    let list = negByGroup.get(g);
    if (!list) negByGroup.set(g, (list = []));
    list.push(scores[i]!);
    allNeg.push(scores[i]!);
  }
  const overall = thresholdAtFpr(allNeg, options.targetFpr);
  if (overall === null) throw new RangeError('group-thresholds: the validation data has no negatives');
  const thresholds: Record<string, number> = {};
  const negatives: Record<string, number> = {};
  const warnings: string[] = [];
  for (const g of [...new Set(groups)].sort()) {
    const neg = negByGroup.get(g) ?? [];
    negatives[g] = neg.length;
    if (neg.length < minNeg) {
      thresholds[g] = overall;
      warnings.push(`group "${g}" has ${neg.length} validation negatives (< ${minNeg}); using the overall threshold`);
    } else {
      thresholds[g] = thresholdAtFpr(neg, options.targetFpr)!;
    }
  }
  return { thresholds, overall, targetFpr: options.targetFpr, negatives, warnings };
}

/**
 * Maps each score monotonically within its group so that the group's threshold lands on `at`:
 * `[0, t] -> [0, at]` and `[t, 1] -> [at, 1]`, piecewise linear. Deciding `adjusted >= at` then
 * equals deciding `score >= t_group`, and the ranking inside each group is kept.
 */
export function applyGroupThresholds(
  scores: ArrayLike<number>,
  groups: readonly string[],
  fit: GroupThresholds,
  at = 0.5,
): Float32Array {
  const out = new Float32Array(scores.length);
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i]!;
    const t = Math.min(1, Math.max(0, fit.thresholds[groups[i]!] ?? fit.overall));
    let v: number;
    if (s >= t) v = t >= 1 ? 1 : at + ((s - t) * (1 - at)) / (1 - t);
    else v = t <= 0 ? 0 : (s * at) / t;
    // keep float32 rounding from crossing the decision boundary
    if (s >= t && v < at) v = at;
    if (s < t && Math.fround(v) >= at) v = Math.fround(at) - Math.fround(at) * 2 ** -23;
    out[i] = v;
  }
  return out;
}

const schema = z
  .object({
    /** Overall target FPR; default the experiment's audit FPR, else 0.05. */
    targetFpr: z.number().gt(0).lt(1).optional(),
    /** Groups with fewer validation negatives use the overall threshold. Default 20. */
    minNegatives: z.number().int().min(1).default(20),
  })
  .strict();

/** Creates the `group-thresholds` mitigation. */
export const groupThresholds: MitigationFactory = (options) => {
  const opts = parseMitigationOptions('group-thresholds', schema, options);
  const m: Mitigation = {
    name: 'group-thresholds',
    description: 'per-group thresholds equalising FPR at a target overall FPR (fit on validation)',
    order: 90,
    fitPost(validation, ctx): PostProcessor {
      const targetFpr = opts.targetFpr ?? ctx.targetFpr ?? 0.05;
      const fit = fitGroupThresholds(validation, { targetFpr, minNegatives: opts.minNegatives });
      return {
        threshold: 0.5,
        apply: (scores, groups) => applyGroupThresholds(scores, groups, fit, 0.5),
        details: { ...fit },
      };
    },
  };
  return m;
};
