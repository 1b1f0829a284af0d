import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync, existsSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs'; // the whole bundle: the directoryHandler test saves a Layers model
import { EmbeddingBagClassifier } from '../../src/models/embedding-bag.js';
import { backendName, initBackend } from '../../src/models/backend.js';
import { generate, loadScenario } from '../../src/generate/index.js';
import { InputError } from '../../src/errors.js';
import type { AdRecord } from '../../src/record.js';
import type { TrainingExample } from '../../src/models/classifier.js';

import { rocAuc } from './baseline-helpers.js';

/** ROC-AUC of scores against labels (the test helpers' independent rank-sum implementation). */
const auc = (scores: ArrayLike<number>, labels: ArrayLike<number>): number => rocAuc(labels, scores);

const tmp = (): string => mkdtempSync(join(tmpdir(), 'adscreen-eb-'));

function toy(n: number): TrainingExample[] {
  const filler = ['call', 'today', 'nice', 'friendly', 'downtown', 'hours', 'available', 'weekend'];
  const out: TrainingExample[] = [];
  for (let i = 0; i < n; i++) {
    const y = (i % 3 === 0 ? 1 : 0) as 0 | 1;
    const words = [filler[i % 8], filler[(i * 5) % 8], y === 1 ? 'alpha' : 'beta', filler[(i * 3) % 8]];
    out.push({ text: words.join(' '), label: y, observedLabel: y });
  }
  return out;
}

let records: AdRecord[];
let train: AdRecord[];
let test: AdRecord[];

beforeAll(async () => {
  await initBackend();
  records = generate(loadScenario('baseline'), { n: 3000, seed: 3 });
  train = records.slice(0, 2400);
  test = records.slice(2400);
});

describe('auc helper (hand example)', () => {
  it('counts correctly ordered pairs, ties as half', () => {
    // pairs (pos, neg): (0.8,0.1) (0.8,0.4) (0.4,0.1) (0.4,0.4)=tie -> 3.5 / 4
    expect(auc([0.1, 0.4, 0.8, 0.4], [0, 0, 1, 1])).toBeCloseTo(0.875, 12);
  });
});

