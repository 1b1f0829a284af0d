/**
 * Worker-thread entry point: runs the cells the runner posts, one at a time, with the real
 * stages, and replies when each is written. Loaded from the built package (`dist/`).
 */
import { parentPort } from 'node:worker_threads';
import { DatasetCache } from './dataset-cache.js';
import { runCell } from './run-cell.js';
import { defaultStages } from './stages.js';
import type { WorkerReply, WorkerTask } from './worker-protocol.js';

const port = parentPort;
if (port === null) throw new Error('experiment/worker.js must run in a worker thread');

// generated data kept between this worker's cells (cells often share their training or test ads)
const datasets = new DatasetCache();

port.on('message', (task: WorkerTask) => {
  const t0 = performance.now();
  runCell(task.cell, task.out, defaultStages, {}, datasets, task.reuse).then(
    () => {
      const reply: WorkerReply = { type: 'done', id: task.cell.id, ms: Math.round(performance.now() - t0) };
      port.postMessage(reply);
    },
    (err: unknown) => {
      const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
      const reply: WorkerReply = { type: 'error', id: task.cell.id, message, fatal: false };
      port.postMessage(reply);
    },
  );
});
