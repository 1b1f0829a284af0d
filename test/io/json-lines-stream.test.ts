/**
 * streamJsonLines: whatever it is given, the bytes are those of `JSON.stringify(value) + '\n'`
 * for each value, whether a record took the byte encoder's path or JSON.stringify's. Generated
 * records (every preset, twins included) take the encoder's path; records in any other key
 * order, malformed records and other values must come out the JSON.stringify way.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generate, loadScenario, PRESET_NAMES } from '../../src/generate/index.js';
import { streamJsonLines } from '../../src/io/jsonl.js';
import { record } from './fixtures.js';

/** What the stream must equal. */
const reference = (values: readonly unknown[]): Buffer => Buffer.from(values.map((v) => `${JSON.stringify(v)}\n`).join(''), 'utf8');

function streamed(values: readonly unknown[], chunkBytes?: number): { bytes: Buffer; chunks: number } {
  const parts: Buffer[] = [];
  // a chunk is only valid during the call: copy it
  streamJsonLines(values, (c) => parts.push(Buffer.from(c)), chunkBytes);
  return { bytes: Buffer.concat(parts), chunks: parts.length };
}

/** Reorders an object's keys (a new object, same values). */
function reordered<T extends object>(o: T, keys: readonly string[]): T {
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = (o as Record<string, unknown>)[k];
  return out as T;
}

describe('streamJsonLines', () => {
  it('gives the bytes of JSON.stringify lines for generated records of every preset, twins included', () => {
    for (const name of PRESET_NAMES) {
      const recs = generate(loadScenario(name), { n: 300, seed: 4, twins: true });
      expect(streamed(recs).bytes.equals(reference(recs)), name).toBe(true);
    }
  });

  it('is the same whatever the chunk size, lines longer than a chunk included', () => {
    const recs = generate(loadScenario('confounded'), { n: 200, seed: 9 });
    const small = streamed(recs, 64);
    expect(small.bytes.equals(reference(recs))).toBe(true);
    expect(small.chunks).toBeGreaterThan(10);
    const medium = streamed(recs, 4096);
    expect(medium.bytes.equals(reference(recs))).toBe(true);
    expect(medium.chunks).toBeGreaterThan(10);
  });

  it('writes records in other key orders, malformed records and other values as JSON.stringify does', () => {
    const [a, b, c] = generate(loadScenario('baseline'), { n: 3, seed: 2 }) as [ReturnType<typeof generate>[number], ReturnType<typeof generate>[number], ReturnType<typeof generate>[number]];
    const keys = Object.keys(a);
    const proxyKeys = Object.keys(a.proxies);
    class WithToJson {
      toJSON(): string {
        return 'custom';
      }
    }
    const values: unknown[] = [
      a,
      reordered(b, [...keys].reverse()), // record keys in another order
      { ...c, proxies: reordered(c.proxies, [...proxyKeys].reverse()) }, // proxies in another order than the first record's
      { ...c, indicators: c.indicators.map((s) => ({ end: s.end, start: s.start, id: s.id })) }, // span keys in another order
      { ...c, extra: 1 }, // an unknown field
      { ...c, age: '30' }, // a wrong type
      { ...c, seed: -0, age: 30 }, // negative zero
      { ...c, text: 'quote " backslash \\ lone \ud800 emoji 😀 tab \t' },
      Object.assign(new WithToJson(), c), // toJSON is called by JSON.stringify
      { ...c, indicators: Object.assign([...c.indicators], { toJSON: () => [] }) },
      Object.defineProperty({ ...c }, 'toJSON', { value: () => 'hidden', enumerable: false }),
      { ...c, proxies: Object.defineProperty({ ...c.proxies }, 'toJSON', { value: () => ({}), enumerable: false }) },
      record(1),
      null,
      5,
      'text',
      [1, 2],
    ];
    expect(streamed(values).bytes.toString('utf8')).toBe(reference(values).toString('utf8'));
  });

  it('equals JSON.stringify lines for generated records with fields replaced by arbitrary strings', () => {
    const base = generate(loadScenario('classroom'), { n: 40, seed: 5 });
    const str = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((u) => String.fromCharCode(u)), maxLength: 30 });
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(39), str, str), { maxLength: 8 }), (edits) => {
        const recs = base.map((r) => ({ ...r }));
        for (const [i, text, city] of edits) {
          const r = recs[i] as (typeof recs)[number];
          r.text = text.length > 0 ? text : r.text;
          r.city = city.length > 0 ? city : r.city;
          r.indicators = r.indicators.filter((s) => s.end <= r.text.length);
        }
        return streamed(recs).bytes.equals(reference(recs));
      }),
      { numRuns: 60 },
    );
  });
});
