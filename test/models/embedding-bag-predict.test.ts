/**
 * Prediction with the saved reference embedding-bag model: a document's score does not depend
 * on the chunk it is scored in (what lets `predict` score chunks as worker threads finish them),
 * and equals the score computed from ids encoded by the string-token encoder.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
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
    const projection = tf.tensor2d(table, [params.params.vocabSize, 1]);
    const expected = scoreProjected(projection, params.params.bias, 0, 1, docs, params.combiner);
    projection.dispose();
    expect(scores).toEqual(expected);
    expect(model.predictThreadsUsed).toBe(1);
  });

  it('rejects a thread count below 1', () => {
    expect(() => new EmbeddingBagClassifier({ predictThreads: 0 })).toThrow(InputError);
  });
});
