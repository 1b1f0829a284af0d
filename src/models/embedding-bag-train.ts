/**
 * Training and scoring math of the embedding-bag model (fastText-style): a document's score for
 * head k is `sigmoid(mean_{i in doc} E[i] . W[:, k] + b[k])`. Because the output layer is linear,
 * the mean can be taken after projecting: each step projects only the embedding rows its batch
 * uses (`z = rows @ W`, one value per row and head), and TensorFlow.js bags the projections with
 * one flat id tensor and segment ids (`gather` then `unsortedSegmentSum`, divided by counts),
 * computes the weighted loss and, by autodiff, its gradient with respect to `z` and the bias.
 * The projection's chain rule (`dRows = dz W^T`, `dW = rows^T dz`) is fused into a lazy Adam
 * step over only the rows the batch touched, in plain loops: on the wasm backend a matMul of
 * these skinny shapes costs more than the rest of the step. Parameters live in Float32Arrays
 * between steps, so no full-table copy is made per batch.
 */
import type * as Tf from '@tensorflow/tfjs';
import { tf } from './tf.js';
import { Rng, deriveSeed } from '../random.js';

/** The learned parameters of an embedding-bag model. */
export interface EmbeddingBagParams {
  /** Number of feature ids (rows of the embedding table). */
  vocabSize: number;
  /** Embedding dimension. */
  dim: number;
  /** Number of sigmoid output heads (1 + number of indicator heads). */
  heads: number;
  /** Embedding table, `vocabSize x dim`, row-major. */
  embedding: Float32Array;
  /** Output kernel, `dim x heads`, row-major. */
  kernel: Float32Array;
  /** Output bias, one per head. */
  bias: Float32Array;
}

/** Training data in CSR form with per-head targets and weights (`n x heads`, row-major). */
export interface BagTrainingData {
  /** Feature ids of all documents, document after document. */
  ids: Int32Array;
  /** Length n+1: document i has `ids[offsets[i] .. offsets[i+1])`. */
  offsets: Int32Array;
  /** Targets in {0, 1}, `n x heads`. */
  targets: Float32Array;
  /** Loss weights, `n x heads` (0 masks a head for a document). */
  weights: Float32Array;
}

/** Hyper-parameters of {@link trainEmbeddingBag}. */
export interface BagTrainingConfig {
  /** Number of feature ids. */
  vocabSize: number;
  /** Embedding dimension. */
  dim: number;
  /** Number of output heads. */
  heads: number;
  /** Passes over the data. */
  epochs: number;
  /** Largest number of documents per step; see {@link effectiveBatchSize}. */
  batchSize: number;
  /** Adam step size at the start; decays linearly to 10% of it by the last step. */
  learningRate: number;
  /** Seed for initialisation and shuffling. */
  seed: number;
  /** How a document's ids are pooled: `mean` (sum / n) or `sqrtn` (sum / sqrt(n)). */
  combiner: 'mean' | 'sqrtn';
  /** Decoupled weight decay per step (AdamW), applied to the embedding rows a step touches and the kernel. */
  weightDecay: number;
  /** Called after each epoch with its mean training loss. */
  onEpoch?: (epoch: number, loss: number) => void;
}

const BETA1 = 0.9;
const BETA2 = 0.999;
const EPSILON = 1e-8;

