/**
 * writeGeneratedDataset: the same files as writeDataset(generateStream(...)) whatever the number
 * of worker threads. The block pipeline the workers run is checked here in this thread; the real
 * worker threads run from the built package (dist/, which CI builds before testing; skipped when
 * it is absent), since workers load the built JavaScript.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Command } from 'commander';
import { describe, expect, it, vi } from 'vitest';
import { blockRecords, generate, generateStream, generationBlocks, loadScenario, parseScenario, planGeneration } from '../../src/generate/index.js';
import { writeDataset } from '../../src/io/dataset.js';
import { writeGeneratedDataset } from '../../src/io/generated-dataset.js';
import { JsonLineEncoder } from '../../src/io/jsonl.js';
import { RecordChunkEncoder } from '../../src/io/record-chunks.js';
import { summariseScenario } from '../../src/io/scenario-summary.js';
import { DatasetStatsAccumulator } from '../../src/io/stats.js';
import { csvHeader } from '../../src/io/writer.js';
import { tempDirs } from '../temp-dirs.js';

const tmp = tempDirs('adscreen-par-');

const CASES = [
  { name: 'baseline', n: 900, seed: 4, twins: false, ext: 'jsonl' },
  { name: 'confounded', n: 500, seed: 8, twins: true, ext: 'csv' },
  { name: 'classroom', n: 400, seed: 2, twins: true, ext: 'jsonl' },
] as const;

/** The reference: the single-thread writer over the generator stream. */
async function reference(c: { name: string; n: number; seed: number; twins: boolean; ext: 'csv' | 'jsonl' }): Promise<{ data: Buffer; sheet: string; dir: string }> {
  const scenario = loadScenario(c.name);
  const dir = tmp();
  await writeDataset(generateStream(scenario, c), join(dir, `d.${c.ext}`), { scenario, seed: c.seed });
  return { data: readFileSync(join(dir, `d.${c.ext}`)), sheet: readFileSync(join(dir, 'd.datasheet.md'), 'utf8'), dir };
}

