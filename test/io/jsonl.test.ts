/**
 * The JSON line encoder reused over many records: its caches of repeated byte runs (labels with
 * poster type and category, indicator ids, proxies with the group, cities, dates with the
 * provenance tail) must never change a line. Every line is checked against JSON.stringify of the
 * record with its keys in the fixed order.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonLineEncoder } from '../../src/io/jsonl.js';
import type { AdRecord } from '../../src/record.js';
import { record, referenceJsonLine as reference } from './fixtures.js';

const ORDER = ['nationality', 'language'];


/** Lines written one after another into one buffer by one encoder, as the dataset writer does. */
function encodeAll(enc: JsonLineEncoder, recs: readonly AdRecord[]): string[] {
  const lines: string[] = [];
  const buf = Buffer.alloc(recs.reduce((n, r) => n + enc.maxBytes(r), 0));
  let at = 0;
  for (const r of recs) {
    const end = enc.encodeInto(r, buf, at);
    lines.push(buf.toString('utf8', at, end));
    at = end;
  }
  return lines;
}

describe('JsonLineEncoder reused over many records', () => {
  it('writes every line as JSON.stringify would, whatever its caches hold', () => {
    const small = fc.constantFrom('a', 'b', 'é', 'x"y', '\ud800', '');
    const arb = fc.record({
      label: fc.constantFrom<0 | 1>(0, 1),
      observedLabel: fc.constantFrom<0 | 1>(0, 1),
      posterType: fc.constantFrom('operation', 'independent', 'agency', 'non-escort' as const),
      category: small,
      group: small,
      city: small,
      postedAt: fc.constantFrom('2025-01-01', '2025-01-02'),
      nationality: fc.option(small, { nil: undefined }),
      extra: fc.option(small, { nil: undefined }),
      twinOf: fc.option(small, { nil: null }),
      version: fc.constantFrom('0.1.0', '0.2.0'),
      seed: fc.constantFrom(7, 4294967295),
      ids: fc.array(small, { maxLength: 3 }),
    });
    fc.assert(
      fc.property(fc.array(arb, { minLength: 1, maxLength: 30 }), (specs) => {
        const recs = specs.map((s, i) => {
          const proxies: Record<string, string> = { language: 'native' };
          if (s.nationality !== undefined) proxies['nationality'] = s.nationality;
          if (s.extra !== undefined) proxies['zz-extra'] = s.extra;
          return record(i, {
            label: s.label,
            observedLabel: s.observedLabel,
            posterType: s.posterType,
            category: s.category,
            group: s.group,
            city: s.city,
            postedAt: s.postedAt,
            proxies,
            twinOf: s.twinOf,
            generatorVersion: s.version,
            seed: s.seed,
            indicators: s.ids.map((id, k) => ({ id, start: k, end: k + 1 })),
          });
        });
        const lines = encodeAll(new JsonLineEncoder(ORDER), recs);
        return lines.every((line, i) => line === reference(recs[i] as AdRecord, ORDER));
      }),
      { numRuns: 200 },
    );
  });

  it('stays exact past the cache limit (thousands of distinct cities and dates)', () => {
    const recs = Array.from({ length: 6000 }, (_, i) => record(i, { city: `City ${i}`, postedAt: `2025-01-${String((i % 28) + 1).padStart(2, '0')}`, group: `g${i % 4500}` }));
    const lines = encodeAll(new JsonLineEncoder(ORDER), recs);
    expect(lines.filter((line, i) => line !== reference(recs[i] as AdRecord, ORDER))).toEqual([]);
  });

  it('never writes more than maxBytes, even for strings that escape to six bytes a character', () => {
    const worst = '\u0001'.repeat(50);
    const r = record(1, { text: worst, id: worst, city: worst, contact: worst, operatorId: worst, twinOf: worst, proxies: { nationality: worst, [worst]: worst } });
    const enc = new JsonLineEncoder(ORDER);
    const buf = Buffer.alloc(enc.maxBytes(r));
    const end = enc.encodeInto(r, buf, 0);
    expect(end).toBeLessThanOrEqual(buf.length);
    expect(buf.toString('utf8', 0, end)).toBe(reference(r, ORDER));
  });
});
