import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LogisticRegressionClassifier } from '../../src/models/logreg.js';
import { baselineSplit, ex, rocAuc, tempDir, toyCorpus } from './baseline-helpers.js';

function separable(n: number) {
  const fillers = ['sun', 'moon', 'star', 'sky', 'sea', 'hill'];
  return Array.from({ length: n }, (_, i) => {
    const y = (i % 2) as 0 | 1;
    return ex(`${fillers[i % 6]} ${fillers[(i * 5) % 6]} ${y === 1 ? 'alpha' : 'beta'} ${fillers[(i * 7) % 6]}`, y);
  });
}

describe('logreg', () => {
  it('learns a separable toy problem well', async () => {
    const train = separable(400);
    const test = separable(101).slice(1);
    const lr = new LogisticRegressionClassifier();
    const losses: number[] = [];
    await lr.fit(train, { epochs: 5, onEpoch: (e, loss) => losses.push(e, loss) });
    const scores = await lr.predict(test.map((r) => r.text));
    expect(rocAuc(test.map((r) => r.label), scores)).toBe(1);
    for (let i = 0; i < test.length; i++) {
      if (test[i]!.label === 1) expect(scores[i]!).toBeGreaterThan(0.8);
      else expect(scores[i]!).toBeLessThan(0.2);
    }
    // epochs counted from 0 (as in tfjs and Keras), loss falls
    expect(losses.filter((_, i) => i % 2 === 0)).toEqual([0, 1, 2, 3, 4]);
    expect(losses[9]!).toBeLessThan(losses[1]!);
  });

  it('moves scores up when positive examples weigh more', async () => {
    const data = toyCorpus(300);
    const texts = data.map((r) => r.text);
    const plain = new LogisticRegressionClassifier();
    await plain.fit(data, { seed: 3 });
    const heavy = new LogisticRegressionClassifier();
    await heavy.fit(data, { seed: 3, weights: data.map((r) => (r.observedLabel === 1 ? 2 : 1)) });
    const a = await plain.predict(texts);
    const b = await heavy.predict(texts);
    let up = 0;
    for (let i = 0; i < texts.length; i++) if (b[i]! > a[i]!) up++;
    expect(up).toBe(texts.length);
  });

  it('is deterministic for a seed and depends on it', async () => {
    const data = toyCorpus(300);
    const fit = async (seed: number) => {
      const m = new LogisticRegressionClassifier({ featurizer: { hashing: 1024 } });
      await m.fit(data, { seed, epochs: 2 });
      return m.parameters()!;
    };
    const a = await fit(1);
    const b = await fit(1);
    const c = await fit(2);
    expect(b.weights).toEqual(a.weights);
    expect(b.bias).toBe(a.bias);
    expect(c.weights).not.toEqual(a.weights);
  });

  it('gives identical scores after save and load', async () => {
    const data = toyCorpus(200);
    const lr = new LogisticRegressionClassifier({ featurizer: { hashing: 4096 }, l2: 1e-4 });
    await lr.fit(data, { seed: 9 });
    const dir = join(tempDir(), 'lr');
    await lr.save(dir);
    const loaded = await LogisticRegressionClassifier.load(dir);
    const texts = [...data.map((r) => r.text), 'nothing known', ''];
    expect(await loaded.predict(texts)).toEqual(await lr.predict(texts));
    expect(loaded.card().details['l2']).toBe(1e-4);
    expect(loaded.card().details['seed']).toBe(9);
    const params = JSON.parse(readFileSync(join(dir, 'params.json'), 'utf8'));
    writeFileSync(join(dir, 'params.json'), JSON.stringify({ ...params, model: 'naive-bayes' }));
    await expect(LogisticRegressionClassifier.load(dir)).rejects.toThrow(/params\.json: model: parameters of a "naive-bayes" model/);
  });

  it('rejects bad epochs and options', async () => {
    await expect(new LogisticRegressionClassifier().fit(toyCorpus(20), { epochs: 0 })).rejects.toThrow(/epochs/);
    expect(() => new LogisticRegressionClassifier({ learningRate: -1 })).toThrow(/options\.learningRate/);
  });

  it('learns the generated baseline scenario well above chance (held-out ROC-AUC > 0.7)', async () => {
    const { train, test } = baselineSplit();
    const lr = new LogisticRegressionClassifier();
    await lr.fit(train, { seed: 1 });
    const scores = await lr.predict(test.map((r) => r.text));
    expect(rocAuc(test.map((r) => r.label), scores)).toBeGreaterThan(0.7);
  });
});
