/**
 * `adscreen predict --model DIR --data FILE --out scores.csv`: scores a dataset with a saved
 * model and writes one row per record: `id`, `score`, `label`, `observedLabel`, `group`, `twinOf`
 * (the source id for a counterfactual twin, empty otherwise) and one
 * column per proxy attribute (in order of first appearance), carried over from the input so the
 * audit needs nothing else. Written atomically.
 */
import type { Command } from 'commander';
import { stringify } from 'csv-stringify/sync';
import { InputError } from '../errors.js';
import { readDataset } from '../io/index.js';
import { writeFileAtomic } from '../io/atomic.js';
import { availableParallelism } from 'node:os';
import { loadClassifier } from '../models/index.js';
import type { AdRecord } from '../record.js';
import { cliBackend } from './backend.js';

interface PredictCommandOptions {
  model?: string;
  data?: string;
  out?: string;
  threads?: number;
}

function parseThreads(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InputError(`expected a whole number >= 1, got "${value}"`, { field: '--threads' });
  return n;
}

/** Builds the scores CSV text for records and their scores. Columns: id, score, label, observedLabel, group, twinOf (empty for originals), proxies. */
export function scoresCsv(records: readonly AdRecord[], scores: ArrayLike<number>): string {
  const proxyNames: string[] = [];
  const seen = new Set<string>();
  for (const r of records) {
    for (const name of Object.keys(r.proxies)) {
      if (!seen.has(name)) {
        seen.add(name);
        proxyNames.push(name);
      }
    }
  }
  const fixed = ['id', 'score', 'label', 'observedLabel', 'group', 'twinOf'];
  for (const name of proxyNames) {
    if (fixed.includes(name)) throw new InputError(`proxy attribute "${name}" clashes with a scores column`, { field: 'proxies' });
  }
  const rows: string[][] = [[...fixed, ...proxyNames]];
  records.forEach((r, i) => {
    rows.push([r.id, String(scores[i]), String(r.label), String(r.observedLabel), r.group, r.twinOf ?? '', ...proxyNames.map((p) => r.proxies[p] ?? '')]);
  });
  return stringify(rows);
}

/** Registers the `predict` command. */
export function registerPredict(program: Command): void {
  program
    .command('predict')
    .description('score a dataset with a saved model; writes id, score, labels, group and proxy columns')
    .option('-m, --model <dir>', 'saved model directory (from adscreen train)')
    .option('-d, --data <file>', 'dataset to score (.csv or .jsonl)')
    .option('-o, --out <file>', 'output scores CSV')
    .option('-j, --threads <n>', 'threads that featurize the texts (embedding-bag; default: all cores); the scores do not depend on it', parseThreads)
    .action(async (opts: PredictCommandOptions) => {
      if (opts.model === undefined) throw new InputError('missing: give the model directory, e.g. --model models/logreg', { field: '--model' });
      if (opts.data === undefined) throw new InputError('missing: give the dataset, e.g. --data test.csv', { field: '--data' });
      if (opts.out === undefined) throw new InputError('missing: give the output file, e.g. --out scores.csv', { field: '--out' });
      await cliBackend();
      const model = await loadClassifier(opts.model, { predictThreads: opts.threads ?? availableParallelism() });
      const records = await readDataset(opts.data);
      const start = performance.now();
      const scores = await model.predict(records.map((r) => r.text));
      const seconds = (performance.now() - start) / 1000;
      writeFileAtomic(opts.out, scoresCsv(records, scores));
      process.stdout.write(
        `scored ${records.length} records with ${model.name} (backend ${model.card().backend}) in ${seconds.toFixed(2)} s\nwrote ${opts.out}\n`,
      );
    });
}
