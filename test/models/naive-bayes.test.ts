import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NaiveBayesClassifier } from '../../src/models/naive-bayes.js';
import { InputError } from '../../src/errors.js';
import { baselineSplit, ex, rocAuc, tempDir, toyCorpus } from './baseline-helpers.js';

const unigrams = { featurizer: { ngrams: [1, 1] as [number, number], minCount: 1 } };
// class 1: "a a b", "a c"; class 0: "b c"
const tiny = [ex('a a b', 1), ex('b c', 0), ex('a c', 1)];
const posterior = (odds: number) => odds / (1 + odds);

describe('naive-bayes', () => {
  it('matches hand-computed posteriors with Laplace smoothing', async () => {
    // vocabulary a,b,c. class 1 counts a3 b1 c1 (N=5), class 0 b1 c1 (N=2); V=3, alpha=1
    // theta1 = (4/8, 2/8, 2/8), theta0 = (1/5, 2/5, 2/5), prior odds (2/3)/(1/3) = 2
    const nb = new NaiveBayesClassifier(unigrams);
    await nb.fit(tiny);
    const scores = await nb.predict(['a b', 'c c', 'zzz', '']);
    const t1 = [4 / 8, 2 / 8, 2 / 8];
    const t0 = [1 / 5, 2 / 5, 2 / 5];
    expect(scores[0]).toBeCloseTo(posterior(2 * (t1[0]! / t0[0]!) * (t1[1]! / t0[1]!)), 6);
    expect(scores[1]).toBeCloseTo(posterior(2 * (t1[2]! / t0[2]!) ** 2), 6);
    expect(scores[2]).toBeCloseTo(2 / 3, 6);
    expect(scores[3]).toBeCloseTo(2 / 3, 6);
  });

  it('uses the smoothing constant alpha', async () => {
    // alpha = 0.5: theta1(a) = 3.5/6.5, theta0(a) = 0.5/3.5
    const nb = new NaiveBayesClassifier({ ...unigrams, alpha: 0.5 });
    await nb.fit(tiny);
    const [s] = await nb.predict(['a']);
    expect(s).toBeCloseTo(posterior((2 * (3.5 / 6.5)) / (0.5 / 3.5)), 6);
  });

  it('honours sample weights in counts and priors (hand-computed)', async () => {
    // weight 2 on "a a b": class 1 counts a5 b2 c1 (N=8), class 0 b1 c1 (N=2);
    // theta1 = (6/11, 3/11, 2/11), theta0 = (1/5, 2/5, 2/5); prior odds 3/1
    const nb = new NaiveBayesClassifier(unigrams);
    await nb.fit(tiny, { weights: [2, 1, 1] });
    const [s] = await nb.predict(['a b']);
    expect(s).toBeCloseTo(posterior(3 * ((6 / 11) / (1 / 5)) * ((3 / 11) / (2 / 5))), 6);
  });

  it('moves scores up when positive examples weigh more', async () => {
    const data = toyCorpus(300);
    const plain = new NaiveBayesClassifier();
    await plain.fit(data);
    const heavy = new NaiveBayesClassifier();
    await heavy.fit(data, { weights: data.map((r) => (r.observedLabel === 1 ? 2 : 1)) });
    const texts = data.map((r) => r.text);
    const a = await plain.predict(texts);
    const b = await heavy.predict(texts);
    for (let i = 0; i < texts.length; i++) expect(b[i]!).toBeGreaterThan(a[i]!);
  });

  it('learns which label field it is told to', async () => {
    const data = [ex('x y', 1), ex('x z', 0)].map((r, i) => ({ ...r, observedLabel: (1 - i) as 0 | 1, label: i as 0 | 1 }));
    const nb = new NaiveBayesClassifier(unigrams);
    await nb.fit(data, { labelField: 'label' });
    const [sy, sz] = await nb.predict(['y', 'z']);
    expect(sz!).toBeGreaterThan(sy!);
    await nb.fit(data);
    const [ty, tz] = await nb.predict(['y', 'z']);
    expect(ty!).toBeGreaterThan(tz!);
  });

  it('rejects one-class data and malformed weights', async () => {
    const nb = new NaiveBayesClassifier();
    await expect(nb.fit([ex('a', 1), ex('b', 1)])).rejects.toThrow(/both classes/);
    await expect(nb.fit(tiny, { weights: [1, 1] })).rejects.toThrow(/weights/);
    await expect(nb.fit(tiny, { weights: [1, -1, 1] })).rejects.toThrow(InputError);
    expect(() => new NaiveBayesClassifier({ alpha: 0 })).toThrow(/options\.alpha/);
    expect(() => new NaiveBayesClassifier({ alfa: 1 } as never)).toThrow(/unknown option/);
  });

  it('gives identical scores after save and load, and is deterministic', async () => {
    const data = toyCorpus(200);
    const nb = new NaiveBayesClassifier();
    await nb.fit(data);
    const again = new NaiveBayesClassifier();
    await again.fit(data);
    expect(again.parameters()!.weights).toEqual(nb.parameters()!.weights);
    const dir = join(tempDir(), 'nb');
    await nb.save(dir);
    const loaded = await NaiveBayesClassifier.load(dir);
    const texts = [...data.map((r) => r.text), 'unseen words here', ''];
    expect(await loaded.predict(texts)).toEqual(await nb.predict(texts));
    expect(loaded.card().model).toBe('naive-bayes');
    expect(readFileSync(join(dir, 'card.md'), 'utf8')).toMatch(/## Training data/);
  });

  it('reports truncated or mismatched parameter files with the file name', async () => {
    const nb = new NaiveBayesClassifier();
    await nb.fit(toyCorpus(100));
    const dir = join(tempDir(), 'nb');
    await nb.save(dir);
    const weights = readFileSync(join(dir, 'weights.bin'));
    writeFileSync(join(dir, 'weights.bin'), weights.subarray(0, weights.length - 3));
    await expect(NaiveBayesClassifier.load(dir)).rejects.toThrow(/weights\.bin: expected \d+ float32 values/);
    writeFileSync(join(dir, 'weights.bin'), weights);
    rmSync(join(dir, 'featurizer.json'));
    await expect(NaiveBayesClassifier.load(dir)).rejects.toThrow(/featurizer\.json: missing/);
  });

  it('learns the generated baseline scenario well above chance (held-out ROC-AUC > 0.7)', async () => {
    const { train, test } = baselineSplit();
    const nb = new NaiveBayesClassifier();
    await nb.fit(train);
    const scores = await nb.predict(test.map((r) => r.text));
    expect(rocAuc(test.map((r) => r.label), scores)).toBeGreaterThan(0.7);
  });
});
