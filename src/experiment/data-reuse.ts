/**
 * Which cells share generated data, and the order lanes take cells in so that they share it.
 * Cells often train or test on the same ads (every model and mitigation of a seed trains on the
 * same ads; a sweep over training fields tests every value on the same ads), and a worker keeps
 * what it made for later cells (`DatasetCache`). This module only compares cells' data keys: it
 * loads nothing heavy, so the lane process (see `runInLanes`) starts its workers at once.
 */
import { deriveSeed } from '../random.js';
import type { Cell } from './cells.js';
import type { DatasetKey } from './dataset-cache.js';

/** The keys of a cell's generated training and test data (what a `DatasetCache` keeps them by). */
export function cellDatasetKeys(cell: Cell): { train: DatasetKey; test: DatasetKey } {
  return {
    train: { scenario: cell.train.scenario, n: cell.train.n, seed: deriveSeed(cell.seed, 'train'), twins: false },
    test: { scenario: cell.test.scenario, n: cell.test.n, seed: deriveSeed(cell.seed, 'test'), twins: cell.test.twins },
  };
}

/** Whether a cell's training and test data are used again by a later cell. */
export interface DataReuse {
  /** A later cell trains on the same ads. */
  train: boolean;
  /** A later cell tests on the same ads. */
  test: boolean;
}

/**
 * For each cell of `cells` (in run order), whether a later cell uses the same training or test
 * data: what a cache should keep. In a sweep over training fields every training set is used
 * once, and keeping them would push out the test sets that every later cell of a seed reuses.
 */
export function dataReuse(cells: readonly Cell[]): DataReuse[] {
  const later = new Set<string>();
  const out: DataReuse[] = new Array<DataReuse>(cells.length);
  for (let i = cells.length - 1; i >= 0; i--) {
    const keys = cellDatasetKeys(cells[i] as Cell);
    const train = JSON.stringify(keys.train);
    const test = JSON.stringify(keys.test);
    out[i] = { train: later.has(train), test: later.has(test) };
    later.add(train);
    later.add(test);
  }
  return out;
}

/** A cell handed to a lane by a {@link CellQueue}. */
export interface QueuedCell {
  /** The cell. */
  cell: Cell;
  /** Whether a cell not yet handed out uses the same training or test data (what the lane's cache should keep). */
  reuse: DataReuse;
}

interface Waiting {
  cell: Cell;
  train: string;
  test: string;
}

/**
 * The cells of a run, handed to lanes one at a time. A lane gets the first waiting cell (in run
 * order) that uses data it kept from an earlier cell, test data first, else the first waiting
 * cell. So in a sweep over a training field each lane works through whole seeds, and a seed's
 * test set is made by one lane, not by every lane. Results do not depend on the order: each cell
 * is seeded on its own.
 */
export class CellQueue {
  private readonly waiting: Waiting[];
  /** Data keys each lane's cache was told to keep. */
  private readonly held = new Map<number, Set<string>>();

  /** @param cells The cells to run, in run order. */
  constructor(cells: readonly Cell[]) {
    this.waiting = cells.map((cell) => {
      const keys = cellDatasetKeys(cell);
      return { cell, train: JSON.stringify(keys.train), test: JSON.stringify(keys.test) };
    });
  }

  /** Cells not yet handed out. */
  get size(): number {
    return this.waiting.length;
  }

  /** The next cell for `lane`, with its reuse hint, or undefined when every cell is handed out. */
  next(lane: number): QueuedCell | undefined {
    if (this.waiting.length === 0) return undefined;
    const held = this.held.get(lane) ?? new Set<string>();
    this.held.set(lane, held);
    let pick = this.waiting.findIndex((w) => held.has(w.test));
    if (pick < 0) pick = this.waiting.findIndex((w) => held.has(w.train));
    if (pick < 0) pick = 0;
    const [w] = this.waiting.splice(pick, 1) as [Waiting];
    const reuse = {
      train: this.waiting.some((x) => x.train === w.train),
      test: this.waiting.some((x) => x.test === w.test),
    };
    if (reuse.train) held.add(w.train);
    if (reuse.test) held.add(w.test);
    return { cell: w.cell, reuse };
  }

  /** Forgets what `lane` kept (its worker was replaced, with an empty cache). */
  forget(lane: number): void {
    this.held.delete(lane);
  }
}
