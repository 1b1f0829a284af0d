/**
 * Experiments: one config file composes generate -> (mitigate) -> train -> predict -> audit over
 * a sweep x seeds x models x mitigations, in worker threads, resumable, with a summary.
 */
export {
  parseExperiment,
  loadExperiment,
  modelLabel,
  mitigationLabel,
  mitigationSteps,
  type ExperimentConfig,
  type ExperimentInput,
  type SweepValue,
  type ModelConfig,
  type MitigationStepConfig,
  type ScenarioRef,
  type ThresholdConfig,
} from './config.js';
export {
  expandCells,
  setField,
  sweepTarget,
  canonicalJson,
  type Cell,
  type BaseScenarios,
  type ExpandOptions,
  type SweepTarget,
  type JsonObject,
} from './cells.js';
export {
  runCell,
  readCellRecord,
  isCellDone,
  cellDir,
  splitValidation,
  type CellRecord,
  type DataProvenance,
} from './run-cell.js';
export { cellDatasetKeys, dataReuse, CellQueue, type DataReuse, type QueuedCell } from './data-reuse.js';
export { DatasetCache, type DatasetKey } from './dataset-cache.js';
export { experiment, experimentCells, type ExperimentOptions, type ExperimentResult } from './runner.js';
export { workerUrl } from './lanes.js';
export type { CellStages, CellAuditInput } from './stage-api.js';
export { defaultStages, auditMetrics } from './stages.js';
export {
  summarize,
  summaryCsv,
  summaryMarkdown,
  formatSweepValue,
  meanAndSpread,
  flattenMetrics,
  type CellMetrics,
  type CellOutcome,
  type ExperimentSummary,
  type Spread,
  type SummaryRow,
} from './summary.js';
