/**
 * `true-labels`: train on the true labels instead of what annotators said. Not available in
 * practice (nobody has the truth); it measures how much of a disparity biased annotation causes.
 */
import { z } from 'zod';
import type { Mitigation, MitigationFactory } from './mitigation.js';
import { parseMitigationOptions } from './options.js';

/** Creates the `true-labels` mitigation (no options). */
export const trueLabels: MitigationFactory = (options) => {
  parseMitigationOptions('true-labels', z.object({}).strict(), options);
  const m: Mitigation = {
    name: 'true-labels',
    description: 'train on true labels instead of observed (annotated) labels',
    order: 10,
    prepare: (set) => ({ ...set, labelField: 'label' }),
  };
  return m;
};
