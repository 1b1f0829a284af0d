#!/usr/bin/env node
/** The `adscreen` command: a thin shell over the public API. Each command lives in its own module. */
import { Command } from 'commander';
import { VERSION } from '../version.js';
import { InputError } from '../errors.js';

const program = new Command();
program
  .name('adscreen')
  .description('Synthetic ads, screening classifiers and fairness audits (synthetic data only).')
  .version(VERSION);

// command registrations (one line per command module)

program.parseAsync(process.argv).catch((err: unknown) => {
  if (err instanceof InputError) {
    process.stderr.write(`adscreen: ${err.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`adscreen: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
