import { describe, expect, it } from 'vitest';
import { maskProxies, maskText, proxyTermPattern } from '../../src/mitigate/index.js';
import type { AdRecord } from '../../src/record.js';

describe('mask-proxies', () => {
  const pattern = proxyTermPattern(['Brazilian', 'South American', 'American', 'trans']);

  it('removes whole-word, case-insensitive mentions, longest first', () => {
    expect(maskText('Sweet South American girl, new here', pattern)).toBe('Sweet girl, new here');
    expect(maskText('american and BRAZILIAN friends', pattern)).toBe('and friends');
  });

  it('leaves words that merely contain a term', () => {
    expect(maskText('transport and Americana', pattern)).toBe('transport and Americana');
  });

  it('tidies punctuation left behind', () => {
    expect(maskText('Hi (Brazilian) there , Brazilian.', pattern)).toBe('Hi () there.');
    // a mention between two punctuation marks leaves no orphan mark behind
    expect(maskText('My name is Colleen. Trans woman, confident and kind.', proxyTermPattern(['trans woman']))).toBe('My name is Colleen. confident and kind.');
    expect(maskText('Brazilian, new in town', pattern)).toBe('new in town');
  });

  it('can replace instead of removing', () => {
    expect(maskText('a Brazilian lady', pattern, '[X]')).toBe('a [X] lady');
  });

  it('masks training and scoring text alike', () => {
    const m = maskProxies({});
    const ctx = { seed: 1, proxyTerms: ['Brazilian'] };
    const rec = { text: 'Brazilian model in town', label: 0, observedLabel: 0 } as unknown as AdRecord;
    const out = m.prepare!({ records: [rec], labelField: 'observedLabel' }, ctx);
    expect(out.records[0]!.text).toBe('model in town');
    expect(rec.text).toBe('Brazilian model in town');
    expect(m.scoringText!('Call the Brazilian', ctx)).toBe('Call the');
  });

  it('refuses to run with nothing to mask', () => {
    const m = maskProxies({});
    expect(() => m.scoringText!('x', { seed: 1, proxyTerms: [] })).toThrow(/no proxy terms/);
  });
});
