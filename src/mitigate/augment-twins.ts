/**
 * `augment-twins`: counterfactual data augmentation. Every training ad is trained on together
 * with its proxy-swapped twins (same poster, same labels, only the proxy attributes changed), so
 * proxy words stop predicting the label. Twins inherit the weight of the ad they came from. Which
 * twins an ad has is up to the pipeline's `twinsOf`: in experiments, every group swap the
 * generator can render (`groupTwins`: one twin per other value of the group attribute, so with
 * five nationalities the training set grows five-fold; `perAd` keeps a random subset). Language
 * variety is the persona's and stays, so this does not neutralise that channel.
 */
import { z } from 'zod';
import { InputError } from '../errors.js';
import { Rng } from '../random.js';
import type { AdRecord } from '../record.js';
import type { Mitigation, MitigationFactory } from './mitigation.js';
import { parseMitigationOptions } from './options.js';

const schema = z
  .object({
    /** At most this many twins per ad (chosen at random); default all the twins offered. */
    perAd: z.number().int().positive().optional(),
  })
  .strict();

/** Creates the `augment-twins` mitigation. */
export const augmentTwins: MitigationFactory = (options) => {
  const opts = parseMitigationOptions('augment-twins', schema, options);
  const m: Mitigation = {
    name: 'augment-twins',
    description: 'counterfactual augmentation: add proxy-swapped twins of every training ad',
    order: 20,
    prepare(set, ctx) {
      if (ctx.twinsOf === undefined) {
        throw new InputError('augment-twins needs a twin renderer (the generator provides one)', {
          field: 'augment-twins',
        });
      }
      const rng = new Rng(ctx.seed).child('augment-twins');
      const records: AdRecord[] = [];
      const weights: number[] = [];
      set.records.forEach((r, i) => {
        const w = set.weights?.[i] ?? 1;
        records.push(r);
        weights.push(w);
        let twins = ctx.twinsOf!(r).map((t) => ({ ...t, label: r.label, observedLabel: r.observedLabel }));
        if (opts.perAd !== undefined && twins.length > opts.perAd) {
          twins = rng.shuffle([...twins]).slice(0, opts.perAd);
        }
        for (const t of twins) {
          records.push(t);
          weights.push(w);
        }
      });
      return set.weights === undefined ? { ...set, records } : { ...set, records, weights };
    },
  };
  return m;
};
