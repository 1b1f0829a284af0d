/**
 * Scoring with a trained embedding-bag model. The output layer is linear, so the embedding
 * table is projected onto the heads once per call (`E @ W`, one value per feature id and head)
 * and a document's logit is the mean of its ids' projections plus the bias: a `gather` of the
 * projection by one flat id tensor, an `unsortedSegmentSum` by document, divided by counts.
 */
import * as tf from '@tensorflow/tfjs';
import { readAndDispose, type EmbeddingBagParams } from './embedding-bag-train.js';

/** Encoded documents in CSR form. */
export interface EncodedDocs {
  /** Feature ids, document after document. */
  ids: Int32Array;
  /** Length n+1 offsets into `ids`. */
  offsets: Int32Array;
}

/** Projects the embedding table onto heads `[from, to)`: a `vocabSize x (to - from)` row-major table. */
export function projectHeads(params: EmbeddingBagParams, from: number, to: number): Float32Array {
  const { vocabSize, dim, heads } = params;
  return readAndDispose(
    tf.tidy(() => {
      const kernel = tf.slice(tf.tensor2d(params.kernel, [dim, heads]), [0, from], [dim, to - from]);
      return tf.matMul(tf.tensor2d(params.embedding, [vocabSize, dim]), kernel);
    }),
  );
}

/** Segment-id buffer reused by {@link scoreProjected} (it only grows, up to the largest chunk). */
let segmentScratch = new Int32Array(0);

/**
 * Sigmoid scores of `docs` for heads `[from, to)` given their projection table (from
 * {@link projectHeads}): an `n x (to - from)` row-major array. An empty document scores the
 * sigmoid of the bias. `combiner` must be the one the model was trained with.
 */
export function scoreProjected(
  projection: tf.Tensor2D,
  bias: Float32Array,
  from: number,
  to: number,
  docs: EncodedDocs,
  combiner: 'mean' | 'sqrtn',
): Float32Array {
  const n = docs.offsets.length - 1;
  if (n === 0) return new Float32Array(0);
  // the segment ids go into a tensor (copied or used within this call only): reuse one buffer
  if (segmentScratch.length < docs.ids.length) segmentScratch = new Int32Array(Math.max(docs.ids.length, segmentScratch.length * 2));
  const segments = segmentScratch.subarray(0, docs.ids.length);
  const inverse = new Float32Array(n);
  for (let d = 0; d < n; d++) {
    const s = docs.offsets[d] as number;
    const e = docs.offsets[d + 1] as number;
    inverse[d] = e > s ? 1 / (combiner === 'sqrtn' ? Math.sqrt(e - s) : e - s) : 0;
    segments.fill(d, s, e);
  }
  const scores = tf.tidy(() => {
    const ids = tf.tensor1d(docs.ids, 'int32');
    const sums = tf.unsortedSegmentSum(tf.gather(projection, ids), tf.tensor1d(segments, 'int32'), n);
    const logits = tf.add(tf.mul(sums, tf.tensor2d(inverse, [n, 1])), tf.tensor1d(bias.subarray(from, to)));
    return tf.sigmoid(logits);
  });
  return readAndDispose(scores);
}
