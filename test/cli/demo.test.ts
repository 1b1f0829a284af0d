import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { registerDemo } from '../../src/cli/demo.js';
import { readDataset } from '../../src/io/index.js';
import { parse } from 'csv-parse/sync';

afterEach(() => vi.restoreAllMocks());

describe('adscreen demo', () => {
  it('runs the default experiment end to end and writes both reports and the teaching page, each marked synthetic', async () => {
    const out = mkdtempSync(join(tmpdir(), 'adscreen-demo-'));
    const program = new Command().exitOverride();
    registerDemo(program);
    let printed = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      printed += String(chunk);
      return true;
    });
    await program.parseAsync(['node', 'adscreen', 'demo', '--out', out, '--jobs', '0']);
    vi.restoreAllMocks();
    for (const f of ['report.html', 'report.md', 'explore.html', 'experiment/summary.md']) {
      expect(existsSync(join(out, f)), f).toBe(true);
      expect(printed).toContain(f.startsWith('experiment') ? join(out, 'experiment') : join(out, f));
    }
    const page = readFileSync(join(out, 'explore.html'), 'utf8');
    expect(page).toMatch(/SYNTHETIC DATA/);
    expect(page).toMatch(/generator version 0\.1\.0, seed \d+, scenario hash [0-9a-f]{16}/);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toMatch(/SYNTHETIC DATA/);
    // the datasheet written beside the experiment describes exactly the main cell's test ads
    expect(existsSync(join(out, 'experiment', 'test-data.datasheet.md'))).toBe(true);
    expect(html).toMatch(/Test data: datasheet highlights/);
    const data = await readDataset(join(out, 'experiment', 'test-data.csv'));
    const scores = parse(readFileSync(join(out, 'experiment', 'cells', 's1-embedding-bag-none', 'scores.csv'), 'utf8'), { columns: true }) as Array<Record<string, string>>;
    expect(data.map((r) => r.id).sort()).toEqual(scores.map((r) => r['id']).sort());
    const textById = new Map(data.map((r) => [r.id, r.text]));
    for (const row of scores) expect(row['text']).toBe(textById.get(row['id']!));
  });
});
