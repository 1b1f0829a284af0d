import { describe, expect, it } from 'vitest';
import { generate, loadScenario, PRESET_NAMES } from '../../src/generate/index.js';
import { Featurizer, tokenize } from '../../src/text/index.js';

// Every preset's ads, so every contact style the generator writes is covered.
const records = PRESET_NAMES.flatMap((name, i) => generate(loadScenario(name), { n: 600, seed: 100 + i }));

const leaks = (term: string) => /\d{4,}/.test(term) || term.includes('@') || term.includes('example.');

describe('contact masking on generated ads', () => {
  it('leaves no contact string in a vocabulary built from generated ads (minCount 1, 1-3-grams)', () => {
    const f = Featurizer.fit(
      records.map((r) => r.text),
      { minCount: 1, ngrams: [1, 3], maxSize: 1_000_000 },
    );
    const vocab = f.vocabulary()!;
    expect(vocab.length).toBeGreaterThan(1000);
    expect(vocab.filter(leaks)).toEqual([]);
    expect(vocab).toContain('<phone>');
    expect(vocab).toContain('<email>');
  });

  it('never lets a token carry the digits or address of the record contact', () => {
    const bad: string[] = [];
    let emails = 0;
    for (const r of records) {
      const digits = r.contact.replace(/\D/g, '');
      const local = r.contact.includes('@') ? r.contact.split('@')[0]!.toLowerCase() : null;
      if (local !== null) emails++;
      for (const t of tokenize(r.text, { lowercase: false })) {
        const lower = t.toLowerCase();
        if (leaks(t) || (digits.length >= 7 && t.includes(digits.slice(-4))) || lower === local) bad.push(`${r.id}: ${t}`);
      }
    }
    expect(bad).toEqual([]);
    expect(emails).toBeGreaterThan(0);
  });
});

describe('Featurizer.fitEncode on generated ads', () => {
  it('encodes exactly like fit followed by encodeBatch', () => {
    const texts = records.slice(0, 1500).map((r) => r.text);
    const { featurizer, batch } = Featurizer.fitEncode(texts);
    const expected = Featurizer.fit(texts).encodeBatch(texts);
    expect(featurizer.size).toBeGreaterThan(100);
    expect(Buffer.from(batch.ids.buffer).equals(Buffer.from(expected.ids.buffer))).toBe(true);
    expect([...batch.offsets]).toEqual([...expected.offsets]);
  });
});
