#!/usr/bin/env node
/**
 * Experiment throughput: a confounding sweep (5 values x 3 seeds x the default model, 20,000
 * training ads per cell) run with --jobs 1 and --jobs 2 from the built package.
 *
 *   npx tsc -p tsconfig.build.json && node benchmarks/experiment.mjs [--jobs 1,2] [--n 20000] [--repeat 3]
 *
 * A job count may carry a suffix: `2:threads` runs the workers in this process without the V8
 * throughput flags, `2:flags` in the lane process with them; plain `2` takes the runner's default
 * (the flags when the job count reaches the core count). `--jobs 1,2,2:threads` compares both.
 *
 * With --repeat R the job counts alternate R times (1, 2, 1, 2, ...), so that a slow spell of a
 * shared host falls on both; each round's speed-up compares the two runs of that round. A fixed
 * pure-CPU loop is timed before each run (a machine-speed check: on an idle, steady machine it
 * takes the same time every run).
 *
 * Each --jobs 1 run also gives an ideal 2-lane speed-up (see `laneCeiling`): what --jobs 2 would
 * reach if both its lanes ran like that run's one lane, warm-up included, with the cells split as
 * evenly as whole cells allow. It bounds what the runner can reach on this workload and machine.
 * A `1:flags` run in the job list gives a second bound: what the lanes' V8 flags cost one lane,
 * times the best whole-cell split (`--jobs 1,1:flags,2` prints both).
 *
 * Writes benchmarks/results/experiment.md (date, cores, backend, load, wall times, speed-ups).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { cpus, loadavg, tmpdir, availableParallelism } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execSync } from 'node:child_process';
import { median } from './median.mjs';
import { option } from './options.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const { experiment, VERSION, THROUGHPUT_FLAGS, throughputByDefault } = await import('../dist/index.js');

const jobsSpec = option('--jobs', '1,2');
/** Job counts with their mode: `{ jobs, flags }`, flags undefined for the runner's default. */
const modes = jobsSpec.split(',').map((entry) => {
  const [count, suffix] = entry.split(':');
  const jobs = Number(count);
  if (!Number.isInteger(jobs) || jobs < 1 || (suffix !== undefined && suffix !== 'threads' && suffix !== 'flags')) {
    throw new Error(`--jobs: expected entries like 2, 2:threads or 2:flags, got "${entry}"`);
  }
  return { jobs, flags: suffix === undefined ? undefined : suffix === 'flags', label: entry };
});
const n = Number(option('--n', '20000'));
const repeat = Number(option('--repeat', '1'));
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

/** Milliseconds of a fixed pure-CPU loop (a machine-speed check). */
function calibration() {
  const t0 = performance.now();
  let x = 1;
  let acc = 0;
  for (let i = 0; i < 1e8; i++) {
    x = (Math.imul(x, 1103515245) + 12345) | 0;
    acc += (x >>> 16) * 1e-5;
  }
  if (acc < 0) throw new Error('unreachable');
  return performance.now() - t0;
}

/** Clock ticks per second (the unit of /proc/self/stat's times), read once, before any timing. */
const CLOCK_TICKS = (() => {
  try {
    return Number(execSync('getconf CLK_TCK', { encoding: 'utf8' }));
  } catch {
    return 100;
  }
})();

/**
 * CPU seconds of this process (all threads) and of its finished child processes (the lane
 * process), read from /proc/self/stat on Linux (children: cutime + cstime, in clock ticks).
 */
function cpuSeconds() {
  const own = process.cpuUsage();
  let children = 0;
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    children = (Number(fields[13]) + Number(fields[14])) / CLOCK_TICKS;
  } catch {
    children = 0;
  }
  return (own.user + own.system) / 1e6 + children;
}

/**
 * The speed-up --jobs 2 would reach if each of its two lanes ran like this --jobs 1 run's one lane:
 * a lane warms up as the first cell did (from the call to its end), then runs ceil(cells / 2) - 1
 * more cells at the median time between later cells, with no start-up cost of its own, no V8
 * compiling or garbage collection beyond what this run did on its lane's thread, and no slowdown
 * from the other lane sharing the cores. `doneAt`: seconds from the call to each cell's end.
 */
