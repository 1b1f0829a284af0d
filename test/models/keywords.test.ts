import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KeywordClassifier, keywordScore, defaultKeywordPhrases, phrasesFromTaxonomy } from '../../src/models/keywords.js';
import { InputError } from '../../src/errors.js';
import { TAXONOMY } from '../../src/generate/index.js';
import { baselineSplit, ex, rocAuc, tempDir } from './baseline-helpers.js';

describe('keywords', () => {
  const kw = new KeywordClassifier({ phrases: ['new in town', 'town', '24/7', 'Limited Time', 'call <phone>'] });

  it('matches case-insensitively, ignoring punctuation and whitespace differences', () => {
    expect(kw.matches('NEW   in...Town!')).toEqual(['new in town', 'town']);
    expect(kw.matches('open 24-7')).toEqual(['24/7']);
    expect(kw.matches('open 24 / 7')).toEqual(['24/7']);
    expect(kw.matches('for a limited time only')).toEqual(['Limited Time']);
  });

  it('matches only on token boundaries and contiguous tokens', () => {
    expect(kw.matches('downtown towns')).toEqual([]);
    expect(kw.matches('new to town')).toEqual(['town']);
    expect(kw.matches('new in townhouse')).toEqual([]);
    expect(kw.matches('open 247')).toEqual([]);
  });

  it('matches masked contacts through their placeholders', () => {
    expect(kw.matches('Call 212-555-0142')).toEqual(['call <phone>']);
    expect(kw.matches('call me')).toEqual([]);
  });

  it('lets a slot match 1 to 3 tokens and drops slots at the ends', () => {
    const k = new KeywordClassifier({ phrases: ['visiting {city} this week', 'meet the lovely {name}', '{friend} is also available'] });
    expect(k.matches('Visiting Denver this week')).toEqual(['visiting {city} this week']);
    expect(k.matches('visiting Salt Lake City this week')).toEqual(['visiting {city} this week']);
    expect(k.matches('visiting this week')).toEqual([]);
    expect(k.matches('visiting a b c d this week')).toEqual([]);
    expect(k.matches('meet the lovely')).toEqual(['meet the lovely {name}']);
    expect(k.matches('Mia is also available.')).toEqual(['{friend} is also available']);
  });

  it('builds a keyword list from taxonomy phrases by the documented rule', () => {
    const taxonomy = [
      { phrases: ['3 1 2 - 5 5 5 - 0 1 4 2', 'new in town', 'New in town!'] },
      { phrases: ['{adj} {noun}', '100% {adj}', 'originally from {country}', '👑', 'in town for {n} days'] },
      { phrases: [] },
    ];
    expect(phrasesFromTaxonomy(taxonomy)).toEqual(['new in town', 'originally from {country}', '👑', 'in town for {n} days']);
  });

  it('scores 1 - 0.5^k for k distinct matched phrases, counting repeats once', async () => {
    expect([0, 1, 2, 3].map(keywordScore)).toEqual([0, 0.5, 0.75, 0.875]);
    const scores = await kw.predict(['nothing here', 'town town town', 'new in town', 'new in town 24/7, limited time']);
    expect([...scores]).toEqual([0, 0.5, 0.75, 1 - 0.5 ** 4]);
  });

  it('collapses duplicate phrases and rejects phrases without tokens', () => {
    const k = new KeywordClassifier({ phrases: ['New in town', 'new  in town!', 'x'] });
    expect(k.phrases).toEqual(['New in town', 'x']);
    expect(() => new KeywordClassifier({ phrases: ['ok', '...'] })).toThrow(InputError);
    expect(() => new KeywordClassifier({ phrases: ['ok', '...'] })).toThrow(/options\.phrases\[1\]/);
    expect(() => new KeywordClassifier({ phrases: [] })).toThrow(/options\.phrases/);
  });

  it('defaults to the phrase list built from the generator taxonomy', () => {
    const expected = phrasesFromTaxonomy(TAXONOMY);
    expect(expected.length).toBeGreaterThan(20);
    expect(defaultKeywordPhrases()).toEqual(expected);
    expect(new KeywordClassifier().phrases).toEqual(expected);
    expect(new KeywordClassifier().card().details['phraseList']).toMatch(/^default/);
  });

  it('fit is a no-op that changes no score', async () => {
    const k = new KeywordClassifier({ phrases: ['town'] });
    const before = await k.predict(['in town', 'elsewhere']);
    await k.fit([ex('in town', 0), ex('elsewhere', 1)], { weights: [5, 1], seed: 3 });
    expect(await k.predict(['in town', 'elsewhere'])).toEqual(before);
    expect(k.card().details['training']).toMatch(/no-op/);
  });

  it('round-trips through save and load, and rejects a bad phrase file naming it', async () => {
    const dir = join(tempDir(), 'kw');
    await kw.save(dir);
    const loaded = await KeywordClassifier.load(dir);
    expect(loaded.phrases).toEqual(kw.phrases);
    const texts = ['new in town', 'call 555-0100 24/7'];
    expect(await loaded.predict(texts)).toEqual(await kw.predict(texts));
    const file = join(dir, 'phrases.json');
    writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), schema: 'other/1' }));
    await expect(KeywordClassifier.load(dir)).rejects.toThrow(/phrases\.json: schema/);
  });

  it('ranks generated baseline ads above chance with the default list, untrained (ROC-AUC > 0.6)', async () => {
    // The keyword screener learns nothing, so it gets a lower bar than the trained models: its
    // default list carries many phrases that benign posters use as often as operations do.
    const { test } = baselineSplit();
    const scores = await new KeywordClassifier().predict(test.map((r) => r.text));
    expect(rocAuc(test.map((r) => r.label), scores)).toBeGreaterThan(0.6);
  });
});
