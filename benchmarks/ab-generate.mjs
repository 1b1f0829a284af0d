#!/usr/bin/env node
/**
 * Two builds of adscreen compared on one `writeGeneratedDataset` call, in interleaved fresh
 * processes (A B, B A, A B, ...), so that both see the same minutes of this machine's changing
 * speed. Each run times the call alone (the modules are imported first) and reports wall and CPU
 * time, all threads; the script prints every pair and the medians. Build the other copy first,
 * e.g. `git stash && npx tsc -p tsconfig.build.json --outDir .tmp/old/dist && git stash pop`.
 *
 *   node benchmarks/ab-generate.mjs --a .tmp/old/dist --b dist [--n 50000] [--pairs 16] [--jobs 2]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { median } from './median.mjs';
import { flag, option } from './options.mjs';

const n = Number(option('--n', '50000'));
const jobs = Number(option('--jobs', '2'));

if (flag('--child')) {
  // one run: import the build, then time the call
  const dist = resolve(option('--child'));
  const { loadScenario } = await import(pathToFileURL(join(dist, 'generate', 'index.js')).href);
  const { writeGeneratedDataset } = await import(pathToFileURL(join(dist, 'io', 'index.js')).href);
  const dir = mkdtempSync(join(tmpdir(), 'adscreen-ab-'));
  try {
    const t = performance.now();
    const cpu = process.cpuUsage();
    await writeGeneratedDataset(loadScenario('baseline'), join(dir, 'd.jsonl'), { n, seed: 1, jobs });
    const u = process.cpuUsage(cpu);
    process.stdout.write(`${JSON.stringify({ wall: (performance.now() - t) / 1000, cpu: (u.user + u.system) / 1e6 })}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  process.exit(0);
}

const builds = { A: option('--a'), B: option('--b') };
if (builds.A === undefined || builds.B === undefined) throw new Error('give both builds: --a DIR --b DIR (each a dist/ directory)');
const pairs = Number(option('--pairs', '16'));
const self = fileURLToPath(import.meta.url);
const runs = { A: [], B: [] };
for (let p = 0; p < pairs; p++) {
  const order = p % 2 === 0 ? ['A', 'B'] : ['B', 'A'];
  const got = {};
  for (const k of order) {
    got[k] = JSON.parse(execFileSync(process.execPath, [self, '--child', builds[k], '--n', String(n), '--jobs', String(jobs)], { encoding: 'utf8' }));
    runs[k].push(got[k]);
  }
  console.log(`pair ${p + 1}: A ${got.A.wall.toFixed(2)} s (CPU ${got.A.cpu.toFixed(2)}), B ${got.B.wall.toFixed(2)} s (CPU ${got.B.cpu.toFixed(2)})`);
}
const wins = runs.B.filter((b, i) => b.wall < runs.A[i].wall).length;
for (const k of ['A', 'B']) {
  console.log(`${k} (${builds[k]}): median wall ${median(runs[k].map((r) => r.wall)).toFixed(3)} s, median CPU ${median(runs[k].map((r) => r.cpu)).toFixed(3)} s`);
}
console.log(`B faster in ${wins} of ${pairs} pairs (${n.toLocaleString('en-US')} ads, ${jobs} workers)`);
