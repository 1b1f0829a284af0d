/** Worker thread entry: runs one range of bootstrap resamples (see parallel.ts). */
import { parentPort, workerData } from 'node:worker_threads';
import type { BootstrapReply, BootstrapTask } from './parallel.js';
import { runResamplesOn } from './resample.js';

const task = workerData as BootstrapTask;
const port = parentPort;
if (port) {
  const collector = runResamplesOn(task.basis, task.levels, task.references, task.seed, task.from, task.to, () => port.postMessage({ type: 'progress' } satisfies BootstrapReply));
  const arrays = collector.arrays();
  port.postMessage({ type: 'done', arrays } satisfies BootstrapReply, arrays.map((a) => a.buffer as ArrayBuffer));
}
