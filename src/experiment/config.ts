/**
 * The experiment file: one JSON document that says which scenarios to generate, how many ads,
 * which seeds, models and mitigations to run, how to audit, and optionally one field to sweep.
 * It is validated once here; every later step trusts the parsed {@link ExperimentConfig}.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { InputError } from '../errors.js';

/** A scenario given by preset name, by file path, or inline as an object. */
const scenarioRef = z.union([z.string().min(1), z.record(z.string(), z.unknown())]);

/** `set`: scenario field path -> value overrides, e.g. `{"confounding.strength": 0.4}`. */
const overrides = z.record(z.string().min(1), z.unknown());

const trainSpec = z
  .object({
    scenario: scenarioRef,
    n: z.number().int().positive(),
    set: overrides.optional(),
  })
  .strict();

const testSpec = z
  .object({
    scenario: scenarioRef.optional(),
    n: z.number().int().positive(),
    set: overrides.optional(),
    twins: z.boolean().default(true),
  })
  .strict();

const slug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._+-]*$/i, 'expected letters, digits and . _ + - only (it names files)');

const modelSpec = z.union([
  slug,
  z
    .object({
      name: slug,
      label: slug.optional(),
      options: z.record(z.string(), z.unknown()).default({}),
    })
    .strict(),
]);

const mitigationStep = z.union([
  slug,
  z
    .object({
      name: slug,
      options: z.record(z.string(), z.unknown()).default({}),
    })
    .strict(),
]);

const mitigationSpec = z.union([mitigationStep, z.array(mitigationStep).min(1)]);

const sweepValue = z.union([z.number(), z.string(), z.boolean(), z.record(z.string(), z.unknown())]);

const auditSpec = z
  .object({
    threshold: z
      .union([z.number().min(0).max(1), z.object({ fpr: z.number().gt(0).lt(1) }).strict()])
      .default({ fpr: 0.05 }),
    bootstrap: z.number().int().min(0).default(200),
    /**
     * What the bootstrap resamples: `poster` draws whole posters (ads of one poster are not
     * independent, so this is the honest default), `ad` single ads.
     */
    resample: z.enum(['poster', 'ad']).default('poster'),
    prevalence: z.number().gt(0).lt(1).optional(),
    volume: z.number().int().positive().optional(),
  })
  .strict();

const experimentSchema = z
  .object({
    schema: z.literal('adscreen.experiment/1').optional(),
    name: slug,
    description: z.string().optional(),
    train: trainSpec,
    test: testSpec,
    validation: z.number().gt(0).lt(1).default(0.2),
    seeds: z.array(z.number().int().min(0)).min(1).default([1]),
    models: z.array(modelSpec).min(1).default(['embedding-bag']),
    fit: z.object({ epochs: z.number().int().positive().optional() }).strict().default({}),
    mitigations: z.array(mitigationSpec).min(1).default(['none']),
    audit: auditSpec.default({ threshold: { fpr: 0.05 }, bootstrap: 200, resample: 'poster' }),
    sweep: z
      .object({
        field: z.string().min(1),
        values: z.array(sweepValue).min(1),
      })
      .strict()
      .optional(),
    saveScores: z.boolean().default(true),
  })
  .strict();

/** A parsed, validated experiment with all defaults filled in. */
export type ExperimentConfig = z.infer<typeof experimentSchema>;

/** The experiment file as a user writes it (defaults optional). */
export type ExperimentInput = z.input<typeof experimentSchema>;

/** A value a sweep can set. */
export type SweepValue = z.infer<typeof sweepValue>;

/** One mitigation step as written in a config: a name or a name with options. */
export type MitigationStepConfig = z.infer<typeof mitigationStep>;

/** A model as written in a config: a name or a name with options and a label. */
export type ModelConfig = z.infer<typeof modelSpec>;

/** A scenario reference: preset name, file path, or inline object. */
export type ScenarioRef = z.infer<typeof scenarioRef>;

/** How audits pick the decision threshold: a fixed score, or the score giving an overall FPR. */
export type ThresholdConfig = ExperimentConfig['audit']['threshold'];