function laneCeiling(doneAt, wall) {
  if (doneAt.length < 3) return undefined;
  const later = median(doneAt.slice(1).map((t, i) => t - doneAt[i]));
  return wall / (doneAt[0] + (Math.ceil(doneAt.length / 2) - 1) * later);
}

const rows = [];
let backend = 'unknown';
const plan = Array.from({ length: repeat }, (_, r) => modes.map((m) => ({ round: r + 1, ...m }))).flat();
for (const { round, jobs, flags, label } of plan) {
  const calMs = calibration();
  const out = mkdtempSync(join(tmpdir(), `adscreen-bench-exp-${jobs}-`));
  const loadBefore = loadavg()[0];
  const psBefore = top();
  const cpu0 = cpuSeconds();
  const t0 = performance.now();
  const doneAt = []; // seconds from the call to each cell's end
  const onProgress = (done) => {
    if (done > 0) doneAt.push((performance.now() - t0) / 1000);
  };
  const res = await experiment(config, flags === undefined ? { out, jobs, onProgress } : { out, jobs, throughputFlags: flags, onProgress });
  const secs = (performance.now() - t0) / 1000;
  const cpu = cpuSeconds() - cpu0; // this process and the lane process, all threads
  const loadAfter = loadavg()[0];
  const first = JSON.parse(readFileSync(join(out, 'cells', res.cells[0].id, 'cell.json'), 'utf8'));
  backend = first.backend;
  const cellTimes = res.cells.map((c) => JSON.parse(readFileSync(join(out, 'cells', c.id, 'cell.json'), 'utf8')).timings);
  const mean = (k) => cellTimes.reduce((a, t) => a + (t[k] ?? 0), 0) / cellTimes.length / 1000;
  rows.push({ round, calMs, jobs, label, ceiling: label === '1' ? laneCeiling(doneAt, secs) : undefined, flags: flags ?? throughputByDefault(Math.min(jobs, cells)), secs, cpu, loadBefore, loadAfter, psBefore, steps: { generate: mean('generateTrain') + mean('generateTest'), fit: mean('fit'), predict: mean('predict'), audit: mean('audit'), total: mean('total') } });
  process.stderr.write(`round ${round}, jobs ${label}: ${secs.toFixed(1)} s (load ${loadBefore.toFixed(2)} -> ${loadAfter.toFixed(2)}, speed check ${calMs.toFixed(0)} ms)\n`);
  rmSync(out, { recursive: true, force: true });
}

const baseOf = (r) => rows.find((b) => b.round === r.round && b.label === '1');
const speedupsOf = (label) => rows.filter((r) => r.label === label && baseOf(r)).map((r) => baseOf(r).secs / r.secs);
const bestOf = (label) => Math.min(...rows.filter((r) => r.label === label).map((r) => r.secs));
const speedups = speedupsOf('2');
const ceilings = rows.filter((r) => r.ceiling !== undefined).map((r) => r.ceiling);
// With a `1:flags` run in a round: one lane under the lanes' V8 flags, against --jobs 1. Two such
// lanes can at best split the cells ceil(cells / 2) / the rest, so --jobs 2 can be at most
// (--jobs 1 / --jobs 1:flags) x cells / ceil(cells / 2) faster than --jobs 1, even with no start-up
// and no slowdown from sharing the cores.
const flaggedCaps = rows
  .filter((r) => r.label === '1:flags' && baseOf(r))
  .map((r) => ({ cost: baseOf(r).secs / r.secs, cap: (baseOf(r).secs / r.secs) * (cells / Math.ceil(cells / 2)) }));