describe('EmbeddingBagClassifier', () => {
  it('separates a separable toy corpus', async () => {
    const model = new EmbeddingBagClassifier({ featurizer: { minCount: 1 } });
    const data = toy(300);
    const losses: number[] = [];
    await model.fit(data, { epochs: 8, seed: 1, onEpoch: (_e, loss) => losses.push(loss) });
    expect(losses).toHaveLength(8);
    expect(losses[7] as number).toBeLessThan(losses[0] as number);
    const scores = await model.predict(['nice alpha today', 'nice beta today']);
    expect(scores[0] as number).toBeGreaterThan(0.9);
    expect(scores[1] as number).toBeLessThan(0.1);
  });

  it('learns a generated scenario well above chance', async () => {
    const model = new EmbeddingBagClassifier();
    await model.fit(train, { seed: 2, labelField: 'label' });
    const scores = await model.predict(test.map((r) => r.text));
    expect(scores).toHaveLength(test.length);
    for (const s of scores) expect(s >= 0 && s <= 1).toBe(true);
    // (scikit-learn's tf-idf logistic regression reaches about 0.78 on this split)
    expect(auc(scores, test.map((r) => r.label))).toBeGreaterThan(0.7);
    const card = model.card();
    expect(card.model).toBe('embedding-bag');
    expect(card.backend).toBe(backendName());
    expect(card.trainingData['size']).toBe(train.length);
  });

  it('is deterministic: same data, seed and backend give the same scores; another seed does not', async () => {
    const fit = async (seed: number) => {
      const m = new EmbeddingBagClassifier({ epochs: 2 });
      await m.fit(train, { seed });
      return m.predict(test.map((r) => r.text));
    };
    const a = await fit(7);
    const b = await fit(7);
    const c = await fit(8);
    expect(Array.from(b)).toEqual(Array.from(a));
    expect(Array.from(c)).not.toEqual(Array.from(a));
  });

  it('honours sample weights: zero-weight contradicting copies are ignored', async () => {
    const base = toy(240);
    const flipped = base.map((r) => ({ ...r, label: (1 - r.label) as 0 | 1, observedLabel: (1 - r.observedLabel) as 0 | 1 }));
    const data = [...base, ...flipped];
    const weights = data.map((_, i) => (i < base.length ? 1 : 0));
    const model = new EmbeddingBagClassifier({ featurizer: { minCount: 1 } });
    await model.fit(data, { epochs: 8, seed: 1, weights });
    const [alpha, beta] = await model.predict(['nice alpha', 'nice beta']);
    expect(alpha as number).toBeGreaterThan(0.8);
    expect(beta as number).toBeLessThan(0.2);
  });

  it('scores an empty or out-of-vocabulary text at the base rate instead of failing', async () => {
    const model = new EmbeddingBagClassifier({ featurizer: { minCount: 1 } });
    const data = toy(90);
    await model.fit(data, { epochs: 1, seed: 1 });
    const [empty, unknown] = await model.predict(['', 'zzz qqq']);
    expect(empty).toBeCloseTo(unknown as number, 6);
    expect(empty as number).toBeCloseTo(1 / 3, 1);
  });

  it('round-trips through save/load with identical scores, card and files', async () => {
    const model = new EmbeddingBagClassifier({ epochs: 2 });
    await model.fit(train, { seed: 4 });
    const dir = join(tmp(), 'model');
    await model.save(dir);
    for (const f of ['model.json', 'weights.bin', 'featurizer.json', 'card.json', 'card.md']) expect(existsSync(join(dir, f))).toBe(true);
    const modelJson = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as { weightsManifest: Array<{ paths: string[] }> };
    expect(modelJson.weightsManifest[0]?.paths).toEqual(['weights.bin']);
    const loaded = await EmbeddingBagClassifier.load(dir);
    const texts = test.map((r) => r.text);
    expect(Array.from(await loaded.predict(texts))).toEqual(Array.from(await model.predict(texts)));
    expect(loaded.card()).toEqual(model.card());
    expect(readFileSync(join(dir, 'card.md'), 'utf8')).toContain('# Model card: embedding-bag');
  });

  it('does not leak tensors across fit, predict, save and load', async () => {
    const before = tf.memory().numTensors;
    const model = new EmbeddingBagClassifier({ epochs: 1, indicatorHeads: true });
    await model.fit(train.slice(0, 600), { seed: 1 });
    await model.predict(test.map((r) => r.text));
    await model.predictIndicators(test.slice(0, 50).map((r) => r.text));
    const dir = join(tmp(), 'm');
    await model.save(dir);
    await (await EmbeddingBagClassifier.load(dir)).predict(['hello']);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('with indicatorHeads, predicts which indicators a text shows', async () => {
    const model = new EmbeddingBagClassifier({ indicatorHeads: true, epochs: 8 });
    await model.fit(train, { seed: 5 });
    const texts = test.map((r) => r.text);
    const { indicators, probabilities } = await model.predictIndicators(texts);
    const seen = [...new Set(train.flatMap((r) => r.indicators.map((s) => s.id)))].sort();
    expect(indicators).toEqual(seen);
    expect(probabilities).toHaveLength(indicators.length);
    for (const p of probabilities) expect(p).toHaveLength(texts.length);
    // indicators with enough test examples: most are recognised almost perfectly (scikit-learn's
    // tf-idf logistic regression, one per indicator, reaches 0.96-1.0 on most of them; contact
    // formats such as obscured-phone are masked by the tokenizer and stay harder)
    const aucs = new Map<string, number>();
    indicators.forEach((id, j) => {
      const truth = test.map((r) => (r.indicators.some((s) => s.id === id) ? 1 : 0));
      const positives = truth.reduce((a: number, b) => a + b, 0);
      if (positives >= 20 && positives <= test.length - 20) aucs.set(id, auc(probabilities[j] as Float32Array, truth));
    });
    expect(aucs.size).toBeGreaterThan(5);
    const sorted = [...aucs.values()].sort((a, b) => a - b);
    expect(sorted[Math.floor(sorted.length / 2)] as number).toBeGreaterThan(0.95);
    expect(aucs.get('availability-24-7') ?? 1).toBeGreaterThan(0.98);
    // the main head still works
    expect(auc(await model.predict(texts), test.map((r) => r.label))).toBeGreaterThan(0.7);
  });

  it('trains on the plain CPU backend when asked, and says so in its card', async () => {
    const model = new EmbeddingBagClassifier({ backend: 'cpu', epochs: 1 });
    await model.fit(train.slice(0, 400), { seed: 1 });
    expect(model.card().backend).toBe('cpu');
    await initBackend({ prefer: 'wasm' });
  });

  it('rejects unknown options and predicting before training', async () => {
    expect(() => new EmbeddingBagClassifier({ dims: 8 } as never)).toThrow(InputError);
    expect(() => new EmbeddingBagClassifier({ dim: 0 })).toThrow(/options\.dim/);
    await expect(new EmbeddingBagClassifier().predict(['x'])).rejects.toThrow(/not trained/);
  });

  describe('loading a corrupted or foreign directory', () => {
    let dir: string;
    beforeAll(async () => {
      const model = new EmbeddingBagClassifier({ epochs: 1, featurizer: { minCount: 1 } });
      await model.fit(toy(60), { seed: 1 });
      dir = join(tmp(), 'good');
      await model.save(dir);
    });
    const copy = (): string => {
      const d = join(tmp(), 'copy');
      mkdirSync(d);
      for (const f of ['model.json', 'weights.bin', 'featurizer.json', 'card.json', 'card.md']) writeFileSync(join(d, f), readFileSync(join(dir, f)));
      return d;
    };

    it('names weights.bin when it is truncated', async () => {
      const d = copy();
      const bytes = readFileSync(join(d, 'weights.bin'));
      writeFileSync(join(d, 'weights.bin'), bytes.subarray(0, bytes.length - 4));
      await expect(EmbeddingBagClassifier.load(d)).rejects.toThrow(InputError);
      await expect(EmbeddingBagClassifier.load(d)).rejects.toThrow(/weights\.bin: has \d+ bytes but model\.json describes \d+/);
    });

    it('names model.json when it is not JSON or missing', async () => {
      const d = copy();
      writeFileSync(join(d, 'model.json'), '{ not json');
      await expect(EmbeddingBagClassifier.load(d)).rejects.toThrow(/model\.json: not valid JSON/);
      rmSync(join(d, 'model.json'));
      await expect(EmbeddingBagClassifier.load(d)).rejects.toThrow(/model\.json: missing/);
    });

    it('names featurizer.json when it is missing', async () => {
      const d = copy();
      rmSync(join(d, 'featurizer.json'));
      await expect(EmbeddingBagClassifier.load(d)).rejects.toThrow(/featurizer\.json/);
    });

    it('names card.json for a foreign directory or another model family', async () => {
      const empty = tmp();
      await expect(EmbeddingBagClassifier.load(empty)).rejects.toThrow(/card\.json/);
      const d = copy();
      const card = JSON.parse(readFileSync(join(d, 'card.json'), 'utf8')) as Record<string, unknown>;
      writeFileSync(join(d, 'card.json'), JSON.stringify({ ...card, model: 'naive-bayes' }));
      await expect(EmbeddingBagClassifier.load(d)).rejects.toThrow(/card\.json: .*"naive-bayes"/);
    });

    it('names model.json when its format is foreign', async () => {
      const d = copy();
      const json = JSON.parse(readFileSync(join(d, 'model.json'), 'utf8')) as Record<string, unknown>;
      writeFileSync(join(d, 'model.json'), JSON.stringify({ ...json, format: 'layers-model' }));
      await expect(EmbeddingBagClassifier.load(d)).rejects.toThrow(/model\.json: format: expected format "adscreen-embedding-bag\/1"/);
    });
  });
});

describe('directoryHandler (tfjs IO on every backend)', () => {
  it('saves and loads a TensorFlow.js layers model as model.json + weights.bin', async () => {
    const { directoryHandler } = await import('../../src/models/tfjs-io.js');
    const model = tf.sequential({ layers: [tf.layers.dense({ units: 2, inputShape: [3], kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) })] });
    const dir = tmp();
    await model.save(directoryHandler(dir));
    expect(existsSync(join(dir, 'model.json'))).toBe(true);
    expect(readFileSync(join(dir, 'weights.bin')).length).toBe((3 * 2 + 2) * 4);
    const loaded = await tf.loadLayersModel(directoryHandler(dir));
    const x = tf.tensor2d([[1, 2, 3], [-1, 0.5, 2]]);
    const a = model.predict(x) as tf.Tensor;
    const b = loaded.predict(x) as tf.Tensor;
    expect(Array.from(b.dataSync())).toEqual(Array.from(a.dataSync()));
    tf.dispose([x, a, b]);
    model.dispose();
    loaded.dispose();
  });
});

describe('initialParams', () => {
  it('draws the kernel exactly as TensorFlow.js Layers glorotUniform does, for the same seed', async () => {
    const { initialParams } = await import('../../src/models/embedding-bag-train.js');
    const { deriveSeed } = await import('../../src/random.js');
    await initBackend({ prefer: 'wasm' });
    for (const [dim, heads, seed] of [
      [16, 1, 7],
      [48, 3, 2024],
      [5, 2, 4294967295],
    ] as const) {
      const n = 4;
      const data = { ids: new Int32Array(0), offsets: new Int32Array(n + 1), targets: new Float32Array(n * heads).fill(1), weights: new Float32Array(n * heads).fill(1) };
      const config = { vocabSize: 10, dim, heads, epochs: 1, batchSize: 4, learningRate: 0.1, seed, combiner: 'mean' as const, weightDecay: 0 };
      const { kernel } = initialParams(config, data);
      const expected = tf.tidy(() => tf.initializers.glorotUniform({ seed: deriveSeed(seed, 'kernel') }).apply([dim, heads]).dataSync().slice());
      expect(Array.from(kernel)).toEqual(Array.from(expected));
    }
  });
});
