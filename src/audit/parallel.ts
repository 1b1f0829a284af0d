/**
 * The bootstrap spread over worker threads: resamples are split into contiguous ranges, each
 * worker gets a copy of the rank layout (see rank-layout.ts) and runs its range, and the values are merged in
 * resample order. Each resample's randomness depends only on the seed and its number, so the
 * result does not depend on the number of threads.
 *
 * Workers are started ({@link BootstrapPool.start}) before the audit builds its index, so their
 * start-up overlaps that work, and get their ranges once the rank layout exists; the caller's
 * thread is then free for the point estimates' curves while they run.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ProgressCallback } from '../progress.js';
import type { Prepared } from './engine.js';
import type { Level } from './groups.js';
import type { ClusterIndex } from './clusters.js';
import { resampleBasis, type ResampleBasis } from './resample.js';
import { StatCollector } from './statistics.js';

/** What a bootstrap worker receives. */
export interface BootstrapTask {
  /** The rank layout and score kind (plain typed arrays, copied to the worker). */
  basis: ResampleBasis;
  /** Levels of the audit. */
  levels: Level[];
  /** Reference group per level. */
  references: string[];
  /** Bootstrap seed. */
  seed: number;
  /** First resample (inclusive). */
  from: number;
  /** Last resample (exclusive). */
  to: number;
}

/** Messages from a bootstrap worker. */
export type BootstrapReply = { type: 'progress' } | { type: 'done'; arrays: Float64Array[] };

/** What an audit's resampling needs: the engine index, levels, references, seed and count. */
export interface ResampleJob {
  prep: Prepared;
  levels: Level[];
  references: string[];
  seed: number;
  /** Number of resamples. */
  R: number;
  onProgress?: ProgressCallback | undefined;
  clusters?: ClusterIndex | undefined;
}

const WORKER_URL = new URL('./bootstrap-worker.js', import.meta.url);

/** Bootstrap worker threads, started ahead of their work; each runs one range of resamples once. */
export class BootstrapPool {
  private constructor(private readonly workers: Worker[]) {}

  /** Starts `threads` workers; null when `threads <= 1` or the worker script is unavailable (TypeScript sources). */
  static start(threads: number): BootstrapPool | null {
    if (threads <= 1 || WORKER_URL.protocol !== 'file:' || !existsSync(fileURLToPath(WORKER_URL))) return null;
    return new BootstrapPool(Array.from({ length: threads }, () => new Worker(WORKER_URL)));
  }

  /**
   * Builds the resampling basis (in this thread, before the first await), sends each worker its
   * range and resolves with every resample's values in resample order. The workers stop when done.
   */
  run(job: ResampleJob): Promise<StatCollector> {
    const { prep, levels, references, seed, R, onProgress, clusters } = job;
    let done = 0;
    const tick = (): void => onProgress?.(++done, R);
    let basis: ResampleBasis;
    try {
      basis = resampleBasis(prep, clusters);
    } catch (err) {
      this.close();
      throw err;
    }
    const collector = new StatCollector(levels, prep.index.length, R);
    const T = this.workers.length;
    const jobs = this.workers.map((worker, t) => {
      const from = Math.floor((t * R) / T);
      const to = Math.floor(((t + 1) * R) / T);
      if (to <= from) {
        void worker.terminate();
        return Promise.resolve();
      }
      return new Promise<void>((resolve, reject) => {
        let finished = false;
        worker.on('message', (msg: BootstrapReply) => {
          if (msg.type === 'progress') tick();
          else {
            collector.absorb(from, msg.arrays);
            finished = true;
            void worker.terminate();
            resolve();
          }
        });
        worker.on('error', reject);
        worker.on('exit', (code) => {
          if (!finished) reject(new Error(`bootstrap worker stopped (exit code ${code}) before finishing resamples ${from}..${to - 1}`));
        });
        worker.postMessage({ basis, levels, references, seed, from, to } satisfies BootstrapTask);
      });
    });
    return Promise.all(jobs).then(
      () => collector,
      (err: unknown) => {
        this.close();
        throw err;
      },
    );
  }

  /** Stops every worker (after an error, or when the pool will not be used). */
  close(): void {
    for (const w of this.workers) void w.terminate();
  }
}
