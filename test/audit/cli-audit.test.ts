/** Reading any scored CSV (rows validated, errors by row number) and the `adscreen audit` command. */
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { registerAudit } from '../../src/cli/audit.js';
import { readScoresCsv } from '../../src/audit/index.js';
import { InputError } from '../../src/errors.js';

function tmp(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'adscreen-audit-'));
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

async function run(...args: string[]): Promise<string> {
  const program = new Command().exitOverride();
  registerAudit(program);
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  try {
    await program.parseAsync(['node', 'adscreen', 'audit', ...args]);
  } finally {
    spy.mockRestore();
  }
  return out;
}

afterEach(() => vi.restoreAllMocks());

describe('readScoresCsv', () => {
  it('reads any CSV with the named columns (other columns, quoting, column order are free)', async () => {
    const file = tmp('s.csv', 'prob,who,y,note\n0.9,"a, b",1,"x"\n0.25,c,0,\n1e-3,c,0,z\n');
    const d = await readScoresCsv(file, { labelCol: 'y', scoreCol: 'prob', groupCols: ['who'] });
    expect([...d.labels]).toEqual([1, 0, 0]);
    expect([...d.scores]).toEqual([0.9, 0.25, 0.001]);
    expect(d.groups).toEqual({ who: ['a, b', 'c', 'c'] });
  });
  it.each([
    ['score,label,g\n0.5,1,a\nabc,0,b\n', 'row 2: score: expected a numeric score, got "abc"'],
    ['score,label,g\n0.5,1,a\n0.2,0,b\n0.3,2,b\n', 'row 3: label: expected label 0 or 1, got "2"'],
    ['score,label,g\n0.5,1,a\n0.2,0,\n', 'row 2: g: missing group value'],
    ['score,label,g\n,1,a\n', 'row 1: score: expected a numeric score'],
    ['score,label\n0.5,1\n', 'g: no group column "g"'],
  ])('reports a bad row by number: %#', async (text, message) => {
    const file = tmp('bad.csv', text);
    const err = await readScoresCsv(file, { groupCols: ['g'] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toContain(message);
    expect((err as Error).message.startsWith(file)).toBe(true);
  });
  it('reports a missing file', async () => {
    await expect(readScoresCsv('/nonexistent/x.csv', { groupCols: ['g'] })).rejects.toThrow(/file not found/);
  });
});

describe('adscreen audit', () => {
  it('writes the JSON contract atomically and prints a per-group table', async () => {
    const rows = ['id,score,label,group'];
    for (let i = 0; i < 120; i++) rows.push(`ad-${i},${((i * 37) % 100) / 100},${i % 3 === 0 ? 1 : 0},${i % 2 === 0 ? 'even' : 'odd'}`);
    const file = tmp('scores.csv', `${rows.join('\n')}\n`);
    const out = join(mkdtempSync(join(tmpdir(), 'adscreen-audit-out-')), 'sub', 'audit.json');
    const printed = await run('--scores', file, '--group-col', 'group', '--bootstrap', '50', '--seed', '2', '--prevalence', '0.01', '--volume', '10000', '--out', out);
    const json = JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown>;
    expect(json['schema']).toBe('adscreen.audit/1');
    expect(json['threshold']).toBe(0.5);
    expect(Object.keys(json).slice(0, 9)).toEqual(['schema', 'threshold', 'overall', 'groups', 'intersections', 'disparities', 'twins', 'harm', 'warnings']);
    expect(printed).toMatch(/^group\s+n\s+FPR\s+FNR\s+PPV\s+selection rate$/m);
    expect(printed).toMatch(/^even\s+60\s+\d\.\d{3} \[\d\.\d{3}, \d\.\d{3}\]/m);
    expect(printed).toContain(`wrote ${out}`);
    expect(readdirSync(join(out, '..')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
  it('refuses bad options before reading anything', async () => {
    await expect(run('--scores', 'x.csv', '--out', 'y.json')).rejects.toThrow(/--group-col/);
    await expect(run('--scores', 'x.csv', '--group-col', 'g', '--prevalence', '0.1', '--out', 'y.json')).rejects.toThrow(/together/);
    await expect(run('--scores', 'x.csv', '--group-col', 'g', '--threshold', 'high', '--out', 'y.json')).rejects.toThrow(/--threshold/);
    expect(existsSync('y.json')).toBe(false);
  });
});
