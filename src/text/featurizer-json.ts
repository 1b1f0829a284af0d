/**
 * The saved form of a {@link Featurizer}: a schema-tagged JSON object, validated on load so a
 * corrupted or foreign file gives one clear InputError naming the file and the field.
 */
import { z } from 'zod';
import { InputError } from '../errors.js';

/** Schema tag written into every saved featurizer. */
export const FEATURIZER_SCHEMA = 'adscreen.featurizer/1';

/** zod schema of the saved featurizer. */
export const featurizerJSONSchema = z
  .object({
    schema: z.literal(FEATURIZER_SCHEMA),
    ngrams: z.tuple([z.number().int(), z.number().int()]),
    minCount: z.number().int(),
    maxSize: z.number().int(),
    hashing: z.number().int().nullable(),
    lowercase: z.boolean(),
    stem: z.boolean(),
    vocabulary: z.array(z.string()).nullable(),
  })
  .strict();

/** A featurizer as plain JSON (what `featurizer.json` holds). */
export type FeaturizerJSON = z.infer<typeof featurizerJSONSchema>;

/** Validates `json` as a saved featurizer; throws InputError naming `source` and the bad field. */
export function parseFeaturizerJSON(json: unknown, source?: string): FeaturizerJSON {
  const result = featurizerJSONSchema.safeParse(json);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue === undefined || issue.path.length === 0 ? '(root)' : issue.path.map(String).join('.');
  const problem =
    issue?.path[0] === 'schema'
      ? `not an adscreen featurizer: expected schema "${FEATURIZER_SCHEMA}"`
      : `invalid featurizer: ${issue?.message ?? 'unknown problem'}`;
  throw new InputError(problem, source === undefined ? { field } : { file: source, field });
}
