import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openAtomicWriter, writeFileAtomic } from '../../src/io/atomic.js';

describe('atomic writes', () => {
  it('writeFileAtomic lands the whole file and leaves no temp file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'adscreen-atomic-'));
    const path = join(dir, 'sub', 'a.txt');
    writeFileAtomic(path, 'hello');
    expect(readFileSync(path, 'utf8')).toBe('hello');
    expect(readdirSync(join(dir, 'sub'))).toEqual(['a.txt']);
  });

  it('an aborted streaming writer leaves nothing behind; a committed one leaves the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'adscreen-atomic-'));
    const aborted = openAtomicWriter(join(dir, 'x.jsonl'));
    await aborted.write('partial\n');
    await aborted.abort();
    expect(readdirSync(dir)).toEqual([]);
    const ok = openAtomicWriter(join(dir, 'y.jsonl'));
    await ok.write('a\n');
    await ok.write('b\n');
    expect(existsSync(join(dir, 'y.jsonl'))).toBe(false);
    await ok.commit();
    expect(readFileSync(join(dir, 'y.jsonl'), 'utf8')).toBe('a\nb\n');
    expect(readdirSync(dir)).toEqual(['y.jsonl']);
  });
});
