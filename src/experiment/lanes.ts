/**
 * Running cells in parallel lanes: a pool of worker threads, each taking the next cell from one
 * queue, either in this process or inside one child Node process started with throughput-oriented
 * V8 flags. A lane's worker is replaced after a crash; every cell is reported to `onDone` once.
 */
import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Cell } from './cells.js';
import type { HostReply, HostTask, WorkerReply, WorkerTask } from './worker-protocol.js';

/** Called once per cell: without `error` when it finished, with the reason when it failed. */
export type CellDone = (cell: Cell, error?: string) => void;

/**
 * V8 flags of the lane host process. With every core busy running a worker, V8's helper threads
 * (concurrent marking, parallel scavenges, background optimizing compiles) take their CPU from
 * the workers, and the hand-offs cost extra CPU on top: in `benchmarks/experiment.mjs`, two
 * workers used about 15% less CPU in all with these flags. Each flag is read when an isolate is
 * made, so they can only be given to a new process.
 */
export const THROUGHPUT_FLAGS: readonly string[] = ['--single-threaded-gc', '--no-concurrent-recompilation'];

/** The worker script next to this module (present in the built package, not in TypeScript sources). */
export function workerUrl(): URL {
  return new URL('./worker.js', import.meta.url);
}

/** The lane host script next to this module. */
function hostUrl(): URL {
  return new URL('./lane-host.js', import.meta.url);
}

/** True when running on Node itself (Deno and Bun emulate `node:child_process` and take other flags). */
function isNode(): boolean {
  const v = process.versions as Record<string, string | undefined>;
  return v['deno'] === undefined && v['bun'] === undefined;
}

/** Whether {@link runInLanes} uses {@link THROUGHPUT_FLAGS} by default: on Node, when the lanes fill every core. */
export function throughputFlagsByDefault(jobs: number): boolean {
  return isNode() && jobs >= availableParallelism();
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
 * Node process started with {@link THROUGHPUT_FLAGS}. Resolves when every cell is reported.
 */
export async function runInLanes(
  cells: readonly Cell[],
  out: string,
  jobs: number,
  throughputFlags: boolean,
  onDone: CellDone,
): Promise<void> {
  requireBuilt(workerUrl());
  if (throughputFlags && isNode() && existsSync(fileURLToPath(hostUrl()))) await runInHost(cells, out, jobs, onDone);
  else await runInWorkers(cells, out, jobs, onDone);
}

/** The lanes, in a child process: cells go over IPC, each cell's outcome comes back. */
async function runInHost(cells: readonly Cell[], out: string, jobs: number, onDone: CellDone): Promise<void> {
  const pending = new Map(cells.map((c) => [c.id, c]));
  const child = fork(fileURLToPath(hostUrl()), [], {
    execArgv: [...THROUGHPUT_FLAGS],
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exit = await new Promise<string | null>((resolve) => {
    child.on('message', (msg: HostReply | null) => {
      if (msg === null) return;
      const cell = pending.get(msg.id);
      if (cell === undefined) return;
      pending.delete(msg.id);
      onDone(cell, msg.error);
    });
    child.on('error', (err) => resolve(`lane process failed: ${err.message}`));
    // 'close' comes after the process ended and its IPC channel closed, so after its last message
    child.on('close', (code, signal) => resolve(code === 0 ? null : `lane process exited with ${signal ?? `code ${code}`}`));
    const task: HostTask = { cells: [...cells], out, jobs };
    child.send(task);
  });
  // a cell the host never reported did not finish
  for (const cell of pending.values()) onDone(cell, exit ?? 'lane process ended before the cell finished');
}

/** The lanes, as worker threads of this process. */
export async function runInWorkers(cells: readonly Cell[], out: string, jobs: number, onDone: CellDone): Promise<void> {
  const url = workerUrl();
  requireBuilt(url);
  const queue = [...cells];
  const lane = async (): Promise<void> => {
    let worker: Worker | null = null;
    try {
      for (;;) {
        const cell = queue.shift();
        if (cell === undefined) return;
        worker ??= new Worker(url);
        const reply = await runOne(worker, cell, out);
        if (reply.type === 'done') onDone(cell);
        else {
          onDone(cell, reply.message);
          if (reply.fatal) {
            await worker.terminate().catch(() => undefined);
            worker = null;
          }
        }
      }
    } finally {
      if (worker !== null) await worker.terminate();
    }
  };
  await Promise.all(Array.from({ length: jobs }, lane));
}

/** Posts one cell to a worker and waits for its reply (a crash or exit is a fatal error reply). */
function runOne(w: Worker, cell: Cell, out: string): Promise<WorkerReply> {
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
    const task: WorkerTask = { type: 'run', cell, out };
    w.postMessage(task);
  });
}