const date = new Date().toISOString();
const lines = [
  '# Experiment runner benchmark',
  '',
  `- date: ${date}`,
  `- adscreen ${VERSION}, node ${process.version}, ${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown CPU'})`,
  `- backend: ${backend}`,
  `- workload: ${cells} cells = 5 confounding values x 3 seeds x embedding-bag, ${n.toLocaleString('en-US')} training ads + 5,000 test ads per cell, bootstrap 100`,
  `- command: \`npx tsc -p tsconfig.build.json && node benchmarks/experiment.mjs --jobs ${jobsSpec} --n ${n} --repeat ${repeat}\``,
  `- lanes: --jobs N with "V8 throughput flags: yes" runs its worker threads in one child process started with ${THROUGHPUT_FLAGS.join(' ')} (the runner's default when N reaches the core count); "no" runs them in this process`,
  '',
  '| round | --jobs | V8 throughput flags | wall time (s) | speed-up vs --jobs 1 (same round) | ideal 2-lane speed-up from this --jobs 1 run | CPU time, all threads (s) | CPU / wall | speed check (ms) | load avg (1 min) before -> after | mean per cell: generate / fit / predict / audit / total (s) |',
  '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ...rows.map(
    (r) =>
      `| ${r.round} | ${r.label} | ${r.flags ? 'yes' : 'no'} | ${r.secs.toFixed(1)} | ${baseOf(r) ? (baseOf(r).secs / r.secs).toFixed(2) + 'x' : 'n/a'} | ${r.ceiling !== undefined ? r.ceiling.toFixed(2) + 'x' : ''} | ${r.cpu.toFixed(1)} | ${(r.cpu / r.secs).toFixed(2)} | ${r.calMs.toFixed(0)} | ${r.loadBefore.toFixed(2)} -> ${r.loadAfter.toFixed(2)} | ${[r.steps.generate, r.steps.fit, r.steps.predict, r.steps.audit, r.steps.total].map((x) => x.toFixed(1)).join(' / ')} |`,
  ),
  '',
  ...(speedups.length > 0
    ? [
        `Speed-up of --jobs 2 over --jobs 1: median over rounds ${median(speedups).toFixed(2)}x (rounds: ${speedups.map((x) => x.toFixed(2) + 'x').join(', ')}); best --jobs 1 run over best --jobs 2 run ${(bestOf('1') / bestOf('2')).toFixed(2)}x. Fastest --jobs 2 run: ${bestOf('2').toFixed(1)} s.`,
        ...(ceilings.length > 0
          ? [
              `Ideal 2-lane speed-up, from each --jobs 1 run's cell end times: median ${median(ceilings).toFixed(2)}x (${ceilings.map((x) => x.toFixed(2) + 'x').join(', ')}). It assumes each lane of --jobs 2 runs like --jobs 1's single lane: it warms up as the first cell did (from the call to that cell's end), then runs ceil(cells / 2) - 1 more cells at the median time between later cells, with no start-up of its own, no more compiling or garbage collection on its thread than --jobs 1's lane did (which had V8's helper threads on the idle core), and no slowdown from the other lane sharing the cores. A measured speed-up above it means the --jobs 1 run of that round had a slow spell of the host.`,
            ]
          : []),
        ...(flaggedCaps.length > 0
          ? [
              `Cap on --jobs 2 from the lanes' V8 flags: one lane under them ran at ${flaggedCaps.map((c) => c.cost.toFixed(2) + 'x').join(', ')} the speed of --jobs 1, and two lanes split ${cells} whole cells at best ${Math.ceil(cells / 2)} / ${cells - Math.ceil(cells / 2)}, so --jobs 2 can be at most ${flaggedCaps.map((c) => c.cap.toFixed(2) + 'x').join(', ')} (median ${median(flaggedCaps.map((c) => c.cap)).toFixed(2)}x) faster than --jobs 1, before any start-up or slowdown from sharing the cores.`,
            ]
          : []),
        ...modes
          .filter((m) => m.label !== '1' && m.label !== '2')
          .map((m) => `Speed-up of --jobs ${m.label} over --jobs 1: median over rounds ${median(speedupsOf(m.label)).toFixed(2)}x (rounds: ${speedupsOf(m.label).map((x) => x.toFixed(2) + 'x').join(', ')}); fastest run ${bestOf(m.label).toFixed(1)} s.`),
        '',
      ]
    : []),
  'Target: under 180 s with --jobs 2, and --jobs 2 at least 1.7x faster than --jobs 1.',
  'CPU / wall near the job count means the workers were not starved; a load average above the core count means other processes shared the cores and the wall times are upper bounds.',
  'Other processes running when each measurement started (ps, top CPU users):',
  '',
  ...rows.flatMap((r) => [`round ${r.round}, --jobs ${r.label}:`, '```', r.psBefore.trimEnd(), '```']),
  '',
];
mkdirSync(join(here, 'results'), { recursive: true });
writeFileSync(join(here, 'results', 'experiment.md'), lines.join('\n'));
process.stdout.write(lines.join('\n'));
