/**
 * The order lanes take cells in: every cell once, each lane kept on the seeds whose data it
 * already made, and reuse hints that say whether a cell still waiting uses the same data.
 */
import { describe, expect, it } from 'vitest';
import { CellQueue, cellDatasetKeys, dataReuse, defaultStages, experimentCells, parseExperiment, type Cell, type QueuedCell } from '../../src/experiment/index.js';

/** The benchmark's shape at toy size: 5 sweep values x 3 seeds x 1 model. */
const sweep = (mitigations = ['none']): Cell[] =>
  experimentCells(
    parseExperiment({
      name: 'queue',
      train: { scenario: 'baseline', n: 100 },
      test: { scenario: 'baseline', n: 50 },
      seeds: [1, 2, 3],
      models: ['naive-bayes'],
      mitigations,
      sweep: { field: 'train.confounding.strength', values: [0, 0.2, 0.4, 0.6, 0.8] },
      audit: { threshold: 0.5, bootstrap: 10 },
    }),
    defaultStages,
  );

const testKey = (c: Cell): string => JSON.stringify(cellDatasetKeys(c).test);

/** Drains a queue with lanes asking in turn (0, 1, ..., lanes - 1, 0, ...). */
function drain(queue: CellQueue, lanes: number): Array<QueuedCell & { lane: number }> {
  const out: Array<QueuedCell & { lane: number }> = [];
  for (let lane = 0; ; lane = (lane + 1) % lanes) {
    const next = queue.next(lane);
    if (next === undefined) return out;
    out.push({ ...next, lane });
  }
}

describe('CellQueue', () => {
  it('hands out every cell once, and two lanes make 4 test sets for the 3 seeds, not 6', () => {
    const cells = sweep();
    const queue = new CellQueue(cells);
    expect(queue.size).toBe(15);
    const order = drain(queue, 2);
    expect(queue.size).toBe(0);
    expect(order.map((o) => o.cell.id).sort()).toEqual(cells.map((c) => c.id).sort());
    // a lane makes a test set when it takes a cell whose test data it did not keep
    const made = new Set(order.map((o) => `${o.lane} ${testKey(o.cell)}`));
    expect(made.size).toBe(4);
    // plain run order would have both lanes make every seed's test set
    const plain = new Set(cells.map((c, i) => `${i % 2} ${testKey(c)}`));
    expect(plain.size).toBe(6);
    // lane 0 takes seed 1 whole, lane 1 seed 2, then they share seed 3
    expect(order.filter((o) => o.lane === 0).map((o) => o.cell.seed)).toEqual([1, 1, 1, 1, 1, 3, 3, 3]);
    expect(order.filter((o) => o.lane === 1).map((o) => o.cell.seed)).toEqual([2, 2, 2, 2, 2, 3, 3]);
  });

  it('marks data for keeping exactly when a cell still waiting uses it', () => {
    const cells = sweep(['none', 'reweigh']);
    const order = drain(new CellQueue(cells), 2);
    order.forEach((o, i) => {
      const keys = cellDatasetKeys(o.cell);
      const rest = order.slice(i + 1).map((x) => cellDatasetKeys(x.cell));
      expect(o.reuse, o.cell.id).toEqual({
        train: rest.some((k) => JSON.stringify(k.train) === JSON.stringify(keys.train)),
        test: rest.some((k) => JSON.stringify(k.test) === JSON.stringify(keys.test)),
      });
    });
    expect(order.some((o) => o.reuse.train)).toBe(true);
  });

  it('with one lane, gives the hints dataReuse gives for the order it hands cells out in', () => {
    const order = drain(new CellQueue(sweep(['none', 'reweigh'])), 1);
    expect(order.map((o) => o.reuse)).toEqual(dataReuse(order.map((o) => o.cell)));
    // it works through one seed at a time
    expect(order.map((o) => o.cell.seed)).toEqual([...Array(10).fill(1), ...Array(10).fill(2), ...Array(10).fill(3)]);
  });

  it('after forget, a lane takes the first waiting cell again', () => {
    const cells = sweep();
    const queue = new CellQueue(cells);
    expect(queue.next(0)?.cell.id).toBe(cells[0]?.id);
    queue.forget(0);
    expect(queue.next(0)?.cell.id).toBe(cells[1]?.id);
    expect(queue.next(0)?.cell.seed).toBe(2);
  });
});
