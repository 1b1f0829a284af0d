/**
 * Worker threads (in this process, and in a child process with V8 throughput flags) and the CLI,
 * run from the built package (dist/, which CI builds before testing; skipped when it is absent).
 * The same cells run in worker threads give byte-identical audits and summary to the in-process
 * run of the TypeScript sources, and the CLI resumes.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { experiment } from '../../src/experiment/index.js';
import { tempDirs } from '../temp-dirs.js';

const run = promisify(execFile);
const dist = resolve('dist');
const built = existsSync(join(dist, 'experiment', 'worker.js')) && existsSync(join(dist, 'cli', 'main.js'));
const tmp = tempDirs('adscreen-workers-');

const config = {
  name: 'workers',
  train: { scenario: 'confounded', n: 600 },
  test: { n: 400 },
  seeds: [1, 2],
  models: ['naive-bayes'],
  mitigations: ['none', 'reweigh'],
  audit: { threshold: { fpr: 0.1 }, bootstrap: 20 },
};

describe.skipIf(!built)('experiment in worker threads (built package)', () => {
  // throughputFlags: true runs the worker threads in a child process started with THROUGHPUT_FLAGS
  it.each([false, true])('gives the same bytes as the in-process run (throughputFlags: %s)', async (throughputFlags) => {
    const mod = (await import(pathToFileURL(join(dist, 'experiment', 'index.js')).href)) as typeof import('../../src/experiment/index.js');
    const inWorkers = tmp();
    const inProcess = tmp();
    const progress: number[] = [];
    const a = await mod.experiment(config, { out: inWorkers, jobs: 2, throughputFlags, onProgress: (done) => progress.push(done) });
    expect(progress).toEqual([0, 1, 2, 3, 4]);
    const b = await experiment(config, { out: inProcess, jobs: 0 });
    expect(a.ran.sort()).toEqual(b.ran.sort());
    expect(a.ran).toHaveLength(4);
    for (const id of a.ran) {
      for (const f of ['audit.json', 'scores.csv']) {
        expect(readFileSync(join(inWorkers, 'cells', id, f), 'utf8')).toBe(readFileSync(join(inProcess, 'cells', id, f), 'utf8'));
      }
    }
    expect(readFileSync(join(inWorkers, 'summary.csv'), 'utf8')).toBe(readFileSync(join(inProcess, 'summary.csv'), 'utf8'));
  });

  it('adscreen experiment FILE --out DIR --jobs 2 runs, then resumes only a deleted cell', async () => {
    const dir = tmp();
    const file = join(dir, 'exp.json');
    writeFileSync(file, JSON.stringify(config));
    const out = join(dir, 'out');
    const cli = join(dist, 'cli', 'main.js');
    const first = await run(process.execPath, [cli, 'experiment', file, '--out', out, '--jobs', '2']);
    expect(first.stdout).toMatch(/^4 cells \(4 run, 0 resumed\)/);
    rmSync(join(out, 'cells', 's2-naive-bayes-reweigh'), { recursive: true });
    const second = await run(process.execPath, [cli, 'experiment', file, '--out', out, '--jobs', '2']);
    expect(second.stdout).toMatch(/^4 cells \(1 run, 3 resumed\)/);
    expect(existsSync(join(out, 'cells', 's2-naive-bayes-reweigh', 'audit.json'))).toBe(true);
    expect(readFileSync(join(out, 'summary.md'), 'utf8')).toContain('| naive-bayes | reweigh |');
  });

  it('exits with status 2 and names the field for a bad experiment file', async () => {
    const dir = tmp();
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ ...config, seeds: [1, -2] }));
    const err = await run(process.execPath, [join(dist, 'cli', 'main.js'), 'experiment', file, '--out', join(dir, 'o')]).then(
      () => null,
      (e: { code: number; stderr: string }) => e,
    );
    expect(err?.code).toBe(2);
    expect(err?.stderr).toContain(`${file}: seeds[1]:`);
  });
});
