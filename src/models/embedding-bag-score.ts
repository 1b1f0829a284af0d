/**
 * Scoring with a trained embedding-bag model. The output layer is linear, so the embedding
 * table is projected onto the heads once per call (`E @ W`, one value per feature id and head)
 * and a document's logit is the mean of its ids' projections plus the bias, summed in plain
 * JavaScript (see {@link scoreProjected}).
 */
import { tf } from './tf.js';
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

/**
 * Sigmoid scores of `docs` for heads `[from, to)` given their projection table (from
 * {@link projectHeads}, `vocabSize x (to - from)` row-major): an `n x (to - from)` row-major
 * array. A document's logit is the mean (or `sqrtn` sum) of its ids' rows plus the bias; an
 * empty document scores the sigmoid of the bias. `combiner` must be the one the model was
 * trained with. Plain JavaScript over typed arrays (sums in double precision): after the
 * projection a document costs one table read per id, far less than building tensors for a
 * gather and a segment sum, and the scores do not depend on the backend.
 */
export function scoreProjected(
  table: Float32Array,
  bias: Float32Array,
  from: number,
  to: number,
  docs: EncodedDocs,
  combiner: 'mean' | 'sqrtn',
): Float32Array {
  const width = to - from;
  const n = docs.offsets.length - 1;
  const out = new Float32Array(Math.max(0, n) * width);
  const { ids, offsets } = docs;
  const sqrtn = combiner === 'sqrtn';
  if (width === 1) {
    const b = bias[from] as number;
    for (let d = 0; d < n; d++) {
      const s = offsets[d] as number;
      const e = offsets[d + 1] as number;
      let acc = 0;
      for (let i = s; i < e; i++) acc += table[ids[i] as number] as number;
      const inv = e > s ? 1 / (sqrtn ? Math.sqrt(e - s) : e - s) : 0;
      out[d] = 1 / (1 + Math.exp(-(acc * inv + b)));
    }
    return out;
  }
  const sums = new Float64Array(width);
  for (let d = 0; d < n; d++) {
    const s = offsets[d] as number;
    const e = offsets[d + 1] as number;
    sums.fill(0);
    for (let i = s; i < e; i++) {
      const row = (ids[i] as number) * width;
      for (let k = 0; k < width; k++) sums[k] = (sums[k] as number) + (table[row + k] as number);
    }
    const inv = e > s ? 1 / (sqrtn ? Math.sqrt(e - s) : e - s) : 0;
    for (let k = 0; k < width; k++) out[d * width + k] = 1 / (1 + Math.exp(-((sums[k] as number) * inv + (bias[from + k] as number))));
  }
  return out;
}
