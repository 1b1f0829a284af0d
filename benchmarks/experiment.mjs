#!/usr/bin/env node
/**
 * Experiment throughput: a confounding sweep (5 values x 3 seeds x the default model, 20,000
 * training ads per cell) run with --jobs 1 and --jobs 2 from the built package.
 *
 *   npx tsc -p tsconfig.build.json && node benchmarks/experiment.mjs [--jobs 1,2] [--n 20000]
 *
 * Writes benchmarks/results/experiment.md (date, cores, backend, load, wall times, speed-up).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { cpus, loadavg, tmpdir, availableParallelism } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execSync } from 'node:child_process';

const here = dirname(fileURLToPath(import.meta.url));
const { experiment, VERSION } = await import('../dist/index.js');

const args = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const jobsList = arg('--jobs', '1,2').split(',').map(Number);
const n = Number(arg('--n', '20000'));
const example = JSON.parse(readFileSync(join(here, '..', 'examples', 'experiments', 'confounding-sweep.json'), 'utf8'));
const config = {
  ...example,
  name: 'bench-confounding',
  train: { ...example.train, n },
  test: { ...example.test, n: 5000 },
  seeds: [1, 2, 3],
  models: ['embedding-bag'],
  mitigations: ['none'],
  audit: { ...(example.audit ?? {}), bootstrap: 100 },
};
const cells = config.sweep.values.length * config.seeds.length;

function top() {
  try {
    return execSync('ps -eo pcpu,etime,args --sort=-pcpu', { encoding: 'utf8' })
      .split('\n')
      .filter((l) => l.trim() !== '' && !/process_api|binary_backend| ps -eo/.test(l))
      .slice(0, 6)
      .map((l) => l.slice(0, 120))
      .join('\n');
  } catch {
    return '(ps unavailable)';
  }
}

const rows = [];
let backend = 'unknown';
for (const jobs of jobsList) {
  const out = mkdtempSync(join(tmpdir(), `adscreen-bench-exp-${jobs}-`));
  const loadBefore = loadavg()[0];
  const psBefore = top();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const res = await experiment(config, { out, jobs });
  const secs = (performance.now() - t0) / 1000;
  const cpuUsed = process.cpuUsage(cpu0);
  const cpu = (cpuUsed.user + cpuUsed.system) / 1e6; // this process, all threads
  const loadAfter = loadavg()[0];
  const first = JSON.parse(readFileSync(join(out, 'cells', res.cells[0].id, 'cell.json'), 'utf8'));
  backend = first.backend;
  const cellTimes = res.cells.map((c) => JSON.parse(readFileSync(join(out, 'cells', c.id, 'cell.json'), 'utf8')).timings);
  const mean = (k) => cellTimes.reduce((a, t) => a + (t[k] ?? 0), 0) / cellTimes.length / 1000;
  rows.push({ jobs, secs, cpu, loadBefore, loadAfter, psBefore, steps: { generate: mean('generateTrain') + mean('generateTest'), fit: mean('fit'), predict: mean('predict'), audit: mean('audit'), total: mean('total') } });
  process.stderr.write(`jobs ${jobs}: ${secs.toFixed(1)} s (load ${loadBefore.toFixed(2)} -> ${loadAfter.toFixed(2)})\n`);
  rmSync(out, { recursive: true, force: true });
}

const base = rows.find((r) => r.jobs === 1);
const date = new Date().toISOString();
const lines = [
  '# Experiment runner benchmark',
  '',
  `- date: ${date}`,
  `- adscreen ${VERSION}, node ${process.version}, ${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown CPU'})`,
  `- backend: ${backend}`,
  `- workload: ${cells} cells = 5 confounding values x 3 seeds x embedding-bag, ${n.toLocaleString('en-US')} training ads + 5,000 test ads per cell, bootstrap 100`,
  `- command: \`npx tsc -p tsconfig.build.json && node benchmarks/experiment.mjs --jobs ${jobsList.join(',')} --n ${n}\``,
  '',
  '| --jobs | wall time (s) | speed-up vs --jobs 1 | CPU time, all threads (s) | CPU / wall | load avg (1 min) before -> after | mean per cell: generate / fit / predict / audit / total (s) |',
  '| --- | --- | --- | --- | --- | --- | --- |',
  ...rows.map(
    (r) =>
      `| ${r.jobs} | ${r.secs.toFixed(1)} | ${base ? (base.secs / r.secs).toFixed(2) + 'x' : 'n/a'} | ${r.cpu.toFixed(1)} | ${(r.cpu / r.secs).toFixed(2)} | ${r.loadBefore.toFixed(2)} -> ${r.loadAfter.toFixed(2)} | ${[r.steps.generate, r.steps.fit, r.steps.predict, r.steps.audit, r.steps.total].map((x) => x.toFixed(1)).join(' / ')} |`,
  ),
  '',
  'Target: under 180 s with --jobs 2, and --jobs 2 at least 1.7x faster than --jobs 1.',
  'CPU / wall near the job count means the workers were not starved; a load average above the core count means other processes shared the cores and the wall times are upper bounds.',
  'Other processes running when each measurement started (ps, top CPU users):',
  '',
  ...rows.flatMap((r) => [`--jobs ${r.jobs}:`, '```', r.psBefore.trimEnd(), '```']),
  '',
];
mkdirSync(join(here, 'results'), { recursive: true });
writeFileSync(join(here, 'results', 'experiment.md'), lines.join('\n'));
process.stdout.write(lines.join('\n'));
