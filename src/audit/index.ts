/**
 * The audit stage: exact bias and false-positive analysis of scored records. Plain arrays in,
 * plain JSON-ready objects out; never imports generator or model code.
 */
export { audit, auditAsync, AUDIT_SCHEMA, BOOTSTRAP_SCHEME, CLUSTER_BOOTSTRAP_SCHEME } from './audit.js';
export type {
  AuditInput,
  AuditOptions,
  AuditAsyncOptions,
  AuditResult,
  GroupMetrics,
  IntersectionMetrics,
  SliceCurves,
  GroupThreshold,
  ThresholdAnalysis,
  BootstrapInfo,
} from './audit.js';
export { METRIC_KEYS, ratesFromCounts, type Metrics, type MetricKey, type MetricReasons, type ConfusionCounts } from './rates.js';
export { confusionAt, metricsAt } from './confusion.js';
export { rocAuc, rocCurve, type CurveOptions } from './auc.js';
export { averagePrecision, prCurve } from './average-precision.js';
export { brierScore, expectedCalibrationError, calibrationCurve, type CalibrationBin } from './calibration.js';
export { calibrationBin } from './engine.js';
export type { ScoreMetricOptions } from './single.js';
export {
  thresholdForFpr,
  thresholdChoiceForFpr,
  thresholdForRecall,
  thresholdCurve,
  defaultGrid,
  type FprTargetOptions,
  type RecallTargetOptions,
  type ThresholdGridOptions,
} from './thresholds.js';
export type { RatePoint, PrPoint, ThresholdPoint, ThresholdChoice } from './curves.js';
export { biasAucs, type GroupBiasAucs } from './bias-aucs-by-group.js';
export { generalizedPowerMean, biasAucFinal, BIAS_POWER, type BiasAucs } from './bias-auc.js';
export {
  betweenGroups,
  equalityDifference,
  AGGREGATE_KEYS,
  GROUP_DISPARITY_KEYS,
  type ColumnDisparities,
  type GroupDisparity,
} from './disparities.js';
export { percentileInterval, type Interval } from './bootstrap.js';
export { twinAnalysis, type TwinPair, type TwinStats, type TwinSwapStats, type TwinSummary, type TwinOptions } from './twins.js';
export { harmRow, HARM_ASSUMPTIONS, type HarmOptions, type HarmRow, type HarmSummary } from './harm.js';
export { readScoresCsv, type ScoresCsv, type ScoresCsvOptions } from './scores-csv.js';
export { INTERSECTION_SEPARATOR, type GroupColumns } from './groups.js';
