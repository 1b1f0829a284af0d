import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { registerDemo } from '../../src/cli/demo.js';

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
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toMatch(/SYNTHETIC DATA/);
  });
});
