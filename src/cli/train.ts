/**
 * `adscreen train --data FILE --model NAME --out DIR [--label label|observedLabel] [--epochs N]
 * [--seed S] [--options JSON]`: trains a classifier on a dataset file and saves it with its model
 * card (a thin shell over `readDataset`, `createClassifier`, `fit` and `save`). Epoch progress
 * with the loss is drawn on a TTY only.
 */
import type { Command } from 'commander';
import { InputError } from '../errors.js';
import { readDataset } from '../io/index.js';
import { createClassifier, CLASSIFIER_NAMES } from '../models/index.js';
import type { Classifier, FitOptions } from '../models/classifier.js';
import { cliProgress } from './progress.js';
import { cliBackend } from './backend.js';
import { parsePositiveInteger, parseSeedOption } from './generate.js';

interface TrainCommandOptions {
  data?: string;
  model?: string;
  out?: string;
  label: string;
  epochs?: string;
  seed: string;
  options?: string;
}

/** Parses the `--options` JSON object for the model constructor. */
function parseModelOptionsJson(text: string | undefined): Record<string, unknown> {
  if (text === undefined) return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new InputError(`expected a JSON object, e.g. '{"alpha":0.5}' (${err instanceof Error ? err.message : String(err)})`, { field: '--options' });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new InputError('expected a JSON object', { field: '--options' });
  return value as Record<string, unknown>;
}

/** The epoch count an untrained model's card announces, if any (for the progress total). */
function defaultEpochs(classifier: Classifier): number | undefined {
  try {
    const e = classifier.card().details['epochs'];
    return typeof e === 'number' && Number.isInteger(e) && e > 0 ? e : undefined;
  } catch {
    return undefined;
  }
}

/** Registers the `train` command. */
export function registerTrain(program: Command): void {
  program
    .command('train')
    .description('train a screening classifier on a dataset file and save it with its model card')
    .option('-d, --data <file>', 'training dataset (.csv or .jsonl written by adscreen generate)')
    .option('-m, --model <name>', `model family: ${CLASSIFIER_NAMES.join(' | ')}`)
    .option('-o, --out <dir>', 'output model directory (replaced if it is a model directory)')
    .option('--label <field>', 'label to learn: label (truth) or observedLabel (annotated)', 'observedLabel')
    .option('--epochs <n>', 'training epochs (iterative models; default: the model\'s own)')
    .option('--seed <seed>', 'training seed (integer from 0 to 2^32 - 1)', '0')
    .option('--options <json>', 'model options as a JSON object, e.g. \'{"alpha":0.5}\'')
    .action(async (opts: TrainCommandOptions) => {
      if (opts.data === undefined) throw new InputError('missing: give the training data, e.g. --data train.csv', { field: '--data' });
      if (opts.model === undefined) throw new InputError(`missing: give the model, one of ${CLASSIFIER_NAMES.join(', ')}`, { field: '--model' });
      if (opts.out === undefined) throw new InputError('missing: give the output directory, e.g. --out models/mine', { field: '--out' });
      if (opts.label !== 'label' && opts.label !== 'observedLabel') {
        throw new InputError(`expected "label" or "observedLabel", got "${opts.label}"`, { field: '--label' });
      }
      const seed = parseSeedOption(opts.seed);
      const epochs = opts.epochs === undefined ? undefined : parsePositiveInteger(opts.epochs, '--epochs');
      await cliBackend();
      const classifier = createClassifier(opts.model, parseModelOptionsJson(opts.options));
      const records = await readDataset(opts.data);
      const bar = cliProgress(`train ${classifier.name}`);
      const totalEpochs = epochs ?? defaultEpochs(classifier);
      const fit: FitOptions = {
        labelField: opts.label,
        seed,
        onEpoch: (epoch, loss) => bar.update(epoch + 1, totalEpochs, `epochs, loss ${loss.toFixed(4)}`),
      };
      if (epochs !== undefined) fit.epochs = epochs;
      const start = performance.now();
      try {
        await classifier.fit(records, fit);
      } finally {
        bar.done();
      }
      const seconds = (performance.now() - start) / 1000;
      await classifier.save(opts.out);
      const card = classifier.card();
      process.stdout.write(
        `trained ${classifier.name} on ${records.length} records (${opts.label}) in ${seconds.toFixed(2)} s on backend ${card.backend}\n` +
          `saved to ${opts.out}\n`,
      );
    });
}
