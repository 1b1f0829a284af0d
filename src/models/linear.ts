/**
 * Linear scoring over featurizer ids, shared by naive Bayes and logistic regression: a score is
 * `sigmoid(bias + sum_f weight[f] * x_f)`, computed stably. Both models keep their weights as
 * float32 (what is saved), so scores before and after a save/load round trip are identical.
 * Also the on-disk format: `featurizer.json`, `params.json` (schema, sizes, bias) and
 * `weights.bin` (little-endian float32).
 */
import { z } from 'zod';
import { InputError } from '../errors.js';
import { Featurizer, type EncodedBatch } from '../text/index.js';
import { float32Bytes, readFloat32File, readModelJson } from './model-dir.js';
import { join } from 'node:path';

/** How a document's feature values are formed from its ids. */
export type FeatureValues =
  /** x_f = number of times id f occurs (multinomial counts). */
  | 'counts'
  /** x_f = 1/sqrt(k) for each of the k distinct ids (binary presence, L2-normalised). */
  | 'binary-l2';

/** Stable logistic function: never overflows, exact 0.5 at 0. */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/**
 * The distinct ids of each document of a batch (first occurrences, in order), as a new CSR
 * batch. `size` bounds the ids (the featurizer's size).
 */
export function distinctBatch(batch: EncodedBatch, size: number): EncodedBatch {
  const n = batch.offsets.length - 1;
  const seenIn = new Int32Array(size).fill(-1);
  const ids = new Int32Array(batch.ids.length);
  const offsets = new Int32Array(n + 1);
  let k = 0;
  for (let d = 0; d < n; d++) {
    for (let j = batch.offsets[d] as number; j < (batch.offsets[d + 1] as number); j++) {
      const f = batch.ids[j] as number;
      if (seenIn[f] !== d) {
        seenIn[f] = d;
        ids[k++] = f;
      }
    }
    offsets[d + 1] = k;
  }
  return { ids: ids.slice(0, k), offsets };
}

/** The logit (bias + weighted features) of every document of a batch. */
export function linearLogits(batch: EncodedBatch, weights: Float32Array, bias: number, values: FeatureValues): Float64Array {
  const n = batch.offsets.length - 1;
  const out = new Float64Array(n);
  const { ids, offsets } = values === 'counts' ? batch : distinctBatch(batch, weights.length);
  for (let d = 0; d < n; d++) {
    const start = offsets[d] as number;
    const end = offsets[d + 1] as number;
    let z = 0;
    for (let j = start; j < end; j++) z += weights[ids[j] as number] as number;
    if (values === 'binary-l2' && end > start) z /= Math.sqrt(end - start);
    out[d] = bias + z;
  }
  return out;
}

/** Scores texts with a linear model: `sigmoid(logit)` as float32. */
export function linearScores(featurizer: Featurizer, weights: Float32Array, bias: number, values: FeatureValues, texts: readonly string[]): Float32Array {
  const logits = linearLogits(featurizer.encodeBatch(texts), weights, bias, values);
  const out = new Float32Array(logits.length);
  for (let i = 0; i < logits.length; i++) out[i] = sigmoid(logits[i] as number);
  return out;
}

/** A trained linear model's parameters. */
export interface LinearParams {
  /** Featurizer the ids come from. */
  featurizer: Featurizer;
  /** One weight per feature id (float32). */
  weights: Float32Array;
  /** Intercept (a float32 value, kept as a number). */
  bias: number;
}

const PARAMS_SCHEMA = 'adscreen.linear-params/1';
const paramsSchema = z
  .object({
    schema: z.literal(PARAMS_SCHEMA),
    model: z.string(),
    features: z.number().int().nonnegative(),
    bias: z.number().refine(Number.isFinite, 'must be finite'),
    values: z.enum(['counts', 'binary-l2']),
  })
  .strict();

/** The files that store a linear model (pass to `writeModelDir`). */
export function linearFiles(model: string, params: LinearParams, values: FeatureValues): Record<string, string | Uint8Array> {
  const meta = { schema: PARAMS_SCHEMA, model, features: params.weights.length, bias: params.bias, values };
  return {
    'featurizer.json': `${JSON.stringify(params.featurizer.toJSON())}\n`,
    'params.json': `${JSON.stringify(meta, null, 2)}\n`,
    'weights.bin': float32Bytes(params.weights),
  };
}

/** Reads a linear model's files; InputError naming the file on any mismatch. */
export function readLinearFiles(dir: string, model: string, values: FeatureValues): LinearParams {
  const paramsFile = join(dir, 'params.json');
  const parsed = paramsSchema.safeParse(readModelJson(dir, 'params.json'));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue === undefined || issue.path.length === 0 ? '(root)' : issue.path.map(String).join('.');
    throw new InputError(`invalid model parameters: ${issue?.message ?? 'unknown problem'}`, { file: paramsFile, field });
  }
  const meta = parsed.data;
  if (meta.model !== model) throw new InputError(`parameters of a "${meta.model}" model, expected "${model}"`, { file: paramsFile, field: 'model' });
  if (meta.values !== values) throw new InputError(`expected feature values "${values}", found "${meta.values}"`, { file: paramsFile, field: 'values' });
  const featurizerFile = join(dir, 'featurizer.json');
  const featurizer = Featurizer.fromJSON(readModelJson(dir, 'featurizer.json'), featurizerFile);
  if (featurizer.size !== meta.features) {
    throw new InputError(`featurizer has ${featurizer.size} features but params.json says ${meta.features}`, { file: featurizerFile });
  }
  const weights = readFloat32File(dir, 'weights.bin', meta.features);
  return { featurizer, weights, bias: Math.fround(meta.bias) };
}
