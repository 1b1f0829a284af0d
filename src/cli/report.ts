/** `adscreen report DIR [--format html|md] --out FILE`: renders a result directory as a report (a thin shell over `writeReport()`). */
import type { Command } from 'commander';
import { InputError } from '../errors.js';
import { writeReport, type ReportFormat } from '../report/index.js';
import { cliProgress } from './progress.js';

function parseFormat(value: string): ReportFormat {
  if (value !== 'html' && value !== 'md') throw new InputError(`expected html or md, got "${value}"`, { field: '--format' });
  return value;
}

/** Registers the `report` command. */
export function registerReport(program: Command): void {
  program
    .command('report')
    .description(
      'render a result directory (audit.json with optional card.json and datasheet, or an experiment directory) as a ' +
        'self-contained offline HTML page, or Markdown with SVG charts in <name>-charts/ beside it',
    )
    .argument('<dir>', 'result directory')
    .requiredOption('-o, --out <file>', 'output file (.html or .md)')
    .option('-f, --format <format>', 'html or md (default: from the --out extension)', parseFormat)
    .action(async (dir: string, opts: { out: string; format?: ReportFormat }) => {
      const bar = cliProgress('report (charts)');
      try {
        const written = await writeReport(dir, { out: opts.out, ...(opts.format ? { format: opts.format } : {}), onProgress: bar.update });
        bar.done();
        process.stdout.write(`wrote ${opts.out}${written.length > 1 ? ` and ${written.length - 1} chart files` : ''}\n`);
      } catch (err) {
        bar.done();
        throw err;
      }
    });
}
