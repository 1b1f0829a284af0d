#!/usr/bin/env node
/**
 * Optimizing-compiler churn of an experiment: runs the confounding sweep of
 * benchmarks/experiment.mjs (15 cells, embedding-bag, bootstrap 100) in a child process under
 * `node --trace-opt --trace-deopt --trace-file-names`, and counts TurboFan compiles (first
 * compiles of a function vs re-compiles of one compiled before), their concurrent-phase
 * milliseconds (the background-thread part), aborted compiles and deoptimizations, with the
 * functions that re-compile most. Compile counts and deoptimizations hardly depend on machine
 * load; milliseconds do (they are wall time on the V8 threads).
 *
 *   npx tsc -p tsconfig.build.json && node benchmarks/compile-churn.mjs [--jobs 1] [--n 20000] [--top 15] [--dist dist]
 *
 * `--jobs 0` runs the cells in the child's main thread; with workers every worker isolate
 * compiles for itself (functions are told apart by isolate through their SharedFunctionInfo).
 * Prints a report; writes nothing.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { option } from './options.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const jobs = Number(option('--jobs', '1'));
const n = Number(option('--n', '20000'));
const top = Number(option('--top', '15'));
const dist = resolve(option('--dist', join(here, '..', 'dist')));

const work = mkdtempSync(join(tmpdir(), 'compile-churn-'));
const child = join(work, 'run.mjs');
writeFileSync(
  child,
  `import { readFileSync } from 'node:fs';
const { experiment } = await import(${JSON.stringify(`${dist}/index.js`)});
const example = JSON.parse(readFileSync(${JSON.stringify(join(here, '..', 'examples', 'experiments', 'confounding-sweep.json'))}, 'utf8'));
const config = { ...example, name: 'churn', train: { ...example.train, n: ${n} }, test: { ...example.test, n: 5000 }, seeds: [1, 2, 3], models: ['embedding-bag'], mitigations: ['none'], audit: { ...example.audit, bootstrap: 100 } };
const t0 = performance.now();
await experiment(config, { out: ${JSON.stringify(join(work, 'out'))}, jobs: ${jobs} });
console.log('@@wall', ((performance.now() - t0) / 1000).toFixed(1));
`,
);
const run = spawnSync(process.execPath, ['--trace-opt', '--trace-deopt', '--trace-file-names', child], { encoding: 'utf8', maxBuffer: 1 << 30 });
rmSync(work, { recursive: true, force: true });
if (run.status !== 0) {
  console.error(run.stderr);
  process.exit(1);
}

const compiled = /(completed compiling|aborted optimizing) \S+ <JSFunction ?(.*?) <([^>]*)> \(sfi = (\w+)\)> \(target \w+\)( OSR)?.*took [0-9.]+, ([0-9.]+), [0-9.]+ ms/;
const deopt = /bailout \(kind: ([^,]+), reason: (.*?)\): begin\. deoptimizing \S+ <JSFunction ?(.*?) <([^>]*)> \(sfi/;
const short = (file) => file.replace(/^file:\/\//, '').replace(`${dist}/`, '').replace(/^.*node_modules\//, '');
const seen = new Set();
const total = { compiles: 0, recompiles: 0, firstMs: 0, reMs: 0, abortedMs: 0, deopts: 0 };
const byFunction = new Map();
const deopts = new Map();
let wall = '?';
for (const line of run.stdout.split('\n')) {
  if (line.startsWith('@@wall')) wall = line.split(' ')[1];
  let m = compiled.exec(line);
  if (m !== null) {
    const [, kind, name, file, sfi, osr, ms] = m;
    const key = `${short(file)} ${name || '<anon>'}${osr ? ' (OSR)' : ''}`;
    const f = byFunction.get(key) ?? { re: 0, reMs: 0, firstMs: 0 };
    byFunction.set(key, f);
    if (kind.startsWith('aborted')) {
      total.abortedMs += Number(ms);
      continue;
    }
    total.compiles++;
    if (seen.has(`${key} ${sfi}`)) {
      total.recompiles++;
      total.reMs += Number(ms);
      f.re++;
      f.reMs += Number(ms);
    } else {
      seen.add(`${key} ${sfi}`);
      total.firstMs += Number(ms);
      f.firstMs += Number(ms);
    }
    continue;
  }
  m = deopt.exec(line);
  if (m !== null) {
    const [, kind, reason, name, file] = m;
    const key = `${short(file)} ${name || '<anon>'}: ${reason} (${kind})`;
    deopts.set(key, (deopts.get(key) ?? 0) + 1);
    total.deopts++;
  }
}

console.log(`# Compile churn: ${n} training ads, 15 cells, --jobs ${jobs}, ${dist}\n`);
console.log(`wall ${wall} s (under tracing)`);
console.log(`TurboFan compiles ${total.compiles}: ${total.compiles - total.recompiles} first (${(total.firstMs / 1000).toFixed(2)} s), ${total.recompiles} re-compiles (${(total.reMs / 1000).toFixed(2)} s); aborted ${(total.abortedMs / 1000).toFixed(2)} s; deoptimizations ${total.deopts}\n`);
console.log('Most re-compiled (re-compiles, their ms, first-compile ms):');
for (const [key, f] of [...byFunction].sort((a, b) => b[1].reMs - a[1].reMs).slice(0, top)) {
  if (f.re > 0) console.log(`  ${String(f.re).padStart(3)} ${f.reMs.toFixed(0).padStart(5)} ms ${f.firstMs.toFixed(0).padStart(5)} ms  ${key}`);
}
console.log('\nMost frequent deoptimizations:');
for (const [key, count] of [...deopts].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${String(count).padStart(3)}  ${key}`);
