#!/usr/bin/env node
/**
 * Generation + dataset-writing throughput: N records (default 1,000,000) generated and streamed
 * to JSONL (or CSV) with the datasheet statistics, in bounded memory. Three timings in one run:
 *   1. the generator alone in this thread (records consumed and dropped);
 *   2. writeGeneratedDataset with --jobs worker threads (default: all cores): the target path;
 *   3. the single-thread path, writeDataset(generateStream(...)), as the same-run baseline
 *      (skip with --no-sequential); its file must be byte-identical to the parallel one.
 * Reports wall and CPU time (process.cpuUsage covers every thread), records/s and peak RSS.
 * Writes benchmarks/results/generate.md (generate-csv.md for --format csv).
 *
 *   npx tsc -p tsconfig.build.json && node benchmarks/generate.mjs [--n 1000000] [--scenario baseline] [--format jsonl] [--jobs N] [--no-sequential]
 */
import { createHash } from 'node:crypto';
import { createReadStream, mkdtempSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateStream, loadScenario } from '../dist/generate/index.js';
import { writeDataset, writeGeneratedDataset } from '../dist/io/index.js';
import { VERSION } from '../dist/version.js';
import { flag, option } from './options.mjs';

const n = Number(option('--n', '1000000'));
const scenarioName = option('--scenario', 'baseline');
const format = option('--format', 'jsonl');
const jobs = Number(option('--jobs', String(availableParallelism())));
const sequential = !flag('--no-sequential');
const seed = 1;
const scenario = loadScenario(scenarioName);

const cpuSecs = (start) => {
  const u = process.cpuUsage(start);
  return (u.user + u.system) / 1e6;
};
const peakMB = () => process.resourceUsage().maxRSS / 1024;
const sha256 = (file) =>
  new Promise((resolve, reject) => {
    const h = createHash('sha256');
    createReadStream(file)
      .on('data', (d) => h.update(d))
      .on('end', () => resolve(h.digest('hex')))
      .on('error', reject);
  });

const dir = mkdtempSync(join(tmpdir(), 'adscreen-bench-'));
try {
  // 1. the parallel path, first so that its peak RSS is its own: worker threads generate and
  //    encode blocks, this thread writes them in order
  const parOut = join(dir, `parallel.${format}`);
  let t = performance.now();
  let cpu = process.cpuUsage();
  const par = await writeGeneratedDataset(scenario, parOut, { n, seed, jobs });
  const parRun = { secs: (performance.now() - t) / 1000, cpu: cpuSecs(cpu), rss: peakMB(), rows: par.rows, jobs: par.jobs };
  const bytes = statSync(parOut).size;

  // 2. the generator alone (records consumed and dropped)
  t = performance.now();
  cpu = process.cpuUsage();
  let chars = 0;
  for (const r of generateStream(scenario, { n, seed })) chars += r.text.length;
  const gen = { secs: (performance.now() - t) / 1000, cpu: cpuSecs(cpu), rss: peakMB() };

  // 3. the single-thread path (the same-run baseline)
  let seqRun = null;
  if (sequential) {
    const seqOut = join(dir, `sequential.${format}`);
    t = performance.now();
    cpu = process.cpuUsage();
    const seq = await writeDataset(generateStream(scenario, { n, seed }), seqOut, { scenario, seed });
    seqRun = { secs: (performance.now() - t) / 1000, cpu: cpuSecs(cpu), rss: peakMB(), rows: seq.rows, same: false };
    // hashed only now: reading 800 MB back in between would slow the timings that follow
    seqRun.same = (await sha256(seqOut)) === (await sha256(parOut));
  }

  const rate = (x) => Math.round(x).toLocaleString('en-US');
  const line = (label, r, rows) =>
    `| ${label} | wall ${r.secs.toFixed(2)} s = **${rate(rows / r.secs)} records/s**; CPU ${r.cpu.toFixed(2)} s = ${rate(rows / r.cpu)} records/CPU-s = ${((r.cpu * 1e6) / rows).toFixed(2)} CPU-µs/record |`;
  const lines = [
    '# Benchmark: generate + write a dataset',
    '',
    `- date: ${new Date().toISOString()}`,
    `- machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown cpu'}), Node ${process.version}`,
    `- adscreen ${VERSION}; backend: none (no tensorflow in this benchmark)`,
    `- command: \`node benchmarks/generate.mjs --n ${n} --scenario ${scenarioName} --format ${format}${flag('--jobs') ? ` --jobs ${jobs}` : ''}${sequential ? '' : ' --no-sequential'}\``,
    `- parallelism: writeGeneratedDataset used ${parRun.jobs} worker thread${parRun.jobs === 1 ? '' : 's'} (asked for ${jobs}) plus the main thread writing; the generator-alone and sequential lines use one thread`,
    `- load average at the end: ${loadavg().map((x) => x.toFixed(2)).join(', ')} (CPU time is less sensitive to other load than wall time; it counts every thread)`,
    '',
    '| Measure | Value |',
    '|---|---|',
    `| records | ${rate(parRun.rows)} (${scenarioName}, seed ${seed}, no twins) |`,
    `| output | ${(bytes / 1e6).toFixed(1)} MB ${format.toUpperCase()} + datasheet |`,
    `${line('generator alone (1 thread)', gen, n).slice(0, -2)}; mean text ${(chars / n).toFixed(0)} chars |`,
    line(`generate + write, ${parRun.jobs} worker threads`, parRun, parRun.rows),
    ...(seqRun === null
      ? ['| generate + write, 1 thread | skipped (--no-sequential) |']
      : [
          line('generate + write, 1 thread (writeDataset(generateStream))', seqRun, seqRun.rows),
          `| identical bytes (parallel vs 1 thread) | ${seqRun.same ? 'yes' : '**NO**'} (sha256 of both files) |`,
        ]),
    `| peak RSS | **${parRun.rss.toFixed(0)} MB** for the parallel run, all threads (measured first; the process peak after the generator-alone pass: ${gen.rss.toFixed(0)} MB${seqRun === null ? '' : `, after the 1-thread run: ${seqRun.rss.toFixed(0)} MB`}) |`,
    `| targets (parallel run) | >= 200,000 records/s: ${parRun.rows / parRun.secs >= 200000 ? 'met' : 'not met'}; < 300 MB peak RSS: ${parRun.rss < 300 ? 'met' : 'not met'} |`,
    '',
  ];
  const text = lines.join('\n');
  process.stdout.write(text);
  const resultsDir = fileURLToPath(new URL('./results/', import.meta.url));
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(join(resultsDir, `generate${format === 'jsonl' ? '' : `-${format}`}.md`), text);
  if (seqRun !== null && !seqRun.same) process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
