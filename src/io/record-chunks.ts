/**
 * Records to file bytes: each record is checked (well-formed unless it comes from the generator
 * itself, the dataset's seed and scenario hash, one generator version), encoded as a CSV row or a
 * JSON line straight into 1 MB byte chunks, and counted into the dataset statistics. The dataset
 * writer runs one of these over a whole file; parallel generation runs one per block of records
 * in each worker thread and concatenates the chunks in block order, which gives the same bytes.
 */
import { InputError } from '../errors.js';
import type { AdRecord } from '../record.js';
import { formatCsvRows, recordToCsvCells } from './csv.js';
import type { DatasetFormat } from './format.js';
import { JsonLineEncoder } from './jsonl.js';
import { DatasetStatsAccumulator } from './stats.js';
import { assertRecord, showValue } from './validate.js';

/** What every record of a dataset must say, and how to write it. */
export interface RecordChunkOptions {
  /** File format. */
  format: DatasetFormat;
  /** The dataset's declared proxy attributes, in column / key order. */
  attributes: readonly string[];
  /** File name shown in error messages. */
  file: string;
  /** The seed every record must carry. */
  seed: number;
  /** The scenario hash every record must carry. */
  scenarioHash: string;
  /** Rows before the first record of this part (error messages number rows from here). Default 0. */
  firstRow?: number;
  /** Size of a byte chunk. __Default value:__ 1 MiB. */
  chunkBytes?: number;
  /**
   * Supplies the buffer for the next chunk, at least `bytes` long (worker threads hand out
   * recycled buffers). __Default value:__ a new buffer.
   */
  allocate?: (bytes: number) => Buffer;
  /**
   * The JSON line encoder to use (its caches of repeated byte runs then outlive this part: worker
   * threads keep one for all their blocks). Made with `attributes` when absent.
   */
  json?: JsonLineEncoder;
  /**
   * The records come straight from this library's generator (parallel generation): the deep
   * well-formedness check of each record is skipped (the generator's tests check its records);
   * the dataset's seed, scenario hash and single generator version are still checked.
   * __Default value:__ false.
   */
  trusted?: boolean;
}

const CSV_BATCH = 256;

/** Encodes records into byte chunks (see the module comment), with statistics. */
export class RecordChunkEncoder {
  /** Statistics of the records added so far. */
  readonly stats = new DatasetStatsAccumulator();
  /** Records added. */
  rows = 0;
  /** Generator version of the first record (every other record must match it). */
  version: string | undefined;
  private readonly options: RecordChunkOptions;
  private readonly firstRow: number;
  private readonly chunkBytes: number;
  private readonly allocate: (bytes: number) => Buffer;
  private readonly json: JsonLineEncoder;
  private buf: Buffer;
  private used = 0;
  private full: Buffer[] = [];
  private batch: string[][] = [];

  /** Starts an empty part. */
  constructor(options: RecordChunkOptions) {
    this.options = options;
    this.firstRow = options.firstRow ?? 0;
    this.chunkBytes = options.chunkBytes ?? 1 << 20;
    this.allocate = options.allocate ?? ((bytes) => Buffer.allocUnsafeSlow(bytes));
    this.json = options.json ?? new JsonLineEncoder(options.attributes);
    this.buf = this.allocate(this.chunkBytes);
  }

  /** Makes sure the current chunk has `bytes` free, starting a new chunk if not. */
  private reserve(bytes: number): void {
    if (this.used + bytes > this.buf.length) {
      if (this.used > 0) this.full.push(this.buf.subarray(0, this.used));
      this.buf = this.allocate(Math.max(this.chunkBytes, bytes));
      this.used = 0;
    }
  }

  /** Appends text (already encoded records, or a header) to the byte chunks. */
  appendText(text: string): void {
    // a UTF-16 code unit takes at most 3 UTF-8 bytes
    this.reserve(text.length * 3);
    this.used += this.buf.write(text, this.used);
  }

  /** Checks, encodes and counts one record; throws an {@link InputError} naming the row otherwise. */
  add(record: AdRecord): void {
    const o = this.options;
    const row = this.firstRow + this.rows + 1;
    if (o.trusted !== true) assertRecord(record, { file: o.file, row });
    if (record.seed !== o.seed) {
      throw new InputError(`expected the dataset's seed ${o.seed}, got ${showValue(record.seed)}`, { file: o.file, row, field: 'seed' });
    }
    if (record.scenarioHash !== o.scenarioHash) {
      throw new InputError(`expected the scenario's hash ${o.scenarioHash}, got ${showValue(record.scenarioHash)}`, {
        file: o.file,
        row,
        field: 'scenarioHash',
      });
    }
    this.version ??= record.generatorVersion;
    if (record.generatorVersion !== this.version) {
      throw new InputError(`expected one generator version per file (${this.version}), got ${showValue(record.generatorVersion)}`, {
        file: o.file,
        row,
        field: 'generatorVersion',
      });
    }
    if (o.format === 'csv') {
      this.batch.push(recordToCsvCells(record, o.attributes, { file: o.file, row }));
      if (this.batch.length >= CSV_BATCH) this.flushCsv();
    } else {
      this.reserve(this.json.maxBytes(record));
      this.used = this.json.encodeInto(record, this.buf, this.used);
    }
    this.stats.add(record);
    this.rows++;
  }

  private flushCsv(): void {
    this.appendText(formatCsvRows(this.batch));
    this.batch = [];
  }

  /** True when at least one full chunk is waiting for {@link RecordChunkEncoder.take}. */
  get ready(): boolean {
    return this.full.length > 0;
  }

  /** Hands over the full chunks (in order) and forgets them. */
  take(): Buffer[] {
    return this.full.splice(0);
  }

  /** Ends the part: everything still buffered becomes a chunk. Returns the remaining chunks. */
  finish(): Buffer[] {
    if (this.batch.length > 0) this.flushCsv();
    if (this.used > 0) this.full.push(this.buf.subarray(0, this.used));
    this.used = 0;
    this.buf = Buffer.alloc(0);
    return this.take();
  }
}
