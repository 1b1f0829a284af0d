/** Borkan bias AUCs of every group of one column, as a standalone metric function. */
import { biasAucsFromSums, type BiasAucs } from './bias-auc.js';
import { evaluate, type SliceSums } from './engine.js';
import { prepare } from './prepare.js';
import { buildSlicing, validateGroups, validateLabelsScores } from './groups.js';

/** One group's Borkan AUCs. */
export interface GroupBiasAucs extends BiasAucs {
  /** Group value. */
  group: string;
}

/** Subgroup, BPSN and BNSP AUCs of each group (sorted by name); null where undefined. */
export function biasAucs(labels: ArrayLike<number>, scores: ArrayLike<number>, groups: ArrayLike<string>): GroupBiasAucs[] {
  validateLabelsScores(labels, scores);
  validateGroups({ group: groups }, labels.length);
  const slicing = buildSlicing(labels.length, { group: groups }, { intersections: false });
  const prep = prepare(labels, scores, slicing.slices, slicing.sliceOf, { threshold: 0.5, bins: 10 });
  const sums = evaluate(prep, new Int32Array(labels.length).fill(1));
  const lv = slicing.levels[1];
  if (!lv) return [];
  return lv.groups.map((g, k) => ({ group: g, ...biasAucsFromSums(sums[lv.firstSlice + k] as SliceSums, sums[0] as SliceSums) }));
}
