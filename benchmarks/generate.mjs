#!/usr/bin/env node
/**
 * Generation + dataset-writing throughput: N records (default 1,000,000) generated and streamed
 * to JSONL (or CSV) with the datasheet statistics, in bounded memory. Three timings in one run:
 *   1. the generator alone in this thread (records consumed and dropped);
 *   2. writeGeneratedDataset with --jobs worker threads (default: all cores): the target path;
 *   3. the single-thread path, writeDataset(generateStream(...)), as the same-run baseline
 *      (skip with --no-sequential); its file must be byte-identical to the parallel one.
 * Reports wall and CPU time (process.cpuUsage covers every thread), records/s and peak RSS.
 * `--repeat R` times the parallel path R - 1 more times, each in a fresh process (so each pays
 * the workers' start-up, as a user's call does), and reports every run and their median: this
 * machine's speed moves from minute to minute, so one run says little.
 * Writes benchmarks/results/generate.md (generate-csv.md for --format csv).
 *
 *   npx tsc -p tsconfig.build.json && node benchmarks/generate.mjs [--n 1000000] [--scenario baseline] [--format jsonl] [--jobs N] [--no-sequential] [--repeat R]
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, mkdtempSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateStream, loadScenario } from '../dist/generate/index.js';
import { writeDataset, writeGeneratedDataset } from '../dist/io/index.js';
import { VERSION } from '../dist/version.js';
import { median } from './median.mjs';
import { flag, option } from './options.mjs';

const n = Number(option('--n', '1000000'));
const scenarioName = option('--scenario', 'baseline');
const format = option('--format', 'jsonl');
const jobs = Number(option('--jobs', String(availableParallelism())));
const sequential = !flag('--no-sequential');
const repeat = Number(option('--repeat', '1'));
if (!Number.isInteger(repeat) || repeat < 1) throw new Error(`--repeat: expected a positive integer, got ${option('--repeat')}`);
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

/** One timed run of the parallel path: worker threads generate and encode blocks, this thread writes them in order. */
async function parallelRun(out) {
  const t = performance.now();
  const cpu = process.cpuUsage();
  const par = await writeGeneratedDataset(scenario, out, { n, seed, jobs });
  return { secs: (performance.now() - t) / 1000, cpu: cpuSecs(cpu), rss: peakMB(), rows: par.rows, jobs: par.jobs };
}

const dir = mkdtempSync(join(tmpdir(), 'adscreen-bench-'));
if (flag('--child-run')) {
  // one repetition (see --repeat): the parallel path alone, its timings as JSON
  try {
    process.stdout.write(`${JSON.stringify(await parallelRun(join(dir, `parallel.${format}`)))}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  process.exit(0);
}
try {
  // 1. the parallel path, first so that its peak RSS is its own
  const parOut = join(dir, `parallel.${format}`);
  const parRun = await parallelRun(parOut);
  const bytes = statSync(parOut).size;

  // 2. the generator alone (records consumed and dropped)
  let t = performance.now();
  let cpu = process.cpuUsage();
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
    rmSync(seqOut);
  }
  rmSync(parOut);

  // 4. more runs of the parallel path, each in a fresh process
  const runs = [parRun];
  const args = [fileURLToPath(import.meta.url), '--child-run', '--n', String(n), '--scenario', scenarioName, '--format', format, '--jobs', String(jobs)];
  for (let r = 1; r < repeat; r++) runs.push(JSON.parse(execFileSync(process.execPath, args, { encoding: 'utf8' })));
  const rates = runs.map((r) => r.rows / r.secs);
  const medianRate = median(rates);

  const rate = (x) => Math.round(x).toLocaleString('en-US');
  const line = (label, r, rows) =>
    `| ${label} | wall ${r.secs.toFixed(2)} s = **${rate(rows / r.secs)} records/s**; CPU ${r.cpu.toFixed(2)} s = ${rate(rows / r.cpu)} records/CPU-s = ${((r.cpu * 1e6) / rows).toFixed(2)} CPU-µs/record |`;
  const lines = [
    '# Benchmark: generate + write a dataset',
    '',
    `- date: ${new Date().toISOString()}`,
    `- machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown cpu'}), Node ${process.version}`,
    `- adscreen ${VERSION}; backend: none (no tensorflow in this benchmark)`,
    `- command: \`node benchmarks/generate.mjs --n ${n} --scenario ${scenarioName} --format ${format}${flag('--jobs') ? ` --jobs ${jobs}` : ''}${sequential ? '' : ' --no-sequential'}${repeat === 1 ? '' : ` --repeat ${repeat}`}\``,
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
    ...(repeat === 1
      ? []
      : [
          `| generate + write, ${parRun.jobs} worker threads, ${repeat} runs (the first above, then each in a fresh process) | median **${rate(medianRate)} records/s**; runs: ${rates.map(rate).join(', ')}; CPU-µs/record: ${runs.map((r) => ((r.cpu * 1e6) / r.rows).toFixed(2)).join(', ')}; peak RSS (MB): ${runs.map((r) => r.rss.toFixed(0)).join(', ')} |`,
        ]),
    `| peak RSS | **${parRun.rss.toFixed(0)} MB** for the parallel run, all threads (measured first; the process peak after the generator-alone pass: ${gen.rss.toFixed(0)} MB${seqRun === null ? '' : `, after the 1-thread run: ${seqRun.rss.toFixed(0)} MB`}) |`,
    `| targets (parallel run${repeat === 1 ? '' : `s: median rate, largest peak RSS`}) | >= 200,000 records/s: ${medianRate >= 200000 ? 'met' : 'not met'}; < 300 MB peak RSS: ${Math.max(...runs.map((r) => r.rss)) < 300 ? 'met' : 'not met'} |`,
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
