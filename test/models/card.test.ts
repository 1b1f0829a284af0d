import { describe, expect, it } from 'vitest';
import { buildCard, describeTrainingData, parseCard, renderCardMarkdown, MODEL_CARD_SCHEMA } from '../../src/models/card.js';
import { VERSION } from '../../src/version.js';
import { InputError } from '../../src/errors.js';
import { ex } from './baseline-helpers.js';

describe('model cards', () => {
  const card = buildCard({
    model: 'toy',
    backend: 'js',
    details: { alpha: 1, featurizer: { ngrams: [1, 2] } },
    metrics: { trainLogLoss: 0.123456789, auc: null },
    trainingData: { size: 3 },
    caveats: ['Toy caveat.'],
  });

  it('fills in every Mitchell et al. section with shared adscreen content', () => {
    expect(card.schema).toBe(MODEL_CARD_SCHEMA);
    expect(card.version).toBe(VERSION);
    expect(card.intendedUse.length).toBeGreaterThan(0);
    expect(card.outOfScopeUse.join(' ')).toMatch(/real people/);
    expect(card.factors.join(' ')).toMatch(/group/i);
    expect(card.caveats[0]).toBe('Toy caveat.');
    expect(card.caveats.length).toBeGreaterThan(1);
  });

  it('renders Markdown with the sections in order, deterministically', () => {
    const md = renderCardMarkdown(card);
    const headings = md.split('\n').filter((l) => l.startsWith('## '));
    expect(headings).toEqual([
      '## Model details',
      '## Intended use',
      '## Out-of-scope use',
      '## Factors',
      '## Metrics',
      '## Training data',
      '## Caveats and recommendations',
    ]);
    expect(md).toContain('| trainLogLoss | 0.123457 |');
    expect(md).toContain('| auc | null |');
    expect(md).toContain('| featurizer | {"ngrams":[1,2]} |');
    expect(renderCardMarkdown(card)).toBe(md);
  });

  it('parses its own JSON and rejects foreign cards naming the file and field', () => {
    expect(parseCard(JSON.parse(JSON.stringify(card)), 'card.json')).toEqual(card);
    expect(() => parseCard({ ...card, schema: 'x' }, 'm/card.json')).toThrow(/m\/card\.json: schema: not an adscreen model card/);
    expect(() => parseCard([], 'm/card.json')).toThrow(InputError);
    expect(() => parseCard({ ...card, caveats: 'none' }, 'm/card.json')).toThrow(/m\/card\.json: caveats/);
  });

  it('describes training data: size, label field, weighted positive rate, shared provenance', () => {
    const records = [ex('a', 1), ex('b', 0), ex('c', 0), ex('d', 0)].map((r) => ({ ...r, scenarioHash: 'h1', seed: 7 }));
    const d = describeTrainingData(records, { weights: [3, 1, 1, 1], labelField: 'label' });
    expect(d).toMatchObject({ size: 4, labelField: 'label', positiveRate: 0.5, weighted: true, scenarioHash: 'h1', datasetSeed: 7 });
    expect(describeTrainingData([{ ...records[0]!, seed: 1 }, records[1]!])['datasetSeed']).toBe('mixed');
    expect(describeTrainingData([ex('a', 1)])['scenarioHash']).toBeUndefined();
  });
});
