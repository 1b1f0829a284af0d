import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { registerGenerate } from '../../src/cli/generate.js';
import { InputError } from '../../src/errors.js';
import { readDataset } from '../../src/io/reader.js';

async function run(...args: string[]): Promise<string> {
  const program = new Command().exitOverride();
  registerGenerate(program);
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  try {
    await program.parseAsync(['node', 'adscreen', 'generate', ...args]);
  } finally {
    spy.mockRestore();
  }
  return out;
}

afterEach(() => vi.restoreAllMocks());

describe('adscreen generate', () => {
  it('writes the dataset and datasheet and prints a one-line summary', async () => {
    const d = mkdtempSync(join(tmpdir(), 'adscreen-cli-'));
    const out = join(d, 'ads.csv');
    const printed = await run('--scenario', 'baseline', '--n', '50', '--seed', '3', '--out', out);
    expect(printed).toBe(`wrote 50 records to ${out} (datasheet: ${join(d, 'ads.datasheet.md')})\n`);
    const recs = await readDataset(out);
    expect(recs).toHaveLength(50);
    expect(recs.every((r) => r.seed === 3 && r.synthetic)).toBe(true);
    expect(readFileSync(join(d, 'ads.datasheet.md'), 'utf8')).toContain('| Seed | 3 |');
  });

  it('writes twins on top of the originals with --twins', async () => {
    const d = mkdtempSync(join(tmpdir(), 'adscreen-cli-'));
    const out = join(d, 'ads.jsonl');
    await run('--n', '20', '--seed', '1', '--out', out, '--twins');
    const recs = await readDataset(out);
    expect(recs.filter((r) => r.twinOf === null)).toHaveLength(20);
    expect(recs.some((r) => r.twinOf !== null)).toBe(true);
  });

  it('refuses bad arguments with one InputError naming the option, before writing anything', async () => {
    const d = mkdtempSync(join(tmpdir(), 'adscreen-cli-'));
    const cases: Array<[string[], RegExp]> = [
      [['--n', '0', '--out', join(d, 'a.csv')], /^--n: expected a positive integer, got "0"$/],
      [['--n', '1.5', '--out', join(d, 'a.csv')], /^--n: expected a positive integer, got "1.5"$/],
      [['--n', 'ten', '--out', join(d, 'a.csv')], /^--n: expected a positive integer/],
      [['--n', '5', '--seed', '-1', '--out', join(d, 'a.csv')], /^--seed: expected an integer from 0 to 4294967295/],
      [['--n', '5', '--out', join(d, 'a.txt')], /a\.txt: unknown dataset format/],
      [['--n', '5'], /^--out: missing/],
      [['--out', join(d, 'a.csv')], /^--n: missing/],
      [['--n', '5', '--scenario', 'no-such-scenario', '--out', join(d, 'a.csv')], /no-such-scenario/],
    ];
    for (const [args, message] of cases) {
      const err = await run(...args).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(InputError);
      expect((err as Error).message).toMatch(message);
    }
    expect(readdirSync(d)).toEqual([]);
    expect(existsSync(join(d, 'a.datasheet.md'))).toBe(false);
  });
});
