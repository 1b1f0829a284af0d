/**
 * The streaming dataset writer: records (an array or any iterable, consumed in constant memory)
 * to CSV or JSONL plus a datasheet, with statistics measured on the way. Both files land
 * atomically; on any error neither is left.
 */
import { rmSync } from 'node:fs';
import { basename } from 'node:path';
import type { ProgressCallback } from '../progress.js';
import type { AdRecord } from '../record.js';
import { VERSION } from '../version.js';
import { openAtomicWriter, writeFileAtomic } from './atomic.js';
import { csvColumns, formatCsvRows } from './csv.js';
import { renderDatasheet, type ScenarioSummary } from './datasheet.js';
import { datasetFormat, datasheetPath, type DatasetFormat } from './format.js';
import { RecordChunkEncoder } from './record-chunks.js';
import type { DatasetStats } from './stats.js';

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

const PROGRESS_EVERY = 1024;

/**
 * An open dataset file: byte chunks go in, in order, then `finish` writes the datasheet and moves
 * both files into place (or `abort` removes every trace). Each chunk's write runs while the next
 * chunk is produced; it is awaited before the next write starts.
 */
export interface DatasetOutput {
  /** The file format. */
  format: DatasetFormat;
  /** The dataset's declared proxy attributes, in order. */
  attributes: string[];
  /** Appends a chunk of encoded records. */
  write(bytes: Uint8Array): Promise<void>;
  /** Writes the datasheet for the given statistics and lands both files. */
  finish(stats: DatasetStats, version: string | undefined): Promise<WriteDatasetResult>;
  /** Removes the partial file (and the datasheet, if already written). */
  abort(): Promise<void>;
}

/**
 * A chunk at least this long is written out in full by the time the atomic writer's `write`
 * resolves: it overfills the stream's buffer (16 to 64 KiB), so `write` waits for 'drain', which
 * comes only when everything queued has reached the file.
 */
const CONFIRM_BYTES = 256 * 1024;

/**
 * Opens `path` for a dataset (atomically, see `openAtomicWriter`); the caller writes a CSV header
 * first. The building block of {@link writeDatasetFor} and of parallel generation. `release`, if
 * given, is handed every chunk once it is certainly on disk (in order; the last few chunks may
 * never be), so its memory can be reused.
 */
export function openDatasetOutput(
  path: string,
  summary: ScenarioSummary,
  seed: number,
  release?: (bytes: Uint8Array) => void,
): DatasetOutput {
  const format = datasetFormat(path);
  const sheetPath = datasheetPath(path);
  const attributes = Object.keys(summary.proxyAttributes);
  const columns = csvColumns(attributes);
  const writer = openAtomicWriter(path);
  let pending: Promise<void> = Promise.resolve();
  let sheetWritten = false;
  const unconfirmed: Uint8Array[] = [];
  const write = async (bytes: Uint8Array): Promise<void> => {
    await pending;
    // the previous chunk's write has settled: if it was long, everything before it is on disk
    const last = unconfirmed[unconfirmed.length - 1];
    if (last !== undefined && last.byteLength >= CONFIRM_BYTES) {
      if (release !== undefined) for (const c of unconfirmed) release(c);
      unconfirmed.length = 0;
    }
    unconfirmed.push(bytes);
    pending = writer.write(bytes);
    // marked handled meanwhile, so a disk error surfaces at the next write, not as an unhandled rejection
    pending.catch(() => undefined);
  };
  return {
    format,
    attributes,
    write,
    async finish(stats, version) {
      await pending;
      const sheet = renderDatasheet({
        summary,
        seed,
        generatorVersion: version ?? VERSION,
        fileName: basename(path),
        format,
        columns: format === 'csv' ? columns : undefined,
        stats,
      });
      writeFileAtomic(sheetPath, sheet);
      sheetWritten = true;
      await writer.commit();
      return { path, datasheetPath: sheetPath, format, rows: stats.rows, stats };
    },
    async abort() {
      await pending.catch(() => undefined);
      await writer.abort();
      if (sheetWritten) rmSync(sheetPath, { force: true });
    },
  };
}

/** The CSV header line of a dataset with these proxy attributes. */
export function csvHeader(attributes: readonly string[]): string {
  return formatCsvRows([csvColumns(attributes)]);
}

/**
 * Writes records to `path` and a datasheet beside it; the scenario arrives already summarised.
 * `writeDataset` is the usual entry point: it summarises a generator scenario and calls this.
 */
export async function writeDatasetFor(
  records: Iterable<AdRecord> | AsyncIterable<AdRecord>,
  path: string,
  options: WriteDatasetCoreOptions,
): Promise<WriteDatasetResult> {
  const { summary, seed, onProgress, total } = options;
  // written chunks' buffers are reused for later chunks (fresh 1 MiB buffers cost page faults)
  const pool: ArrayBuffer[] = [];
  const out = openDatasetOutput(path, summary, seed, (bytes) => {
    if (bytes.buffer instanceof ArrayBuffer && pool.length < 8) pool.push(bytes.buffer);
  });
  const allocate = (size: number): Buffer => {
    const i = pool.findIndex((b) => b.byteLength >= size);
    return i < 0 ? Buffer.allocUnsafeSlow(size) : Buffer.from(pool.splice(i, 1)[0] as ArrayBuffer);
  };
  const enc = new RecordChunkEncoder({ format: out.format, attributes: out.attributes, file: path, seed, scenarioHash: summary.hash, allocate });
  if (out.format === 'csv') enc.appendText(csvHeader(out.attributes));
  const step = async (r: AdRecord): Promise<void> => {
    enc.add(r);
    if (enc.ready) for (const bytes of enc.take()) await out.write(bytes);
    if (onProgress !== undefined && enc.rows % PROGRESS_EVERY === 0) onProgress(enc.rows, total);
  };
  try {
    if (Symbol.asyncIterator in records) {
      for await (const r of records as AsyncIterable<AdRecord>) await step(r);
    } else {
      for (const r of records as Iterable<AdRecord>) {
        enc.add(r);
        if (enc.ready) for (const bytes of enc.take()) await out.write(bytes);
        if (onProgress !== undefined && enc.rows % PROGRESS_EVERY === 0) onProgress(enc.rows, total);
      }
    }
    for (const bytes of enc.finish()) await out.write(bytes);
    const result = await out.finish(enc.stats.result(), enc.version);
    onProgress?.(enc.rows, total ?? enc.rows);
    return result;
  } catch (err) {
    await out.abort();
    throw err;
  }
}
