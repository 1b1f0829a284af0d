/** Models stage: the Classifier contract, the baseline screeners, model cards, saving and loading. */
export type { Classifier, FitOptions, ModelCard, TrainingExample } from './classifier.js';
export {
  CLASSIFIER_NAMES,
  createClassifier,
  loadClassifier,
  type LoadOptions,
  isClassifier,
  train,
  type ClassifierName,
  type ClassifierOptionsByName,
  type TrainOptions,
} from './registry.js';
export { KeywordClassifier, defaultKeywordPhrases, phrasesFromTaxonomy, keywordScore, MAX_SLOT_TOKENS, type KeywordOptions } from './keywords.js';
export { NaiveBayesClassifier, type NaiveBayesOptions } from './naive-bayes.js';
export { LogisticRegressionClassifier, LOGREG_DEFAULT_BUCKETS, type LogRegOptions } from './logreg.js';
export { buildCard, describeTrainingData, parseCard, renderCardMarkdown, MODEL_CARD_SCHEMA, type CardInput } from './card.js';
export { writeModelDir, readModelCard, readModelJson, readFloat32File, float32Bytes, CARD_FILE } from './model-dir.js';
export { sigmoid, type FeatureValues, type LinearParams } from './linear.js';
export { fitData, type FitData } from './fit-data.js';
export { EmbeddingBagClassifier, EMBEDDING_BAG_FORMAT, type EmbeddingBagOptions, type ResolvedEmbeddingBagOptions, type IndicatorPredictions } from './embedding-bag.js';
export { initBackend, backendName, parseBackendPreference, wasmBinaryDirectory, BACKEND_PREFERENCES, type BackendPreference, type InitBackendOptions } from './backend.js';
export { registerFastKernels, unregisterFastKernels, fastKernelsRegistered, FAST_KERNEL_NAMES, type FastKernelBackend } from './kernels/index.js';
export { directoryHandler, loadArtifacts, saveArtifacts } from './tfjs-io.js';