describe('writeGeneratedDataset', () => {
  it('blocks encoded separately and joined in order give the bytes and statistics of the single-thread writer', async () => {
    for (const c of CASES) {
      const scenario = loadScenario(c.name);
      const ref = await reference(c);
      const plan = planGeneration(scenario, c);
      const attributes = Object.keys(summariseScenario(scenario).proxyAttributes);
      const chunks: Buffer[] = c.ext === 'csv' ? [Buffer.from(csvHeader(attributes))] : [];
      const stats = new DatasetStatsAccumulator();
      // one JSON line encoder for all blocks, as a worker thread keeps it
      const json = new JsonLineEncoder(attributes);
      for (const block of generationBlocks(plan, 97)) {
        const enc = new RecordChunkEncoder({
          format: c.ext,
          attributes,
          file: 'x',
          seed: plan.seed,
          scenarioHash: plan.scenarioHash,
          firstRow: plan.twins ? 2 * block.firstAd : block.firstAd,
          chunkBytes: 4096,
          json,
        });
        for (const r of blockRecords(plan, block)) enc.add(r);
        chunks.push(...enc.finish());
        stats.absorb(structuredClone(enc.stats.state()));
      }
      expect(Buffer.concat(chunks).equals(ref.data)).toBe(true);
      const single = await writeDataset(generateStream(scenario, c), join(tmp(), `e.${c.ext}`), { scenario, seed: c.seed });
      expect(JSON.stringify(stats.result())).toBe(JSON.stringify(single.stats));
    }
  });

  it('the single-thread writer reuses written buffers without corrupting later chunks (several MiB of output)', async () => {
    const scenario = loadScenario('baseline');
    const recs = generate(scenario, { n: 4000, seed: 6 });
    const path = join(tmp(), 'big.jsonl');
    await writeDataset(recs, path, { scenario, seed: 6 });
    const expected = recs.map((r) => `${JSON.stringify(r)}\n`).join('');
    expect(Buffer.byteLength(expected)).toBeGreaterThan(3 * 1024 * 1024);
    expect(readFileSync(path, 'utf8') === expected).toBe(true);
  });

  it('in this thread (jobs 0, or TypeScript sources) writes the same files as writeDataset', async () => {
    const c = CASES[1];
    const ref = await reference(c);
    const dir = tmp();
    const progress: number[] = [];
    const r = await writeGeneratedDataset(loadScenario(c.name), join(dir, `d.${c.ext}`), { ...c, jobs: 0, onProgress: (done) => progress.push(done) });
    expect(r.jobs).toBe(0);
    expect(r.rows).toBe(2 * c.n);
    expect(progress.at(-1)).toBe(2 * c.n);
    expect(readFileSync(join(dir, `d.${c.ext}`)).equals(ref.data)).toBe(true);
    expect(readFileSync(join(dir, 'd.datasheet.md'), 'utf8')).toBe(ref.sheet);
    // by default, datasets under 50,000 ads are not worth starting worker threads for
    const small = await writeGeneratedDataset(loadScenario(c.name), join(dir, `e.${c.ext}`), { n: 50, seed: c.seed });
    expect(small.jobs).toBe(0);
  });

  it('refuses a bad file name or bad options before writing anything', async () => {
    const dir = tmp();
    const scenario = loadScenario('baseline');
    await expect(writeGeneratedDataset(scenario, join(dir, 'd.txt'), { n: 10, seed: 1 })).rejects.toThrow(/expected a file name ending in \.csv or \.jsonl/);
    await expect(writeGeneratedDataset(scenario, join(dir, 'd.csv'), { n: 1.5, seed: 1 })).rejects.toThrow(/n: expected a non-negative integer/);
    await expect(writeGeneratedDataset(scenario, join(dir, 'd.csv'), { n: 10, seed: 1, jobs: -1 })).rejects.toThrow(/jobs: expected a non-negative integer, got -1/);
    await expect(writeGeneratedDataset(scenario, join(dir, 'd.csv'), { n: 10, seed: 1, adsPerBlock: 0 })).rejects.toThrow(/adsPerBlock: expected a positive integer, got 0/);
    // an invalid scenario: the bad field is named
    const bad = { ...scenario, confounding: { strength: 2 } };
    await expect(writeGeneratedDataset(bad, join(dir, 'd.csv'), { n: 10, seed: 1 })).rejects.toThrow(/confounding\.strength: expected a number between 0 and 1, got 2/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('fills in a partial scenario as generate() does, as writeDataset does (a JavaScript caller need not parse it first)', async () => {
    const dir = tmp();
    const partial = { name: 'partial', confounding: { strength: 0.4 } };
    await writeGeneratedDataset(partial, join(dir, 'a.jsonl'), { n: 50, seed: 3 });
    await writeGeneratedDataset(parseScenario(partial), join(dir, 'b.jsonl'), { n: 50, seed: 3 });
    // writeDataset too takes the partial scenario that generateStream took
    await writeDataset(generateStream(partial, { n: 50, seed: 3 }), join(dir, 'c.jsonl'), { scenario: partial, seed: 3 });
    expect(readFileSync(join(dir, 'c.jsonl'))).toEqual(readFileSync(join(dir, 'b.jsonl')));
    expect(readFileSync(join(dir, 'c.datasheet.md'), 'utf8')).toBe(readFileSync(join(dir, 'b.datasheet.md'), 'utf8').replaceAll('b.jsonl', 'c.jsonl'));
    expect(readFileSync(join(dir, 'a.jsonl'))).toEqual(readFileSync(join(dir, 'b.jsonl')));
    expect(readFileSync(join(dir, 'a.datasheet.md'), 'utf8')).toBe(readFileSync(join(dir, 'b.datasheet.md'), 'utf8').replaceAll('b.jsonl', 'a.jsonl'));
  });
});

const dist = resolve('dist');
const built = existsSync(join(dist, 'io', 'generate-worker.js')) && existsSync(join(dist, 'cli', 'main.js'));

describe.skipIf(!built)('writeGeneratedDataset in worker threads (built package)', () => {
  it('gives the same bytes with 2 or 3 workers as the single-thread writer of the TypeScript sources (JSONL and CSV with twins)', async () => {
    const mod = (await import(pathToFileURL(join(dist, 'io', 'index.js')).href)) as typeof import('../../src/io/index.js');
    const gen = (await import(pathToFileURL(join(dist, 'generate', 'index.js')).href)) as typeof import('../../src/generate/index.js');
    // the last run's blocks (about 1.2 MB) span two 1 MiB chunks, so written buffers go back to the workers and are reused
    const big = { name: 'baseline', n: 6000, seed: 3, twins: false, ext: 'jsonl' } as const;
    for (const [c, jobs, adsPerBlock] of [[CASES[0], 3, 64], [CASES[1], 2, 64], [big, 2, 1500]] as const) {
      const ref = await reference(c);
      const dir = tmp();
      const progress: number[] = [];
      const r = await mod.writeGeneratedDataset(gen.loadScenario(c.name), join(dir, `d.${c.ext}`), {
        ...c,
        jobs,
        adsPerBlock,
        onProgress: (done) => progress.push(done),
      });
      expect(r.jobs).toBe(jobs);
      expect(progress.at(-1)).toBe(r.rows);
      expect(progress.length).toBeGreaterThan(2);
      expect(readFileSync(join(dir, `d.${c.ext}`)).equals(ref.data), `${c.name} jobs ${jobs}`).toBe(true);
      expect(readFileSync(join(dir, 'd.datasheet.md'), 'utf8')).toBe(ref.sheet);
      expect(readdirSync(dir).sort()).toEqual([`d.${c.ext}`, 'd.datasheet.md'].sort());
    }
  });

  it('workers keep their optimized encoder when their first buffers are transferred (see detach-early.ts)', () => {
    // V8 drops every optimized function touching typed arrays at a thread's first ArrayBuffer
    // detach; the workers detach one at start, so no such deoptimization appears in the trace.
    // Blocks of 16,384 ads: the encoder is optimized well before a worker's first reply.
    const dir = tmp();
    const script = [
      `const io = await import(${JSON.stringify(pathToFileURL(join(dist, 'io', 'index.js')).href)});`,
      `const gen = await import(${JSON.stringify(pathToFileURL(join(dist, 'generate', 'index.js')).href)});`,
      `await io.writeGeneratedDataset(gen.loadScenario('baseline'), ${JSON.stringify(join(dir, 'd.jsonl'))}, { n: 80000, seed: 1, jobs: 2, adsPerBlock: 16384 });`,
    ].join('\n');
    writeFileSync(join(dir, 'run.mjs'), script);
    const trace = execFileSync(process.execPath, ['--trace-opt', '--trace-deopt', join(dir, 'run.mjs')], { encoding: 'utf8', maxBuffer: 64 << 20 });
    // the encoder and its byte writers: a detach is the code dependency that drops them (other
    // deoptimizations, e.g. for 'weak objects', give other reasons)
    const encoder = /<JSFunction (encodeInto|putBytes|writeJsonString|writeJsonNumber) |SharedFunctionInfo (encodeInto|putBytes|writeJsonString|writeJsonNumber)>/;
    const lines = trace.split('\n');
    // the workers optimized the encoder: the check below is not vacuous
    expect(lines.filter((l) => l.startsWith('[completed optimizing') && encoder.test(l)).length).toBeGreaterThanOrEqual(2);
    const dropped = lines.filter((l) => l.startsWith('[marking dependent code') && encoder.test(l) && l.includes('reason: code dependencies'));
    expect(dropped).toEqual([]);
  });

  it('adscreen generate --jobs 2 and --jobs 0 write identical files', async () => {
    const { registerGenerate } = (await import(pathToFileURL(join(dist, 'cli', 'generate.js')).href)) as typeof import('../../src/cli/generate.js');
    const dir = tmp();
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      for (const jobs of ['0', '2']) {
        const program = new Command().exitOverride();
        registerGenerate(program);
        const args = ['--scenario', 'confounded', '--n', '9000', '--seed', '5', '--jobs', jobs, '--out', join(dir, `j${jobs}.jsonl`)];
        await program.parseAsync(['node', 'adscreen', 'generate', ...args]);
      }
    } finally {
      spy.mockRestore();
    }
    expect(readFileSync(join(dir, 'j2.jsonl')).equals(readFileSync(join(dir, 'j0.jsonl')))).toBe(true);
    expect(readFileSync(join(dir, 'j2.datasheet.md'), 'utf8')).toBe(readFileSync(join(dir, 'j0.datasheet.md'), 'utf8').replace(/j0\.jsonl/g, 'j2.jsonl'));
  });
});
