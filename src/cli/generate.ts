/**
 * `adscreen generate --scenario NAME|FILE --n N --seed S --out FILE.csv|FILE.jsonl [--twins] [--jobs N]`:
 * generates a synthetic dataset and writes it with its datasheet (a thin shell over
 * `writeGeneratedDataset`, which spreads generation over worker threads; the bytes do not depend
 * on their number). Arguments are checked before anything is generated, and a failure leaves no
 * output behind.
 */
import type { Command } from 'commander';
import { InputError } from '../errors.js';
import { loadScenario } from '../generate/index.js';
import { datasetFormat } from '../io/dataset.js';
import { writeGeneratedDataset } from '../io/generated-dataset.js';
import { parseJobs } from './experiment.js';
import { cliProgress } from './progress.js';

/** Parses a positive integer option (digits only, so `1e3`, `10.5` and `-1` are refused). */
export function parsePositiveInteger(value: string, option: string): number {
  const n = /^\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n) || n <= 0) throw new InputError(`expected a positive integer, got "${value}"`, { field: option });
  return n;
}

/** Parses a seed option: an integer from 0 to 2^32 - 1. */
export function parseSeedOption(value: string, option = '--seed'): number {
  const n = /^\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
  if (!Number.isInteger(n) || n > 0xffffffff) throw new InputError(`expected an integer from 0 to 4294967295, got "${value}"`, { field: option });
  return n;
}

/** Options of the `generate` command as commander hands them over. */
interface GenerateCommandOptions {
  scenario: string;
  n?: string;
  seed: string;
  out?: string;
  twins: boolean;
  jobs?: number;
}

/** Registers the `generate` command. */
export function registerGenerate(program: Command): void {
  program
    .command('generate')
    .description('generate a synthetic dataset (CSV or JSONL, by the extension of --out) and its datasheet beside it')
    .option('-s, --scenario <name|file>', 'preset scenario name or scenario JSON file', 'baseline')
    .option('-n, --n <count>', 'number of ads to generate (twins come on top)')
    .option('--seed <seed>', 'generation seed (integer from 0 to 2^32 - 1)', '1')
    .option('-o, --out <file>', 'output file ending in .csv or .jsonl; the datasheet goes to <file minus extension>.datasheet.md')
    .option('--twins', 'also render a counterfactual twin of each ad (proxy attributes changed only)', false)
    .option('-j, --jobs <n>', 'worker threads (0 = main thread; default: all cores for 50,000 ads or more, else 0); the output does not depend on it', parseJobs)
    .action(async (opts: GenerateCommandOptions) => {
      if (opts.n === undefined) throw new InputError('missing: give the number of ads, e.g. --n 1000', { field: '--n' });
      if (opts.out === undefined) throw new InputError('missing: give the output file, e.g. --out data.csv', { field: '--out' });
      const n = parsePositiveInteger(opts.n, '--n');
      const seed = parseSeedOption(opts.seed);
      const out = opts.out;
      datasetFormat(out);
      const scenario = loadScenario(opts.scenario);
      const bar = cliProgress(`generate ${out}`);
      try {
        const result = await writeGeneratedDataset(scenario, out, { n, seed, twins: opts.twins, jobs: opts.jobs, onProgress: bar.update });
        bar.done();
        process.stdout.write(`wrote ${result.rows} records to ${result.path} (datasheet: ${result.datasheetPath})\n`);
      } catch (err) {
        bar.done();
        throw err;
      }
    });
}
