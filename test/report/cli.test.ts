import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { registerExplore } from '../../src/cli/explore.js';
import { registerReport } from '../../src/cli/report.js';
import { fixtureAds, fixtureAudit } from './fixtures.js';

const tmp = mkdtempSync(join(tmpdir(), 'adscreen-report-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function run(...args: string[]): Promise<void> {
  const program = new Command().exitOverride();
  registerReport(program);
  registerExplore(program);
  const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  try {
    await program.parseAsync(['node', 'adscreen', ...args]);
  } finally {
    write.mockRestore();
  }
}

describe('adscreen report / explore commands', () => {
  const dir = join(tmp, 'run');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'audit.json'), JSON.stringify(fixtureAudit(0.5)));
  const rows = fixtureAds().map((a) => `${a.id},${a.group},${a.label},${a.score},${a.twinOf ?? ''},"${a.text ?? ''}"`);
  writeFileSync(join(dir, 'scores.csv'), `id,group,label,score,twinOf,text\n${rows.join('\n')}\n`);

  it('report DIR --out x.html writes a self-contained page', async () => {
    await run('report', dir, '--out', join(tmp, 'r.html'));
    expect(readFileSync(join(tmp, 'r.html'), 'utf8')).toMatch(/^<!DOCTYPE html>/);
  });

  it('report DIR --format md writes Markdown and its chart files', async () => {
    await run('report', dir, '--format', 'md', '--out', join(tmp, 'r.md'));
    expect(readFileSync(join(tmp, 'r.md'), 'utf8')).toContain('](r-charts/fpr-fnr-language.svg)');
    expect(existsSync(join(tmp, 'r-charts', 'fpr-fnr-language.svg'))).toBe(true);
  });

  it('report rejects an unknown format naming the option', async () => {
    await expect(run('report', dir, '--format', 'pdf', '--out', join(tmp, 'x'))).rejects.toThrow(/--format: expected html or md, got "pdf"/);
  });

  it('explore DIR --out page.html uses the options given', async () => {
    await run('explore', dir, '--out', join(tmp, 'page.html'), '--threshold', '0.3', '--prevalence', '0.05', '--title', 'Class demo');
    const html = readFileSync(join(tmp, 'page.html'), 'utf8');
    expect(html).toContain('<h1>Class demo</h1>');
    expect(html).toContain('value="300"');
    expect(html).toContain('Fictional ad 20 &lt;b&gt;');
    await expect(run('explore', dir, '--out', join(tmp, 'p2.html'), '--threshold', '2')).rejects.toThrow(/--threshold: expected a number from 0 to 1/);
  });
});

describe('adscreen explore --ads', () => {
  it('takes ad texts and twin links from the generated dataset when scores.csv lacks them', async () => {
    const { generate, loadScenario } = await import('../../src/generate/index.js');
    const { writeDataset } = await import('../../src/io/dataset.js');
    const scenario = loadScenario('baseline');
    const records = generate(scenario, { n: 40, seed: 5, twins: true });
    const dir = join(tmp, 'predicted');
    mkdirSync(dir, { recursive: true });
    await writeDataset(records, join(tmp, 'test.csv'), { scenario, seed: 5 });
    // scores as `adscreen predict` writes them: no text, no twinOf (scores are made up here)
    const rows = records.map((r, i) => `${r.id},${(i * 37) % 100 / 100},${r.label},${r.group}`);
    writeFileSync(join(dir, 'scores.csv'), `id,score,label,group\n${rows.join('\n')}\n`);
    await run('explore', dir, '--ads', join(tmp, 'test.csv'), '--out', join(tmp, 'predicted.html'));
    const html = readFileSync(join(tmp, 'predicted.html'), 'utf8');
    const data = JSON.parse(/<script type="application\/json" id="explore-data">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '{}') as {
      twinScores: unknown[];
      twins: Array<{ id: string; text: string; twinText: string }>;
      provenance: { seed?: number; scenarioHash?: string };
    };
    expect(data.twinScores).toHaveLength(records.filter((r) => r.twinOf !== null).length);
    const first = data.twins[0];
    expect(first?.text).toBe(records.find((r) => r.id === first?.id)?.text);
    expect(first?.twinText.length).toBeGreaterThan(0);
    expect(data.provenance.seed).toBe(5);
    expect(data.provenance.scenarioHash).toBe(records[0]?.scenarioHash);
  });
});
