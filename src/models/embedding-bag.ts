/**
 * The default neural screener: a fastText-style embedding bag in TensorFlow.js. Word and
 * n-gram ids from the shared {@link Featurizer} are embedded, averaged per ad and fed to a
 * sigmoid output, trained with weighted binary cross-entropy and lazy Adam. With
 * `indicatorHeads` it also learns one sigmoid per taxonomy indicator from the records'
 * ground-truth indicator ids, so it can say which indicators it sees
 * ({@link EmbeddingBagClassifier.predictIndicators}). The class only holds state and
 * forwards to the training, scoring and IO functions.
 */
import { join } from 'node:path';
import { z } from 'zod';
import { tf } from './tf.js';
import { InputError } from '../errors.js';
import { VERSION } from '../version.js';
import { EncodePool, Featurizer, type FeaturizerOptions } from '../text/index.js';
import type { Classifier, FitOptions, ModelCard, TrainingExample } from './classifier.js';
import { buildCard, describeTrainingData } from './card.js';
import { epochsOption, fitData } from './fit-data.js';
import { readModelCard, readModelJson, writeModelDir } from './model-dir.js';
import { parseModelOptions } from './options.js';
import { initBackend, type BackendPreference } from './backend.js';
import { effectiveBatchSize, trainEmbeddingBag, type EmbeddingBagParams } from './embedding-bag-train.js';
import { headTargets } from './embedding-bag-batch.js';
import { projectHeads, scoreProjected } from './embedding-bag-score.js';
import { MODEL_JSON, artifactsToFiles, encodeArtifacts, loadWeights } from './tfjs-io.js';

/** Options of the embedding-bag model. */
export interface EmbeddingBagOptions {
  /** Embedding dimension. __Default:__ 16. */
  dim?: number;
  /** Training epochs (`FitOptions.epochs` overrides). __Default:__ 2 (more overfits the generated scenarios). */
  epochs?: number;
  /** Most documents per training step; data sets under 64 batches per epoch use smaller ones (at least 8). __Default:__ 512. */
  batchSize?: number;
  /** Initial Adam step size, decayed linearly to 10% over training. __Default:__ 0.02. */
  learningRate?: number;
  /** Pooling of a document's ids: `mean` (sum / n) or `sqrtn` (sum / sqrt(n)). __Default:__ `mean`. */
  combiner?: 'mean' | 'sqrtn';
  /** Decoupled (AdamW) weight decay on the embedding rows a step uses and the kernel. __Default:__ 0. */
  weightDecay?: number;
  /** Also learn one output per taxonomy indicator from the records' `indicators`. __Default:__ false. */
  indicatorHeads?: boolean;
  /** Loss weight of each indicator head relative to the main head. __Default:__ 1. */
  indicatorWeight?: number;
  /** Featurizer options. __Default:__ word 1-2-grams, minCount 2, at most 200,000 ids. */
  featurizer?: FeaturizerOptions;
  /** Backend to run on. __Default:__ the first of tensorflow, wasm, cpu that loads. */
  backend?: BackendPreference;
  /** Documents scored per tensor batch in `predict`. __Default:__ 16384. */
  predictChunk?: number;
  /**
   * Threads that featurize in `predict` for batches of at least 4,096 texts: this one plus
   * `predictThreads - 1` worker threads, started on first use and kept for later calls (they
   * never keep the process alive; {@link EmbeddingBagClassifier.close} ends them). Scores do not
   * depend on it. Worth it only when cores are idle. __Default:__ 1 (no worker threads).
   */
  predictThreads?: number;
}

/** Per-indicator probabilities from {@link EmbeddingBagClassifier.predictIndicators}. */
export interface IndicatorPredictions {
  /** Indicator ids, in head order. */
  indicators: string[];
  /** `probabilities[j][i]`: probability that text i shows indicator j. */
  probabilities: Float32Array[];
}

const int = (min: number) => z.number().int().min(min);
const optionsSchema = z
  .object({
    dim: int(1).max(1024).default(16),
    epochs: int(1).default(2),
    batchSize: int(1).default(512),
    learningRate: z.number().positive().finite().default(0.02),
    combiner: z.enum(['mean', 'sqrtn']).default('mean'),
    weightDecay: z.number().nonnegative().finite().default(0),
    indicatorHeads: z.boolean().default(false),
    indicatorWeight: z.number().nonnegative().finite().default(1),
    featurizer: z.record(z.string(), z.unknown()).default({}),
    backend: z.enum(['tensorflow', 'wasm', 'cpu']).optional(),
    predictChunk: int(1).default(16384),
    predictThreads: int(1).max(64).optional(),
  })
  .strict();
