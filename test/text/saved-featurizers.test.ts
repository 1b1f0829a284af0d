/**
 * The featurizers saved with the reference models in models/ give, on the committed synthetic
 * test set, exactly the ids of the definition (tokenize() + n-gram lookup or hash), so the
 * models' scores do not change with the encoder. Also checks the string-token encoder batch.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { Featurizer } from '../../src/text/index.js';
import { referenceIds } from './reference-ids.js';

const root = join(import.meta.dirname, '..', '..');
const rows = parse(readFileSync(join(root, 'data-synthetic', 'baseline-test.csv'), 'utf8'), { columns: true }) as Array<{ text: string }>;
const texts = rows.map((r) => r.text);

describe.each(['embedding-bag', 'logreg', 'naive-bayes'])('saved featurizer of models/%s', (model) => {
  const file = join(root, 'models', model, 'featurizer.json');
  const f = Featurizer.fromJSON(JSON.parse(readFileSync(file, 'utf8')), file);

  it('encodes the committed test set to the ids of the definition', () => {
    expect(texts.length).toBe(1000);
    const batch = f.encodeBatch(texts);
    for (let i = 0; i < texts.length; i++) {
      expect([...batch.ids.subarray(batch.offsets[i], batch.offsets[i + 1])]).toEqual(referenceIds(f, texts[i]!));
    }
  });

  it('encodes it as the string-token encoder does', () => {
    const a = f.encodeBatch(texts);
    const b = f.encodeBatchWithTokenStrings(texts);
    expect(a.offsets).toEqual(b.offsets);
    expect(a.ids).toEqual(b.ids);
  });
});
