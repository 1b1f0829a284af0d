/**
 * Prediction with the saved reference embedding-bag model: a document's score does not depend
 * on the chunk it is scored in (what lets `predict` score chunks as worker threads finish them),
 * and equals the score computed from ids encoded by the string-token encoder.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { EmbeddingBagClassifier } from '../../src/models/embedding-bag.js';
import { projectHeads, scoreProjected } from '../../src/models/embedding-bag-score.js';
import { Featurizer } from '../../src/text/index.js';
import { InputError } from '../../src/errors.js';

const root = join(import.meta.dirname, '..', '..');
const dir = join(root, 'models', 'embedding-bag');
const rows = parse(readFileSync(join(root, 'data-synthetic', 'baseline-test.csv'), 'utf8'), { columns: true }) as Array<{ text: string }>;
const texts = rows.map((r) => r.text);

describe('embedding-bag predict on the reference model', () => {
  it('gives the same scores whatever the chunk size', async () => {
    const whole = await (await EmbeddingBagClassifier.load(dir)).predict(texts);
    const chunked = await (await EmbeddingBagClassifier.load(dir, { predictChunk: 37, predictThreads: 1 })).predict(texts);
    expect(chunked).toEqual(whole);
    const single = await (await EmbeddingBagClassifier.load(dir)).predict(texts.slice(500, 501));
    expect(single[0]).toBe(whole[500]);
  });

  it('gives the scores of ids from the string-token encoder', async () => {
    const model = await EmbeddingBagClassifier.load(dir, { predictThreads: 1 });
    const scores = await model.predict(texts);
    const featurizer = Featurizer.fromJSON(JSON.parse(readFileSync(join(dir, 'featurizer.json'), 'utf8')));
    const docs = featurizer.encodeBatchWithTokenStrings(texts);
    // the parameters as saved, through the same scoring functions
    const params = (model as unknown as { trained: { params: Parameters<typeof projectHeads>[0]; combiner: 'mean' | 'sqrtn' } }).trained;
    const table = projectHeads(params.params, 0, 1);
    const expected = scoreProjected(table, params.params.bias, 0, 1, docs, params.combiner);
    expect(scores).toEqual(expected);
    expect(model.predictThreadsUsed).toBe(1);
  });

  it('scores as the network computes them: sigmoid(mean of embeddings . kernel + bias), via tfjs ops', async () => {
    const model = await EmbeddingBagClassifier.load(dir, { predictThreads: 1 });
    const sample = texts.slice(0, 200);
    const scores = await model.predict(sample);
    const { params, featurizer, combiner } = (model as unknown as { trained: { params: Parameters<typeof projectHeads>[0]; featurizer: Featurizer; combiner: 'mean' | 'sqrtn' } }).trained;
    expect(combiner).toBe('mean');
    const docs = featurizer.encodeBatch(sample);
    const E = tf.tensor2d(params.embedding, [params.vocabSize, params.dim]);
    const W = tf.slice(tf.tensor2d(params.kernel, [params.dim, params.heads]), [0, 0], [params.dim, 1]);
    for (let d = 0; d < sample.length; d++) {
      const ids = docs.ids.subarray(docs.offsets[d]!, docs.offsets[d + 1]!);
      const want = tf.tidy(() => tf.sigmoid(tf.add(tf.matMul(tf.mean(tf.gather(E, tf.tensor1d(ids, 'int32')), 0, true), W), params.bias[0]!)).dataSync()[0]!);
      expect(Math.abs(scores[d]! - want)).toBeLessThan(1e-5);
    }
    E.dispose();
    W.dispose();
  });

  it('scores several heads at once, row-major', () => {
    // 3 ids x 2 heads; documents [0, 2], [], [1]
    const table = new Float32Array([1, -1, 2, 0.5, -3, 4]);
    const docs = { ids: new Int32Array([0, 2, 1]), offsets: new Int32Array([0, 2, 2, 3]) };
    const out = scoreProjected(table, new Float32Array([0, 0.25, -0.5]), 1, 3, docs, 'mean');
    const sig = (x: number) => 1 / (1 + Math.exp(-x));
    const want = [sig((1 - 3) / 2 + 0.25), sig((-1 + 4) / 2 - 0.5), sig(0.25), sig(-0.5), sig(2 + 0.25), sig(0.5 - 0.5)];
    want.forEach((w, i) => expect(out[i]).toBeCloseTo(w, 6));
    const sq = scoreProjected(table, new Float32Array([0, 0, 0]), 1, 3, docs, 'sqrtn');
    expect(sq[0]).toBeCloseTo(sig((1 - 3) / Math.SQRT2), 6);
  });

  it('rejects a thread count below 1', () => {
    expect(() => new EmbeddingBagClassifier({ predictThreads: 0 })).toThrow(InputError);
  });
});
