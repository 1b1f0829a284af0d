#!/usr/bin/env node
/**
 * How much two busy threads slow each other on this machine: the ceiling on any --jobs 2 speed-up.
 * Three fixed kernels run in a worker thread alone, then as two copies at once (one per core):
 *   - alu: integer arithmetic on registers (no memory traffic);
 *   - l2: random reads and writes in a 512 KB array (fits each core's own L2 cache);
 *   - dram: random reads and writes in a 32 MB array (misses L2; shares the last-level cache and
 *     memory with the other core and with other tenants of the host).
 * A pair that runs as fast as one copy alone gives a ratio of 1.00; a ratio r means a two-lane job
 * of that kind can be at most 2 / r times faster than one lane. Rounds alternate alone and pair so
 * that a slow spell of a shared host falls on both.
 *
 *   node benchmarks/contention.mjs [--rounds 7]
 *
 * Writes benchmarks/results/contention.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { median } from './median.mjs';
import { option } from './options.mjs';

const rounds = Number(option('--rounds', '7'));

// the kernels, run by worker threads from source text (each copy in its own isolate)
const KERNELS = `
const { parentPort, workerData } = require('node:worker_threads');
function alu() {
  let a = 1, b = 2, c = 3, d = 4;
  for (let i = 0; i < 2e8; i++) { a = (a + i) | 0; b = (b ^ a) | 0; c = (c + b) | 0; d = (d ^ c) | 0; }
  return a + b + c + d;
}
function random(kb, steps) {
  const n = kb * 128; // Float64 slots
  const a = new Float64Array(n);
  let s = 0, j = 0;
  for (let i = 0; i < steps; i++) { j = (Math.imul(j, 1103515245) + 12345) & (n - 1); s += a[j]; a[j] = i; }
  return s;
}
const t0 = performance.now();
const x = workerData === 'alu' ? alu() : workerData === 'l2' ? random(512, 3e8) : random(32768, 6e7);
parentPort.postMessage({ ms: performance.now() - t0, x });
`;

/** Runs `copies` copies of kernel `kind` at once; resolves to their mean time in ms. */
function run(kind, copies) {
  const one = () =>
    new Promise((resolve, reject) => {
      const w = new Worker(KERNELS, { eval: true, workerData: kind });
      w.once('message', (m) => resolve(m.ms));
      w.once('error', reject);
    });
  return Promise.all(Array.from({ length: copies }, one)).then((ms) => ms.reduce((a, b) => a + b, 0) / ms.length);
}

const kinds = ['alu', 'l2', 'dram'];
const ratios = Object.fromEntries(kinds.map((k) => [k, []]));
const alone = Object.fromEntries(kinds.map((k) => [k, []]));
for (let r = 0; r < rounds; r++) {
  for (const kind of kinds) {
    const a = await run(kind, 1);
    const p = await run(kind, 2);
    alone[kind].push(a);
    ratios[kind].push(p / a);
    process.stdout.write(`round ${r + 1}, ${kind}: alone ${a.toFixed(0)} ms, pair ${p.toFixed(0)} ms, ratio ${(p / a).toFixed(2)}\n`);
  }
}

const lines = [
  '# Benchmark: two busy threads on this machine',
  '',
  `- date: ${new Date().toISOString()}`,
  `- machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown cpu'}), Node ${process.version}`,
  `- command: \`node benchmarks/contention.mjs --rounds ${rounds}\``,
  `- load average at the end: ${loadavg().map((x) => x.toFixed(2)).join(', ')}`,
  '',
  '| kernel | alone, median (ms) | pair / alone, median | per round | ceiling on a 2-lane speed-up (2 / median) |',
  '| --- | --- | --- | --- | --- |',
  ...kinds.map((k) => {
    const m = median(ratios[k]);
    return `| ${k} | ${median(alone[k]).toFixed(0)} | ${m.toFixed(2)} | ${ratios[k].map((x) => x.toFixed(2)).join(', ')} | ${(2 / m).toFixed(2)}x |`;
  }),
  '',
];
const text = lines.join('\n');
process.stdout.write(`\n${text}`);
const dir = fileURLToPath(new URL('./results/', import.meta.url));
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'contention.md'), text);
