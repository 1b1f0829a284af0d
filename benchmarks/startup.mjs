#!/usr/bin/env node
/**
 * Start-up cost of the built package, each number from a fresh Node process: importing the
 * package (`dist/index.js`), then choosing the TensorFlow.js backend (`initBackend`), and the
 * time until one, or two at once, worker threads have loaded the experiment worker
 * (`dist/experiment/worker.js`, what every experiment lane loads before its first cell).
 *
 *   npx tsc -p tsconfig.build.json && node benchmarks/startup.mjs [--dist dist] [--b OTHER_DIST] [--repeat 7]
 *
 * With `--b`, a second build is measured in the same run, its processes interleaved with the
 * first's (A B, B A, ...), so that both see the same minutes of the machine. Build the other copy
 * first, e.g. `git worktree add /tmp/old HEAD~1 && cd /tmp/old && ln -s "$OLDPWD/node_modules" &&
 * npx tsc -p tsconfig.build.json`.
 *
 * Writes benchmarks/results/startup.md.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { median } from './median.mjs';
import { option } from './options.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const self = fileURLToPath(import.meta.url);

if (option('--child') !== undefined) {
  // one measurement in this fresh process: `--child DIST --what import|workers1|workers2`
  const dist = resolve(option('--child'));
  const what = option('--what');
  const t0 = performance.now();
  if (what === 'import') {
    await import(pathToFileURL(join(dist, 'index.js')).href);
    const t1 = performance.now();
    const { initBackend } = await import(pathToFileURL(join(dist, 'models', 'backend.js')).href);
    await initBackend();
    process.stdout.write(`${JSON.stringify({ import: t1 - t0, backend: performance.now() - t1 })}\n`);
  } else {
    const { Worker } = await import('node:worker_threads');
    const url = pathToFileURL(join(dist, 'experiment', 'worker.js')).href;
    const source = `import(${JSON.stringify(url)}).then(() => require('node:worker_threads').parentPort.postMessage('loaded'))`;
    const count = what === 'workers2' ? 2 : 1;
    const workers = Array.from({ length: count }, () => new Worker(source, { eval: true }));
    await Promise.all(workers.map((w) => new Promise((res, rej) => (w.once('message', res), w.once('error', rej)))));
    const ms = performance.now() - t0;
    await Promise.all(workers.map((w) => w.terminate()));
    process.stdout.write(`${JSON.stringify({ [what]: ms })}\n`);
  }
  process.exit(0);
}

const repeat = Number(option('--repeat', '7'));
const builds = [['A', resolve(option('--dist', join(here, '..', 'dist')))]];
if (option('--b') !== undefined) builds.push(['B', resolve(option('--b'))]);
const measures = ['import', 'workers1', 'workers2'];
/** build label -> measure name -> milliseconds, one per run */
const runs = Object.fromEntries(builds.map(([k]) => [k, { import: [], backend: [], workers1: [], workers2: [] }]));
for (let r = 0; r < repeat; r++) {
  const order = r % 2 === 0 ? builds : [...builds].reverse();
  for (const what of measures) {
    for (const [k, dist] of order) {
      const got = JSON.parse(execFileSync(process.execPath, [self, '--child', dist, '--what', what], { encoding: 'utf8' }));
      for (const [name, ms] of Object.entries(got)) runs[k][name].push(ms);
    }
  }
  process.stderr.write(`round ${r + 1} of ${repeat}\n`);
}

const cell = (ms) => `${median(ms).toFixed(0)} (${Math.min(...ms).toFixed(0)}-${Math.max(...ms).toFixed(0)})`;
const lines = [
  '# Start-up benchmark',
  '',
  `- date: ${new Date().toISOString()}`,
  `- node ${process.version}, ${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown CPU'})`,
  `- command: \`npx tsc -p tsconfig.build.json && node benchmarks/startup.mjs ${process.argv.slice(2).join(' ')}\``.replace(/ `$/, '`'),
  `- ${repeat} fresh processes per number; builds: ${builds.map(([k, d]) => `${k} = ${d}`).join(', ')}`,
  '',
  '| build | import dist/index.js (ms) | then initBackend (ms) | one worker loads experiment/worker.js (ms) | two workers at once (ms) |',
  '| --- | --- | --- | --- | --- |',
  ...builds.map(([k]) => `| ${k} | ${cell(runs[k].import)} | ${cell(runs[k].backend)} | ${cell(runs[k].workers1)} | ${cell(runs[k].workers2)} |`),
  '',
  'Each cell: median (min-max) over the runs, wall milliseconds from the start of the measured step in a process that had loaded nothing else.',
  '',
];
mkdirSync(join(here, 'results'), { recursive: true });
writeFileSync(join(here, 'results', 'startup.md'), lines.join('\n'));
process.stdout.write(lines.join('\n'));
