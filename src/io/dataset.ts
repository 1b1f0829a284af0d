/**
 * Dataset files: write generated records to CSV or JSONL (chosen by the file extension) with a
 * datasheet beside them, and read them back with every row validated. This module ties the
 * writer to the generator's scenario; the writer and reader themselves know nothing of it.
 */
import { parseScenario, type Scenario, type ScenarioInput } from '../generate/index.js';
import type { ProgressCallback } from '../progress.js';
import type { AdRecord } from '../record.js';
import { summariseScenario } from './scenario-summary.js';
import { writeDatasetFor, type WriteDatasetResult } from './writer.js';

export { datasetFormat, datasheetPath, type DatasetFormat } from './format.js';
export { readDataset, readDatasetStream, type ReadDatasetOptions } from './reader.js';
export { writeDatasetFor, type WriteDatasetCoreOptions, type WriteDatasetResult } from './writer.js';

/** Options for {@link writeDataset}. */
export interface WriteDatasetOptions {
  /**
   * The scenario the records were generated from (its hash must match every record's); a partial
   * scenario is validated and filled in as by `generateStream`.
   */
  scenario: Scenario | ScenarioInput;
  /** The seed the records were generated with (every record must carry it). */
  seed: number;
  /** Called as records are written (every 1,024 records and at the end). */
  onProgress?: ProgressCallback;
  /** Number of records expected, for progress totals only. */
  total?: number;
}

/**
 * Writes records (an array, or any iterable such as `generateStream(...)`, streamed in constant
 * memory) to `path` as CSV or JSONL by its extension, and a datasheet to
 * `datasheetPath(path)`. Both files land atomically; on any error (a bad record, a failing
 * source, a disk error) neither is left. Every record is validated and must carry the given seed
 * and the scenario's hash, so the files cannot misstate where the data came from.
 *
 * @example
 * ```ts
 * import { generateStream, loadScenario, writeDataset } from 'adscreen';
 *
 * const scenario = loadScenario('baseline');
 * // writes out/train.csv and its datasheet out/train.datasheet.md
 * const written = await writeDataset(generateStream(scenario, { n: 500, seed: 1 }), 'out/train.csv', { scenario, seed: 1 });
 * console.log(written.rows, written.datasheetPath);
 * ```
 */
export function writeDataset(
  records: Iterable<AdRecord> | AsyncIterable<AdRecord>,
  path: string,
  options: WriteDatasetOptions,
): Promise<WriteDatasetResult> {
  return writeDatasetFor(records, path, {
    // parsed here, as generateStream parses it: a partial scenario's summary lists every field
    // and carries the hash its records do (parsing keeps key order, so a parsed one is unchanged)
    summary: summariseScenario(parseScenario(options.scenario)),
    seed: options.seed,
    onProgress: options.onProgress,
    total: options.total,
  });
}
