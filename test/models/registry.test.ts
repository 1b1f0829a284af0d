import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createClassifier, loadClassifier, train, CLASSIFIER_NAMES } from '../../src/models/registry.js';
import type { Classifier } from '../../src/models/classifier.js';
import { InputError } from '../../src/errors.js';
import { tempDir, toyCorpus } from './baseline-helpers.js';

describe('registry', () => {
  it('creates each baseline by name', () => {
    for (const name of ['keywords', 'naive-bayes', 'logreg']) expect(createClassifier(name).name).toBe(name);
    expect(CLASSIFIER_NAMES).toEqual(['embedding-bag', 'keywords', 'naive-bayes', 'logreg']);
  });

  it('rejects unknown names loudly, listing the valid ones', () => {
    expect(() => createClassifier('svm')).toThrow(InputError);
    expect(() => createClassifier('svm')).toThrow('unknown model "svm"; expected one of: embedding-bag, keywords, naive-bayes, logreg');
    expect(() => createClassifier('logreg', { depth: 3 })).toThrow(/options: unknown option\(s\) "depth" for model "logreg"/);
  });

  it('accepts your own Classifier object as is', () => {
    const mine: Classifier = {
      name: 'mine',
      fit: async () => undefined,
      predict: async (t) => new Float32Array(t.length),
      save: async () => undefined,
      card: () => {
        throw new Error('unused');
      },
    };
    expect(createClassifier(mine)).toBe(mine);
    expect(() => createClassifier({ name: 'half' } as unknown as Classifier)).toThrow(/expected a model name or an object/);
  });

  it('trains and loads any saved baseline by reading card.json', async () => {
    const data = toyCorpus(120);
    const texts = data.map((r) => r.text);
    for (const name of ['keywords', 'naive-bayes', 'logreg']) {
      const model = await train(data, { model: name, seed: 1 });
      const dir = join(tempDir(), name);
      await model.save(dir);
      const loaded = await loadClassifier(dir);
      expect(loaded.name).toBe(name);
      expect(await loaded.predict(texts)).toEqual(await model.predict(texts));
    }
  });

  it('gives clear errors for missing, foreign and mislabelled model directories', async () => {
    const root = tempDir();
    await expect(loadClassifier(join(root, 'nope'))).rejects.toThrow(/nope: not a directory/);
    const empty = join(root, 'empty');
    mkdirSync(empty);
    await expect(loadClassifier(empty)).rejects.toThrow(/empty\/card\.json: missing/);
    writeFileSync(join(empty, 'card.json'), '{"schema": "something-else/1"}');
    await expect(loadClassifier(empty)).rejects.toThrow(/card\.json: schema: not an adscreen model card/);
    writeFileSync(join(empty, 'card.json'), '{not json');
    await expect(loadClassifier(empty)).rejects.toThrow(/card\.json: not valid JSON/);

    const model = await train(toyCorpus(60), { model: 'naive-bayes' });
    const dir = join(root, 'nb');
    await model.save(dir);
    const card = JSON.parse(readFileSync(join(dir, 'card.json'), 'utf8'));
    writeFileSync(join(dir, 'card.json'), JSON.stringify({ ...card, model: 'forest' }));
    await expect(loadClassifier(dir)).rejects.toThrow(/card\.json: model: unknown model "forest"/);
    writeFileSync(join(dir, 'card.json'), JSON.stringify({ ...card, model: 'logreg' }));
    await expect(loadClassifier(dir)).rejects.toThrow(/params\.json: model: parameters of a "naive-bayes" model, expected "logreg"/);
  });

  it('never replaces a non-model directory when saving', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'notes.txt'), 'keep me');
    const model = await train(toyCorpus(60), { model: 'keywords' });
    await expect(model.save(dir)).rejects.toThrow(/refusing to replace/);
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('keep me');
  });

  const modelsDir = fileURLToPath(new URL('../../models/', import.meta.url));
  it.skipIf(!existsSync(join(modelsDir, 'logreg', 'card.json')))('loads the committed reference baseline models with their cards', async () => {
    for (const name of ['keywords', 'naive-bayes', 'logreg']) {
      const model = await loadClassifier(join(modelsDir, name));
      expect(model.name).toBe(name);
      const card = model.card();
      expect(card.trainingData['size']).toBe(4000);
      const scores = await model.predict(['New in town, call 212-555-0142', '']);
      expect(scores).toHaveLength(2);
      for (const s of scores) expect(s >= 0 && s <= 1).toBe(true);
    }
  });
});
