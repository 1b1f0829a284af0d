/**
 * `reweigh`: Kamiran and Calders (2012) reweighing. Each training example in cell (group g,
 * label y) gets weight w = P(g) P(y) / P(g, y), estimated by counts:
 * w = n_g n_y / (N n_gy). Under these weights group and label are independent, and the weights
 * sum to N. Existing weights (e.g. from augmentation) are multiplied in.
 */
import { z } from 'zod';
import type { Mitigation, MitigationFactory } from './mitigation.js';
import { parseMitigationOptions } from './options.js';

/**
 * Reweighing weights for parallel arrays of groups and binary labels:
 * `n_g * n_y / (N * n_gy)` for each example. Empty input gives an empty array.
 *
 * @example
 * ```ts
 * import { reweighingWeights } from 'adscreen';
 *
 * // the one positive is a woman's ad: weights make group and label independent
 * const w = reweighingWeights(['woman', 'woman', 'woman', 'man'], [1, 0, 0, 0]);
 * console.log(Array.from(w));   // [0.75, 1.125, 1.125, 0.75]
 * ```
 */
export function reweighingWeights(groups: readonly string[], labels: ArrayLike<number>): Float64Array {
  const n = groups.length;
  if (labels.length !== n) throw new RangeError(`groups (${n}) and labels (${labels.length}) differ in length`);
  const byGroup = new Map<string, number>();
  const byLabel = new Map<number, number>();
  const byCell = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const g = groups[i]!;
    const y = labels[i]!;
    byGroup.set(g, (byGroup.get(g) ?? 0) + 1);
    byLabel.set(y, (byLabel.get(y) ?? 0) + 1);
    const key = `${y}\u0000${g}`;
    byCell.set(key, (byCell.get(key) ?? 0) + 1);
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const g = groups[i]!;
    const y = labels[i]!;
    out[i] = (byGroup.get(g)! * byLabel.get(y)!) / (n * byCell.get(`${y}\u0000${g}`)!);
  }
  return out;
}

const schema = z
  .object({
    /** Proxy attribute to reweigh over; default the record's group key. */
    attribute: z.string().min(1).optional(),
  })
  .strict();

/** Creates the `reweigh` mitigation. Option `attribute`: a proxy attribute instead of the group key. */
export const reweigh: MitigationFactory = (options) => {
  const opts = parseMitigationOptions('reweigh', schema, options);
  const m: Mitigation = {
    name: 'reweigh',
    description: 'Kamiran-Calders reweighing: w = P(g)P(y)/P(g,y) over (group, training label) cells',
    order: 40,
    prepare(set) {
      const groups = set.records.map((r) =>
        opts.attribute === undefined ? r.group : (r.proxies[opts.attribute] ?? '(missing)'),
      );
      const labels = set.records.map((r) => r[set.labelField]);
      const w = reweighingWeights(groups, labels);
      const weights = Array.from(w, (x, i) => x * (set.weights?.[i] ?? 1));
      return { ...set, weights };
    },
  };
  return m;
};
