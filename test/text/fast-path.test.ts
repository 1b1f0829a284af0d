/**
 * The featurizer's fast path (scanner tokenizer, integer n-gram lookup) against the simple
 * definition: `tokenize()` (natural's RegexpTokenizer) plus a lookup of each n-gram string.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generate, loadScenario, PRESET_NAMES } from '../../src/generate/index.js';
import { Featurizer, tokenize, PHONE_TOKEN, PHONE_OBSCURED_TOKEN } from '../../src/text/index.js';
import { tokenizeFast } from '../../src/text/tokenize.js';

// pieces that exercise every branch of the token pattern and the contact masks
const PIECES = [
  'a', 'Z', 'é', 'e\u0301', 'ß', 'İ', 'K', 'ж', '字', '_', "'", '’', '-', '.', ',', ' ', '  ', '\n', '$', '€', '£', '<', '>',
  '<phone>', '<phone-obscured>', '<num>', '<email>', '<url>', '<phon', '0', '5', '555', '0142', '٣', 'five', 'oh', 'O', 'l', 'I',
  '💋', '👍🏽', '👩‍💼', '🇺🇸', '🇺', '❤️', '#️⃣', '\ud83d', '\udc8b', '@', 'example.com', ' at ', ' dot ', 'www.', 'x', 'don', "'t",
];
const text = fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ unit: 'grapheme' }), fc.string()), { maxLength: 30 }).map((a) => a.join(''));

describe('tokenizeFast', () => {
  it('gives exactly the tokens of tokenize on random text (emoji, digits, punctuation, accents)', () => {
    fc.assert(
      fc.property(text, fc.boolean(), fc.boolean(), (s, lowercase, stem) => {
        expect(tokenizeFast(s, lowercase, stem)).toEqual(tokenize(s, { lowercase, stem }));
      }),
      { numRuns: 3000, seed: 7 },
    );
  });
});

const records = PRESET_NAMES.flatMap((name, i) => generate(loadScenario(name), { n: 300, seed: 500 + i }));
const texts = records.map((r) => r.text);

/** Ids by the definition: tokenize, then look up each n-gram string (unigrams first, then bigrams, ...). */
function simpleIds(f: Featurizer, s: string): number[] {
  const vocab = f.vocabulary()!;
  const index = new Map(vocab.map((t, i) => [t, i]));
  const [lo, hi] = f.options.ngrams;
  const tokens = tokenize(s, { lowercase: f.options.lowercase, stem: f.options.stem });
  const out: number[] = [];
  for (let n = lo; n <= hi; n++) {
    for (let i = 0; i + n <= tokens.length; i++) {
      const id = index.get(tokens.slice(i, i + n).join(' '));
      if (id !== undefined) out.push(id);
    }
  }
  return out;
}

describe('Featurizer fast path on generated ads', () => {
  it('encode equals tokenize() + vocabulary lookup (1-3-grams, with and without stemming)', () => {
    for (const options of [{ ngrams: [1, 3] as [number, number] }, { ngrams: [1, 2] as [number, number], stem: true, minCount: 1 }]) {
      const f = Featurizer.fit(texts.slice(0, 1200), options);
      expect(f.size).toBeGreaterThan(100);
      for (const s of texts.slice(1000)) expect([...f.encode(s)]).toEqual(simpleIds(f, s));
    }
  });

  it('tokenizeFast equals tokenize on every generated ad', () => {
    for (const s of texts) expect(tokenizeFast(s, true, false)).toEqual(tokenize(s));
  });

  it('writes both plain and obscured phone numbers, and tells them apart', () => {
    const counts = { [PHONE_TOKEN]: 0, [PHONE_OBSCURED_TOKEN]: 0 };
    for (const s of texts) {
      for (const t of tokenize(s)) if (t === PHONE_TOKEN || t === PHONE_OBSCURED_TOKEN) counts[t]++;
    }
    expect(counts[PHONE_TOKEN]).toBeGreaterThan(0);
    expect(counts[PHONE_OBSCURED_TOKEN]).toBeGreaterThan(0);
  });
});
