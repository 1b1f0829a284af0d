/**
 * The scenario: every probability of the generative story as a named, validated field with a
 * default and a one-line rationale (`.describe()`). Parsed once at the boundary with zod; unknown
 * keys and out-of-range values are rejected with an {@link InputError} naming the field path.
 */
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { InputError } from '../errors.js';
import { PRESETS } from './presets.js';
import { PROXY_SETS, type ProxySetId } from './proxies.js';

function num(min: number, max: number, def: number, why: string) {
  const msg = `expected a number between ${min} and ${max}`;
  return z.number({ error: msg }).min(min, { error: msg }).max(max, { error: msg }).default(def).describe(why);
}

const rateRecord = (why: string) =>
  z
    .record(z.string(), z.number({ error: 'expected a number between 0 and 1' }).min(0, { error: 'expected a number between 0 and 1' }).max(1, { error: 'expected a number between 0 and 1' }))
    .default({})
    .describe(why);

const objectShape = z
  .object({
    /** Short name written into datasheets and reports. __Default:__ `custom`. */
    name: z.string({ error: 'expected a string' }).min(1, { error: 'expected a non-empty string' }).default('custom').describe('Short name written into datasheets and reports.'),
    /** What the scenario is for. __Default:__ empty. */
    description: z.string({ error: 'expected a string' }).default('').describe('What the scenario is for, in a sentence or two.'),
    /** `realistic` or `abstract` (invented groups for teaching). __Default:__ `realistic`. */
    proxySet: z
      .enum(['realistic', 'abstract'], { error: "expected 'realistic' or 'abstract'" })
      .default('realistic')
      .describe("'realistic' (nationality, language variety, gender) or 'abstract' (invented groups for teaching without stereotypes)."),
    /** Proxy attribute whose value is each record's `group`. __Default:__ `nationality` (`folk` for the abstract set). */
    groupAttribute: z
      .string({ error: 'expected a string' })
      .optional()
      .describe("Proxy attribute whose value is each record's `group` (default: nationality, or folk for the abstract set)."),
    /** Ad-level share of trafficking (label 1) ads. __Default:__ `0.1`. */
    prevalence: num(0, 1, 0.1, 'Ad-level share of trafficking (label 1) ads; 10% keeps classes learnable, real platform rates are far lower (see low-prevalence).'),
    /** Relative shares of benign poster types among label-0 ads. */
    posterMix: z
      .object({
        /** Independent adult workers. __Default:__ `0.45`. */
        independent: num(0, 1000, 0.45, 'Relative share of independent adult workers among label-0 ads: the largest group of escort posters.'),
        /** Consensual agencies. __Default:__ `0.2`. */
        agency: num(0, 1000, 0.2, 'Relative share of consensual agencies among label-0 ads.'),
        /** Non-escort classifieds. __Default:__ `0.35`. */
        nonEscort: num(0, 1000, 0.35, 'Relative share of non-escort classifieds (massage therapy, dating, jobs, roommates, services) among label-0 ads.'),
      })
      .strict()
      .prefault({})
      .describe('Relative shares of the benign poster types among label-0 ads (normalised to sum to 1).'),
    /** Base mix of the group attribute, or null for the proxy-set default. __Default:__ `null`. */
    groupWeights: z
      .record(z.string(), z.number({ error: 'expected a non-negative number' }).min(0, { error: 'expected a non-negative number' }))
      .nullable()
      .default(null)
      .describe('Base mix of the group attribute (value -> weight), or null for the proxy set default; shifts the group mix without touching labels.'),
    /** P(group | poster type): proxy-label confounding. */
    confounding: z
      .object({
        /** Confounding strength: share of operation personas forced into the target group. __Default:__ `0`. */
        strength: num(0, 1, 0, 'Proxy-label confounding: share of operation personas forced into the target group (0 = same group mix for every poster type).'),
        /** Group over-represented among operation ads. __Default:__ the proxy set default (`southeast-asia` for nationality). */
        targetGroup: z.string({ error: 'expected a string' }).nullable().default(null).describe('Group over-represented among operation ads (default: the proxy set default for the group attribute).'),
      })
      .strict()
      .prefault({})
      .describe('P(group | poster type): models biased case selection; not a claim about real rates.'),
    /** How the observed label departs from the true label. */
    annotation: z
      .object({
        /** Per-group P(observed 1 | true 0). __Default:__ `{}` (0 for every group). */
        flipToPositive: rateRecord('Per-group rate at which annotators mark a truly benign ad as trafficking (0 -> 1); groups not listed: 0.'),
        /** Per-group P(observed 0 | true 1). __Default:__ `{}` (0 for every group). */
        flipToNegative: rateRecord('Per-group rate at which annotators miss a trafficking ad (1 -> 0); groups not listed: 0.'),
        /** Uniform label noise after group flips. __Default:__ `0`. */
        noise: num(0, 0.5, 0, 'Uniform label noise: after group flips, each observed label flips with this probability.'),
      })
      .strict()
      .prefault({})
      .describe('How the observed label a model trains on departs from the true label.'),
    /** How separable the classes are through indicator wording. */
    indicators: z
      .object({
        /** Scales the operation-benign gap of indicator rates. __Default:__ `1`. */
        strength: num(0, 3, 1, 'Scales the gap between operation and benign indicator rates (0 = operation ads look like benign escort ads; 1 = taxonomy rates).'),
        /** Multiplier on benign indicator phrasing. __Default:__ `1`. */
        overlap: num(0, 3, 1, 'Multiplies how often benign posters use indicator phrasing (0 = never; 1 = taxonomy rates); structural shared contact is not phrasing and is not scaled.'),
      })
      .strict()
      .prefault({})
      .describe('How separable the classes are through indicator wording.'),
    /** How the group shows: explicit mentions versus language variety. */
    proxySignal: z
      .object({
        /** Multiplier on explicit nationality/gender mentions. __Default:__ `1`. */
        mention: num(0, 2, 1, 'Multiplies how often ads name the nationality or gender explicitly (the channel masking can remove).'),
        /** P(a non-native, code-switching or marked persona shows it in the text). __Default:__ `0.8`. */
        variety: num(0, 1, 0.8, 'Probability that a non-native, code-switching or marked-dialect persona shows it in the text (the channel masking cannot remove).'),
      })
      .strict()
      .prefault({})
      .describe('How strongly the group shows through explicit mentions versus language variety.'),
    /** Label-independent surface form (for train/test shift). */
    surface: z
      .object({
        /** Indicator phrase variants used: `primary`, `heldout` or `all`. __Default:__ `primary`. */
        phrases: z
          .enum(['primary', 'heldout', 'all'], { error: "expected 'primary', 'heldout' or 'all'" })
          .default('primary')
          .describe("Which indicator phrase variants are used: 'primary' (two thirds), 'heldout' (the other third) or 'all'."),
        /** P(a filler sentence uses evasion spellings). __Default:__ `0.02`. */
        misspelling: num(0, 1, 0.02, 'Probability that a filler sentence is written with evasion spellings (surface noise, label-independent).'),
        /** City pool: `primary`, `secondary` or `all`. __Default:__ `primary`. */
        cities: z
          .enum(['primary', 'secondary', 'all'], { error: "expected 'primary', 'secondary' or 'all'" })
          .default('primary')
          .describe('City pool ads are posted in.'),
      })
      .strict()
      .prefault({})
      .describe('Surface form that changes without changing the label mechanism (for train/test shift).'),
  })
  .strict();

