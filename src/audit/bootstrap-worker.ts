/** Worker thread entry: waits for one range of bootstrap resamples, runs it and replies (see parallel.ts). */
import { parentPort } from 'node:worker_threads';
import type { BootstrapReply, BootstrapTask } from './parallel.js';
import { runResamplesOn } from './resample.js';

const port = parentPort;
port?.once('message', (task: BootstrapTask) => {
  const collector = runResamplesOn(task.basis, task.levels, task.references, task.seed, task.from, task.to, () => port.postMessage({ type: 'progress' } satisfies BootstrapReply));
  const arrays = collector.arrays();
  port.postMessage({ type: 'done', arrays } satisfies BootstrapReply, arrays.map((a) => a.buffer as ArrayBuffer));
});