/** Embedding-bag options with every default filled in. */
export type ResolvedEmbeddingBagOptions = z.infer<typeof optionsSchema>;

/** Smallest predict batch worth worker threads. */
const POOL_MIN_TEXTS = 4096;
/** Texts per chunk when encoding on worker threads. */
const POOL_CHUNK = 512;

const FEATURIZER_DEFAULTS: FeaturizerOptions = { ngrams: [1, 2], minCount: 2, maxSize: 200_000 };
/** Format tag written into model.json. */
export const EMBEDDING_BAG_FORMAT = 'adscreen-embedding-bag/1';
const FEATURIZER_FILE = 'featurizer.json';

const topologySchema = z.object({
  class: z.literal('EmbeddingBag'),
  config: z.object({
    vocabSize: int(0),
    dim: int(1),
    heads: int(1),
    combiner: z.enum(['mean', 'sqrtn']),
    indicators: z.array(z.string()),
  }),
});

interface Trained {
  featurizer: Featurizer;
  combiner: 'mean' | 'sqrtn';
  params: EmbeddingBagParams;
  indicators: string[];
  backend: string;
  details: Record<string, unknown>;
  metrics: Record<string, number | null>;
  trainingData: Record<string, unknown>;
}

/**
 * A fastText-style embedding-bag classifier on TensorFlow.js (see the module comment).
 *
 * @example
 * ```ts
 * import { EmbeddingBagClassifier, generate, loadScenario } from 'adscreen';
 *
 * const ads = generate(loadScenario('baseline'), { n: 400, seed: 1 });
 * const model = new EmbeddingBagClassifier({ dim: 8, epochs: 1, indicatorHeads: true });
 * await model.fit(ads.slice(0, 300), { labelField: 'observedLabel', seed: 1 });
 * const texts = ads.slice(300).map((ad) => ad.text);
 * console.log((await model.predict(texts)).slice(0, 3));   // scores in [0, 1]
 * const heads = await model.predictIndicators(texts);        // which indicators it sees in each ad
 * console.log(heads.indicators, model.card().backend);
 * ```
 */
export class EmbeddingBagClassifier implements Classifier {
  /** Model family name. */
  readonly name = 'embedding-bag';
  /** Resolved options. */
  readonly options: Readonly<ResolvedEmbeddingBagOptions>;
  private trained: Trained | null = null;
  private cardCache: ModelCard | null = null;
  private projectionCache: { main: Float32Array; indicators: Float32Array | null } | null = null;
  private pool: EncodePool | null = null;
  private poolFeaturizer: Featurizer | null = null;
  private lastThreads = 1;

  /** Creates an untrained model; unknown or malformed options throw an InputError. */
  constructor(options: EmbeddingBagOptions = {}) {
    this.options = parseModelOptions(optionsSchema, options, 'embedding-bag');
  }

  /** Trains on the records (replacing any previous training). */
  async fit(records: readonly TrainingExample[], options: FitOptions = {}): Promise<void> {
    const data = fitData(records, options);
    const epochs = epochsOption(options.epochs, this.options.epochs);
    const backend = await initBackend(this.options.backend === undefined ? {} : { prefer: this.options.backend });
    const featurizerOptions = { ...FEATURIZER_DEFAULTS, ...(this.options.featurizer as FeaturizerOptions) };
    // featurize once: fit the vocabulary and encode the training texts in one tokenizing pass
    const { featurizer, batch: encoded } = Featurizer.fitEncode(data.texts, featurizerOptions);
    const indicators = this.options.indicatorHeads ? indicatorIds(records) : [];
    const heads = 1 + indicators.length;
    const n = data.texts.length;
    const targets = new Float32Array(n * heads);
    const weights = new Float32Array(n * heads);
    const column = new Map(indicators.map((id, j) => [id, j + 1]));
    headTargets(records, data.labels, data.weights, column, heads, this.options.indicatorWeight, targets, weights);
    let finalLoss: number | null = null;
    const { dim, batchSize, learningRate, combiner, weightDecay } = this.options;
    const params = trainEmbeddingBag(
      { ids: encoded.ids, offsets: encoded.offsets, targets, weights },
      {
        vocabSize: featurizer.size,
        dim,
        heads,
        epochs,
        batchSize,
        learningRate,
        combiner,
        weightDecay,
        seed: data.seed,
        onEpoch: (epoch, loss) => {
          finalLoss = loss;
          options.onEpoch?.(epoch, loss);
        },
      },
    );
    this.trained = {
      featurizer,
      combiner,
      params,
      indicators,
      backend,
      details: {
        architecture: `${combiner} of word/n-gram embeddings -> dense sigmoid output (fastText-style embedding bag)`,
        framework: `TensorFlow.js ${tf.version_core}`,
        dim,
        epochs,
        batchSize: effectiveBatchSize(n, batchSize),
        learningRate,
        combiner,
        weightDecay,
        optimizer: 'lazy Adam (rows a batch uses), step size decayed linearly to 10%',
        loss: 'weighted binary cross-entropy',
        seed: data.seed,
        labelField: data.labelField,
        vocabularySize: featurizer.size,
        featurizer: featurizerOptions,
        indicatorHeads: indicators,
        indicatorWeight: indicators.length > 0 ? this.options.indicatorWeight : null,
      },
      metrics: { finalTrainingLoss: finalLoss },
      trainingData: describeTrainingData(records, options),
    };
    this.cardCache = null;
    this.projectionCache = null;
    void this.close();
  }

