/**
 * The streaming dataset writer: records (an array or any iterable, consumed in constant memory)
 * to CSV or JSONL plus a datasheet, with statistics measured on the way. Both files land
 * atomically; on any error neither is left.
 */
import { rmSync } from 'node:fs';
import { basename } from 'node:path';
import { InputError } from '../errors.js';
import type { ProgressCallback } from '../progress.js';
import type { AdRecord } from '../record.js';
import { VERSION } from '../version.js';
import { openAtomicWriter, writeFileAtomic } from './atomic.js';
import { csvColumns, formatCsvRows, recordToCsvCells } from './csv.js';
import { renderDatasheet, type ScenarioSummary } from './datasheet.js';
import { datasetFormat, datasheetPath, type DatasetFormat } from './format.js';
import { JsonLineEncoder } from './jsonl.js';
import { DatasetStatsAccumulator, type DatasetStats } from './stats.js';
import { assertRecord, showValue } from './validate.js';

/** Options for {@link writeDatasetFor}: what the files must say about where the records came from. */
export interface WriteDatasetCoreOptions {
  /** The scenario the records were generated from, summarised for the datasheet. */
  summary: ScenarioSummary;
  /** The seed the records were generated with; every record must carry it. */
  seed: number;
  /** Called as records are written (every 1,024 records and at the end). */
  onProgress?: ProgressCallback;
  /** Number of records expected, for progress totals only. */
  total?: number;
}

/** What {@link writeDatasetFor} wrote. */
export interface WriteDatasetResult {
  /** The data file. */
  path: string;
  /** The datasheet beside it. */
  datasheetPath: string;
  /** The file format. */
  format: DatasetFormat;
  /** Rows written (twins included). */
  rows: number;
  /** Statistics measured on the written records (the datasheet shows them). */
  stats: DatasetStats;
}

const CHUNK_BYTES = 1 << 20;
const CSV_BATCH = 256;
const PROGRESS_EVERY = 1024;

/**
 * Writes records to `path` and a datasheet beside it; the scenario arrives already summarised.
 * `writeDataset` is the usual entry point: it summarises a generator scenario and calls this.
 */
export async function writeDatasetFor(
  records: Iterable<AdRecord> | AsyncIterable<AdRecord>,
  path: string,
  options: WriteDatasetCoreOptions,
): Promise<WriteDatasetResult> {
  const format = datasetFormat(path);
  const sheetPath = datasheetPath(path);
  const { summary, seed, onProgress, total } = options;
  const attributes = Object.keys(summary.proxyAttributes);
  const columns = csvColumns(attributes);
  const stats = new DatasetStatsAccumulator();
  const writer = openAtomicWriter(path);
  let rows = 0;
  let version: string | undefined;
  // Lines are encoded straight into 1 MB byte buffers: much cheaper than concatenating a 1 MB
  // string and converting it, because each line is then flattened and encoded once, on its own.
  let buf = Buffer.allocUnsafe(CHUNK_BYTES);
  let used = 0;
  const full: Buffer[] = [];
  const append = (text: string): void => {
    if (used + text.length * 3 > buf.length) {
      if (used > 0) full.push(buf.subarray(0, used));
      buf = Buffer.allocUnsafe(Math.max(CHUNK_BYTES, text.length * 3));
      used = 0;
    }
    used += buf.write(text, used);
  };
  if (format === 'csv') append(formatCsvRows([columns]));
  let batch: string[][] = [];
  const json = new JsonLineEncoder(attributes);

  const take = (record: AdRecord): void => {
    const where = { file: path, row: rows + 1 };
    assertRecord(record, where);
    if (record.seed !== seed) {
      throw new InputError(`expected the dataset's seed ${seed}, got ${showValue(record.seed)}`, { ...where, field: 'seed' });
    }
    if (record.scenarioHash !== summary.hash) {
      throw new InputError(`expected the scenario's hash ${summary.hash}, got ${showValue(record.scenarioHash)}`, {
        ...where,
        field: 'scenarioHash',
      });
    }
    version ??= record.generatorVersion;
    if (record.generatorVersion !== version) {
      throw new InputError(`expected one generator version per file (${version}), got ${showValue(record.generatorVersion)}`, {
        ...where,
        field: 'generatorVersion',
      });
    }
    if (format === 'csv') {
      batch.push(recordToCsvCells(record, attributes, where));
      if (batch.length >= CSV_BATCH) {
        append(formatCsvRows(batch));
        batch = [];
      }
    } else {
      append(json.encode(record));
    }
    stats.add(record);
    rows++;
    if (onProgress !== undefined && rows % PROGRESS_EVERY === 0) onProgress(rows, total);
  };

  // The previous chunk's write runs while the next chunk is built; it is awaited before the next
  // write (and marked handled meanwhile, so a disk error surfaces there, not as an unhandled rejection).
  let pending: Promise<void> = Promise.resolve();
  const flush = async (): Promise<void> => {
    for (const bytes of full.splice(0)) {
      await pending;
      pending = writer.write(bytes);
      pending.catch(() => undefined);
    }
  };

  let sheetWritten = false;
  try {
    if (Symbol.asyncIterator in records) {
      for await (const r of records as AsyncIterable<AdRecord>) {
        take(r);
        if (full.length > 0) await flush();
      }
    } else {
      for (const r of records as Iterable<AdRecord>) {
        take(r);
        if (full.length > 0) await flush();
      }
    }
    if (batch.length > 0) append(formatCsvRows(batch));
    if (used > 0) full.push(buf.subarray(0, used));
    await flush();
    await pending;
    const result = stats.result();
    const sheet = renderDatasheet({
      summary,
      seed,
      generatorVersion: version ?? VERSION,
      fileName: basename(path),
      format,
      columns: format === 'csv' ? columns : undefined,
      stats: result,
    });
    writeFileAtomic(sheetPath, sheet);
    sheetWritten = true;
    await writer.commit();
    onProgress?.(rows, total ?? rows);
    return { path, datasheetPath: sheetPath, format, rows, stats: result };
  } catch (err) {
    await writer.abort();
    if (sheetWritten) rmSync(sheetPath, { force: true });
    throw err;
  }
}
