/**
 * Resolving mitigation names to mitigations (a name or your own object, unknown names rejected
 * loudly) and composing several into one pipeline.
 */
import { InputError } from '../errors.js';
import { augmentTwins } from './augment-twins.js';
import { groupThresholds } from './group-thresholds.js';
import { maskProxies } from './mask-proxies.js';
import type {
  Mitigation,
  MitigationContext,
  MitigationFactory,
  PostProcessor,
  TrainingSet,
  ValidationScores,
} from './mitigation.js';
import { reweigh } from './reweigh.js';
import { trueLabels } from './true-labels.js';

/** Built-in mitigation names. */
export type MitigationName = 'mask-proxies' | 'reweigh' | 'augment-twins' | 'group-thresholds' | 'true-labels';

/** The built-in mitigations by name. */
export const MITIGATIONS: Readonly<Record<MitigationName, MitigationFactory>> = Object.freeze({
  'true-labels': trueLabels,
  'augment-twins': augmentTwins,
  'mask-proxies': maskProxies,
  reweigh,
  'group-thresholds': groupThresholds,
});

/** Names of the built-in mitigations, in pipeline order. */
export const MITIGATION_NAMES: readonly MitigationName[] = Object.freeze(
  Object.keys(MITIGATIONS) as MitigationName[],
);

/** A mitigation as callers may give it: a built-in name (with options) or a ready object. */
export type MitigationSpec = MitigationName | { name: string; options?: Record<string, unknown> } | Mitigation;

function isMitigation(spec: unknown): spec is Mitigation {
  return (
    typeof spec === 'object' &&
    spec !== null &&
    typeof (spec as Mitigation).order === 'number' &&
    ('prepare' in spec || 'scoringText' in spec || 'fitPost' in spec)
  );
}

/** Caller-defined mitigation factories by name, used alongside (and before) the built-ins. */
export type MitigationRegistry = Readonly<Record<string, MitigationFactory>>;

/**
 * Resolves one spec: a ready {@link Mitigation}, or a name (with options) looked up in `extra`
 * and then the built-ins. Throws {@link InputError} for unknown names, listing the known ones.
 *
 * @example
 * ```ts
 * import { resolveMitigation, type MitigationFactory } from 'adscreen';
 *
 * // your own mitigation: drop every phone number from the text the model sees
 * const dropPhones: MitigationFactory = () => ({
 *   name: 'drop-phones',
 *   description: 'remove phone numbers before training and scoring',
 *   order: 35,
 *   scoringText: (text) => text.replace(/\d{3}-555-01\d\d/g, ''),
 * });
 * const mine = resolveMitigation('drop-phones', { 'drop-phones': dropPhones });
 * const builtIn = resolveMitigation({ name: 'group-thresholds', options: { targetFpr: 0.05 } });
 * console.log(mine.scoringText!('Call 305-555-0162 today', { seed: 1, proxyTerms: [] }), builtIn.order);
 * ```
 */
export function resolveMitigation(spec: MitigationSpec | string, extra: MitigationRegistry = {}): Mitigation {
  if (isMitigation(spec)) return spec;
  const name = typeof spec === 'string' ? spec : spec.name;
  const options = typeof spec === 'string' ? {} : (spec.options ?? {});
  const own = (registry: object) => Object.prototype.hasOwnProperty.call(registry, name);
  const factory = own(extra) ? extra[name] : own(MITIGATIONS) ? MITIGATIONS[name as MitigationName] : undefined;
  if (factory === undefined) {
    const known = ['none', ...Object.keys(extra), ...MITIGATION_NAMES].join(', ');
    throw new InputError(`unknown mitigation "${name}" (known: ${known})`);
  }
  return factory(options);
}

/** Several mitigations composed in pipeline order. */
export interface MitigationPipeline {
  /** The resolved mitigations, in the order they run. */
  readonly steps: readonly Mitigation[];
  /** Applies every `prepare` step to the training set. */
  prepare(set: TrainingSet, ctx: MitigationContext): TrainingSet;
  /** Applies every `scoringText` step to one text. */
  scoringText(text: string, ctx: MitigationContext): string;
  /** Whether a step post-processes scores (needs validation scores). */
  readonly hasPost: boolean;
  /** Fits the post-processing step, if any; null without one. */
  fitPost(validation: ValidationScores, ctx: MitigationContext): PostProcessor | null;
}

/**
 * Composes mitigations (stable-sorted by `order`); at most one may post-process.
 *
 * @example
 * ```ts
 * import { generate, loadScenario, mitigationPipeline, proxyTerms } from 'adscreen';
 *
 * const scenario = loadScenario('confounded');
 * const ads = generate(scenario, { n: 200, seed: 1 });
 * const pipeline = mitigationPipeline(['reweigh', 'mask-proxies']);
 * const ctx = { seed: 1, proxyTerms: proxyTerms(scenario) };
 * const set = pipeline.prepare({ records: ads, labelField: 'observedLabel' }, ctx);
 * console.log(pipeline.steps.map((s) => s.name));      // ['mask-proxies', 'reweigh']: pipeline order
 * console.log(set.weights!.slice(0, 3));                // reweighing weights per training ad
 * console.log(pipeline.scoringText(ads[0]!.text, ctx)); // the text the model scores, mentions removed
 * ```
 */
export function mitigationPipeline(
  specs: ReadonlyArray<MitigationSpec | string>,
  extra: MitigationRegistry = {},
): MitigationPipeline {
  const steps = specs.map((s) => resolveMitigation(s, extra));
  const names = steps.map((s) => s.name);
  names.forEach((n, i) => {
    if (names.indexOf(n) !== i) throw new InputError(`mitigation "${n}" given twice`);
  });
  const ordered = steps
    .map((s, i) => ({ s, i }))
    .sort((a, b) => a.s.order - b.s.order || a.i - b.i)
    .map((x) => x.s);
  const post = ordered.filter((s) => s.fitPost !== undefined);
  if (post.length > 1) {
    throw new InputError(`only one post-processing mitigation per cell, got ${post.map((p) => p.name).join(', ')}`);
  }
  const texters = ordered.filter((s) => s.scoringText !== undefined);
  return {
    steps: ordered,
    hasPost: post.length === 1,
    prepare(set, ctx) {
      let out = set;
      for (const s of ordered) if (s.prepare) out = s.prepare(out, ctx);
      return out;
    },
    scoringText(text, ctx) {
      let out = text;
      for (const s of texters) out = s.scoringText!(out, ctx);
      return out;
    },
    fitPost(validation, ctx) {
      return post.length === 1 ? post[0]!.fitPost!(validation, ctx) : null;
    },
  };
}
