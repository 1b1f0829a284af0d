/**
 * The dataset-files stage: CSV and JSONL files with datasheets, validated reading, dataset
 * statistics, and seeded stratified splits.
 */
export { writeDataset, type WriteDatasetOptions } from './dataset.js';
export { writeDatasetFor, type WriteDatasetCoreOptions, type WriteDatasetResult } from './writer.js';
export { readDataset, readDatasetStream, type ReadDatasetOptions } from './reader.js';
export { datasetFormat, datasheetPath, type DatasetFormat } from './format.js';
export { renderDatasheet, SYNTHETIC_BANNER, type DatasheetInput, type ScenarioSummary, type ScenarioSetting, type IndicatorSummary } from './datasheet.js';
export { summariseScenario } from './scenario-summary.js';
export { DatasetStatsAccumulator, computeStats, type DatasetStats, type DatasetStatsState, type SummaryState, type GroupLabelStats, type IndicatorStats, type NumericSummary } from './stats.js';
export { validateRecord, RECORD_FIELDS, type RecordLocation } from './validate.js';
export { streamJsonLines } from './jsonl.js';
export { csvColumns, CSV_LEADING_COLUMNS, CSV_TRAILING_COLUMNS } from './csv.js';
export { REFERENCE_DATASETS, writeReferenceData, type ReferenceDataset } from './reference.js';
export { split, type Split, type SplitOptions, type SplitField } from '../split.js';
export { writeGeneratedDataset, type WriteGeneratedOptions, type WriteGeneratedResult } from './generated-dataset.js';