/** Adam moments for a parameter array; a step updates only the rows it is given (lazy Adam). */
class LazyAdam {
  readonly m: Float32Array;
  readonly v: Float32Array;
  constructor(size: number) {
    this.m = new Float32Array(size);
    this.v = new Float32Array(size);
  }
  /** Dense step: `param[i] -= lr * mhat / (sqrt(vhat) + eps)` with gradient `grad[i]`. */
  step(param: Float32Array, grad: Float64Array, lr: number, decay: number): void {
    const { m, v } = this;
    for (let i = 0; i < param.length; i++) {
      const g = grad[i] as number;
      const mi = BETA1 * (m[i] as number) + (1 - BETA1) * g;
      const vi = BETA2 * (v[i] as number) + (1 - BETA2) * g * g;
      m[i] = mi;
      v[i] = vi;
      param[i] = (param[i] as number) * decay - (lr * mi) / (Math.sqrt(vi) + EPSILON);
    }
  }
  /**
   * Sparse step on embedding rows `rows[0..count)` whose gradient is `dz[r] @ W^T` (`dz` is
   * `count x heads`, `W` is `dim x heads`), computed on the fly. Before updating a row it adds
   * the row's share of the kernel gradient `rows^T @ dz` into `dKernel`, so one pass does both.
   */
  stepProjected(table: Float32Array, rows: Int32Array, count: number, dim: number, dz: Float32Array, kernel: Float32Array, heads: number, lr: number, decay: number, dKernel: Float64Array): void {
    const { m, v } = this;
    const c1 = 1 - BETA1;
    const c2 = 1 - BETA2;
    for (let r = 0; r < count; r++) {
      const base = (rows[r] as number) * dim;
      const zb = r * heads;
      const dz0 = dz[zb] as number;
      for (let c = 0; c < dim; c++) {
        const i = base + c;
        const e = table[i] as number;
        let g: number;
        if (heads === 1) {
          dKernel[c] = (dKernel[c] as number) + e * dz0;
          g = dz0 * (kernel[c] as number);
        } else {
          g = 0;
          const wb = c * heads;
          for (let k = 0; k < heads; k++) {
            const d = dz[zb + k] as number;
            dKernel[wb + k] = (dKernel[wb + k] as number) + e * d;
            g += d * (kernel[wb + k] as number);
          }
        }
        const mi = BETA1 * (m[i] as number) + c1 * g;
        const vi = BETA2 * (v[i] as number) + c2 * g * g;
        m[i] = mi;
        v[i] = vi;
        table[i] = e * decay - (lr * mi) / (Math.sqrt(vi) + EPSILON);
      }
    }
  }
}

/** One batch's inputs: unique rows it touches and the flat id / segment layout over them. */
interface Batch {
  size: number;
  unique: Int32Array;
  uniqueCount: number;
  local: Int32Array;
  segments: Int32Array;
  inverseCounts: Float32Array;
}

/** Reusable per-step arrays, grown on demand (avoids allocating three id arrays per step). */
class Scratch {
  ids = new Int32Array(0);
  /** Three views of at least `n` ids each. */
  take(n: number): [Int32Array, Int32Array, Int32Array] {
    if (this.ids.length < 3 * n) this.ids = new Int32Array(3 * Math.max(n, Math.ceil(this.ids.length / 2)));
    const cap = this.ids.length / 3;
    return [this.ids.subarray(0, n), this.ids.subarray(cap, cap + n), this.ids.subarray(2 * cap, 2 * cap + n)];
  }
}

/** Builds a batch from documents `order[start..end)`; `mark`/`slot` are scratch arrays of vocabSize. */
function buildBatch(data: BagTrainingData, order: Int32Array, start: number, end: number, mark: Int32Array, slot: Int32Array, stamp: number, sqrtn: boolean, scratch: Scratch): Batch {
  const { ids, offsets } = data;
  const size = end - start;
  let nnz = 0;
  for (let b = start; b < end; b++) {
    const d = order[b] as number;
    nnz += (offsets[d + 1] as number) - (offsets[d] as number);
  }
  const [unique, local, segments] = scratch.take(nnz);
  const inverseCounts = new Float32Array(size);
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
  return { size, unique, uniqueCount: u, local, segments, inverseCounts };
}

/** Fisher-Yates shuffle of an index array with a seeded generator. */
function shuffleInPlace(order: Int32Array, rng: Rng): void {
  for (let i = order.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const tmp = order[i] as number;
    order[i] = order[j] as number;
    order[j] = tmp;
  }
}

function logit(p: number): number {
  const q = Math.min(Math.max(p, 1e-4), 1 - 1e-4);
  return Math.log(q / (1 - q));
}

