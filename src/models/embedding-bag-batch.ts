/**
 * The training arrays of the embedding-bag model: every document's per-head targets and loss
 * weights, and for one step the batch's unique embedding rows, the flat id / segment layout over
 * them and its targets and weights. Internal to the models stage (see embedding-bag-train.ts).
 */
import type { TrainingExample } from './classifier.js';
import type { BagTrainingData } from './embedding-bag-train.js';

/** One batch's inputs: unique rows it touches and the flat id / segment layout over them. */
export interface Batch {
  /** Documents in the batch. */
  size: number;
  /** The embedding rows the batch uses, `unique[0..uniqueCount)`. */
  unique: Int32Array;
  /** Number of unique rows. */
  uniqueCount: number;
  /** For each id of the batch's documents (document after document), its index in `unique`. */
  local: Int32Array;
  /** For each id, the document (0..size-1) it belongs to. */
  segments: Int32Array;
  /** Per document: 1 / its id count (`mean`) or 1 / sqrt of it (`sqrtn`); 0 for an empty document. */
  inverseCounts: Float32Array;
}

/** Reusable per-step arrays, grown on demand (avoids allocating three id arrays per step). */
export class Scratch {
  ids = new Int32Array(0);
  /** Three views of at least `n` ids each. */
  take(n: number): [Int32Array, Int32Array, Int32Array] {
    if (this.ids.length < 3 * n) this.ids = new Int32Array(3 * Math.max(n, Math.ceil(this.ids.length / 2)));
    const cap = this.ids.length / 3;
    return [this.ids.subarray(0, n), this.ids.subarray(cap, cap + n), this.ids.subarray(2 * cap, 2 * cap + n)];
  }
}

/** Builds a batch from documents `order[start..end)`; `mark`/`slot` are scratch arrays of vocabSize. */
export function buildBatch(data: BagTrainingData, order: Int32Array, start: number, end: number, mark: Int32Array, slot: Int32Array, stamp: number, sqrtn: boolean, scratch: Scratch): Batch {
  const { ids, offsets } = data;
  const size = end - start;
  const nnz = batchNonZeros(offsets, order, start, end);
  const views = scratch.take(nnz);
  const unique = views[0];
  const local = views[1];
  const segments = views[2];
  const inverseCounts = new Float32Array(size);
  const uniqueCount = fillBatch(ids, offsets, order, start, size, mark, slot, stamp, sqrtn, unique, local, segments, inverseCounts);
  return { size, unique, uniqueCount, local, segments, inverseCounts };
}

/** Number of ids of documents `order[start..end)`. */
function batchNonZeros(offsets: Int32Array, order: Int32Array, start: number, end: number): number {
  let nnz = 0;
  for (let b = start; b < end; b++) {
    const d = order[b] as number;
    nnz += (offsets[d + 1] as number) - (offsets[d] as number);
  }
  return nnz;
}

/**
 * The loop of {@link buildBatch}: fills the batch arrays and returns the number of unique rows.
 * Its own function, returning a number: V8 compiles a long loop while it runs (OSR), before the
 * code after it has run, and an object literal after the loop would deoptimize that compiled
 * loop on every later call.
 */
function fillBatch(ids: Int32Array, offsets: Int32Array, order: Int32Array, start: number, size: number, mark: Int32Array, slot: Int32Array, stamp: number, sqrtn: boolean, unique: Int32Array, local: Int32Array, segments: Int32Array, inverseCounts: Float32Array): number {
  let u = 0;
  let p = 0;
  for (let b = 0; b < size; b++) {
    const d = order[start + b] as number;
    const s = offsets[d] as number;
    const e = offsets[d + 1] as number;
    inverseCounts[b] = e > s ? 1 / (sqrtn ? Math.sqrt(e - s) : e - s) : 0;
    for (let j = s; j < e; j++) {
      const id = ids[j] as number;
      if (mark[id] !== stamp) {
        mark[id] = stamp;
        slot[id] = u;
        unique[u++] = id;
      }
      local[p] = slot[id] as number;
      segments[p++] = b;
    }
  }
  return u;
}

/** Copies the targets and weights of documents `order[start..start+size)` into the batch arrays. */
export function batchTargets(data: BagTrainingData, order: Int32Array, start: number, size: number, heads: number, targets: Float32Array, weights: Float32Array): void {
  const allTargets = data.targets;
  const allWeights = data.weights;
  for (let b = 0; b < size; b++) {
    const d = (order[start + b] as number) * heads;
    for (let k = 0; k < heads; k++) {
      targets[b * heads + k] = allTargets[d + k] as number;
      weights[b * heads + k] = allWeights[d + k] as number;
    }
  }
}

/**
 * Fills the per-head targets and loss weights (`n x heads`) of the training records: head 0 is
 * the label, head `column.get(id)` is indicator `id`. A function of its own so that V8's on-the-fly
 * compilation of this long loop (OSR) does not cover the rest of `fit`, which has not run yet
 * at that point and would deoptimize it.
 */
export function headTargets(
  records: readonly TrainingExample[],
  labels: Uint8Array,
  sampleWeights: Float64Array,
  column: Map<string, number>,
  heads: number,
  indicatorWeight: number,
  targets: Float32Array,
  weights: Float32Array,
): void {
  const n = targets.length / heads;
  for (let i = 0; i < n; i++) {
    const w = sampleWeights[i] as number;
    targets[i * heads] = labels[i] as number;
    weights[i * heads] = w;
    for (let k = 1; k < heads; k++) weights[i * heads + k] = w * indicatorWeight;
    for (const span of (records[i] as TrainingExample).indicators ?? []) {
      const k = column.get(span.id);
      if (k !== undefined) targets[i * heads + k] = 1;
    }
  }
}
