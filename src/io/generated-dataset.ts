/**
 * Generating a dataset straight to a file, on several cores. The dataset is split into blocks
 * of whole posters (see `generationBlocks`); worker threads generate, check, encode and count
 * the blocks, and this thread writes their bytes in block order and adds up their statistics.
 * The files are byte-identical to `writeDataset(generateStream(...))` whatever the number of
 * threads: every poster has its own random stream, and a block's bytes and counts do not depend
 * on which thread made them.
 *
 * Memory stays bounded: at most `2 * jobs + 1` blocks (about 3.3 MB of JSONL each at the default
 * 4,096 ads) are generated ahead of the block being written.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { errorFromReply, InputError, type InputLocation } from '../errors.js';
import {
  generateStream,
  generationBlocks,
  planGeneration,
  type GenerationBlock,
  type Scenario,
  type ScenarioInput,
} from '../generate/index.js';
import type { ProgressCallback } from '../progress.js';
import { datasetFormat } from './format.js';
import { summariseScenario } from './scenario-summary.js';
import { DatasetStatsAccumulator, type DatasetStatsState } from './stats.js';
import { csvHeader, openDatasetOutput, writeDatasetFor, type WriteDatasetResult } from './writer.js';

/** Options for {@link writeGeneratedDataset}. */
export interface WriteGeneratedOptions {
  /** Number of (original) ads to generate; twins come on top. */
  n: number;
  /** Generation seed. */
  seed: number;
  /** Follow every ad with its counterfactual twin. __Default value:__ `false`. */
  twins?: boolean;
  /**
   * Worker threads generating and encoding blocks. `0` does everything in this thread (as do
   * runs from the TypeScript sources, since workers load the built JavaScript, and datasets of a
   * single block). __Default value:__ the number of cores for 50,000 ads or more; below that,
   * starting the workers costs more than it saves, so `0`.
   */
  jobs?: number;
  /** Ads per block, at least 1 (whole posters, so a block may hold a few more). __Default value:__ 4,096. */
  adsPerBlock?: number;
  /** Called with (rows written, total rows) as blocks are written, and at the end. */
  onProgress?: ProgressCallback;
}

/** What {@link writeGeneratedDataset} wrote, and with how many worker threads. */
export interface WriteGeneratedResult extends WriteDatasetResult {
  /** Worker threads used (0: this thread only). */
  jobs: number;
}

/** What a generation worker is started with. */
export interface GenerateWorkerData {
  /** The validated scenario (the plan's: workers do not validate it again). */
  scenario: Scenario;
  /** Its hash, as this thread computed it (the worker checks its own against it). */
  scenarioHash: string;
  /** Generation options. */
  n: number;
  /** The plan's seed (already an unsigned 32-bit integer). */
  seed: number;
  /** Twins. */
  twins: boolean;
  /** Output file (format and error messages). */
  file: string;
  /** Declared proxy attributes. */
  attributes: string[];
}

/** A message to a generation worker: a block to make, or a written chunk's buffer to reuse. */
export type GenerateWorkerTask = { type: 'block'; block: GenerationBlock } | { type: 'recycle'; buffer: ArrayBuffer };

/** A worker's reply: a finished block, or an error. */
export type GenerateWorkerReply =
  | { type: 'block'; index: number; chunks: Uint8Array[]; rows: number; version: string | undefined; stats: DatasetStatsState }
  | { type: 'error'; index: number; message: string; input: InputLocation | null };

/** Blocks a worker may hold at once (one being made, one queued). */
const DEPTH = 2;
/**
 * Young-generation size of a worker's heap, in MB. Generation makes much short-lived garbage and
 * keeps little; 32 MB (against 8 before) cut a worker's CPU time by about 5% in an interleaved
 * comparison, for about 30 MB more peak memory with two workers.
 */
const YOUNG_GENERATION_MB = 32;
/** Smallest dataset (in ads) generated with worker threads by default. */
const PARALLEL_FROM = 50_000;
/** Default ads per block. */
const ADS_PER_BLOCK = 4096;

/**
 * Generates `n` ads of a scenario (and their twins) and writes them to `path` (CSV or JSONL by
 * extension) with a datasheet, using worker threads. A partial scenario is validated and filled in
 * as by `generate`. Same files as
 * `writeDataset(generateStream(scenario, options), path, { scenario, seed })`; on any error
 * neither file is left.
 *
 * @example
 * ```ts
 * import { loadScenario, writeGeneratedDataset } from 'adscreen';
 *
 * // the same bytes as writeDataset(generateStream(...)); blocks of 4,096 ads go to worker threads
 * // (500 ads are one block, written in this thread: r.jobs is 0)
 * const r = await writeGeneratedDataset(loadScenario('baseline'), 'out/train.jsonl', { n: 500, seed: 1, jobs: 2 });
 * console.log(r.rows, r.datasheetPath, r.jobs);
 * ```
 */