function checkGroups(value: z.output<typeof objectShape>, ctx: z.RefinementCtx): void {
  const set = PROXY_SETS[value.proxySet as ProxySetId];
  const attrs = Object.keys(set.attributes);
  const attr = value.groupAttribute ?? set.defaultGroupAttribute;
  const allowed = set.attributes[attr];
  if (allowed === undefined) {
    ctx.addIssue({ code: 'custom', path: ['groupAttribute'], message: `expected one of ${attrs.map((a) => `'${a}'`).join(', ')} for proxySet '${value.proxySet}', got '${attr}'` });
    return;
  }
  const check = (path: Array<string>, key: string) => {
    if (!allowed.includes(key)) {
      ctx.addIssue({ code: 'custom', path, message: `expected a value of ${attr} (${allowed.map((a) => `'${a}'`).join(', ')}), got '${key}'` });
    }
  };
  if (value.confounding.targetGroup !== null) check(['confounding', 'targetGroup'], value.confounding.targetGroup);
  for (const k of Object.keys(value.annotation.flipToPositive)) check(['annotation', 'flipToPositive', k], k);
  for (const k of Object.keys(value.annotation.flipToNegative)) check(['annotation', 'flipToNegative', k], k);
  if (value.groupWeights !== null) {
    let total = 0;
    for (const [k, w] of Object.entries(value.groupWeights)) {
      check(['groupWeights', k], k);
      total += w;
    }
    if (!(total > 0)) ctx.addIssue({ code: 'custom', path: ['groupWeights'], message: 'expected at least one positive weight' });
  }
  const mix = value.posterMix;
  if (value.prevalence < 1 && !(mix.independent + mix.agency + mix.nonEscort > 0)) {
    ctx.addIssue({ code: 'custom', path: ['posterMix'], message: 'expected at least one positive share when prevalence < 1' });
  }
}

