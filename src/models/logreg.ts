/**
 * Logistic regression on hashed word n-grams, trained in plain TypeScript.
 *
 * Features: the featurizer's ids (by default 1-2-grams hashed into 2^18 buckets) as binary
 * presence, L2-normalised per ad (`x_f = 1/sqrt(k)` for its k distinct ids). Training minimises
 * the sample-weighted mean log-loss plus `l2/2 * ||w||^2` with AdaGrad stochastic gradient
 * steps (one ad at a time, step `learningRate / sqrt(sum of squared gradients)` per
 * coordinate); the L2 term is applied lazily, to the coordinates an ad touches. Ads are visited
 * in a fresh seeded shuffle each epoch. Sample weights are rescaled to mean 1 and multiply each
 * ad's gradient. The weights are rounded to float32 after training (what is saved), so scores
 * after save/load are identical.
 */
import { z } from 'zod';
import type { Classifier, FitOptions, ModelCard, TrainingExample } from './classifier.js';
import { Featurizer, type FeaturizerOptions } from '../text/index.js';
import { Rng, deriveSeed } from '../random.js';
import { buildCard, describeTrainingData } from './card.js';
import { epochsOption, fitData } from './fit-data.js';
import { distinctBatch, linearFiles, linearScores, readLinearFiles, sigmoid, type LinearParams } from './linear.js';
import { readModelCard, writeModelDir } from './model-dir.js';
import { featurizerOptionsSchema, parseModelOptions } from './options.js';

/** Options for {@link LogisticRegressionClassifier}. */
export interface LogRegOptions {
  /** L2 penalty strength. __Default:__ `1e-6`. */
  l2?: number;
  /** AdaGrad base learning rate. __Default:__ `0.2`. */
  learningRate?: number;
  /** Epochs when `fit` is not given `epochs`. __Default:__ `5`. */
  epochs?: number;
  /** Featurizer options. __Default:__ `{ hashing: 2 ** 18, ngrams: [1, 2] }`. */
  featurizer?: FeaturizerOptions;
}

const optionsSchema = z
  .object({
    l2: z.number().min(0).finite().optional(),
    learningRate: z.number().positive().finite().optional(),
    epochs: z.number().int().min(1).optional(),
    featurizer: featurizerOptionsSchema.optional(),
  })
  .strict();

const NAME = 'logreg';
/** Default number of hash buckets. */
export const LOGREG_DEFAULT_BUCKETS = 2 ** 18;
const softplus = (x: number) => (x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x)));

/** Logistic regression screener on hashed n-grams (plain TypeScript, `js` backend). */
export class LogisticRegressionClassifier implements Classifier {
  /** Model family name. */
  readonly name = NAME;
  private readonly l2: number;
  private readonly learningRate: number;
  private readonly epochs: number;
  private readonly featurizerOptions: FeaturizerOptions;
  private params: LinearParams | null = null;
  private trainingData: Record<string, unknown> | null = null;
  private metrics: Record<string, number | null> = {};
  private fitInfo: Record<string, unknown> = {};

  /** Creates an untrained model; throws InputError on unknown or invalid options. */
  constructor(options: LogRegOptions = {}) {
    const opts = parseModelOptions(optionsSchema, options, NAME);
    this.l2 = opts.l2 ?? 1e-6;
    this.learningRate = opts.learningRate ?? 0.2;
    this.epochs = opts.epochs ?? 5;
    this.featurizerOptions = (opts.featurizer as FeaturizerOptions | undefined) ?? { hashing: LOGREG_DEFAULT_BUCKETS, ngrams: [1, 2] };
  }

