#!/usr/bin/env node
/** The `adscreen` command: a thin shell over the public API. Each command lives in its own module. */
import { Command } from 'commander';
import { VERSION } from '../version.js';
import { InputError } from '../errors.js';
import { registerExperiment } from './experiment.js';
import { registerReport } from './report.js';
import { registerExplore } from './explore.js';
import { registerTrain } from './train.js';
import { registerPredict } from './predict.js';
import { registerDemo } from './demo.js';
import { registerGenerate } from './generate.js';
import { registerAudit } from './audit.js';

const program = new Command();
program
  .name('adscreen')
  .description('Synthetic ads, screening classifiers and fairness audits (synthetic data only).')
  .version(VERSION);

// command registrations (one line per command module)
registerGenerate(program);
registerExperiment(program);
registerReport(program);
registerExplore(program);
registerTrain(program);
registerPredict(program);
registerDemo(program);
registerAudit(program);

program.parseAsync(process.argv).catch((err: unknown) => {
  if (err instanceof InputError) {
    process.stderr.write(`adscreen: ${err.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`adscreen: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
