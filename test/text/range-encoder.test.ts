/**
 * The featurizer's range encoder (token-ranges.ts: tokens as positions in the text, hashed and
 * looked up without token strings, contact test folded into the scan) against the definition:
 * `tokenize()` (natural's RegexpTokenizer after maskContacts) plus a lookup or hash of each
 * n-gram string. Random text mixes adversarial pieces (emoji, ZWJ sequences, flags, keycaps,
 * curly apostrophes, non-Latin scripts, case-changing characters, Unicode spaces, digits, phones
 * in many formats, emails, links, obscured contacts) with arbitrary strings.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generate, loadScenario, PRESET_NAMES } from '../../src/generate/index.js';
import { Featurizer, maskContacts, tokenize, type FeaturizerOptions } from '../../src/text/index.js';
import { mayContainContact } from '../../src/text/contacts.js';
import { hashRange } from '../../src/text/token-table.js';
import { referenceIds } from './reference-ids.js';
import { hash32 } from '../../src/random.js';

const PIECES = [
  // words, case, scripts
  'a', 'Z', 'Hello', 'WORLD', 'é', 'e\u0301', 'ß', 'İ', 'ı', '\u212a', 'ſ', 'ж', 'Жанна', '字', 'ΣΑΣ', 'ς', 'مرحبا', 'שלום', 'हिन्दी', '_', 'x_y',
  // apostrophes
  "'", '’', "don't", 'don’t', "I'M", "'t", '’s', "rock'n'roll",
  // separators and brackets
  '-', '.', ',', ' ', '  ', '\n', '\t', '\u00a0', '\u3000', '\u2009', '\ufeff', '(', ')', '[', ']', '{', '}', '/', ':', '*',
  // currency and placeholders
  '$', '€', '£', '<', '>', '<phone>', '<phone-obscured>', '<num>', '<email>', '<url>', '<phon', '<url',
  // digits and phones
  '0', '5', '555', '0142', '٣', '１２', 'five', 'FIVE', 'oh', 'O', 'o', 'l', 'I', 'i', 'one', 'zero', 'nine',
  '212-555-0142', '(212) 555-0142', '+1 212 555 0142', '212.555.0142', '2125550142', '2 1 2 5 5 5 0 1 4 2',
  'five five five 0142', '3l2 555 O142', '312 five5five 01four2', '1 800 555 0199', '1 212 555 0142', '21 255 50142', '1 2 5550142',
  '212 55 50142', '12345', '$40/hr', '2024',
  // emails and links, plain and obscured
  'judo51@example.com', 'Judo51@Example.COM', 'a.b+c@mail.example.org', 'Av@ilable', 'n0w', '@', 'x@y',
  'name at example dot com', 'name (at) example [dot] com', 'name {at} example {dot} net', 'AT', 'At', 'DOT', 'dot',
  ' at ', ' dot ', '\u00a0at\u00a0', '\u3000dot\u3000', '(at)', '[dot]',
  'www.example.com', 'WWW.Example.Net', 'Www.x', 'http://example.org/a?b=1', 'HTTPS://EXAMPLE.NET', '://', 'example.net/page',
  'example dot org', 'site.io', 'my.app', 'shop.app/x', 'Cafe.Online', '.com', '.c', 'x.Y', 'x.biz', 'go.me', 'y.us',
  // emoji
  '💋', '👍🏽', '👩‍💼', '👨‍👩‍👧', '🇺🇸', '🇫🇷', '🇺', '❤️', '#️⃣', '1️⃣', '🌹🌹', '🔥', '\ud83d', '\udc8b',
];
const SEPARATORS = ['', '', ' ', ' ', '-', '.', '\n'];
const text = fc
  .array(
    fc.tuple(
      fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...PIECES) }, fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' })),
      fc.constantFrom(...SEPARATORS),
    ),
    { maxLength: 40 },
  )
  .map((a) => a.map(([piece, sep]) => piece + sep).join(''));

/** The vocabulary by definition: count tokenize() n-gram strings, keep >= minCount, sort, cut. */
function referenceVocabulary(texts: readonly string[], options: FeaturizerOptions): string[] {
  const [lo, hi] = options.ngrams ?? [1, 2];
  const counts = new Map<string, number>();
  for (const t of texts) {
    const tokens = tokenize(t, { lowercase: options.lowercase ?? true, stem: options.stem ?? false });
    for (let n = lo; n <= hi; n++) {
      for (let i = 0; i + n <= tokens.length; i++) {
        const key = tokens.slice(i, i + n).join(' ');
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    }
  }
  const kept = [...counts].filter(([, c]) => c >= (options.minCount ?? 2));
  kept.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return kept.slice(0, options.maxSize ?? 50_000).map(([k]) => k);
}

const OPTIONS: FeaturizerOptions[] = [
  { minCount: 1, ngrams: [1, 2] },
  { minCount: 1, ngrams: [1, 3], lowercase: false },
  { minCount: 1, ngrams: [2, 2] },
  { hashing: 1 << 16, ngrams: [1, 2] },
  { hashing: 997, ngrams: [1, 3], lowercase: false },
];

describe('range encoder', () => {
  it('gives the ids of tokenize() + n-gram lookup on adversarial text, for known and unknown tokens', () => {
    fc.assert(
      fc.property(text, text, fc.constantFrom(...OPTIONS), (a, b, options) => {
        // fit on a and a+b, so that a's tokens are known and some of b's are not
        const f = Featurizer.fit([a, `${a} ${b}`], options);
        for (const s of [a, b, `${b}${a}`]) expect([...f.encode(s)]).toEqual(referenceIds(f, s));
      }),
      { numRuns: 1500, seed: 11 },
    );
  });

  it('fits the vocabulary of the definition, and fitEncode gives the batch of encodeBatch', () => {
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 6 }), fc.integer({ min: 1, max: 2 }), fc.boolean(), (docs, minCount, lowercase) => {
        for (const ngrams of [[1, 2], [1, 3]] as Array<[number, number]>) {
          const options = { minCount, lowercase, ngrams };
          const { featurizer, batch } = Featurizer.fitEncode(docs, options);
          expect(featurizer.vocabulary()).toEqual(referenceVocabulary(docs, options));
          const expected = featurizer.encodeBatch(docs);
          expect(batch.offsets).toEqual(expected.offsets);
          expect(batch.ids).toEqual(expected.ids);
        }
      }),
      { numRuns: 400, seed: 14 },
    );
  });

  const records = PRESET_NAMES.flatMap((name, i) => generate(loadScenario(name), { n: 250, seed: 900 + i }));
  const texts = records.map((r) => r.text);

  it('gives the ids of tokenize() + n-gram lookup on generated ads of every preset', () => {
    for (const options of OPTIONS) {
      const f = Featurizer.fit(texts.slice(0, 800), { ...options, minCount: 2 });
      for (const s of texts) expect([...f.encode(s)]).toEqual(referenceIds(f, s));
    }
  });

  it('fits the vocabulary of the definition on generated ads (with and without stemming)', () => {
    for (const options of [{ minCount: 2 }, { minCount: 1, ngrams: [1, 3] as [number, number], maxSize: 5000 }, { minCount: 2, stem: true }]) {
      expect(Featurizer.fit(texts, options).vocabulary()).toEqual(referenceVocabulary(texts, options));
    }
  });

  it('encodeBatch equals the string-token encoder batch for batch', () => {
    const f = Featurizer.fit(texts.slice(0, 800));
    const a = f.encodeBatch(texts);
    const b = f.encodeBatchWithTokenStrings(texts);
    expect(a.offsets).toEqual(b.offsets);
    expect(a.ids).toEqual(b.ids);
  });
});

describe('mayContainContact', () => {
  it('is true whenever maskContacts changes the text', () => {
    fc.assert(
      fc.property(text, (s) => {
        if (!mayContainContact(s.toLowerCase())) expect(maskContacts(s)).toBe(s);
      }),
      { numRuns: 4000, seed: 12 },
    );
  });

  it('is false on text without links, emails or the words at / dot', () => {
    expect(mayContainContact('call me. 212-555-0142. av@ilable n0w 🌹 $40/hr.')).toBe(false);
    expect(mayContainContact('see you at noon')).toBe(true);
    expect(mayContainContact('judo51@example.com')).toBe(true);
  });
});

describe('hashRange', () => {
  it('equals hash32 of the slice', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.nat(), fc.nat(), (s, x, y) => {
        const a = Math.min(x, y) % (s.length + 1);
        const b = a + ((Math.max(x, y) - Math.min(x, y)) % (s.length - a + 1));
        expect(hashRange(s, a, b)).toBe(hash32(s.slice(a, b)));
      }),
      { numRuns: 2000, seed: 13 },
    );
  });
});
