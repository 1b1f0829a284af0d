#!/usr/bin/env node
/**
 * Audit speed: 1,000,000 scored records, 8 groups, 1,000 bootstrap resamples (stratified,
 * exact multinomial counts), from the built package.
 *
 *   npx tsc -p tsconfig.build.json && node benchmarks/audit.mjs [--n 1000000] [--groups 8] [--bootstrap 1000] [--write]
 *
 * The bootstrap runs on --threads worker threads (default: all cores) through auditAsync().
 * Scores are continuous (no ties: the worst case for count-based resampling). Prints wall
 * seconds (data generation excluded), CPU seconds of all threads, peak RSS and the load average;
 * with --write, writes benchmarks/results/audit.md.
 *
 * --kernel js|wasm chooses where the bootstrap's hot loops run (src/audit/kernel.ts; default wasm,
 * the results are the same bits either way); benchmarks/audit-kernel.mjs compares the two per
 * resample, interleaved in one process.
 *
 * --dist DIR runs another build of the package (default: ../dist), e.g. a copy of dist/ built
 * from an earlier commit, for a before/after comparison in the same conditions (the copy must
 * find node_modules, e.g. through a symlink /tmp/before/node_modules -> ./node_modules):
 *   node benchmarks/audit.mjs --dist /tmp/before/dist && node benchmarks/audit.mjs
 */
import { existsSync, writeFileSync, mkdirSync } from 'node:fs';
import { cpus, availableParallelism, loadavg } from 'node:os';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { flag, option } from './options.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const dist = resolve(option('--dist', join(here, '..', 'dist')));
const { audit, auditAsync, Rng, VERSION } = await import(pathToFileURL(join(dist, 'index.js')).href);
const n = Number(option('--n', '1000000'));
const G = Number(option('--groups', '8'));
const B = Number(option('--bootstrap', '1000'));
const threads = Number(option('--threads', String(availableParallelism())));
const kernel = option('--kernel', undefined);
if (kernel !== undefined) {
  if (kernel !== 'js' && kernel !== 'wasm') throw new Error(`--kernel must be js or wasm, got ${kernel}`);
  const { useBootstrapKernel } = await import(pathToFileURL(join(dist, 'audit', 'kernel.js')).href);
  useBootstrapKernel(kernel);
}
const kernelName = kernel ?? (existsSync(join(dist, 'audit', 'kernel.js')) ? 'wasm' : 'js');

// seeded synthetic scores: group-dependent shift, 10% positives
const rng = new Rng(12345);
const labels = new Uint8Array(n);
const scores = new Float64Array(n);
const names = Array.from({ length: G }, (_, g) => `group-${g + 1}`);
const group = new Array(n);
for (let i = 0; i < n; i++) {
  const g = rng.int(G);
  group[i] = names[g];
  const y = rng.bernoulli(0.1) ? 1 : 0;
  labels[i] = y;
  const z = 1.5 * y + 0.1 * g - 1 + rng.normal();
  scores[i] = 1 / (1 + Math.exp(-z));
}

const rssBefore = process.resourceUsage().maxRSS;
const loadStart = loadavg();
const c0 = process.cpuUsage();
const t0 = performance.now();
const point = audit({ labels, scores, groups: { group }, bootstrap: 0 });
const tPoint = (performance.now() - t0) / 1000;
const cpuSeconds = (u) => (u.user + u.system) / 1e6;
const cpuPoint = cpuSeconds(process.cpuUsage(c0));
const c1 = process.cpuUsage();
const t1 = performance.now();
const result = await auditAsync({ labels, scores, groups: { group }, bootstrap: B, seed: 1, threads });
const tFull = (performance.now() - t1) / 1000;
const cpuFull = cpuSeconds(process.cpuUsage(c1));
const peakMb = process.resourceUsage().maxRSS / 1024;

const ci = result.groups.group[0].ci;
const loadEnd = loadavg();
const line = `n=${n.toLocaleString('en-US')} groups=${G} bootstrap=${B} threads=${threads} kernel=${kernelName}: point estimates ${tPoint.toFixed(2)} s wall (${cpuPoint.toFixed(2)} s CPU), full audit with bootstrap ${tFull.toFixed(2)} s wall (${cpuFull.toFixed(2)} s CPU, all threads), peak RSS ${peakMb.toFixed(0)} MB`;
console.log(line);
console.log(`build: ${dist}; load average at start ${loadStart.map((x) => x.toFixed(2)).join(' ')}, at end ${loadEnd.map((x) => x.toFixed(2)).join(' ')}`);
console.log(`check: overall AUC ${point.overall.auc.toFixed(6)}; ${names[0]} FPR ${result.groups.group[0].fpr.toFixed(5)} CI [${ci.fpr[0].toFixed(5)}, ${ci.fpr[1].toFixed(5)}], AUC CI [${ci.auc[0].toFixed(5)}, ${ci.auc[1].toFixed(5)}]`);
console.log(`(RSS before auditing ${(rssBefore / 1024).toFixed(0)} MB)`);

if (flag('--write')) {
  mkdirSync(join(here, 'results'), { recursive: true });
  const md = [
    '# Audit benchmark',
    '',
    `- date: ${new Date().toISOString()}`,
    `- machine: ${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown CPU'}), load ${loadavg().map((x) => x.toFixed(2)).join(' ')}, Node ${process.version}`,
    `- adscreen ${VERSION}; backend: none (bootstrap loops: ${kernelName === 'wasm' ? 'WebAssembly kernel, src/audit/kernel.ts' : 'plain JavaScript'}); bootstrap on ${threads} worker threads (auditAsync)`,
    `- command: \`npx tsc -p tsconfig.build.json && node benchmarks/audit.mjs --n ${n} --groups ${G} --bootstrap ${B} --threads ${threads} --kernel ${kernelName} --write\``,
    '',
    '| records | groups | resamples | threads | point estimates, wall (CPU) s | full audit incl. bootstrap, wall (CPU, all threads) s | peak RSS (MB) |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    `| ${n.toLocaleString('en-US')} | ${G} | ${B} | ${threads} | ${tPoint.toFixed(2)} (${cpuPoint.toFixed(2)}) | ${tFull.toFixed(2)} (${cpuFull.toFixed(2)}) | ${peakMb.toFixed(0)} |`,
    '',
    `Load average when the run started: ${loadStart.map((x) => x.toFixed(2)).join(' ')}.`,
    '',
    `Load average when the run ended: ${loadavg().map((x) => x.toFixed(2)).join(' ')} (other work on the machine slows wall times).`,
    '',
    'Scores are continuous (about one distinct score per record), the worst case for count-based resampling.',
    'The full audit includes one sort, all point metrics, curves, threshold analysis and the stratified bootstrap',
    '(exact multinomial counts within each label x group stratum; intervals for every group metric and every disparity).',
    'Wall time excludes generating the synthetic scores; peak RSS is the whole process (data arrays included).',
    '',
  ].join('\n');
  writeFileSync(join(here, 'results', 'audit.md'), md);
}