function fieldPath(path: ReadonlyArray<PropertyKey>): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p))).join('.').replace(/\.\[/g, '[');
}

/**
 * Validates an experiment object. Throws one {@link InputError} naming the first bad field
 * (and listing any others) with what was expected.
 *
 * @example
 * ```ts
 * import { parseExperiment } from 'adscreen';
 *
 * const config = parseExperiment({ name: 'no-bias', train: { scenario: 'baseline', n: 2000 }, test: { n: 1000 } });
 * console.log(config.mitigations);                  // ['none']
 * try {
 *   parseExperiment({ name: 'bad', train: { scenario: 'baseline', n: -5 }, test: { n: 1000 } });
 * } catch (err) {
 *   console.log((err as Error).message);            // names the field train.n
 * }
 * ```
 */
export function parseExperiment(input: unknown, options: { file?: string } = {}): ExperimentConfig {
  const result = experimentSchema.safeParse(input);
  if (!result.success) {
    const issues = result.error.issues;
    const describe = (i: (typeof issues)[number]): string => {
      const where = fieldPath(i.path);
      return where ? `${where}: ${i.message}` : i.message;
    };
    const first = issues[0]!;
    let problem = first.message;
    if (issues.length > 1) problem += ` (also: ${issues.slice(1).map(describe).join('; ')})`;
    const field = fieldPath(first.path);
    throw new InputError(problem, {
      ...(options.file !== undefined ? { file: options.file } : {}),
      ...(field ? { field } : {}),
    });
  }
  const config = result.data;
  const labels = config.models.map(modelLabel);
  labels.forEach((label, i) => {
    if (labels.indexOf(label) !== i) {
      throw new InputError(`duplicate model label "${label}"; give each model a distinct "label"`, {
        ...(options.file !== undefined ? { file: options.file } : {}),
        field: `models[${i}]`,
      });
    }
  });
  const mits = config.mitigations.map(mitigationLabel);
  mits.forEach((label, i) => {
    if (mits.indexOf(label) !== i) {
      throw new InputError(`mitigation "${label}" is listed twice`, {
        ...(options.file !== undefined ? { file: options.file } : {}),
        field: `mitigations[${i}]`,
      });
    }
  });
  return config;
}

/**
 * Reads and validates an experiment JSON file.
 *
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * import { loadExperiment } from 'adscreen';
 *
 * writeFileSync('sweep.json', JSON.stringify({
 *   name: 'confounding-sweep',
 *   train: { scenario: 'baseline', n: 2000 },
 *   test: { n: 1000 },
 *   sweep: { field: 'train.confounding.strength', values: [0, 0.4, 0.8] },
 * }));
 * const config = loadExperiment('sweep.json');
 * console.log(config.seeds, config.models, config.audit);   // defaults filled in
 * ```
 */
export function loadExperiment(file: string): ExperimentConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new InputError(`cannot read experiment file (${(err as Error).message})`, { file });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new InputError(`not valid JSON (${(err as Error).message})`, { file });
  }
  return parseExperiment(json, { file });
}

/** The label a model is known by in cell ids and summaries. */
export function modelLabel(model: ModelConfig): string {
  return typeof model === 'string' ? model : (model.label ?? model.name);
}

/** The steps of one mitigation entry, as `{name, options}` objects (`none` gives no steps). */
export function mitigationSteps(spec: ExperimentConfig['mitigations'][number]): Array<{
  name: string;
  options: Record<string, unknown>;
}> {
  const list = Array.isArray(spec) ? spec : [spec];
  return list
    .map((s) => (typeof s === 'string' ? { name: s, options: {} } : { name: s.name, options: s.options }))
    .filter((s) => s.name !== 'none');
}

/** The label of a mitigation entry: step names joined with `+`, or `none`. */
export function mitigationLabel(spec: ExperimentConfig['mitigations'][number]): string {
  const steps = mitigationSteps(spec);
  return steps.length === 0 ? 'none' : steps.map((s) => s.name).join('+');
}
