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
import type * as Tf from '@tensorflow/tfjs-core';
import { tf } from './tf.js';
import { Rng, deriveSeed } from '../random.js';
import { batchTargets, buildBatch, Scratch, type Batch } from './embedding-bag-batch.js';

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

/**
 * A seeded Glorot-uniform `[fanIn, fanOut]` matrix: uniform on +-sqrt(6 / (fanIn + fanOut)), the
 * same draws, bit for bit, as `tf.initializers.glorotUniform({ seed }).apply([fanIn, fanOut])` of
 * TensorFlow.js Layers (which adscreen does not load).
 */
function glorotUniform(fanIn: number, fanOut: number, seed: number): Tf.Tensor {
  const limit = Math.sqrt(3 / Math.max(1, (fanIn + fanOut) / 2));
  return tf.randomUniform([fanIn, fanOut], -limit, limit, 'float32', seed);
}

/** Seeded initial parameters: small uniform embeddings, Glorot-uniform kernel, bias at the base-rate logit. */
export function initialParams(config: BagTrainingConfig, data: BagTrainingData): EmbeddingBagParams {
  const { vocabSize, dim, heads, seed } = config;
  const scale = 1 / dim;
  // (read values outside tidy: tidy walks whatever its callback returns, element by element)
  const embedding = readAndDispose(tf.randomUniform([vocabSize, dim], -scale, scale, 'float32', deriveSeed(seed, 'embedding')));
  const kernel = readAndDispose(glorotUniform(dim, heads, deriveSeed(seed, 'kernel')));
  const bias = new Float32Array(heads);
  baseRateBias(data.targets, data.weights, data.offsets.length - 1, heads, bias);
  return { vocabSize, dim, heads, embedding, kernel, bias };
}

/** Writes each head's base-rate logit into `bias` (the loop of {@link initialParams}, its own function for the reason given at `fillBatch` in embedding-bag-batch.ts). */
function baseRateBias(targets: Float32Array, weights: Float32Array, n: number, heads: number, bias: Float32Array): void {
  for (let k = 0; k < heads; k++) {
    let pos = 0;
    let total = 0;
    for (let i = 0; i < n; i++) {
      const w = weights[i * heads + k] as number;
      pos += w * (targets[i * heads + k] as number);
      total += w;
    }
    bias[k] = total > 0 ? logit(pos / total) : 0;
  }
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
    const loss = lossAndGradients(sums, batch.inverseCounts, bias, heads, targets, weights, size, dSums, dBias);
    const dz = readAndDispose(tf.tidy(() => tf.unsortedSegmentSum(tf.gather(tf.tensor2d(dSums, [size, heads]), segments), local, u)));
    return { loss: loss / size, dz, dBias };
  } finally {
    tf.dispose([local, segments]);
  }
}

/**
 * The closed-form middle of {@link bagGradients}: the weighted loss summed over the batch
 * (returned), its gradient with respect to the bag sums (`dSums`) and to the bias (`dBias`).
 * Both signs of a logit take the same operations (`e = exp(-|x|)`; sigmoid(x) is `1 / (1 + e)`
 * for x >= 0 and `e / (1 + e)` below), so no branch is left without type feedback when early
 * batches all have logits of one sign.
 */
