/**
 * Running cells in parallel lanes: a pool of worker threads, each taking the next cell from one
 * queue, either in this process or inside one child Node process started with throughput-oriented
 * V8 flags (`callInThroughputProcess`). A lane's worker is replaced after a crash; every cell is
 * reported to `onDone` once.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { callInThroughputProcess, canUseThroughputProcess, type ThroughputCall } from '../throughput-process.js';
import type { Cell } from './cells.js';
import { CellQueue, type DataReuse } from './data-reuse.js';
import type { WorkerReply, WorkerTask } from './worker-protocol.js';

/** Called once per cell: without `error` when it finished, with the reason when it failed. */
export type CellDone = (cell: Cell, error?: string) => void;

/** The worker script next to this module (present in the built package, not in TypeScript sources). */
export function workerUrl(): URL {
  return new URL('./worker.js', import.meta.url);
}

/** Throws when the built worker script is missing (runs from TypeScript sources need `jobs: 0`). */
function requireBuilt(url: URL): void {
  if (!existsSync(fileURLToPath(url))) {
    throw new Error(
      `worker threads need the built worker ${fileURLToPath(url)} (build with tsc, or pass jobs: 0 to run in-process)`,
    );
  }
}

/**
 * Runs `cells` in `jobs` worker threads, in this process or (with `throughputFlags`) in a child
 * Node process started with `THROUGHPUT_FLAGS` (see `callInThroughputProcess`). Resolves when
 * every cell is reported.
 */
export async function runInLanes(
  cells: readonly Cell[],
  out: string,
  jobs: number,
  throughputFlags: boolean,
  onDone: CellDone,
): Promise<void> {
  if (!throughputFlags || !canUseThroughputProcess()) return runInWorkers(cells, out, jobs, onDone);
  // checked here too, so that a missing build fails before a process is started
  requireBuilt(workerUrl());
  const pending = new Map(cells.map((c) => [c.id, c]));
  let ended = 'the lane process ended before the cell finished';
  try {
    const call: ThroughputCall = { module: new URL(import.meta.url), name: 'runInWorkersReporting', args: [cells, out, jobs] };
    await callInThroughputProcess<void>(call, (value) => {
      const { id, error } = value as LaneEvent;
      const cell = pending.get(id);
      if (cell === undefined) return;
      pending.delete(id);
      onDone(cell, error);
    });
  } catch (err) {
    ended = err instanceof Error ? err.message : String(err);
  }
  // a cell the process never reported did not finish
  for (const cell of pending.values()) onDone(cell, ended);
}

/** What the lane process reports per cell. */
interface LaneEvent {
  id: string;
  error?: string;
}

/** {@link runInWorkers} reporting each cell through `emit` (what runs in the lane process). */
export function runInWorkersReporting(cells: Cell[], out: string, jobs: number, emit: (event: LaneEvent) => void): Promise<void> {
  return runInWorkers(cells, out, jobs, (cell, error) => emit(error === undefined ? { id: cell.id } : { id: cell.id, error }));
}

/** The lanes, as worker threads of this process. */
export async function runInWorkers(cells: readonly Cell[], out: string, jobs: number, onDone: CellDone): Promise<void> {
  const url = workerUrl();
  requireBuilt(url);
  const queue = new CellQueue(cells);
  const lane = async (index: number): Promise<void> => {
    let worker: Worker | null = null;
    try {
      for (;;) {
        const next = queue.next(index);
        if (next === undefined) return;
        const { cell, reuse } = next;
        worker ??= new Worker(url);
        const reply = await runOne(worker, cell, out, reuse);
        if (reply.type === 'done') onDone(cell);
        else {
          onDone(cell, reply.message);
          if (reply.fatal) {
            await worker.terminate().catch(() => undefined);
            worker = null;
            queue.forget(index);
          }
        }
      }
    } finally {
      if (worker !== null) await worker.terminate();
    }
  };
  await Promise.all(Array.from({ length: jobs }, (_, i) => lane(i)));
}

/** Posts one cell to a worker and waits for its reply (a crash or exit is a fatal error reply). */
function runOne(w: Worker, cell: Cell, out: string, reuse: DataReuse): Promise<WorkerReply> {
  return new Promise<WorkerReply>((resolve) => {
    const cleanup = () => {
      w.off('message', onMessage);
      w.off('error', onError);
      w.off('exit', onExit);
    };
    const onMessage = (msg: WorkerReply) => {
      cleanup();
      resolve(msg);
    };
    const onError = (err: Error) => {
      cleanup();
      resolve({ type: 'error', id: cell.id, message: `worker crashed: ${err.message}`, fatal: true });
    };
    const onExit = (code: number) => {
      cleanup();
      resolve({ type: 'error', id: cell.id, message: `worker exited with code ${code}`, fatal: true });
    };
    w.on('message', onMessage);
    w.on('error', onError);
    w.on('exit', onExit);
    const task: WorkerTask = { type: 'run', cell, out, reuse };
    w.postMessage(task);
  });
}
