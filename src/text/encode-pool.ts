/**
 * Encoding on several threads: worker threads that hold a copy of a featurizer and encode
 * chunks of a batch while the calling thread encodes (and uses) chunks too. Chunks are claimed
 * through one shared atomic counter, so a busy core takes fewer of them; every chunk is
 * encoded by the same featurizer code, so the ids are the same whichever thread encoded it.
 * The workers start once, stay idle between batches without keeping the process alive, and
 * end with {@link EncodePool.close}. Internal to the library (used by models' `predict`).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { EncodedBatch, Featurizer } from './featurizer.js';

/** A batch job sent to every worker. */
export interface EncodeJob {
  type: 'job';
  /** Job number (replies name it). */
  job: number;
  /** All texts of the batch concatenated. */
  text: string;
  /** Length of each text in `text`. */
  lengths: Int32Array;
  /** Int32 counter of claimed chunks, shared by all threads. */
  counter: SharedArrayBuffer;
  /** Texts per chunk. */
  chunkSize: number;
}

/** Messages from an encode worker. */
export type EncodeReply =
  | { type: 'chunk'; job: number; chunk: number; ids: Int32Array; offsets: Int32Array }
  | { type: 'done'; job: number }
  | { type: 'error'; job: number; message: string };

/** Called once per chunk, in the order chunks finish: `start` is the chunk's first text. */
export type ChunkCallback = (start: number, batch: EncodedBatch) => void;

const WORKER_URL = new URL('./encode-worker.js', import.meta.url);


/** Encodes big batches on this thread and `workers` worker threads. */
export class EncodePool {
  /**
   * Most characters sent to the workers in one job (V8 strings hold at most about 2^29); a
   * bigger batch runs as several jobs. Changeable for tests.
   */
  static maxJobChars = 1 << 26;
  /** Number of worker threads (the calling thread works too). */
  readonly workers: number;
  private readonly featurizer: Featurizer;
  private readonly threads: Worker[];
  private readonly handlers = new Map<number, (reply: EncodeReply) => void>();
  private nextJob = 0;
  private running = 0;
  private failure: Error | null = null;
  private closed = false;

  private constructor(featurizer: Featurizer, workers: number) {
    this.featurizer = featurizer;
    this.workers = workers;
    const json = featurizer.toJSON();
    this.threads = [];
    for (let t = 0; t < workers; t++) {
      const worker = new Worker(WORKER_URL, { workerData: { featurizer: json } });
      worker.unref();
      worker.on('message', (reply: EncodeReply) => this.handlers.get(reply.job)?.(reply));
      worker.on('error', (err) => this.fail(err instanceof Error ? err : new Error(String(err))));
      worker.on('exit', (code) => this.fail(new Error(`an encode worker stopped (exit code ${code})`)));
      this.threads.push(worker);
    }
  }

  /** Marks the pool failed (a worker died) and ends every running job with an error. */
  private fail(error: Error): void {
    if (this.closed) return;
    this.failure ??= error;
    for (const h of [...this.handlers.values()]) h({ type: 'error', job: -1, message: error.message });
  }

  /**
   * A pool with `workers` worker threads for `featurizer`, or `null` when `workers < 1` or the
   * worker script is not there (running from TypeScript sources, as under vitest): callers
   * then encode on their own thread.
   */
  static create(featurizer: Featurizer, workers: number): EncodePool | null {
    if (workers < 1 || WORKER_URL.protocol !== 'file:' || !existsSync(fileURLToPath(WORKER_URL))) return null;
    return new EncodePool(featurizer, workers);
  }

  /**
   * Encodes `texts` in chunks of `chunkSize` on this thread and the workers, calling `onChunk`
   * on this thread for each chunk as it is ready (each chunk exactly once, in no fixed order).
   * The batch of a chunk equals `featurizer.encodeBatch(texts.slice(start, start + chunkSize))`.
   */
  async encode(texts: readonly string[], chunkSize: number, onChunk: ChunkCallback): Promise<void> {
    // one job sends its texts as one string: keep that string far below V8's length limit
    let from = 0;
    let chars = 0;
    for (let i = 0; i < texts.length; i++) {
      chars += (texts[i] as string).length;
      if (chars > EncodePool.maxJobChars && i - from >= chunkSize) {
        const cut = from + Math.floor((i - from) / chunkSize) * chunkSize;
        const base = from;
        await this.encodeJob(texts.slice(from, cut), chunkSize, (start, batch) => onChunk(base + start, batch));
        from = cut;
        chars = 0;
        for (let k = cut; k <= i; k++) chars += (texts[k] as string).length;
      }
    }
    const offset = from;
    await this.encodeJob(from === 0 ? texts : texts.slice(from), chunkSize, (start, batch) => onChunk(offset + start, batch));
  }

  private async encodeJob(texts: readonly string[], chunkSize: number, onChunk: ChunkCallback): Promise<void> {
    if (this.failure !== null) throw this.failure;
    const n = texts.length;
    const chunks = Math.ceil(n / chunkSize);
    const counterBuffer = new SharedArrayBuffer(4);
    const counter = new Int32Array(counterBuffer);
    const lengths = new Int32Array(n);
    for (let i = 0; i < n; i++) lengths[i] = (texts[i] as string).length;
    const job = this.nextJob++;
    let pendingWorkers = this.threads.length;
    let error: Error | null = null;
    let wake: (() => void) | null = null;
    this.handlers.set(job, (reply) => {
      if (reply.type === 'chunk') {
        try {
          onChunk(reply.chunk * chunkSize, { ids: reply.ids, offsets: reply.offsets });
        } catch (err) {
          error ??= err instanceof Error ? err : new Error(String(err));
        }
      } else {
        if (reply.type === 'error') error ??= new Error(`encode worker failed: ${reply.message}`);
        pendingWorkers--;
      }
      wake?.();
    });
    if (this.running++ === 0) for (const w of this.threads) w.ref();
    try {
      const message: EncodeJob = { type: 'job', job, text: joinOrEmpty(texts), lengths, counter: counterBuffer, chunkSize };
      if (message.text.length === 0 && n > 0) {
        // too long to send as one string (a single huge text): encode every chunk here
        pendingWorkers = 0;
      } else {
        for (const w of this.threads) w.postMessage(message);
      }
      for (;;) {
        const k = Atomics.add(counter, 0, 1);
        if (k >= chunks) break;
        const start = k * chunkSize;
        onChunk(start, this.featurizer.encodeBatch(texts.slice(start, Math.min(n, start + chunkSize))));
        // let finished worker chunks in between
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      while (pendingWorkers > 0 && error === null) {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        wake = null;
      }
      if (error !== null) throw error;
    } finally {
      this.handlers.delete(job);
      if (--this.running === 0) for (const w of this.threads) w.unref();
    }
  }

  /** Ends the worker threads. The pool cannot be used afterwards. */
  async close(): Promise<void> {
    this.closed = true;
    this.failure ??= new Error('the encode pool is closed');
    await Promise.all(this.threads.map((w) => w.terminate()));
  }
}

/** The texts concatenated, or '' when that string would be too long for V8. */
function joinOrEmpty(texts: readonly string[]): string {
  try {
    return texts.join('');
  } catch (err) {
    if (err instanceof RangeError) return '';
    throw err;
  }
}
