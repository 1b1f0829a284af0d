/** `adscreen experiment FILE --out DIR [--jobs N]`: runs an experiment file (a thin shell over `experiment()`). */
import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import { InputError } from '../errors.js';
import { experiment } from '../experiment/runner.js';
import { loadExperiment } from '../experiment/config.js';
import { cliProgress } from './progress.js';

/** Parses `--jobs`: a non-negative integer (0 runs cells in the main thread). */
export function parseJobs(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InputError(`expected a non-negative integer, got "${value}"`, { field: '--jobs' });
  return n;
}

/** Registers the `experiment` command. */
export function registerExperiment(program: Command): void {
  program
    .command('experiment')
    .description(
      'run an experiment file: every cell (sweep value x seed x model x mitigation) generates, trains, ' +
        'predicts and audits; writes per-cell results and summary.{csv,md,json} to --out; resumes finished cells',
    )
    .argument('<file>', 'experiment JSON file (see examples/experiments/)')
    .requiredOption('-o, --out <dir>', 'output directory')
    .option('-j, --jobs <n>', 'worker threads (0 = run in the main thread)', parseJobs, availableParallelism())
    .option('--force', 'rerun cells even when finished results exist', false)
    .action(async (file: string, opts: { out: string; jobs: number; force: boolean }) => {
      const config = loadExperiment(file);
      const bar = cliProgress(`experiment ${config.name} (cells)`);
      try {
        const result = await experiment(config, { out: opts.out, jobs: opts.jobs, force: opts.force, onProgress: bar.update, file });
        bar.done();
        process.stdout.write(
          `${result.cells.length} cells (${result.ran.length} run, ${result.skipped.length} resumed) in ` +
            `${(result.elapsedMs / 1000).toFixed(1)} s; summary: ${opts.out}/summary.md\n`,
        );
      } catch (err) {
        bar.done();
        throw err;
      }
    });
}
