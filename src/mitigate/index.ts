/**
 * Mitigations: named changes to the screening pipeline whose cost and benefit an experiment
 * measures. Pre-processing (`true-labels`, `augment-twins`, `mask-proxies`, `reweigh`) and
 * post-processing (`group-thresholds`); any may be combined, and callers may pass their own.
 */
export type {
  Mitigation,
  MitigationContext,
  MitigationFactory,
  PostProcessor,
  TrainingSet,
  ValidationScores,
} from './mitigation.js';
export {
  MITIGATIONS,
  MITIGATION_NAMES,
  mitigationPipeline,
  resolveMitigation,
  type MitigationName,
  type MitigationRegistry,
  type MitigationPipeline,
  type MitigationSpec,
} from './pipeline.js';
export { reweigh, reweighingWeights } from './reweigh.js';
export { maskProxies, maskText, proxyTermPattern } from './mask-proxies.js';
export { augmentTwins } from './augment-twins.js';
export {
  groupThresholds,
  fitGroupThresholds,
  applyGroupThresholds,
  thresholdAtFpr,
  type GroupThresholds,
} from './group-thresholds.js';
export { trueLabels } from './true-labels.js';
