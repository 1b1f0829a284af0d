#!/usr/bin/env node
/**
 * Generation + dataset-writing throughput: N records (default 1,000,000) generated and streamed
 * to JSONL (or CSV) with the datasheet statistics, in bounded memory. Four timings in one run:
 *   1. writeGeneratedDataset with --jobs worker threads (default: all cores), as a user gets it:
 *      the target path (with workers on every core, the job runs in a child process started
 *      with THROUGHPUT_FLAGS);
 *   2. the same with throughputFlags: false (worker threads of this process), side by side
 *      (skip with --no-threads);
 *   3. the generator alone in this thread (records consumed and dropped);
 *   4. the single-thread path, writeDataset(generateStream(...)), as the same-run baseline
 *      (skip with --no-sequential).
 * Every file must be byte-identical to the first. Reports wall and CPU time (this process's
 * threads and its finished child processes), records/s and peak RSS (a child process's peak
 * is polled from /proc and added to this process's).
 * Writes benchmarks/results/generate.md (generate-csv.md for --format csv).
 *
 *   npx tsc -p tsconfig.build.json && node benchmarks/generate.mjs [--n 1000000] [--scenario baseline] [--format jsonl] [--jobs N] [--no-threads] [--no-sequential]
 */
import { createHash } from 'node:crypto';
import { createReadStream, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateStream, loadScenario } from '../dist/generate/index.js';
import { writeDataset, writeGeneratedDataset } from '../dist/io/index.js';
import { VERSION } from '../dist/version.js';
import { THROUGHPUT_FLAGS } from '../dist/throughput-process.js';
import { flag, option } from './options.mjs';

const n = Number(option('--n', '1000000'));
const scenarioName = option('--scenario', 'baseline');
const format = option('--format', 'jsonl');
const jobs = Number(option('--jobs', String(availableParallelism())));
const sequential = !flag('--no-sequential');
const threadsToo = !flag('--no-threads');
const seed = 1;
const scenario = loadScenario(scenarioName);

