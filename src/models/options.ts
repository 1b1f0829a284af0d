/**
 * Parsing of model constructor options: each model declares a strict zod schema, and unknown or
 * malformed options fail with an InputError naming `options.<field>` and the model.
 */
import { z } from 'zod';
import { InputError } from '../errors.js';

/** Validates `options` against a model's schema; throws InputError naming the bad option. */
export function parseModelOptions<T extends z.ZodType>(schema: T, options: unknown, model: string): z.infer<T> {
  const result = schema.safeParse(options ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue === undefined ? [] : issue.path.map(String);
  let problem = issue?.message ?? 'invalid options';
  if (issue?.code === 'unrecognized_keys') {
    problem = `unknown option(s) ${issue.keys.map((k) => JSON.stringify(k)).join(', ')} for model "${model}"`;
  } else {
    problem = `invalid option for model "${model}": ${problem}`;
  }
  throw new InputError(problem, { field: ['options', ...path].join('.') });
}

/** zod schema of featurizer options, for embedding in model option schemas. */
export const featurizerOptionsSchema = z
  .object({
    ngrams: z.tuple([z.number().int().min(1), z.number().int().min(1)]).optional(),
    minCount: z.number().int().min(1).optional(),
    maxSize: z.number().int().min(1).optional(),
    hashing: z.number().int().min(1).nullable().optional(),
    lowercase: z.boolean().optional(),
    stem: z.boolean().optional(),
  })
  .strict();
