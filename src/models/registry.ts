/**
 * The model registry: a model is named by its family name or given as your own
 * {@link Classifier}; unknown names are rejected loudly with the list of valid ones. Saved models
 * are loaded by reading `card.json` and dispatching on its `model` field.
 */
import type { Classifier, FitOptions, TrainingExample } from './classifier.js';
import { InputError } from '../errors.js';
import { KeywordClassifier, type KeywordOptions } from './keywords.js';
import { NaiveBayesClassifier, type NaiveBayesOptions } from './naive-bayes.js';
import { LogisticRegressionClassifier, type LogRegOptions } from './logreg.js';
import { EmbeddingBagClassifier, type EmbeddingBagOptions } from './embedding-bag.js';
import { readModelCard } from './model-dir.js';
import { join } from 'node:path';

/** Names of the built-in model families. */
export const CLASSIFIER_NAMES = ['embedding-bag', 'keywords', 'naive-bayes', 'logreg'] as const;

/** A built-in model family name. */
export type ClassifierName = (typeof CLASSIFIER_NAMES)[number];

/** Options accepted by each built-in family's constructor. */
export interface ClassifierOptionsByName {
  'embedding-bag': EmbeddingBagOptions;
  keywords: KeywordOptions;
  'naive-bayes': NaiveBayesOptions;
  logreg: LogRegOptions;
}

/** True when `value` has the shape of a {@link Classifier}. */
export function isClassifier(value: unknown): value is Classifier {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v['name'] === 'string' && ['fit', 'predict', 'save', 'card'].every((k) => typeof v[k] === 'function');
}

function unknownModel(name: unknown, field: string): InputError {
  return new InputError(`unknown model ${JSON.stringify(name)}; expected one of: ${CLASSIFIER_NAMES.join(', ')} (or your own Classifier object)`, { field });
}

/**
 * Creates an untrained classifier from a family name and its options, or returns your own
 * Classifier unchanged (options must then be empty). Throws InputError for unknown names or options.
 *
 * @example
 * ```ts
 * import { createClassifier, generate, loadScenario } from 'adscreen';
 *
 * const ads = generate(loadScenario('baseline'), { n: 400, seed: 1 });
 * const model = createClassifier('logreg', { epochs: 2 });   // or 'embedding-bag', 'keywords', 'naive-bayes'
 * await model.fit(ads.slice(0, 300), { labelField: 'observedLabel', seed: 1 });
 * const scores = await model.predict(ads.slice(300).map((ad) => ad.text));
 * console.log(scores.length, model.card().model);
 * ```
 */
export function createClassifier(model: ClassifierName | Classifier | string, options: Record<string, unknown> = {}): Classifier {
  if (typeof model !== 'string') {
    if (!isClassifier(model)) throw new InputError('expected a model name or an object with name, fit, predict, save and card', { field: 'model' });
    if (Object.keys(options).length > 0) throw new InputError('options cannot be applied to a Classifier object; configure it yourself', { field: 'options' });
    return model;
  }
  switch (model) {
    case 'keywords':
      return new KeywordClassifier(options as KeywordOptions);
    case 'naive-bayes':
      return new NaiveBayesClassifier(options as NaiveBayesOptions);
    case 'logreg':
      return new LogisticRegressionClassifier(options as LogRegOptions);
    case 'embedding-bag':
      return new EmbeddingBagClassifier(options as EmbeddingBagOptions);
    default:
      throw unknownModel(model, 'model');
  }
}

/**
 * Loads any saved built-in model: reads `card.json` and dispatches on its model name.
 *
 * @example
 * ```ts
 * import { createClassifier, generate, loadClassifier, loadScenario } from 'adscreen';
 *
 * const ads = generate(loadScenario('baseline'), { n: 300, seed: 1 });
 * const model = createClassifier('naive-bayes');
 * await model.fit(ads, { seed: 1 });
 * await model.save('out/nb');                       // model files, card.json and card.md
 * const loaded = await loadClassifier('out/nb');
 * const texts = ads.slice(0, 5).map((ad) => ad.text);
 * console.log(Array.from(await loaded.predict(texts)), Array.from(await model.predict(texts)));   // the same scores
 * ```
 */
export async function loadClassifier(dir: string, options: LoadOptions = {}): Promise<Classifier> {
  const card = readModelCard(dir);
  switch (card.model) {
    case 'embedding-bag':
      return EmbeddingBagClassifier.load(dir, options.predictThreads === undefined ? {} : { predictThreads: options.predictThreads });
    case 'keywords':
      return KeywordClassifier.load(dir);
    case 'naive-bayes':
      return NaiveBayesClassifier.load(dir);
    case 'logreg':
      return LogisticRegressionClassifier.load(dir);
    default:
      throw new InputError(`unknown model ${JSON.stringify(card.model)}; expected one of: ${CLASSIFIER_NAMES.join(', ')}`, {
        file: join(dir, 'card.json'),
        field: 'model',
      });
  }
}

/** Options of {@link loadClassifier}. */
export interface LoadOptions {
  /**
   * Threads that featurize big predict batches (embedding-bag only; the other families score on
   * one thread). Scores do not depend on it. __Default:__ 1.
   */
  predictThreads?: number;
}

/** Options for {@link train}: the model, its options and the fit options. */
export interface TrainOptions extends FitOptions {
  /** Family name or your own Classifier. __Default:__ `'logreg'`. */
  model?: ClassifierName | Classifier | string;
  /** Constructor options for a named family. __Default:__ `{}`. */
  modelOptions?: Record<string, unknown>;
}

/**
 * Creates a classifier and fits it: `createClassifier(model, modelOptions)` then `fit(records, options)`.
 *
 * @example
 * ```ts
 * import { generate, loadScenario, train } from 'adscreen';
 *
 * const ads = generate(loadScenario('biased-annotation'), { n: 300, seed: 1 });
 * // learn the true labels instead of the (biased) annotated ones
 * const model = await train(ads, { model: 'logreg', labelField: 'label', epochs: 2, seed: 1 });
 * console.log(model.card().trainingData);
 * ```
 */
export async function train(records: readonly TrainingExample[], options: TrainOptions = {}): Promise<Classifier> {
  const { model = 'logreg', modelOptions = {}, ...fit } = options;
  const classifier = createClassifier(model, modelOptions);
  await classifier.fit(records, fit);
  return classifier;
}
