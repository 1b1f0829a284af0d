/**
 * Multinomial naive Bayes on word n-gram counts, the classic text baseline.
 *
 * With weighted counts `N[c][f] = sum over training ads i of class c of weight_i * count_i(f)`,
 * `N[c] = sum_f N[c][f]`, additive smoothing `alpha` and `V` features:
 * `theta[c][f] = (N[c][f] + alpha) / (N[c] + alpha * V)`, and class priors
 * `pi[c] = (sum of weights of class c) / (sum of all weights)`. The score is the posterior
 * `P(y=1 | x) = sigmoid(log(pi1/pi0) + sum_f count(f) * (log theta[1][f] - log theta[0][f]))`,
 * computed in log space (never a product of probabilities). N-grams outside the vocabulary are
 * ignored. Sample weights enter the counts and the priors.
 */
import { z } from 'zod';
import type { Classifier, FitOptions, ModelCard, TrainingExample } from './classifier.js';
import { Featurizer, type FeaturizerOptions } from '../text/index.js';
import { buildCard, describeTrainingData } from './card.js';
import { fitData } from './fit-data.js';
import { linearFiles, linearLogits, linearScores, readLinearFiles, type LinearParams } from './linear.js';
import { readModelCard, writeModelDir } from './model-dir.js';
import { featurizerOptionsSchema, parseModelOptions } from './options.js';

/** Options for {@link NaiveBayesClassifier}. */
export interface NaiveBayesOptions {
  /** Additive (Laplace when 1) smoothing. __Default:__ `1`. Must be > 0. */
  alpha?: number;
  /** Featurizer options. __Default:__ vocabulary of 1-2-grams, minCount 2, maxSize 50,000. */
  featurizer?: FeaturizerOptions;
}

const optionsSchema = z
  .object({ alpha: z.number().positive().finite().optional(), featurizer: featurizerOptionsSchema.optional() })
  .strict();

const NAME = 'naive-bayes';
const softplus = (x: number) => (x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x)));

/** Multinomial naive Bayes screener (plain TypeScript, `js` backend). */
export class NaiveBayesClassifier implements Classifier {
  /** Model family name. */
  readonly name = NAME;
  private readonly alpha: number;
  private readonly featurizerOptions: FeaturizerOptions;
  private params: LinearParams | null = null;
  private trainingData: Record<string, unknown> | null = null;
  private metrics: Record<string, number | null> = {};

  /** Creates an untrained model; throws InputError on unknown or invalid options. */
  constructor(options: NaiveBayesOptions = {}) {
    const opts = parseModelOptions(optionsSchema, options, NAME);
    this.alpha = opts.alpha ?? 1;
    this.featurizerOptions = (opts.featurizer as FeaturizerOptions | undefined) ?? {};
  }

  /** Counts weighted n-grams per class. `seed` and `epochs` do not apply (the fit is closed-form); `onEpoch(0, trainLogLoss)` is called once. */
  async fit(records: readonly TrainingExample[], options: FitOptions = {}): Promise<void> {
    const data = fitData(records, options);
    const { featurizer, batch } = Featurizer.fitEncode(data.texts, this.featurizerOptions);
    const V = featurizer.size;
    const counts = [new Float64Array(V), new Float64Array(V)] as const;
    const total = [0, 0];
    const classWeight = [0, 0];
    for (let i = 0; i < data.texts.length; i++) {
      const y = data.labels[i] as 0 | 1;
      const w = data.weights[i] as number;
      classWeight[y] = (classWeight[y] as number) + w;
      const c = counts[y];
      for (let j = batch.offsets[i] as number; j < (batch.offsets[i + 1] as number); j++) {
        c[batch.ids[j] as number] = (c[batch.ids[j] as number] as number) + w;
        total[y] = (total[y] as number) + w;
      }
    }
    const a = this.alpha;
    const logDen1 = Math.log((total[1] as number) + a * V);
    const logDen0 = Math.log((total[0] as number) + a * V);
    const weights = new Float32Array(V);
    for (let f = 0; f < V; f++) {
      weights[f] = Math.log((counts[1][f] as number) + a) - logDen1 - (Math.log((counts[0][f] as number) + a) - logDen0);
    }
    const bias = Math.fround(Math.log(classWeight[1] as number) - Math.log(classWeight[0] as number));
    this.params = { featurizer, weights, bias };
    const logits = linearLogits(batch, weights, bias, 'counts');
    let loss = 0;
    let wsum = 0;
    for (let i = 0; i < logits.length; i++) {
      const z = logits[i] as number;
      const w = data.weights[i] as number;
      loss += w * (data.labels[i] === 1 ? softplus(-z) : softplus(z));
      wsum += w;
    }
    this.metrics = { trainLogLoss: loss / wsum };
    this.trainingData = describeTrainingData(records, options);
    options.onEpoch?.(0, loss / wsum);
  }

  /** Posterior P(y=1|x) for each text. */
  async predict(texts: readonly string[]): Promise<Float32Array> {
    const p = this.trained();
    return linearScores(p.featurizer, p.weights, p.bias, 'counts', texts);
  }

  /** The fitted featurizer, per-feature log-likelihood ratios and prior log-odds (null before fit). */
  parameters(): Readonly<LinearParams> | null {
    return this.params;
  }

  /** Writes featurizer.json, params.json, weights.bin, card.json and card.md into `dir`. */
  async save(dir: string): Promise<void> {
    writeModelDir(dir, this.card(), linearFiles(NAME, this.trained(), 'counts'));
  }

  /** Loads a model saved by {@link NaiveBayesClassifier.save}; InputError naming the file on a bad directory. */
  static async load(dir: string): Promise<NaiveBayesClassifier> {
    const card = readModelCard(dir, NAME);
    const params = readLinearFiles(dir, NAME, 'counts');
    const alpha = (card.details as { alpha?: unknown }).alpha;
    const model = new NaiveBayesClassifier({
      ...(typeof alpha === 'number' && alpha > 0 ? { alpha } : {}),
      featurizer: { ...params.featurizer.options, ngrams: [...params.featurizer.options.ngrams] },
    });
    model.params = params;
    model.trainingData = card.trainingData;
    model.metrics = card.metrics;
    return model;
  }

  /** The model card. */
  card(): ModelCard {
    const f = this.params?.featurizer;
    return buildCard({
      model: NAME,
      backend: 'js',
      details: {
        architecture: 'multinomial naive Bayes on word n-gram counts; score = posterior P(y=1|x) computed in log space',
        alpha: this.alpha,
        featurizer: f === undefined ? this.featurizerOptions : { ...f.options },
        features: f?.size ?? null,
        sampleWeights: 'weighted counts and weighted class priors',
        seed: 'not used (closed-form fit)',
      },
      metrics: this.metrics,
      trainingData: this.trainingData,
      caveats: [
        'Naive Bayes treats n-grams as independent given the class; overlapping unigrams and bigrams are double-counted, so scores are over-confident (close to 0 or 1).',
      ],
    });
  }

  private trained(): LinearParams {
    if (this.params === null) throw new Error('naive-bayes: call fit() or load() before predict() or save()');
    return this.params;
  }
}
