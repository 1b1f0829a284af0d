import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Featurizer, FEATURIZER_SCHEMA } from '../../src/text/index.js';
import { hash32 } from '../../src/random.js';
import { InputError } from '../../src/errors.js';

const corpus = ['b a', 'a b', 'a', 'c c c d'];

describe('Featurizer vocabulary', () => {
  it('orders n-grams by count (descending) then string (ascending)', () => {
    // counts: a 3, c 3, b 2, 'c c' 2, d 1, 'a b' 1, 'b a' 1, 'c d' 1
    const f = Featurizer.fit(corpus, { minCount: 1 });
    expect(f.vocabulary()).toEqual(['a', 'c', 'b', 'c c', 'a b', 'b a', 'c d', 'd']);
    expect(f.size).toBe(8);
  });

  it('applies minCount and maxSize', () => {
    expect(Featurizer.fit(corpus, { minCount: 2 }).vocabulary()).toEqual(['a', 'c', 'b', 'c c']);
    expect(Featurizer.fit(corpus, { minCount: 1, maxSize: 3 }).vocabulary()).toEqual(['a', 'c', 'b']);
    expect(Featurizer.fit(corpus, { minCount: 1, ngrams: [2, 2] }).vocabulary()).toEqual(['c c', 'a b', 'b a', 'c d']);
  });

  it('counts trigrams when asked', () => {
    const f = Featurizer.fit(['x y z', 'x y z', 'x y'], { ngrams: [1, 3], minCount: 2 });
    expect(f.vocabulary()).toEqual(['x', 'x y', 'y', 'x y z', 'y z', 'z']);
    expect([...f.encode('x y z q')]).toEqual([0, 2, 5, 1, 4, 3]);
  });

  it('encodes unigram ids first, then bigram ids, dropping unknown n-grams and keeping repeats', () => {
    const f = Featurizer.fit(corpus, { minCount: 1 });
    const id = (t: string) => f.vocabulary()!.indexOf(t);
    expect([...f.encode('a b zz c c')]).toEqual([id('a'), id('b'), id('c'), id('c'), id('a b'), id('c c')]);
    expect([...f.encode('')]).toEqual([]);
  });

  it('encodeBatch gives the same ids as encode, in CSR form', () => {
    const f = Featurizer.fit(corpus, { minCount: 1 });
    const texts = ['a b', '', 'zz', 'c c c'];
    const batch = f.encodeBatch(texts);
    expect(batch.offsets).toHaveLength(texts.length + 1);
    expect(batch.offsets[0]).toBe(0);
    texts.forEach((t, i) => {
      expect([...batch.ids.subarray(batch.offsets[i], batch.offsets[i + 1])]).toEqual([...f.encode(t)]);
    });
  });

  it('is deterministic: the same texts give the same vocabulary regardless of previous use', () => {
    const texts = Array.from({ length: 200 }, (_, i) => `w${i % 7} w${i % 11} w${i % 3} and ${i % 5 ? 'sun' : 'moon'}`);
    expect(Featurizer.fit(texts).toJSON()).toEqual(Featurizer.fit([...texts]).toJSON());
  });
});

describe('Featurizer hashing', () => {
  it('maps unigrams to hash32(token) mod buckets and keeps every id in range', () => {
    const f = Featurizer.fit([], { hashing: 1000 });
    expect(f.size).toBe(1000);
    expect(f.vocabulary()).toBeNull();
    const ids = f.encode('hello world again');
    expect(ids).toHaveLength(3 + 2);
    expect([...ids.subarray(0, 3)]).toEqual(['hello', 'world', 'again'].map((t) => hash32(t) % 1000));
    for (const id of ids) expect(id >= 0 && id < 1000).toBe(true);
  });

  it('gives order-sensitive bigram ids', () => {
    const f = Featurizer.fit([], { hashing: 1 << 20, ngrams: [2, 2] });
    expect(f.encode('a b')[0]).not.toBe(f.encode('b a')[0]);
  });
});

describe('Featurizer save and load', () => {
  it('gives identical ids after a JSON round trip through a file (vocabulary and hashing)', () => {
    const texts = ['New in town 💋 call 212-555-0142', 'independent, screening required', 'new girls every week', 'new in town'];
    const dir = mkdtempSync(join(tmpdir(), 'adscreen-feat-'));
    for (const opts of [{ minCount: 1 }, { hashing: 4096 }, { minCount: 1, stem: true, ngrams: [1, 3] as [number, number] }]) {
      const f = Featurizer.fit(texts, opts);
      const file = join(dir, 'featurizer.json');
      writeFileSync(file, JSON.stringify(f.toJSON()));
      const g = Featurizer.fromJSON(JSON.parse(readFileSync(file, 'utf8')), file);
      expect(g.size).toBe(f.size);
      expect(g.toJSON()).toEqual(f.toJSON());
      for (const t of [...texts, 'town new in girls']) expect([...g.encode(t)]).toEqual([...f.encode(t)]);
    }
  });

  it('rejects foreign or corrupted JSON with an InputError naming the file and field', () => {
    const good = Featurizer.fit(corpus, { minCount: 1 }).toJSON();
    const cases: Array<[unknown, RegExp]> = [
      [{ ...good, schema: 'something/else' }, /feat\.json: schema: not an adscreen featurizer/],
      [{ ...good, vocabulary: ['a', 'a'] }, /feat\.json: vocabulary\[1\]: duplicate/],
      [{ ...good, vocabulary: ['a  b'] }, /feat\.json: vocabulary\[0\]/],
      [{ ...good, ngrams: [2, 1] }, /feat\.json: ngrams/],
      [{ ...good, minCount: 'two' }, /feat\.json: minCount/],
      [{ ...good, hashing: 10 }, /feat\.json: vocabulary/],
      [null, /feat\.json/],
    ];
    for (const [json, message] of cases) {
      expect(() => Featurizer.fromJSON(json, 'feat.json')).toThrow(InputError);
      expect(() => Featurizer.fromJSON(json, 'feat.json')).toThrow(message);
    }
    expect(good.schema).toBe(FEATURIZER_SCHEMA);
  });

  it('rejects invalid options with an InputError naming the option', () => {
    expect(() => Featurizer.fit([], { ngrams: [0, 2] })).toThrow(/ngrams/);
    expect(() => Featurizer.fit([], { minCount: 0 })).toThrow(/minCount/);
    expect(() => Featurizer.fit([], { hashing: 0 })).toThrow(/hashing/);
  });
});

describe('Featurizer.fitEncode', () => {
  it('gives the same featurizer as fit and the same batch as encodeBatch', () => {
    const texts = [
      'New in town 💋 call 212-555-0142',
      'new in town, new girls',
      'screening required. new in town',
      '',
      'girls girls girls new',
      'Café naïve café',
    ];
    for (const opts of [{ minCount: 1 }, { minCount: 2, ngrams: [1, 3] as [number, number] }, { ngrams: [2, 2] as [number, number], minCount: 1, maxSize: 3 }, { hashing: 512 }]) {
      const { featurizer, batch } = Featurizer.fitEncode(texts, opts);
      const plain = Featurizer.fit(texts, opts);
      expect(featurizer.toJSON()).toEqual(plain.toJSON());
      const expected = plain.encodeBatch(texts);
      expect([...batch.offsets]).toEqual([...expected.offsets]);
      expect([...batch.ids]).toEqual([...expected.ids]);
    }
  });
});
