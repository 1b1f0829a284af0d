/**
 * The featurizers saved with the reference models in models/ give, on the committed synthetic
 * test set, exactly the ids of the definition (tokenize() + n-gram lookup or hash), so the
 * models' scores do not change with the encoder. Also checks the string-token encoder batch.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { Featurizer, tokenize } from '../../src/text/index.js';
import { combineHash } from '../../src/text/ngram-trie.js';
import { hash32 } from '../../src/random.js';

const root = join(import.meta.dirname, '..', '..');
const rows = parse(readFileSync(join(root, 'data-synthetic', 'baseline-test.csv'), 'utf8'), { columns: true }) as Array<{ text: string }>;
const texts = rows.map((r) => r.text);

/** Ids by the definition: tokenize(), then look up (vocabulary) or hash each n-gram string. */
function referenceIds(f: Featurizer, s: string): number[] {
  const [lo, hi] = f.options.ngrams;
  const tokens = tokenize(s, { lowercase: f.options.lowercase, stem: f.options.stem });
  const vocab = f.vocabulary();
  const index = vocab === null ? null : new Map(vocab.map((t, i) => [t, i]));
  const out: number[] = [];
  for (let n = lo; n <= hi; n++) {
    for (let i = 0; i + n <= tokens.length; i++) {
      const gram = tokens.slice(i, i + n);
      if (index !== null) {
        const id = index.get(gram.join(' '));
        if (id !== undefined) out.push(id);
      } else {
        let h = hash32(gram[0]!);
        for (let k = 1; k < n; k++) h = combineHash(h, hash32(gram[k]!));
        out.push((h >>> 0) % f.size);
      }
    }
  }
  return out;
}

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
