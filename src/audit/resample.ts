/** Runs a range of bootstrap resamples in the current thread (the audit's thread or a worker). */
import { buildClusterLayout, expandClusterCounts, type ClusterIndex, type ClusterLayout } from './clusters.js';
import type { Prepared } from './engine.js';
import type { Level } from './groups.js';
import { bindKernel, bootstrapKernel, type KernelChoice } from './kernel.js';
import { drawScratch, drawStratifiedCounts } from './multinomial.js';
import { buildRankLayout, type RankLayout } from './rank-layout.js';
import { computeStatistics, StatCollector } from './statistics.js';
import { passScratch, weightedPass } from './weighted-pass.js';

/** What resampling needs from the engine's index: the rank layout and whether scores are probabilities. */
export interface ResampleBasis {
  /** Records in rank order (see rank-layout.ts). */
  layout: RankLayout;
  /** True when every score lies in [0, 1] (Brier, ECE). */
  scoresInUnitInterval: boolean;
  /** With a cluster bootstrap: the clusters as draw units (see clusters.ts). */
  clusters?: ClusterLayout;
  /** Where the hot loops run (kernel.ts; the same results either way); default 'wasm' when it can. */
  kernel?: KernelChoice;
}

/**
 * The resampling basis of an engine index (built once per audit, shared by every resample); with
 * `clusters`, resamples draw whole clusters instead of records.
 */
export function resampleBasis(prep: Prepared, clusters?: ClusterIndex): ResampleBasis {
  const basis: ResampleBasis = { layout: buildRankLayout(prep), scoresInUnitInterval: prep.scoresInUnitInterval, kernel: bootstrapKernel() };
  if (clusters !== undefined) basis.clusters = buildClusterLayout(prep, basis.layout, clusters);
  return basis;
}

/** Runs resamples [from, to) of a basis, storing resample r at r - from; `onDone` is called after each. */
export function runResamplesOn(basis: ResampleBasis, levels: Level[], references: string[], seed: number, from: number, to: number, onDone?: () => void): StatCollector {
  const { layout, clusters } = basis;
  const collector = new StatCollector(levels, layout.slices, to - from);
  // the WebAssembly kernel when it can serve this layout (kernel.ts), else JavaScript only
  const kernel = basis.kernel === 'js' || to <= from ? null : bindKernel(layout, { draw: clusters === undefined });
  const w = kernel?.w ?? new Uint8Array(layout.n);
  const units = clusters?.units ?? layout;
  const unitCounts = clusters === undefined ? w : new Uint8Array(units.n);
  const draw = drawScratch(units);
  const pass = passScratch(layout);
  const counts = kernel?.draw?.counts;
  const passKernel = kernel?.pass;
  for (let r = from; r < to; r++) {
    drawStratifiedCounts(units, unitCounts, seed, r, draw, counts);
    if (clusters !== undefined) expandClusterCounts(clusters, unitCounts, w);
    collector.record(r - from, computeStatistics(basis, levels, weightedPass(layout, w, pass, passKernel), references));
    onDone?.();
  }
  return collector;
}

/** Runs resamples [from, to) of an engine index, storing resample r at r - from; `onDone` is called after each. */
export function runResamples(
  prep: Prepared,
  levels: Level[],
  references: string[],
  seed: number,
  from: number,
  to: number,
  onDone?: () => void,
  clusters?: ClusterIndex,
): StatCollector {
  return runResamplesOn(resampleBasis(prep, clusters), levels, references, seed, from, to, onDone);
}