/** Copies a float32 tensor's values into a new array and disposes the tensor. */
export function readAndDispose(tensor: Tf.Tensor): Float32Array {
  try {
    return (tensor.dataSync() as Float32Array).slice();
  } finally {
    tensor.dispose();
  }
}

/** Seeded initial parameters: small uniform embeddings, Glorot-uniform kernel, bias at the base-rate logit. */
export function initialParams(config: BagTrainingConfig, data: BagTrainingData): EmbeddingBagParams {
  const { vocabSize, dim, heads, seed } = config;
  const scale = 1 / dim;
  // (read values outside tidy: tidy walks whatever its callback returns, element by element)
  const embedding = readAndDispose(tf.randomUniform([vocabSize, dim], -scale, scale, 'float32', deriveSeed(seed, 'embedding')));
  const kernel = readAndDispose(tf.tidy(() => tf.initializers.glorotUniform({ seed: deriveSeed(seed, 'kernel') }).apply([dim, heads])));
  const bias = new Float32Array(heads);
  const n = data.offsets.length - 1;
  for (let k = 0; k < heads; k++) {
    let pos = 0;
    let total = 0;
    for (let i = 0; i < n; i++) {
      const w = data.weights[i * heads + k] as number;
      pos += w * (data.targets[i * heads + k] as number);
      total += w;
    }
    bias[k] = total > 0 ? logit(pos / total) : 0;
  }
  return { vocabSize, dim, heads, embedding, kernel, bias };
}

/** `z = rows @ W` for the batch's unique rows (`u x heads`). */
function project(table: Float32Array, unique: Int32Array, u: number, dim: number, kernel: Float32Array, heads: number): Float32Array {
  const z = new Float32Array(u * heads);
  if (heads === 1) {
    for (let r = 0; r < u; r++) {
      const base = (unique[r] as number) * dim;
      let acc = 0;
      for (let c = 0; c < dim; c++) acc += (table[base + c] as number) * (kernel[c] as number);
      z[r] = acc;
    }
    return z;
  }
  for (let r = 0; r < u; r++) {
    const base = (unique[r] as number) * dim;
    for (let k = 0; k < heads; k++) {
      let acc = 0;
      for (let c = 0; c < dim; c++) acc += (table[base + c] as number) * (kernel[c * heads + k] as number);
      z[r * heads + k] = acc;
    }
  }
  return z;
}

/**
 * One step's loss and gradients. TensorFlow.js runs the bag forward (`gather` of the projected
 * rows by the flat id tensor, `unsortedSegmentSum` by document) and its transpose backward
 * (`gather` by document, `unsortedSegmentSum` onto the rows). The 1/count scaling, the weighted
 * sigmoid cross-entropy and its derivative `w (sigmoid(logit) - y) / batch` are closed-form in
 * between, which replaces some forty small autodiff ops per step by one loop over the batch.
 */
function bagGradients(batch: Batch, z: Float32Array, bias: Float32Array, heads: number, targets: Float32Array, weights: Float32Array): { loss: number; dz: Float32Array; dBias: Float64Array } {
  const size = batch.size;
  const u = batch.uniqueCount;
  const local = tf.tensor1d(batch.local, 'int32');
  const segments = tf.tensor1d(batch.segments, 'int32');
  try {
    const sums = readAndDispose(tf.tidy(() => tf.unsortedSegmentSum(tf.gather(tf.tensor2d(z, [u, heads]), local), segments, size)));
    const dSums = new Float32Array(size * heads);
    const dBias = new Float64Array(heads);
    let loss = 0;
    for (let i = 0; i < size * heads; i++) {
      const inv = batch.inverseCounts[(i / heads) | 0] as number;
      const x = (sums[i] as number) * inv + (bias[i % heads] as number);
      const y = targets[i] as number;
      const w = weights[i] as number;
      // stable log(1 + e^x) - x y and d/dx = sigmoid(x) - y
      loss += w * (Math.max(x, 0) - x * y + Math.log1p(Math.exp(-Math.abs(x))));
      const p = x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
      const g = (w * (p - y)) / size;
      dSums[i] = g * inv;
      dBias[i % heads] = (dBias[i % heads] as number) + g;
    }
    const dz = readAndDispose(tf.tidy(() => tf.unsortedSegmentSum(tf.gather(tf.tensor2d(dSums, [size, heads]), segments), local, u)));
    return { loss: loss / size, dz, dBias };
  } finally {
    tf.dispose([local, segments]);
  }
}

