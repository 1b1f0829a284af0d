import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { csvColumns, decodeIndicators, encodeIndicators, formatCsvRows, neutraliseCell, restoreCell } from '../../src/io/csv.js';
import { recordToJsonLine } from '../../src/io/jsonl.js';
import { RECORD_FIELDS } from '../../src/io/validate.js';
import { record, referenceJsonLine as reference } from './fixtures.js';

describe('CSV cells', () => {
  it('prefixes an apostrophe to cells a spreadsheet could run as a formula, and to apostrophe cells', () => {
    for (const c of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx', "'x"]) expect(neutraliseCell(c)).toBe(`'${c}`);
    for (const c of ['', 'plain', ' =x', '1-2', 'a=b']) expect(neutraliseCell(c)).toBe(c);
  });

  it('restoreCell undoes neutraliseCell for any string', () => {
    fc.assert(fc.property(fc.string(), (s) => restoreCell(neutraliseCell(s)) === s));
  });

  it('formatted rows parse back (csv-parse) to the same cells for any strings', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string(), { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 5 }), (rows) => {
        const parsed = parse(formatCsvRows(rows), { relax_column_count: true }) as string[][];
        return JSON.stringify(parsed.map((r) => r.map(restoreCell))) === JSON.stringify(rows);
      }),
    );
  });

  it('packs indicator spans compactly and unpacks them', () => {
    const spans = [
      { id: 'third-person', start: 12, end: 40 },
      { id: 'new-in-town', start: 50, end: 61 },
    ];
    expect(encodeIndicators(spans)).toBe('third-person:12-40;new-in-town:50-61');
    expect(decodeIndicators('third-person:12-40;new-in-town:50-61')).toEqual(spans);
    expect(encodeIndicators([])).toBe('');
    expect(decodeIndicators('')).toEqual([]);
    expect(() => encodeIndicators([{ id: 'a;b', start: 0, end: 1 }])).toThrow(/indicators\[0\]\.id/);
  });

  it('builds the header from the proxy attributes and refuses clashing or odd names', () => {
    expect(csvColumns(['gender']).slice(13, 16)).toEqual(['twinOf', 'gender', 'synthetic']);
    expect(() => csvColumns(['group'])).toThrow(/clashes with a fixed CSV column/);
    expect(() => csvColumns(['a b'])).toThrow(/proxy attribute name/);
    expect(() => csvColumns(['x', 'x'])).toThrow(/listed twice/);
  });
});

/** Any UTF-16 string, lone surrogates and control characters included. */
const anyString = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 40 });


describe('JSON lines', () => {
  it('are byte-identical to JSON.stringify for any strings in any field', () => {
    fc.assert(
      fc.property(anyString, anyString, anyString, anyString, anyString, (text, city, contact, lang, id) => {
        const r = record(1, { text: `x${text}`, city, contact, id, proxies: { language: lang, nationality: 'mx' }, twinOf: id, indicators: [{ id: 'a', start: 0, end: 1 }] });
        return recordToJsonLine(r, ['nationality', 'language']) === reference(r, ['nationality', 'language']);
      }),
      { numRuns: 300 },
    );
  });

  it('equal JSON.stringify of the record with keys in the fixed order, proxies in declared order', () => {
    const r = record(5, { proxies: { language: 'native', nationality: 'mx', extra: 'e', another: 'a' } });
    const ordered: Record<string, unknown> = {};
    for (const k of RECORD_FIELDS) ordered[k] = r[k];
    ordered['proxies'] = { nationality: 'mx', language: 'native', another: 'a', extra: 'e' };
    expect(recordToJsonLine(r, ['nationality', 'language'])).toBe(`${JSON.stringify(ordered)}\n`);
  });
});

describe('JSON lines from records in canonical key order', () => {
  it('give the same bytes as from the same record with shuffled keys', () => {
    const r = record(2);
    const shuffled = Object.fromEntries(Object.entries(r).reverse()) as typeof r;
    shuffled.indicators = r.indicators.map((s) => ({ end: s.end, start: s.start, id: s.id }));
    shuffled.proxies = { language: r.proxies['language'] as string, nationality: r.proxies['nationality'] as string };
    const order = ['nationality', 'language'];
    expect(recordToJsonLine(shuffled, order)).toBe(recordToJsonLine(r, order));
    expect(recordToJsonLine(r, order).startsWith('{"id":"ad-000002","text":')).toBe(true);
    expect(recordToJsonLine(r, order)).toContain('"proxies":{"nationality":"ph","language":"native"}');
  });
});