/** The scenario schema (zod, strict at every level). Parse with {@link parseScenario}. */
export const ScenarioSchema = objectShape.superRefine(checkGroups).transform((v) => {
  const set = PROXY_SETS[v.proxySet as ProxySetId];
  // groupAttribute always goes last, whether it was given or defaulted, so that parsing a parsed
  // scenario again gives the same key order (datasheets list fields in key order)
  const { groupAttribute: given, ...rest } = v;
  const groupAttribute = given ?? set.defaultGroupAttribute;
  return {
    ...rest,
    groupAttribute,
    confounding: { ...v.confounding, targetGroup: v.confounding.targetGroup ?? (set.defaultTarget[groupAttribute] as string) },
  };
});

/** A partial scenario as written in a file: defaults are filled in by {@link parseScenario}. */
export type ScenarioInput = z.input<typeof ScenarioSchema>;
/** A validated scenario with every field present. */
export type Scenario = z.output<typeof ScenarioSchema>;

function valueAt(input: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let v: unknown = input;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

function show(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (typeof v === 'string') return `'${v}'`;
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

/**
 * Validates a scenario and fills in defaults. Throws one {@link InputError} naming the field path
 * (e.g. `confounding.strength: expected a number between 0 and 1, got 1.5`) and the file when
 * `source` is given.
 *
 * @example
 * ```ts
 * import { generate, parseScenario } from 'adscreen';
 *
 * // unspecified fields take their defaults; unknown keys and out-of-range values are rejected
 * const scenario = parseScenario({ name: 'strong-confounding', prevalence: 0.05, confounding: { strength: 0.6 } });
 * console.log(scenario.confounding, scenario.groupAttribute);
 * const ads = generate(scenario, { n: 100, seed: 1 });
 * try {
 *   parseScenario({ confounding: { strength: 1.5 } });
 * } catch (err) {
 *   console.log((err as Error).message);   // confounding.strength: expected a number between 0 and 1, got 1.5
 * }
 * console.log(ads.length);
 * ```
 */
export function parseScenario(input: unknown, source?: string): Scenario {
  const result = ScenarioSchema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0] as z.core.$ZodIssue;
  const where = source === undefined ? {} : { file: source };
  if (issue.code === 'unrecognized_keys') {
    const parent = issue.path.map(String).join('.');
    const key = issue.keys[0] as string;
    const field = parent ? `${parent}.${key}` : key;
    throw new InputError('unknown field (check the spelling; see the scenario documentation for allowed fields)', { ...where, field });
  }
  const field = issue.path.map(String).join('.') || '(scenario)';
  const got = valueAt(input, issue.path);
  let problem = issue.message;
  if (issue.code === 'invalid_type' && issue.path.length === 0) problem = 'expected a JSON object';
  if (issue.code !== 'custom') problem += `, got ${show(got)}`;
  throw new InputError(problem, { ...where, field });
}

export { scenarioHash } from './scenario-hash.js';

/** Names of the built-in presets. */
export const PRESET_NAMES: readonly string[] = Object.keys(PRESETS);

/**
 * Loads a scenario by preset name or from a JSON file path. Throws a clear {@link InputError} for
 * an unknown name, a missing or unreadable file, bad JSON, or a bad field.
 *
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * import { PRESET_NAMES, loadScenario } from 'adscreen';
 *
 * console.log(PRESET_NAMES);                       // baseline, confounded, biased-annotation, ...
 * const preset = loadScenario('low-prevalence');
 * writeFileSync('mine.json', JSON.stringify({ name: 'mine', proxySet: 'abstract', prevalence: 0.02 }));
 * const mine = loadScenario('mine.json');          // a path: read, validated, defaults filled in
 * console.log(preset.prevalence, mine.groupAttribute);
 * ```
 */
export function loadScenario(nameOrPath: string): Scenario {
  const preset = PRESETS[nameOrPath];
  if (preset !== undefined) return parseScenario(preset, `preset ${nameOrPath}`);
  if (!existsSync(nameOrPath)) {
    throw new InputError(`unknown scenario: not a preset (${PRESET_NAMES.join(', ')}) and no such file`, { file: nameOrPath });
  }
  let text: string;
  try {
    text = readFileSync(nameOrPath, 'utf8');
  } catch (err) {
    throw new InputError(`cannot read scenario file: ${(err as Error).message}`, { file: nameOrPath });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new InputError(`not valid JSON: ${(err as Error).message}`, { file: nameOrPath });
  }
  return parseScenario(json, nameOrPath);
}