/** Steps per epoch that small data sets are guaranteed (by using smaller batches). */
export const MIN_STEPS_PER_EPOCH = 64;
/** Smallest batch used for small data sets. */
export const MIN_BATCH_SIZE = 8;

/**
 * Documents per step for `n` training documents: `maxBatch`, or fewer when that would leave an
 * epoch with under {@link MIN_STEPS_PER_EPOCH} steps (but at least {@link MIN_BATCH_SIZE}), so
 * small data sets still get enough optimiser steps.
 */
export function effectiveBatchSize(n: number, maxBatch: number): number {
  return Math.max(1, Math.min(maxBatch, Math.max(MIN_BATCH_SIZE, Math.ceil(n / MIN_STEPS_PER_EPOCH))));
}

/** Trains an embedding-bag model on CSR data; deterministic for the same data, config and backend. */
export function trainEmbeddingBag(data: BagTrainingData, config: BagTrainingConfig): EmbeddingBagParams {
  const { vocabSize, dim, heads, epochs } = config;
  const n = data.offsets.length - 1;
  const batchSize = effectiveBatchSize(n, config.batchSize);
  const params = initialParams(config, data);
  const adamE = new LazyAdam(vocabSize * dim);
  const adamW = new LazyAdam(dim * heads);
  const adamB = new LazyAdam(heads);
  const mark = new Int32Array(vocabSize).fill(-1);
  const slot = new Int32Array(vocabSize);
  const order = new Int32Array(n);
  const scratch = new Scratch();
  const stepsPerEpoch = Math.ceil(n / batchSize);
  const totalSteps = Math.max(1, stepsPerEpoch * epochs);
  let t = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = 0; i < n; i++) order[i] = i;
    shuffleInPlace(order, new Rng(deriveSeed(config.seed, 'shuffle', epoch)));
    let lossSum = 0;
    for (let start = 0; start < n; start += batchSize) {
      const end = Math.min(n, start + batchSize);
      const batch = buildBatch(data, order, start, end, mark, slot, t, config.combiner === 'sqrtn', scratch);
      const size = batch.size;
      const targets = new Float32Array(size * heads);
      const weights = new Float32Array(size * heads);
      for (let b = 0; b < size; b++) {
        const d = (order[start + b] as number) * heads;
        for (let k = 0; k < heads; k++) {
          targets[b * heads + k] = data.targets[d + k] as number;
          weights[b * heads + k] = data.weights[d + k] as number;
        }
      }
      const u = batch.uniqueCount;
      const z = project(params.embedding, batch.unique, u, dim, params.kernel, heads);
      const { loss, dz, dBias } = bagGradients(batch, z, params.bias, heads, targets, weights);
      lossSum += loss * size;
      t++;
      const schedule = 1 - (0.9 * (t - 1)) / totalSteps;
      const lr = (config.learningRate * schedule * Math.sqrt(1 - BETA2 ** t)) / (1 - BETA1 ** t);
      const shrink = 1 - config.learningRate * schedule * config.weightDecay;
      // E's gradient uses the pre-step kernel and W's the pre-step rows, so W is updated last
      const dKernel = new Float64Array(dim * heads);
      adamE.stepProjected(params.embedding, batch.unique, u, dim, dz, params.kernel, heads, lr, shrink, dKernel);
      adamW.step(params.kernel, dKernel, lr, shrink);
      adamB.step(params.bias, dBias, lr, 1);
    }
    config.onEpoch?.(epoch, n > 0 ? lossSum / n : 0);
  }
  return params;
}
