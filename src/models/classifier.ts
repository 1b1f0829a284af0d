/**
 * The `Classifier` contract every model in adscreen implements, and that a developer implements
 * to benchmark their own screener. Models read only `text`, a label field and, for models that
 * use them, the ground-truth indicator ids; they never see proxies or groups.
 */

/** The part of a record a classifier may train on. */
export interface TrainingExample {
  /** Ad text. */
  text: string;
  /** True label. */
  label: 0 | 1;
  /** Annotated label. */
  observedLabel: 0 | 1;
  /** Ground-truth indicators (used only by models with indicator heads). */
  indicators?: ReadonlyArray<{ id: string }>;
}

/** Options for {@link Classifier.fit}. */
export interface FitOptions {
  /** Which label to learn: the truth or what annotators said. Default `observedLabel`. */
  labelField?: 'label' | 'observedLabel';
  /** Per-example sample weights (same length as the records). Default all 1. */
  weights?: ArrayLike<number>;
  /** Seed for initialisation and shuffling. Default 0. */
  seed?: number;
  /** Training epochs for iterative models. */
  epochs?: number;
  /** Called after each epoch with its mean training loss. */
  onEpoch?: (epoch: number, loss: number) => void;
}

/** Model card content, following the sections of Mitchell et al. (2019). */
export interface ModelCard {
  /** Schema tag for card.json. */
  schema: 'adscreen.model-card/1';
  /** Model family name, e.g. `embedding-bag`. */
  model: string;
  /** adscreen version that trained it. */
  version: string;
  /** Compute backend used for training and scoring (e.g. `wasm`, `cpu`, `tensorflow`, `js`). */
  backend: string;
  /** Model details: architecture, hyper-parameters, seed, date-free provenance. */
  details: Record<string, unknown>;
  /** Intended uses. */
  intendedUse: string[];
  /** Out-of-scope uses. */
  outOfScopeUse: string[];
  /** Factors (groups, instrumentation) relevant to performance. */
  factors: string[];
  /** Metrics measured at training time, if any. */
  metrics: Record<string, number | null>;
  /** Training data description: scenario, seed, hash, size, label field. */
  trainingData: Record<string, unknown>;
  /** Caveats and recommendations. */
  caveats: string[];
}

/** A text classifier that scores ads: higher score = more likely a trafficking ad. */
export interface Classifier {
  /** Model family name. */
  readonly name: string;
  /** Trains on the examples. */
  fit(records: readonly TrainingExample[], options?: FitOptions): Promise<void>;
  /** Scores texts in [0, 1]. */
  predict(texts: readonly string[]): Promise<Float32Array>;
  /** Writes the model, its featurizer and card.json / card.md into `dir`. */
  save(dir: string): Promise<void>;
  /** The model card. */
  card(): ModelCard;
}
