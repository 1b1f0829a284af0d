import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDataset } from '../../src/io/reader.js';
import { CHECKSUM_FILE, REFERENCE_DATASETS, sha256File, writeReferenceData } from '../../src/io/reference.js';

const committed = join(import.meta.dirname, '..', '..', 'data-synthetic');

function parseSums(text: string): Map<string, string> {
  return new Map(text.trimEnd().split('\n').map((line) => [line.slice(66), line.slice(0, 64)] as [string, string]));
}

describe('data-synthetic reference datasets', () => {
  it('the committed files match their SHA256SUMS', () => {
    const sums = parseSums(readFileSync(join(committed, CHECKSUM_FILE), 'utf8'));
    expect([...sums.keys()].sort()).toEqual(
      REFERENCE_DATASETS.flatMap((d) => [d.file, d.file.replace(/\.csv$/, '.datasheet.md')]).sort(),
    );
    for (const [file, hash] of sums) expect(sha256File(join(committed, file)), file).toBe(hash);
  });

  it('regenerating them (the code path of npm run data) reproduces the committed bytes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'adscreen-ref-'));
    const sums = await writeReferenceData(dir);
    // compared as file -> hash maps so a failure names the files that changed
    expect(Object.fromEntries(parseSums(sums))).toEqual(Object.fromEntries(parseSums(readFileSync(join(committed, CHECKSUM_FILE), 'utf8'))));
    expect(sums).toBe(readFileSync(join(committed, CHECKSUM_FILE), 'utf8'));
    for (const spec of REFERENCE_DATASETS) {
      const recs = await readDataset(join(dir, spec.file));
      expect(recs).toHaveLength(spec.n);
      expect(recs.every((r) => r.seed === spec.seed && r.synthetic)).toBe(true);
      expect(existsSync(join(dir, spec.file.replace(/\.csv$/, '.datasheet.md')))).toBe(true);
    }
  });
});