  /** Threads that featurized in the last `predict` / `predictIndicators` call (1 without worker threads). */
  get predictThreadsUsed(): number {
    return this.lastThreads;
  }

  /** Ends the worker threads `predict` started, if any (they never keep the process alive). */
  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = null;
    this.poolFeaturizer = null;
    if (pool !== null) await pool.close();
  }

  /** The worker pool for big predict batches, or null (one thread wanted, or no worker script). */
  private encodePool(featurizer: Featurizer): EncodePool | null {
    if (this.poolFeaturizer !== featurizer) {
      void this.close();
      const threads = this.options.predictThreads ?? 1;
      this.pool = EncodePool.create(featurizer, threads - 1);
      this.poolFeaturizer = featurizer;
    }
    return this.pool;
  }

  private require(): Trained {
    if (this.trained === null) throw new Error('embedding-bag: the model is not trained; call fit() or EmbeddingBagClassifier.load() first');
    return this.trained;
  }

  private projections(): { main: Float32Array; indicators: Float32Array | null } {
    if (this.projectionCache === null) {
      const { params } = this.require();
      this.projectionCache = {
        main: projectHeads(params, 0, 1),
        indicators: params.heads > 1 ? projectHeads(params, 1, params.heads) : null,
      };
    }
    return this.projectionCache;
  }

  private async score(texts: readonly string[], head: 'main' | 'indicators'): Promise<Float32Array> {
    const trained = this.require();
    await initBackend(this.options.backend === undefined ? {} : { prefer: this.options.backend });
    const projections = this.projections();
    const { params, featurizer } = trained;
    const [from, to] = head === 'main' ? [0, 1] : [1, params.heads];
    const table = head === 'main' ? projections.main : projections.indicators;
    const width = to - from;
    const out = new Float32Array(texts.length * width);
    if (table === null || texts.length === 0) return out;
    const pool = texts.length >= POOL_MIN_TEXTS ? this.encodePool(featurizer) : null;
    this.lastThreads = pool === null ? 1 : pool.workers + 1;
    if (pool !== null) {
      // chunks are encoded on every thread and scored here as they come; a document's score
      // does not depend on the chunk it is in
      await pool.encode(texts, Math.min(this.options.predictChunk, POOL_CHUNK), (start, docs) => {
        out.set(scoreProjected(table, params.bias, from, to, docs, trained.combiner), start * width);
      });
    } else {
      const chunk = this.options.predictChunk;
      for (let start = 0; start < texts.length; start += chunk) {
        const docs = featurizer.encodeBatch(texts.slice(start, start + chunk));
        out.set(scoreProjected(table, params.bias, from, to, docs, trained.combiner), start * width);
      }
    }
    return out;
  }

  /** Scores texts in [0, 1]: the main head's probability of a trafficking ad. */
  async predict(texts: readonly string[]): Promise<Float32Array> {
    return this.score(texts, 'main');
  }

  /**
   * Per-indicator probabilities for each text (models trained with `indicatorHeads`; otherwise
   * no indicators and no columns).
   */
  async predictIndicators(texts: readonly string[]): Promise<IndicatorPredictions> {
    const { indicators } = this.require();
    const flat = await this.score(texts, 'indicators');
    const m = indicators.length;
    const probabilities = indicators.map((_, j) => {
      const col = new Float32Array(texts.length);
      for (let i = 0; i < texts.length; i++) col[i] = flat[i * m + j] as number;
      return col;
    });
    return { indicators: indicators.slice(), probabilities };
  }

  /** The model card (training provenance once fitted). */
  card(): ModelCard {
    if (this.cardCache !== null) return this.cardCache;
    const t = this.trained;
    const card = buildCard({
      model: this.name,
      backend: t?.backend ?? 'none',
      details: t?.details ?? { architecture: 'fastText-style embedding bag (untrained)', ...this.options },
      metrics: t?.metrics ?? {},
      trainingData: t?.trainingData ?? null,
      factors: ['Word n-grams seen fewer than minCount times are ignored: rare spellings and language varieties get no embedding.'],
      caveats: [
        'A bag of words and word pairs: it cannot read negation or context beyond two-word phrases.',
        'Indicator heads, when present, predict the generator\'s indicator annotations, not real-world evidence.',
      ],
    });
    if (t !== null) this.cardCache = card;
    return card;
  }

  /** Saves model.json + weights.bin (tfjs weights), featurizer.json, card.json and card.md into `dir`. */
  async save(dir: string): Promise<void> {
    const { params, featurizer, indicators, combiner } = this.require();
    const { vocabSize, dim, heads } = params;
    const artifacts = await encodeArtifacts(
      { class: 'EmbeddingBag', config: { vocabSize, dim, heads, combiner, indicators } },
      [
        { name: 'embedding', shape: [vocabSize, dim], values: params.embedding },
        { name: 'output/kernel', shape: [dim, heads], values: params.kernel },
        { name: 'output/bias', shape: [heads], values: params.bias },
      ],
      { format: EMBEDDING_BAG_FORMAT, generatedBy: `adscreen ${VERSION}` },
    );
    const files = artifactsToFiles(artifacts);
    writeModelDir(dir, this.card(), { ...files, [FEATURIZER_FILE]: `${JSON.stringify(featurizer.toJSON())}\n` });
  }

  /** Loads a model saved by {@link EmbeddingBagClassifier.save}; a corrupted or foreign directory throws an InputError naming the file. */
  static async load(dir: string, options: Pick<EmbeddingBagOptions, 'backend' | 'predictChunk' | 'predictThreads'> = {}): Promise<EmbeddingBagClassifier> {
    const card = readModelCard(dir, 'embedding-bag');
    await initBackend(options.backend === undefined ? {} : { prefer: options.backend });
    const modelFile = join(dir, MODEL_JSON);
    const { artifacts, weights } = loadWeights(dir);
    if (artifacts.format !== EMBEDDING_BAG_FORMAT) {
      throw new InputError(`expected format "${EMBEDDING_BAG_FORMAT}", got ${JSON.stringify(artifacts.format)}`, { file: modelFile, field: 'format' });
    }
    const topology = topologySchema.safeParse(artifacts.modelTopology);
    if (!topology.success) throw new InputError('expected an EmbeddingBag topology with vocabSize, dim, heads, combiner and indicators', { file: modelFile, field: 'modelTopology' });
    const { vocabSize, dim, heads, combiner, indicators } = topology.data.config;
    if (indicators.length !== heads - 1) throw new InputError(`${heads} heads need ${heads - 1} indicator ids`, { file: modelFile, field: 'modelTopology' });
    const weight = (name: string, shape: number[]): Float32Array => {
      const w = weights.get(name);
      if (w === undefined || w.shape.join('x') !== shape.join('x')) {
        throw new InputError(`expected weight "${name}" of shape [${shape.join(', ')}]`, { file: modelFile, field: 'weightsManifest' });
      }
      for (const v of w.values) if (!Number.isFinite(v)) throw new InputError(`weight "${name}" has a non-finite value: corrupted`, { file: join(dir, 'weights.bin') });
      return w.values;
    };
    const params: EmbeddingBagParams = {
      vocabSize,
      dim,
      heads,
      embedding: weight('embedding', [vocabSize, dim]),
      kernel: weight('output/kernel', [dim, heads]),
      bias: weight('output/bias', [heads]),
    };
    const featurizerFile = join(dir, FEATURIZER_FILE);
    const featurizer = Featurizer.fromJSON(readModelJson(dir, FEATURIZER_FILE), featurizerFile);
    if (featurizer.size !== vocabSize) {
      throw new InputError(`featurizer has ${featurizer.size} ids but the model has ${vocabSize} embedding rows`, { file: featurizerFile });
    }
    const details = card.details;
    const model = new EmbeddingBagClassifier({
      dim,
      combiner,
      indicatorHeads: heads > 1,
      ...(options.backend === undefined ? {} : { backend: options.backend }),
      ...(options.predictChunk === undefined ? {} : { predictChunk: options.predictChunk }),
      ...(options.predictThreads === undefined ? {} : { predictThreads: options.predictThreads }),
    });
    model.trained = { featurizer, combiner, params, indicators, backend: card.backend, details, metrics: card.metrics, trainingData: card.trainingData };
    model.cardCache = card;
    return model;
  }
}

/** Sorted unique indicator ids over the records' ground-truth indicators. */
function indicatorIds(records: readonly TrainingExample[]): string[] {
  const ids = new Set<string>();
  for (const r of records) for (const span of r.indicators ?? []) ids.add(span.id);
  return [...ids].sort();
}
