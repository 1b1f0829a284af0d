/**
 * Reading dataset files: CSV (csv-parse) or JSONL, by extension, every row validated. Streams in
 * constant memory with {@link readDatasetStream}; {@link readDataset} collects and checks ids.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { CsvError, parse } from 'csv-parse';
import { InputError } from '../errors.js';
import type { ProgressCallback } from '../progress.js';
import type { AdRecord } from '../record.js';
import { csvCellsToRecord, parseCsvHeader, restoreCell, type CsvLayout } from './csv.js';
import { datasetFormat } from './format.js';
import { parseJsonLine } from './jsonl.js';
import { showValue } from './validate.js';

const PROGRESS_EVERY = 1024;

/** Options for reading a dataset. */
export interface ReadDatasetOptions {
  /** Called every 1,024 rows read (total unknown). */
  onProgress?: ProgressCallback;
}

function checkReadable(path: string): void {
  datasetFormat(path);
  if (!existsSync(path)) throw new InputError('file not found', { file: path });
  const st = statSync(path);
  if (!st.isFile()) throw new InputError('not a file', { file: path });
  if (st.size === 0) throw new InputError('file is empty: expected a header row (CSV) or one record per line (JSONL)', { file: path });
}

async function* readCsv(path: string): AsyncGenerator<AdRecord> {
  const parser = createReadStream(path).pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: false }));
  let layout: CsvLayout | undefined;
  let row = 0;
  try {
    for await (const raw of parser as AsyncIterable<string[]>) {
      const cells = raw.map(restoreCell);
      if (layout === undefined) {
        layout = parseCsvHeader(cells, path);
        continue;
      }
      row++;
      yield csvCellsToRecord(cells, layout, { file: path, row });
    }
  } catch (err) {
    if (err instanceof CsvError) {
      // csv-parse counts records parsed before the bad one, header included: that is the bad data row's number
      const records = (err as CsvError & { records?: unknown }).records;
      const at = typeof records === 'number' ? records : row + 1;
      throw new InputError(`malformed CSV: ${err.message}`, at === 0 ? { file: path } : { file: path, row: at });
    }
    throw err;
  } finally {
    parser.destroy();
  }
  if (layout === undefined) throw new InputError('file is empty: expected a header row', { file: path });
}

async function* readJsonl(path: string): AsyncGenerator<AdRecord> {
  const stream = createReadStream(path, { encoding: 'utf8' });
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let line = 0;
  let any = false;
  try {
    for await (let text of lines) {
      line++;
      if (line === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      if (text.trim() === '') throw new InputError('empty line: expected one JSON record per line', { file: path, row: line });
      any = true;
      yield parseJsonLine(text, { file: path, row: line });
    }
  } finally {
    lines.close();
    stream.destroy();
  }
  if (!any) throw new InputError('file is empty: expected one JSON record per line', { file: path });
}

/**
 * Reads a dataset file lazily, validating each row as it goes (constant memory). Rows are
 * numbered from 1: CSV data rows after the header, JSONL lines (blank lines are errors). Throws one {@link InputError}
 * at the first bad row, naming the file, row and column.
 *
 * @example
 * ```ts
 * import { generateStream, loadScenario, readDatasetStream, writeDataset } from 'adscreen';
 *
 * const scenario = loadScenario('baseline');
 * await writeDataset(generateStream(scenario, { n: 300, seed: 1 }), 'out/ads.jsonl', { scenario, seed: 1 });
 * let positives = 0;
 * for await (const record of readDatasetStream('out/ads.jsonl')) positives += record.label;
 * console.log(positives);
 * ```
 */
export async function* readDatasetStream(path: string, options: ReadDatasetOptions = {}): AsyncGenerator<AdRecord> {
  checkReadable(path);
  const source = datasetFormat(path) === 'csv' ? readCsv(path) : readJsonl(path);
  let n = 0;
  for await (const record of source) {
    yield record;
    n++;
    if (options.onProgress !== undefined && n % PROGRESS_EVERY === 0) options.onProgress(n, undefined);
  }
}

/**
 * Reads a whole dataset file (`.csv` or `.jsonl`) into memory, validating every row and checking
 * that record ids are unique. Reading what `writeDataset` wrote gives deep-equal records.
 *
 * @example
 * ```ts
 * import { generate, loadScenario, readDataset, writeDataset } from 'adscreen';
 *
 * const scenario = loadScenario('baseline');
 * await writeDataset(generate(scenario, { n: 200, seed: 1 }), 'out/ads.csv', { scenario, seed: 1 });
 * const records = await readDataset('out/ads.csv');      // every row validated
 * console.log(records.length, records[0]!.label, records[0]!.proxies);
 * ```
 */
export async function readDataset(path: string, options: ReadDatasetOptions = {}): Promise<AdRecord[]> {
  const out: AdRecord[] = [];
  const firstRow = new Map<string, number>();
  let row = 0;
  for await (const record of readDatasetStream(path, options)) {
    row++;
    const before = firstRow.get(record.id);
    if (before !== undefined) {
      throw new InputError(`duplicate id ${showValue(record.id)} (first in row ${before})`, { file: path, row, field: 'id' });
    }
    firstRow.set(record.id, row);
    out.push(record);
  }
  return out;
}