export async function writeGeneratedDataset(
  scenario: Scenario | ScenarioInput,
  path: string,
  options: WriteGeneratedOptions,
): Promise<WriteGeneratedResult> {
  datasetFormat(path);
  const plan = planGeneration(scenario, options);
  const jobs = options.jobs ?? (plan.n >= PARALLEL_FROM ? availableParallelism() : 0);
  if (!Number.isInteger(jobs) || jobs < 0) throw new InputError(`expected a non-negative integer, got ${jobs}`, { field: 'jobs' });
  const adsPerBlock = options.adsPerBlock ?? ADS_PER_BLOCK;
  if (!Number.isInteger(adsPerBlock) || adsPerBlock < 1) throw new InputError(`expected a positive integer, got ${adsPerBlock}`, { field: 'adsPerBlock' });
  // the plan's validated, filled-in copy: a partial scenario's summary lists every field, and
  // parsing keeps key order, so a parsed scenario's summary is the one it would have given itself
  const summary = summariseScenario(plan.scenario);
  const total = plan.twins ? 2 * plan.n : plan.n;
  const url = new URL('./generate-worker.js', import.meta.url);
  const wanted = Math.min(jobs, Math.ceil(plan.n / adsPerBlock));
  if (wanted < 1 || plan.n <= adsPerBlock || url.protocol !== 'file:' || !existsSync(fileURLToPath(url))) {
    const records = generateStream(plan.scenario, { n: plan.n, seed: plan.seed, twins: plan.twins });
    const result = await writeDatasetFor(records, path, { summary, seed: plan.seed, onProgress: options.onProgress, total });
    return { ...result, jobs: 0 };
  }

  let stopping = false;
  // each written chunk's buffer goes back to the worker that made it, for reuse
  const owner = new Map<ArrayBuffer, Worker>();
  const out = openDatasetOutput(path, summary, plan.seed, (bytes) => {
    const buffer = bytes.buffer as ArrayBuffer;
    const worker = owner.get(buffer);
    if (worker === undefined || stopping) return;
    owner.delete(buffer);
    const task: GenerateWorkerTask = { type: 'recycle', buffer };
    worker.postMessage(task, [buffer]);
  });
  const data: GenerateWorkerData = {
    scenario: plan.scenario,
    scenarioHash: plan.scenarioHash,
    n: plan.n,
    seed: plan.seed,
    twins: plan.twins,
    file: path,
    attributes: out.attributes,
  };
  const workers: Worker[] = [];
  const held: number[] = [];
  const results = new Map<number, { reply: Extract<GenerateWorkerReply, { type: 'block' }>; worker: number }>();
  const blocks = generationBlocks(plan, adsPerBlock);
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const notify = (): void => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  let sent = 0;
  let written = 0;
  let exhausted = false;
  const window = DEPTH * wanted + 1;
  const dispatch = (): void => {
    while (!exhausted && sent < written + window) {
      let w = -1;
      for (let i = 0; i < workers.length; i++) if ((held[i] as number) < DEPTH && (w < 0 || (held[i] as number) < (held[w] as number))) w = i;
      if (w < 0) return;
      const next = blocks.next();
      if (next.done === true) {
        exhausted = true;
        return;
      }
      const block: GenerationBlock = next.value;
      const task: GenerateWorkerTask = { type: 'block', block };
      (workers[w] as Worker).postMessage(task);
      held[w] = (held[w] as number) + 1;
      sent++;
    }
  };

  try {
    for (let i = 0; i < wanted; i++) {
      const worker = new Worker(url, { workerData: data, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
      workers.push(worker);
      held.push(0);
      worker.on('message', (msg: GenerateWorkerReply) => {
        held[i] = (held[i] as number) - 1;
        if (msg.type === 'block') {
          results.set(msg.index, { reply: msg, worker: i });
          dispatch(); // keep the worker busy, within the window
        } else failure ??= errorFromReply(msg.message, msg.input);
        notify();
      });
      worker.on('error', (err) => {
        failure ??= err;
        notify();
      });
      worker.on('exit', (code) => {
        if (!stopping) failure ??= new Error(`generation worker stopped (exit code ${code}) before the dataset was finished`);
        notify();
      });
    }
    const stats = new DatasetStatsAccumulator();
    let version: string | undefined;
    let rows = 0;
    if (out.format === 'csv') await out.write(Buffer.from(csvHeader(out.attributes)));
    dispatch();
    for (;;) {
      if (failure !== undefined) throw failure;
      const got = results.get(written);
      if (got !== undefined) {
        const r = got.reply;
        results.delete(written);
        version ??= r.version;
        if (r.version !== undefined && r.version !== version) {
          throw new InputError(`expected one generator version per file (${version}), got ${JSON.stringify(r.version)}`, { file: path, field: 'generatorVersion' });
        }
        for (const bytes of r.chunks) {
          owner.set(bytes.buffer as ArrayBuffer, workers[got.worker] as Worker);
          await out.write(bytes);
        }
        stats.absorb(r.stats);
        rows += r.rows;
        written++;
        options.onProgress?.(rows, total);
        dispatch();
        continue;
      }
      if (exhausted && written === sent) break;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
    stopping = true;
    await Promise.all(workers.map((w) => w.terminate()));
    const result = await out.finish(stats.result(), version);
    options.onProgress?.(rows, total);
    return { ...result, jobs: workers.length };
  } catch (err) {
    stopping = true;
    await Promise.all(workers.map((w) => w.terminate()));
    await out.abort();
    throw err;
  }
}