function lossAndGradients(sums: Float32Array, inverseCounts: Float32Array, bias: Float32Array, heads: number, targets: Float32Array, weights: Float32Array, size: number, dSums: Float32Array, dBias: Float64Array): number {
  let loss = 0;
  for (let i = 0; i < size * heads; i++) {
    const inv = inverseCounts[(i / heads) | 0] as number;
    const x = (sums[i] as number) * inv + (bias[i % heads] as number);
    const y = targets[i] as number;
    const w = weights[i] as number;
    // stable log(1 + e^x) - x y and d/dx = sigmoid(x) - y
    const e = Math.exp(-Math.abs(x));
    loss += w * (Math.max(x, 0) - x * y + Math.log1p(e));
    const p = (x >= 0 ? 1 : e) / (1 + e);
    const g = (w * (p - y)) / size;
    dSums[i] = g * inv;
    dBias[i % heads] = (dBias[i % heads] as number) + g;
  }
  return loss;
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
  const stepsPerEpoch = Math.ceil(n / batchSize);
  const state: TrainingState = {
    data,
    config,
    params,
    batchSize,
    adamE: new LazyAdam(vocabSize * dim),
    adamW: new LazyAdam(dim * heads),
    adamB: new LazyAdam(heads),
    mark: new Int32Array(vocabSize).fill(-1),
    slot: new Int32Array(vocabSize),
    order: new Int32Array(n),
    scratch: new Scratch(),
    totalSteps: Math.max(1, stepsPerEpoch * epochs),
  };
  for (let epoch = 0; epoch < epochs; epoch++) {
    identityOrder(state.order);
    shuffleInPlace(state.order, new Rng(deriveSeed(config.seed, 'shuffle', epoch)));
    // every epoch takes stepsPerEpoch steps, so the step counter is known at its start
    const lossSum = trainEpoch(state, epoch * stepsPerEpoch);
    config.onEpoch?.(epoch, n > 0 ? lossSum / n : 0);
  }
  return params;
}

/** What the steps of {@link trainEmbeddingBag} share. */
interface TrainingState {
  data: BagTrainingData;
  config: BagTrainingConfig;
  params: EmbeddingBagParams;
  batchSize: number;
  adamE: LazyAdam;
  adamW: LazyAdam;
  adamB: LazyAdam;
  mark: Int32Array;
  slot: Int32Array;
  order: Int32Array;
  scratch: Scratch;
  totalSteps: number;
}

/** `order[i] = i`. */
function identityOrder(order: Int32Array): void {
  for (let i = 0; i < order.length; i++) order[i] = i;
}

/**
 * One pass over the data in `state.order`, steps numbered from `t0 + 1`; returns the sum of the
 * batch losses times batch sizes. The epoch's loop is its own function, returning a number, for
 * the reason given at `fillBatch` in embedding-bag-batch.ts.
 */
function trainEpoch(state: TrainingState, t0: number): number {
  const { data, config, params, batchSize, adamE, adamW, adamB, mark, slot, order, scratch, totalSteps } = state;
  const { dim, heads } = config;
  const n = order.length;
  const sqrtn = config.combiner === 'sqrtn';
  let t = t0;
  let lossSum = 0;
  for (let start = 0; start < n; start += batchSize) {
    const end = Math.min(n, start + batchSize);
    const batch = buildBatch(data, order, start, end, mark, slot, t, sqrtn, scratch);
    const size = batch.size;
    const targets = new Float32Array(size * heads);
    const weights = new Float32Array(size * heads);
    batchTargets(data, order, start, size, heads, targets, weights);
    const u = batch.uniqueCount;
    const z = project(params.embedding, batch.unique, u, dim, params.kernel, heads);
    const grads = bagGradients(batch, z, params.bias, heads, targets, weights);
    lossSum += grads.loss * size;
    t++;
    const schedule = 1 - (0.9 * (t - 1)) / totalSteps;
    const lr = (config.learningRate * schedule * Math.sqrt(1 - BETA2 ** t)) / (1 - BETA1 ** t);
    const shrink = 1 - config.learningRate * schedule * config.weightDecay;
    // E's gradient uses the pre-step kernel and W's the pre-step rows, so W is updated last
    const dKernel = new Float64Array(dim * heads);
    adamE.stepProjected(params.embedding, batch.unique, u, dim, grads.dz, params.kernel, heads, lr, shrink, dKernel);
    adamW.step(params.kernel, dKernel, lr, shrink);
    adamB.step(params.bias, grads.dBias, lr, 1);
  }
  return lossSum;
}
