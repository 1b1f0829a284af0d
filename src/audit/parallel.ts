/**
 * The bootstrap spread over worker threads: resamples are split into contiguous ranges, each
 * worker gets a copy of the rank layout (see rank-layout.ts) and runs its range, and the values are merged in
 * resample order. Each resample's randomness depends only on the seed and its number, so the
 * result does not depend on the number of threads.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ProgressCallback } from '../progress.js';
import type { Prepared } from './engine.js';
import type { Level } from './groups.js';
import type { ClusterIndex } from './clusters.js';
import { resampleBasis, runResamplesOn, type ResampleBasis } from './resample.js';
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

/** Runs R resamples on `threads` worker threads (this thread when 1 or when the worker script is missing). */
export async function parallelResamples(
  prep: Prepared,
  levels: Level[],
  references: string[],
  seed: number,
  R: number,
  threads: number,
  onProgress?: ProgressCallback,
  clusters?: ClusterIndex,
): Promise<StatCollector> {
  const url = new URL('./bootstrap-worker.js', import.meta.url);
  let done = 0;
  const tick = (): void => onProgress?.(++done, R);
  const basis = resampleBasis(prep, clusters);
  if (threads <= 1 || url.protocol !== 'file:' || !existsSync(fileURLToPath(url))) {
    return runResamplesOn(basis, levels, references, seed, 0, R, tick);
  }
  const collector = new StatCollector(levels, prep.index.length, R);
  const jobs: Array<Promise<void>> = [];
  for (let t = 0; t < threads; t++) {
    const from = Math.floor((t * R) / threads);
    const to = Math.floor(((t + 1) * R) / threads);
    if (to <= from) continue;
    const task: BootstrapTask = { basis, levels, references, seed, from, to };
    jobs.push(
      new Promise<void>((resolve, reject) => {
        const worker = new Worker(url, { workerData: task });
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
      }),
    );
  }
  await Promise.all(jobs);
  return collector;
}
