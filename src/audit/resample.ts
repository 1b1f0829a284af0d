/** Runs a range of bootstrap resamples in the current thread (the audit's thread or a worker). */
import { drawResampleWeights } from './bootstrap.js';
import { evaluate, type Prepared } from './engine.js';
import type { Level } from './groups.js';
import { computeStatistics, StatCollector } from './statistics.js';

/** Runs resamples [from, to), storing resample r at r - from; `onDone` is called after each. */
export function runResamples(prep: Prepared, levels: Level[], references: string[], seed: number, from: number, to: number, onDone?: () => void): StatCollector {
  const collector = new StatCollector(levels, prep.index.length, to - from);
  const w = new Int32Array(prep.n);
  for (let r = from; r < to; r++) {
    drawResampleWeights(prep, w, seed, r);
    collector.record(r - from, computeStatistics(prep, levels, evaluate(prep, w), references));
    onDone?.();
  }
  return collector;
}