const TICK = (() => {
  try {
    return Number(execSync('getconf CLK_TCK', { encoding: 'utf8' }));
  } catch {
    return 100;
  }
})();
/** CPU seconds of this process (all threads) and of its finished child processes (Linux /proc). */
const cpuNow = () => {
  const u = process.cpuUsage();
  let children = 0;
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    children = (Number(f[13]) + Number(f[14])) / TICK;
  } catch {
    children = 0;
  }
  return (u.user + u.system) / 1e6 + children;
};
const cpuSecs = (start) => cpuNow() - start;
const peakMB = () => process.resourceUsage().maxRSS / 1024;
/** Polls the peak RSS (VmHWM) of this process's child processes while a run lasts; stop() returns the largest, in MB. */
function watchChildren() {
  const peaks = new Map();
  const poll = () => {
    let pids = [];
    try {
      pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
    } catch {
      return;
    }
    for (const pid of pids) {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        if (ppid !== process.pid) continue;
        const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
        if (hwm) peaks.set(pid, Math.max(peaks.get(pid) ?? 0, Number(hwm[1]) / 1024));
      } catch {
        // the process ended meanwhile
      }
    }
  };
  const timer = setInterval(poll, 50);
  return () => {
    clearInterval(timer);
    return Math.max(0, ...peaks.values());
  };
}
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
  // 1. the parallel path as a user gets it, first so that its peak RSS is its own: worker
  //    threads generate and encode blocks, a main thread writes them in order; with workers on
  //    every core all of it runs in a child process started with THROUGHPUT_FLAGS
  const parOut = join(dir, `parallel.${format}`);
  let t = performance.now();
  let cpu = cpuNow();
  const stop = watchChildren();
  const par = await writeGeneratedDataset(scenario, parOut, { n, seed, jobs });
  const childPeak = stop();
  const parRun = { secs: (performance.now() - t) / 1000, cpu: cpuSecs(cpu), rss: peakMB() + childPeak, child: childPeak, rows: par.rows, jobs: par.jobs };
  const bytes = statSync(parOut).size;
  const flagsUsed = childPeak > 0;

  // 2. the same worker threads in this process, without the V8 flags (side by side)
  let thrRun = null;
  if (threadsToo) {
    const thrOut = join(dir, `threads.${format}`);
    t = performance.now();
    cpu = cpuNow();
    const thr = await writeGeneratedDataset(scenario, thrOut, { n, seed, jobs, throughputFlags: false });
    thrRun = { secs: (performance.now() - t) / 1000, cpu: cpuSecs(cpu), rss: peakMB(), rows: thr.rows, jobs: thr.jobs, same: false };
    thrRun.same = (await sha256(thrOut)) === (await sha256(parOut));
    rmSync(thrOut);
  }

  // 2. the generator alone (records consumed and dropped)
  t = performance.now();
  cpu = cpuNow();
  let chars = 0;
  for (const r of generateStream(scenario, { n, seed })) chars += r.text.length;
  const gen = { secs: (performance.now() - t) / 1000, cpu: cpuSecs(cpu), rss: peakMB() };

  // 3. the single-thread path (the same-run baseline)
  let seqRun = null;
  if (sequential) {
    const seqOut = join(dir, `sequential.${format}`);
    t = performance.now();
    cpu = cpuNow();
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
    `- command: \`node benchmarks/generate.mjs --n ${n} --scenario ${scenarioName} --format ${format}${flag('--jobs') ? ` --jobs ${jobs}` : ''}${threadsToo ? '' : ' --no-threads'}${sequential ? '' : ' --no-sequential'}\``,
    `- parallelism: writeGeneratedDataset used ${parRun.jobs} worker thread${parRun.jobs === 1 ? '' : 's'} (asked for ${jobs}) plus a main thread writing, ${flagsUsed ? `in a child process started with ${THROUGHPUT_FLAGS.join(' ')} (the default with workers on every core)` : 'in this process'}; the generator-alone and sequential lines use one thread`,
    `- load average at the end: ${loadavg().map((x) => x.toFixed(2)).join(', ')} (CPU time is less sensitive to other load than wall time; it counts every thread)`,
    '',
    '| Measure | Value |',
    '|---|---|',
    `| records | ${rate(parRun.rows)} (${scenarioName}, seed ${seed}, no twins) |`,
    `| output | ${(bytes / 1e6).toFixed(1)} MB ${format.toUpperCase()} + datasheet |`,
    `${line('generator alone (1 thread)', gen, n).slice(0, -2)}; mean text ${(chars / n).toFixed(0)} chars |`,
    line(`generate + write, ${parRun.jobs} worker threads${flagsUsed ? ', throughput process (default)' : ''}`, parRun, parRun.rows),
    ...(thrRun === null
      ? []
      : [
          line(`generate + write, ${thrRun.jobs} worker threads of this process (throughputFlags: false)`, thrRun, thrRun.rows),
          `| identical bytes (throughput process vs threads of this process) | ${thrRun.same ? 'yes' : '**NO**'} (sha256 of both files) |`,
        ]),
    ...(seqRun === null
      ? ['| generate + write, 1 thread | skipped (--no-sequential) |']
      : [
          line('generate + write, 1 thread (writeDataset(generateStream))', seqRun, seqRun.rows),
          `| identical bytes (parallel vs 1 thread) | ${seqRun.same ? 'yes' : '**NO**'} (sha256 of both files) |`,
        ]),
    `| peak RSS | **${parRun.rss.toFixed(0)} MB** for the parallel run${flagsUsed ? ` (this process ${(parRun.rss - parRun.child).toFixed(0)} MB + the throughput process ${parRun.child.toFixed(0)} MB, the sum of both peaks)` : ', all threads'} (measured first; the process peak after${thrRun === null ? '' : ` the threads-of-this-process run: ${thrRun.rss.toFixed(0)} MB, after`} the generator-alone pass: ${gen.rss.toFixed(0)} MB${seqRun === null ? '' : `, after the 1-thread run: ${seqRun.rss.toFixed(0)} MB`}) |`,
    `| targets (parallel run) | >= 200,000 records/s: ${parRun.rows / parRun.secs >= 200000 ? 'met' : 'not met'}; < 300 MB peak RSS: ${parRun.rss < 300 ? 'met' : 'not met'} |`,
    '',
  ];
  const text = lines.join('\n');
  process.stdout.write(text);
  const resultsDir = fileURLToPath(new URL('./results/', import.meta.url));
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(join(resultsDir, `generate${format === 'jsonl' ? '' : `-${format}`}.md`), text);
  if ((seqRun !== null && !seqRun.same) || (thrRun !== null && !thrRun.same)) process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
