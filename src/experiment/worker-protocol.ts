/** Messages between the experiment runner and its worker threads. */
import type { Cell } from './cells.js';
import type { DataReuse } from './data-reuse.js';

/** Runner -> worker: run this cell, writing under `out`. */
export interface WorkerTask {
  /** Message kind. */
  type: 'run';
  /** The cell. */
  cell: Cell;
  /** Output directory. */
  out: string;
  /** Whether later cells use the same training or test data (what the worker's cache keeps). */
  reuse: DataReuse;
}

/** Worker -> runner: the cell finished, or failed (`fatal` when the worker should be replaced). */
export type WorkerReply =
  | { type: 'done'; id: string; ms: number }
  | { type: 'error'; id: string; message: string; fatal: boolean };
