/**
 * adscreen: synthetic classified ads with known ground truth and known bias, small
 * trafficking-indicator classifiers, and audits of who bears their false positives and
 * false negatives. Research and teaching only: never for screening real people's ads.
 *
 * @packageDocumentation
 */
export { VERSION } from './version.js';
export { Rng, hash32, deriveSeed } from './random.js';
export { InputError, type InputLocation } from './errors.js';
export { createProgressBar, type ProgressCallback, type ProgressBar, type ProgressBarOptions } from './progress.js';
export { writeFileAtomic, openAtomicWriter, type AtomicWriter } from './io/atomic.js';
export { THROUGHPUT_FLAGS, throughputByDefault } from './throughput-process.js';
export { POSTER_TYPES, type AdRecord, type PosterType, type IndicatorSpan, type ProxyAttributes } from './record.js';
export type { Classifier, FitOptions, ModelCard, TrainingExample } from './models/classifier.js';
// stage modules (each stage exports its public API from its own index)
export * from './text/index.js';
export * from './report/index.js';
export * from './models/index.js';
export * from './mitigate/index.js';
export * from './experiment/index.js';
export * from './audit/index.js';
export * from './io/index.js';
export * from './generate/index.js';