  /** Trains with seeded AdaGrad; calls `onEpoch(epoch, meanWeightedLogLoss)` after each epoch (epochs counted from 0, as in tfjs and Keras). */
  async fit(records: readonly TrainingExample[], options: FitOptions = {}): Promise<void> {
    const data = fitData(records, options);
    const epochs = epochsOption(options.epochs, this.epochs);
    const n = data.texts.length;
    const { featurizer, batch } = Featurizer.fitEncode(data.texts, this.featurizerOptions);
    const { ids, offsets } = distinctBatch(batch, featurizer.size);
    let wsum = 0;
    for (let i = 0; i < n; i++) wsum += data.weights[i] as number;
    const scale = n / wsum;
    const V = featurizer.size;
    const w = new Float64Array(V);
    const g2 = new Float64Array(V);
    let b = 0;
    let gb2 = 0;
    const eta = this.learningRate;
    const l2 = this.l2;
    const eps = 1e-8;
    const order = Int32Array.from({ length: n }, (_, i) => i);
    let lastLoss = NaN;
    for (let epoch = 0; epoch < epochs; epoch++) {
      new Rng(deriveSeed(data.seed, NAME, 'shuffle', epoch)).shuffle(order as unknown as number[]);
      let loss = 0;
      for (let t = 0; t < n; t++) {
        const i = order[t] as number;
        const start = offsets[i] as number;
        const end = offsets[i + 1] as number;
        const x = end > start ? 1 / Math.sqrt(end - start) : 0;
        let z = b;
        for (let j = start; j < end; j++) z += (w[ids[j] as number] as number) * x;
        const y = data.labels[i] as number;
        const sw = (data.weights[i] as number) * scale;
        loss += sw * (y === 1 ? softplus(-z) : softplus(z));
        const g = sw * (sigmoid(z) - y);
        for (let j = start; j < end; j++) {
          const f = ids[j] as number;
          const grad = g * x + l2 * (w[f] as number);
          if (grad === 0) continue;
          g2[f] = (g2[f] as number) + grad * grad;
          w[f] = (w[f] as number) - (eta * grad) / (Math.sqrt(g2[f] as number) + eps);
        }
        if (g !== 0) {
          gb2 += g * g;
          b -= (eta * g) / (Math.sqrt(gb2) + eps);
        }
      }
      lastLoss = loss / n;
      options.onEpoch?.(epoch, lastLoss);
    }
    this.params = { featurizer, weights: Float32Array.from(w), bias: Math.fround(b) };
    this.metrics = { trainLogLoss: lastLoss };
    this.fitInfo = { epochs, seed: data.seed };
    this.trainingData = describeTrainingData(records, options);
  }

  /** P(y=1|x) under the fitted model, for each text. */
  async predict(texts: readonly string[]): Promise<Float32Array> {
    const p = this.trained();
    return linearScores(p.featurizer, p.weights, p.bias, 'binary-l2', texts);
  }

  /** The featurizer, float32 weights and bias (null before fit). */
  parameters(): Readonly<LinearParams> | null {
    return this.params;
  }

  /** Writes featurizer.json, params.json, weights.bin, card.json and card.md into `dir`. */
  async save(dir: string): Promise<void> {
    writeModelDir(dir, this.card(), linearFiles(NAME, this.trained(), 'binary-l2'));
  }

  /** Loads a model saved by {@link LogisticRegressionClassifier.save}; InputError naming the file on a bad directory. */
  static async load(dir: string): Promise<LogisticRegressionClassifier> {
    const card = readModelCard(dir, NAME);
    const params = readLinearFiles(dir, NAME, 'binary-l2');
    const d = card.details as Record<string, unknown>;
    const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
    const opts: LogRegOptions = { featurizer: { ...params.featurizer.options, ngrams: [...params.featurizer.options.ngrams] } };
    const l2 = num(d['l2']);
    const lr = num(d['learningRate']);
    if (l2 !== undefined && l2 >= 0) opts.l2 = l2;
    if (lr !== undefined && lr > 0) opts.learningRate = lr;
    const model = new LogisticRegressionClassifier(opts);
    model.params = params;
    model.trainingData = card.trainingData;
    model.metrics = card.metrics;
    model.fitInfo = { epochs: d['epochs'] ?? null, seed: d['seed'] ?? null };
    return model;
  }

  /** The model card. */
  card(): ModelCard {
    const f = this.params?.featurizer;
    return buildCard({
      model: NAME,
      backend: 'js',
      details: {
        architecture: 'logistic regression on binary n-gram presence (L2-normalised per ad), AdaGrad SGD with lazy L2',
        l2: this.l2,
        learningRate: this.learningRate,
        epochs: this.fitInfo['epochs'] ?? this.epochs,
        seed: this.fitInfo['seed'] ?? null,
        featurizer: f === undefined ? this.featurizerOptions : { ...f.options },
        features: f?.size ?? null,
        sampleWeights: 'rescaled to mean 1; multiply each ad\'s loss gradient',
      },
      metrics: this.metrics,
      trainingData: this.trainingData,
      caveats: [
        'Hashed features collide: unrelated n-grams can share a weight, and the model cannot be inspected by n-gram.',
      ],
    });
  }

  private trained(): LinearParams {
    if (this.params === null) throw new Error('logreg: call fit() or load() before predict() or save()');
    return this.params;
  }
}
