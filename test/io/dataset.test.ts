import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { datasheetPath } from '../../src/io/format.js';
import { readDataset, readDatasetStream } from '../../src/io/reader.js';
import { writeDatasetFor } from '../../src/io/writer.js';
import type { AdRecord } from '../../src/record.js';
import { record, records, SEED, SUMMARY } from './fixtures.js';

const dir = () => mkdtempSync(join(tmpdir(), 'adscreen-io-'));
const write = (recs: Iterable<AdRecord> | AsyncIterable<AdRecord>, path: string) => writeDatasetFor(recs, path, { summary: SUMMARY, seed: SEED });

async function errorOf(p: Promise<unknown>): Promise<InputError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return err as InputError;
  }
  throw new Error('expected an InputError');
}

/** A valid CSV written by the writer, as lines we can tamper with (fixture texts on one line only). */
async function csvWith(path: string, n: number): Promise<string> {
  const recs = records(n).map((r) => ({ ...r, text: `ad text ${r.id}`, indicators: [] }));
  await write(recs, path);
  return readFileSync(path, 'utf8');
}

describe('writeDataset / readDataset', () => {
  for (const ext of ['csv', 'jsonl']) {
    it(`round-trips records deep-equal through .${ext}, including commas, quotes, newlines and formula-like texts`, async () => {
      const d = dir();
      const recs = records(40);
      recs.push(record(40, { twinOf: 'ad-000003', id: 'ad-000003~t1', proxies: { nationality: 'ph' }, group: 'ph' }));
      const path = join(d, `data.${ext}`);
      const result = await write(recs, path);
      expect(result.rows).toBe(41);
      expect(result.datasheetPath).toBe(join(d, 'data.datasheet.md'));
      expect(await readDataset(path)).toEqual(recs);
      expect(readdirSync(d).sort()).toEqual([`data.${ext}`, 'data.datasheet.md'].sort());
    });
  }

  it('streams from a generator (any iterable) as well as from an array', async () => {
    const d = dir();
    function* gen() {
      for (let i = 0; i < 3000; i++) yield record(i, { id: `ad-${i}` });
    }
    const progress: number[] = [];
    await writeDatasetFor(gen(), join(d, 'g.jsonl'), { summary: SUMMARY, seed: SEED, onProgress: (n) => progress.push(n) });
    expect((await readDataset(join(d, 'g.jsonl'))).length).toBe(3000);
    expect(progress).toEqual([1024, 2048, 3000]);
  });

  it('converts a file to the other format by streaming the reader into the writer', async () => {
    const d = dir();
    const recs = records(25);
    await write(recs, join(d, 'a.csv'));
    await write(readDatasetStream(join(d, 'a.csv')), join(d, 'b.jsonl'));
    expect(await readDataset(join(d, 'b.jsonl'))).toEqual(recs);
  });

  it('neutralises formula-like CSV cells with a leading apostrophe', async () => {
    const d = dir();
    const path = join(d, 'f.csv');
    await write([record(3)], path); // text '=HYPERLINK(...)'
    const text = readFileSync(path, 'utf8');
    expect(text).toContain(`"'=HYPERLINK(""http://example.com"")"`);
    expect(text).not.toMatch(/(^|,)=HYPERLINK/m);
  });

  it('CSV carries the provenance columns and one column per proxy attribute', async () => {
    const d = dir();
    const path = join(d, 'c.csv');
    await write(records(2), path);
    const [header, row] = readFileSync(path, 'utf8').split('\n');
    expect(header).toBe(
      'id,text,label,observedLabel,posterType,category,indicators,group,age,city,contact,operatorId,postedAt,twinOf,nationality,language,synthetic,generatorVersion,seed,scenarioHash',
    );
    expect(row).toMatch(/,third-person:0-3;new-in-town:2-6,/);
    expect(row).toMatch(/,us,native,true,0\.1\.0,7,sc-0123abcd$/);
  });

  it('writes the same bytes twice and different bytes for different records', async () => {
    const [d1, d2] = [dir(), dir()];
    for (const ext of ['csv', 'jsonl']) {
      for (const d of [d1, d2]) await write(records(30), join(d, `a.${ext}`));
      expect(readFileSync(join(d1, `a.${ext}`))).toEqual(readFileSync(join(d2, `a.${ext}`)));
      expect(readFileSync(join(d1, 'a.datasheet.md'))).toEqual(readFileSync(join(d2, 'a.datasheet.md')));
      const other = records(30).map((r) => ({ ...r, seed: 8 }));
      await writeDatasetFor(other, join(d2, `a.${ext}`), { summary: SUMMARY, seed: 8 });
      expect(readFileSync(join(d1, `a.${ext}`))).not.toEqual(readFileSync(join(d2, `a.${ext}`)));
      expect(readFileSync(join(d1, 'a.datasheet.md'))).not.toEqual(readFileSync(join(d2, 'a.datasheet.md')));
    }
  });

  it('reports a bad CSV cell by file, row and column, once', async () => {
    const d = dir();
    const path = join(d, 'bad.csv');
    const lines = (await csvWith(path, 20)).split('\n');
    lines[17] = (lines[17] as string).replace(/^(ad-000016,ad text ad-000016,)0,/, '$1yes,');
    writeFileSync(path, lines.join('\n'));
    const err = await errorOf(readDataset(path));
    expect(err.message).toBe(`${path}: row 17: label: expected 0 or 1, got "yes"`);
    expect(err.location).toEqual({ file: path, row: 17, field: 'label' });
  });

  it('names bad indicator cells, short rows, unknown poster types and non-synthetic rows', async () => {
    const d = dir();
    const path = join(d, 'x.csv');
    const base = (await csvWith(path, 3)).split('\n');
    const cases: Array<[(l: string) => string, RegExp]> = [
      [(l) => l.replace(',escort,,', ',escort,third-person:zz,'), /row 1: indicators: expected id:start-end items separated by ';', got "third-person:zz"/],
      [(l) => l.replace(/,[^,]*$/, ''), /row 1: expected 20 columns, got 19/],
      [(l) => l.replace(',operation,', ',pimp,'), /row 1: posterType: expected one of operation, independent, agency, non-escort, got "pimp"/],
      [(l) => l.replace(',true,', ',false,'), /row 1: synthetic: expected true, got "false"/],
      [(l) => l.replace(',21,', ',19,'), /row 1: age: expected an integer from 21 to 120, got 19/],
    ];
    for (const [edit, message] of cases) {
      const lines = [...base];
      lines[1] = edit(lines[1] as string);
      writeFileSync(path, lines.join('\n'));
      await expect(readDataset(path)).rejects.toThrow(message);
    }
  });

  it('rejects spans outside the text and a malformed span list', async () => {
    const d = dir();
    const path = join(d, 's.csv');
    const base = (await csvWith(path, 1)).split('\n');
    writeFileSync(path, [base[0], (base[1] as string).replace(',escort,,', ',escort,a:0-999,'), ''].join('\n'));
    await expect(readDataset(path)).rejects.toThrow(/row 1: indicators\[0\]\.end: expected an integer from 0 to 17, got 999/);
    writeFileSync(path, [base[0], (base[1] as string).replace(',escort,,', ',escort,a:0-3;;b:1-2,'), ''].join('\n'));
    await expect(readDataset(path)).rejects.toThrow(/row 1: indicators: expected id:start-end items separated by ';', got ""/);
  });

  it('gives clear errors for an unknown extension, a missing column, an empty file and broken quoting', async () => {
    const d = dir();
    await expect(readDataset(join(d, 'x.txt'))).rejects.toThrow(/x\.txt: unknown dataset format: expected a file name ending in \.csv or \.jsonl/);
    await expect(readDataset(join(d, 'nope.csv'))).rejects.toThrow(/nope\.csv: file not found/);
    writeFileSync(join(d, 'empty.csv'), '');
    await expect(readDataset(join(d, 'empty.csv'))).rejects.toThrow(/empty\.csv: file is empty/);
    writeFileSync(join(d, 'empty.jsonl'), '');
    await expect(readDataset(join(d, 'empty.jsonl'))).rejects.toThrow(/empty\.jsonl: file is empty/);
    const path = join(d, 'm.csv');
    const lines = (await csvWith(path, 2)).split('\n');
    writeFileSync(path, [lines[0]!.replace(',operatorId', ''), lines[1], ''].join('\n'));
    await expect(readDataset(path)).rejects.toThrow(/m\.csv: header: missing column "operatorId"/);
    writeFileSync(path, [lines[0], lines[1], '"ad-9,unclosed', ''].join('\n'));
    await expect(readDataset(path)).rejects.toThrow(/m\.csv: row 2: malformed CSV/);
    const header = lines[0] as string;
    writeFileSync(path, `${header}\n`);
    expect(await readDataset(path)).toEqual([]);
  });

  it('reads CSV with CRLF line ends and a UTF-8 byte-order mark (as spreadsheets save it)', async () => {
    const d = dir();
    const path = join(d, 'w.csv');
    const text = await csvWith(path, 5);
    writeFileSync(path, `\ufeff${text.replace(/\n/g, '\r\n')}`);
    const recs = records(5).map((r) => ({ ...r, text: `ad text ${r.id}`, indicators: [] }));
    expect(await readDataset(path)).toEqual(recs);
  });

  it('names bad JSONL lines: invalid JSON, missing and unknown fields, blank lines, duplicate ids', async () => {
    const d = dir();
    const path = join(d, 'j.jsonl');
    await write(records(3), path);
    const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
    const cases: Array<[string[], RegExp]> = [
      [[lines[0]!, '{"id": 1,', lines[2]!], /j\.jsonl: row 2: not valid JSON/],
      [[lines[0]!, lines[1]!.replace('"label":0,', '')], /row 2: label: missing/],
      [[lines[0]!.replace('"label":1,', '"label":1,"lable":1,')], /row 1: lable: unknown field/],
      [[lines[0]!, '', lines[1]!], /row 2: empty line/],
      [[lines[0]!, lines[1]!, lines[0]!], /row 3: id: duplicate id "ad-000000" \(first in row 1\)/],
      [[lines[0]!.replace('"label":1', '"label":"1"')], /row 1: label: expected 0 or 1, got "1"/],
    ];
    for (const [content, message] of cases) {
      writeFileSync(path, `${content.join('\n')}\n`);
      await expect(readDataset(path)).rejects.toThrow(message);
    }
  });

  it('leaves no partial output when a record is bad or the source throws', async () => {
    const d = dir();
    const bad = records(2000);
    bad[1500] = { ...bad[1500]!, label: 2 as 0 };
    for (const ext of ['csv', 'jsonl']) {
      const path = join(d, `out.${ext}`);
      const err = await errorOf(write(bad, path));
      expect(err.message).toBe(`${path}: row 1501: label: expected 0 or 1, got 2`);
      expect(existsSync(path)).toBe(false);
      expect(existsSync(datasheetPath(path))).toBe(false);
    }
    function* failing() {
      for (let i = 0; i < 5000; i++) {
        if (i === 4000) throw new Error('generator broke');
        yield record(i, { id: `ad-${i}` });
      }
    }
    await expect(write(failing(), join(d, 'f.jsonl'))).rejects.toThrow('generator broke');
    expect(readdirSync(d)).toEqual([]);
  });

  it('refuses records whose provenance disagrees with the dataset', async () => {
    const d = dir();
    await expect(write([record(0, { seed: 8 })], join(d, 'p.csv'))).rejects.toThrow(/row 1: seed: expected the dataset's seed 7, got 8/);
    await expect(write([record(0, { scenarioHash: 'zz' })], join(d, 'p.csv'))).rejects.toThrow(/row 1: scenarioHash/);
    await expect(write([record(0), record(1, { generatorVersion: '9.9.9' })], join(d, 'p.csv'))).rejects.toThrow(
      /row 2: generatorVersion: expected one generator version per file \(0\.1\.0\), got "9\.9\.9"/,
    );
    await expect(write([record(0, { proxies: { nationality: 'us', hair: 'red' } })], join(d, 'p.csv'))).rejects.toThrow(
      /row 1: proxies: attribute "hair" is not one of the dataset's proxy attributes/,
    );
    await expect(write(records(1), join(d, 'p.tsv'))).rejects.toThrow(/p\.tsv: unknown dataset format/);
    expect(readdirSync(d)).toEqual([]);
  });
});
