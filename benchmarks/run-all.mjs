// Runs every benchmark one after another (after `npm run build`), each writing its section under
// benchmarks/results/; then collect them into benchmarks/RESULTS.md with the date and machine.
// Usage: npm run bench [-- NAME ...]   (names: generate realism train baselines audit experiment contention report startup)
import { spawnSync } from 'node:child_process';

const ALL = {
  generate: ['benchmarks/generate.mjs', '--n', '1000000', '--scenario', 'baseline', '--format', 'jsonl'],
  realism: ['benchmarks/realism.mjs', 'baseline', 'confounded', 'biased-annotation', 'low-prevalence', 'baseline:shifted', 'shifted', 'classroom', '--out', 'benchmarks/results/realism.md'],
  train: ['benchmarks/train.mjs', '--n', '100000', '--scenario', 'confounded', '--seed', '1'],
  baselines: ['benchmarks/baselines.mjs', '--n', '80000', '--test', '20000', '--scenario', 'baseline'],
  audit: ['benchmarks/audit.mjs', '--n', '1000000', '--groups', '8', '--bootstrap', '1000', '--write'],
  experiment: ['benchmarks/experiment.mjs', '--jobs', '1,2', '--n', '20000'],
  contention: ['benchmarks/contention.mjs', '--rounds', '7'],
  report: ['benchmarks/report.mjs', '--n', '200000', '--groups', '4'],
  startup: ['benchmarks/startup.mjs'],
};

const names = process.argv.slice(2).length > 0 ? process.argv.slice(2) : Object.keys(ALL);
const build = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
for (const name of names) {
  const args = ALL[name];
  if (!args) {
    console.error(`unknown benchmark "${name}"; expected one of ${Object.keys(ALL).join(', ')}`);
    process.exit(2);
  }
  console.log(`\n== ${name}: node ${args.join(' ')}`);
  const run = spawnSync('node', args, { stdio: 'inherit' });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
