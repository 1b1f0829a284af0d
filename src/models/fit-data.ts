/**
 * Checks and unpacks what `fit` receives: texts, 0/1 labels from the chosen label field, and
 * sample weights. Every trainable model goes through here, so bad weights or a one-class training
 * set fail the same way, with an InputError naming the field.
 */
import { InputError } from '../errors.js';
import type { FitOptions, TrainingExample } from './classifier.js';

/** Training data in arrays, ready for a model. */
export interface FitData {
  /** Ad texts. */
  texts: string[];
  /** 0/1 labels from `labelField`. */
  labels: Uint8Array;
  /** Sample weights as given (all 1 by default). */
  weights: Float64Array;
  /** The label field used. */
  labelField: 'label' | 'observedLabel';
  /** Seed (default 0). */
  seed: number;
}

/** Validates `records` and `options` for training. Throws InputError when weights are malformed or a class is missing. */
export function fitData(records: readonly TrainingExample[], options: FitOptions = {}): FitData {
  const labelField = options.labelField ?? 'observedLabel';
  if (labelField !== 'label' && labelField !== 'observedLabel') {
    throw new InputError(`expected "label" or "observedLabel", got ${JSON.stringify(labelField)}`, { field: 'labelField' });
  }
  const seed = options.seed ?? 0;
  if (!Number.isInteger(seed)) throw new InputError(`expected an integer, got ${seed}`, { field: 'seed' });
  const n = records.length;
  if (n === 0) throw new InputError('no training records', { field: 'records' });
  const weights = new Float64Array(n);
  if (options.weights !== undefined) {
    if (options.weights.length !== n) {
      throw new InputError(`expected ${n} weights (one per record), got ${options.weights.length}`, { field: 'weights' });
    }
    copyWeights(options.weights, weights);
  } else {
    weights.fill(1);
  }
  const texts: string[] = new Array<string>(n);
  const labels = new Uint8Array(n);
  const classWeight = unpackRecords(records, labelField, weights, texts, labels);
  if (!((classWeight[0] as number) > 0) || !((classWeight[1] as number) > 0)) {
    throw new InputError(
      `training needs both classes with positive total weight; got weight ${classWeight[0]} for 0 and ${classWeight[1]} for 1`,
      { field: labelField },
    );
  }
  return { texts, labels, weights, labelField, seed };
}

// The two loops below are functions of their own: V8 compiles a long loop while it runs (OSR),
// and code after the loop that had not run yet would deoptimize that compiled loop on every call.

/** Checks and copies sample weights (`source.length === out.length`). */
function copyWeights(source: ArrayLike<number>, out: Float64Array): void {
  for (let i = 0; i < out.length; i++) {
    const w = Number(source[i]);
    if (!Number.isFinite(w) || w < 0) throw new InputError(`weight ${i} is ${source[i]}: expected a finite number >= 0`, { field: 'weights' });
    out[i] = w;
  }
}

/** Checks each record's label and text, fills `texts` and `labels`, and returns the total weight of each class. */
function unpackRecords(records: readonly TrainingExample[], labelField: 'label' | 'observedLabel', weights: Float64Array, texts: string[], labels: Uint8Array): number[] {
  const classWeight = [0, 0];
  for (let i = 0; i < texts.length; i++) {
    const r = records[i] as TrainingExample;
    const y = labelField === 'label' ? r.label : r.observedLabel;
    if (y !== 0 && y !== 1) throw new InputError(`expected 0 or 1, got ${JSON.stringify(y)}`, { row: i + 1, field: labelField });
    if (typeof r.text !== 'string') throw new InputError('expected a string', { row: i + 1, field: 'text' });
    texts[i] = r.text;
    labels[i] = y;
    classWeight[y] = (classWeight[y] as number) + (weights[i] as number);
  }
  return classWeight;
}

/** Validates an epoch count option (integer >= 1). */
export function epochsOption(value: number | undefined, fallback: number): number {
  const epochs = value ?? fallback;
  if (!Number.isInteger(epochs) || epochs < 1) throw new InputError(`expected an integer >= 1, got ${epochs}`, { field: 'epochs' });
  return epochs;
}
