import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteTree, putBytes, writeJsonNumber, writeJsonString } from '../../src/io/json-bytes.js';

/** Any UTF-16 string, lone surrogates and control characters included. */
const anyUnits = (maxLength: number) => fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength });

/** The reference: JSON.stringify, as UTF-8. */
const expected = (value: unknown): Buffer => Buffer.from(JSON.stringify(value), 'utf8');

/** What a writer put in a buffer with the stated room (6 bytes a code unit, and the quotes), and that it stayed in its room. */
function written(room: number, write: (buf: Buffer, at: number) => number): Buffer {
  const buf = Buffer.alloc(room + 16, 0xaa);
  const end = write(buf, 5);
  expect(end).toBeLessThanOrEqual(5 + room);
  expect(buf.subarray(0, 5).every((b) => b === 0xaa)).toBe(true);
  expect(buf.subarray(5 + room).every((b) => b === 0xaa)).toBe(true);
  return buf.subarray(5, end);
}

describe('writeJsonString', () => {
  it('writes the UTF-8 bytes of JSON.stringify for any string, short or long', () => {
    fc.assert(
      fc.property(anyUnits(80), (s) => written(6 * s.length + 2, (b, at) => writeJsonString(b, at, s)).equals(expected(s))),
      { numRuns: 500 },
    );
  });

  it('handles the cases its fast paths look out for: escapes, lone and paired surrogates, U+FFFD, other 0xEF-led characters', () => {
    const long = 'a plain ASCII sentence long enough for the native path, ';
    const cases = [
      '',
      'x',
      'ad-000001',
      long,
      `${long}"quoted"`,
      `${long}back\\slash`,
      `${long}tab\tnewline\n`,
      `${long}\u0000\u001f\u007f`,
      `${long}lone \ud800 high`,
      `${long}lone \udfff low`,
      `${long}pair 😀 emoji 💎`,
      `${long}replacement \ufffd char`,
      `${long}fullwidth \uff01 and private \uf000`,
      `${long}café ăạệ ś`,
      '\ud83d',
      'é',
    ];
    for (const s of cases) expect(written(6 * s.length + 2, (b, at) => writeJsonString(b, at, s)).toString('utf8')).toBe(JSON.stringify(s));
  });
});

describe('writeJsonNumber', () => {
  it('writes what JSON.stringify writes, for integers of every length and for other numbers', () => {
    const numbers = [0, -0, 1, 9, 10, 11, 99, 100, 12345, 2 ** 31, 2 ** 32 - 1, 2 ** 32, Number.MAX_SAFE_INTEGER, -1, -250, 1.5, 1e21, 2 ** 60, NaN, Infinity];
    for (const x of numbers) expect(written(32, (b, at) => writeJsonNumber(b, at, x)).toString('latin1')).toBe(JSON.stringify(x));
    fc.assert(fc.property(fc.nat(), (x) => written(32, (b, at) => writeJsonNumber(b, at, x)).equals(expected(x))));
  });
});

describe('putBytes', () => {
  it('copies byte runs of any length', () => {
    for (const n of [0, 1, 20, 300]) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 7) % 256);
      expect(written(n, (b, at) => putBytes(b, at, bytes)).equals(Buffer.from(bytes))).toBe(true);
    }
  });
});

describe('ByteTree', () => {
  it('makes the run for a key sequence once and returns it for the same keys, undefined keys included', () => {
    const tree = new ByteTree();
    let made = 0;
    const make = (keys: ReadonlyArray<string | undefined>): Uint8Array => {
      made++;
      return Buffer.from(keys.slice(0, 2).map(String).join('|'));
    };
    const a = tree.get(['x', 'y'], 2, make);
    expect(Buffer.from(a).toString()).toBe('x|y');
    expect(tree.get(['x', 'y'], 2, make)).toBe(a);
    expect(Buffer.from(tree.get(['x', undefined], 2, make)).toString()).toBe('x|undefined');
    expect(Buffer.from(tree.get(['y', 'x'], 2, make)).toString()).toBe('y|x');
    expect(made).toBe(3);
    tree.clear();
    tree.get(['x', 'y'], 2, make);
    expect(made).toBe(4);
  });
});
