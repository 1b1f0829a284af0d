/**
 * The cluster bootstrap. Ads of one poster share a persona, a template and a contact, so they are
 * not independent draws: resampling single ads then understates how much a group's rates would
 * vary with another sample of posters, and intervals come out too narrow. Given a cluster id per
 * record (in adscreen data, `operatorId`), a resample instead draws whole clusters, uniformly with
 * replacement, and every record of a cluster drawn k times gets weight k.
 *
 * Clusters are stratified by their labels: clusters whose records are all negative, all positive,
 * or mixed form three strata, and each resample draws as many clusters from each stratum as it
 * holds (an exact multinomial, by the same draw as the record bootstrap; see multinomial.ts).
 * Group sizes then vary between resamples, as they would between samples of posters.
 */
import { InputError } from '../errors.js';
import type { Prepared } from './engine.js';
import type { DrawLayout } from './multinomial.js';
import type { RankLayout } from './rank-layout.js';

/** Clusters of the records: a dense cluster index per record and each cluster's label stratum. */
export interface ClusterIndex {
  /** Cluster index (0..count-1, in order of first appearance) of each record. */
  clusterOf: Uint32Array;
  /** Stratum of each cluster: 0 all negative, 1 all positive, 2 mixed. */
  stratum: Uint8Array;
  /** Number of clusters. */
  count: number;
}

/** Indexes a cluster column (one id per record); throws an InputError naming `clusters` for bad input. */
export function clusterIndex(clusters: ArrayLike<string | number>, labels: ArrayLike<number>): ClusterIndex {
  const n = labels.length;
  if (clusters === null || typeof clusters !== 'object' || typeof clusters.length !== 'number') {
    throw new InputError('expected one cluster id (string or number) per record', { field: 'clusters' });
  }
  if (clusters.length !== n) {
    throw new InputError(`expected ${n} cluster ids (one per record), got ${clusters.length}`, { field: 'clusters' });
  }
  const clusterOf = new Uint32Array(n);
  const seen = clusterIds(clusters, labels, clusterOf);
  const stratum = new Uint8Array(seen.length);
  for (let c = 0; c < seen.length; c++) stratum[c] = seen[c] === 1 ? 0 : seen[c] === 2 ? 1 : 2;
  return { clusterOf, stratum, count: seen.length };
}

/**
 * Writes each record's dense cluster index into `clusterOf` and returns, per cluster, bit 1 set
 * when it has a negative and bit 2 when it has a positive. A function of its own that returns a
 * local: V8 compiles a long loop while it runs (OSR), and code after it in the same function,
 * not run yet at that point, would deoptimize that compiled code on every audit.
 */
function clusterIds(clusters: ArrayLike<string | number>, labels: ArrayLike<number>, clusterOf: Uint32Array): number[] {
  const ids = new Map<string | number, number>();
  const seen: number[] = [];
  for (let i = 0; i < clusterOf.length; i++) {
    const id = clusters[i];
    if ((typeof id !== 'string' && typeof id !== 'number') || id === '' || Number.isNaN(id)) {
      throw new InputError(`record ${i}: expected a non-empty cluster id, got ${JSON.stringify(id)}`, { field: 'clusters', row: i });
    }
    let c = ids.get(id);
    if (c === undefined) {
      c = seen.length;
      ids.set(id, c);
      seen.push(0);
    }
    clusterOf[i] = c;
    seen[c] = (seen[c] as number) | (labels[i] === 1 ? 2 : 1);
  }
  return seen;
}

/** What a cluster resample needs: the clusters as draw units, and the cluster of every rank. */
export interface ClusterLayout {
  /** The clusters as units of the stratified draw (unit = cluster index). */
  units: DrawLayout;
  /** Cluster of each rank (records in descending score order, as in the rank layout). */
  rankCluster: Uint32Array;
}

/**
 * Lays the clusters out for the draw, with the cluster of every rank of the engine's index
 * (`layout` is that index's rank layout, whose `strataRanks` maps a weight-buffer slot to its rank).
 */
export function buildClusterLayout(prep: Prepared, layout: RankLayout, index: ClusterIndex): ClusterLayout {
  const { count, stratum, clusterOf } = index;
  const stratumSize = new Uint32Array(3);
  for (let c = 0; c < count; c++) stratumSize[stratum[c] as number]++;
  const stratumOffset = new Uint32Array([0, stratumSize[0] as number, (stratumSize[0] as number) + (stratumSize[1] as number)]);
  const strataRanks = new Uint32Array(count);
  const fill = stratumOffset.slice();
  for (let c = 0; c < count; c++) {
    const s = stratum[c] as number;
    strataRanks[(fill[s] as number)++] = c;
  }
  // record -> slot is prep.slotOfRecord, slot -> rank is layout.strataRanks
  const rankCluster = new Uint32Array(prep.n);
  rankClusters(prep.slotOfRecord, layout.strataRanks, clusterOf, rankCluster);
  return {
    units: { n: count, rankStratum: stratum, stratumOffset, stratumSize, strataRanks },
    rankCluster,
  };
}

/** `rankCluster[strataRanks[slotOfRecord[i]]] = clusterOf[i]` (a loop of its own, as at `clusterIds`). */
function rankClusters(slotOfRecord: Uint32Array, strataRanks: Uint32Array, clusterOf: Uint32Array, rankCluster: Uint32Array): void {
  for (let i = 0; i < rankCluster.length; i++) rankCluster[strataRanks[slotOfRecord[i] as number] as number] = clusterOf[i] as number;
}

/** Spreads cluster draw counts onto ranks: `w[p] = clusterCounts[rankCluster[p]]`. */
export function expandClusterCounts(layout: ClusterLayout, clusterCounts: Uint8Array, w: Uint8Array): void {
  const { rankCluster } = layout;
  for (let p = 0; p < w.length; p++) w[p] = clusterCounts[rankCluster[p] as number] as number;
}
