/**
 * `adscreen demo [--out DIR] [--jobs N]`: the README's main job on the built-in default
 * experiment. It generates the `confounded` scenario (with counterfactual twins), trains the
 * default `embedding-bag` model and the `keywords` screener (with and without reweighing),
 * audits them per group with bootstrap intervals and harm at a 1% base rate, and writes an
 * offline HTML report, a Markdown report and the explorable teaching page.
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { experiment } from '../experiment/runner.js';
import { parseExperiment, type ExperimentInput } from '../experiment/config.js';
import { cellDir, readCellRecord } from '../experiment/run-cell.js';
import { writeReport } from '../report/report.js';
import { loadExploreDir, writeExplorePage } from '../report/explore/load.js';
import { cliProgress } from './progress.js';
import { cliBackend } from './backend.js';
import { parseJobs } from './experiment.js';
import { generateStream, loadScenario } from '../generate/index.js';
import { writeDataset } from '../io/index.js';

/** The built-in default experiment that `adscreen demo` and `npm run demo` run. */
export const DEMO_EXPERIMENT: ExperimentInput = {
  schema: 'adscreen.experiment/1',
  name: 'demo',
  description:
    'Default demo: ads of the confounded scenario (one region over-represented among trafficking ads), ' +
    'the default embedding-bag model and the keyword screener, with and without reweighing; ' +
    'threshold at 5% overall FPR; harm at a 1% base rate over 100,000 ads a month.',
  train: { scenario: 'confounded', n: 10_000 },
  test: { n: 4_000, twins: true },
  seeds: [1],
  models: ['embedding-bag', 'keywords'],
  mitigations: ['none', 'reweigh'],
  audit: { threshold: { fpr: 0.05 }, bootstrap: 200, prevalence: 0.01, volume: 100_000 },
};

/** Registers the `demo` command. */
export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('run the built-in default experiment end to end and write the HTML/Markdown reports and the teaching page')
    .option('-o, --out <dir>', 'output directory', 'out/demo')
    .option('-j, --jobs <n>', 'worker threads (0 = main thread)', parseJobs, availableParallelism())
    .action(async (opts: { out: string; jobs: number }) => {
      const backend = await cliBackend();
      const config = parseExperiment(DEMO_EXPERIMENT);
      const expDir = join(opts.out, 'experiment');
      const started = performance.now();
      const bar = cliProgress('demo (cells)');
      let result;
      try {
        result = await experiment(config, { out: expDir, jobs: opts.jobs, onProgress: bar.update });
      } finally {
        bar.done();
      }
      const main = result.cells.find((c) => c.model.name === 'embedding-bag' && c.mitigation.steps.length === 0);
      const record = main === undefined ? null : readCellRecord(expDir, main.id);
      if (main === undefined || record === null) throw new Error(`demo: no finished embedding-bag cell without mitigation in ${expDir}`);
      const { generatorVersion, seed, scenarioHash, n } = record.data.test;
      // the main cell's test set again, from its recorded seed, written with its datasheet beside
      // the experiment so the report shows the datasheet's highlights
      const scenario = loadScenario('confounded');
      await writeDataset(generateStream(scenario, { n, seed, twins: true }), join(expDir, 'test-data.csv'), { scenario, seed });
      const html = join(opts.out, 'report.html');
      const md = join(opts.out, 'report.md');
      await writeReport(expDir, { format: 'html', out: html });
      await writeReport(expDir, { format: 'md', out: md });
      const page = join(opts.out, 'explore.html');
      const data = loadExploreDir(cellDir(expDir, main.id), {
        title: 'Who gets flagged? (synthetic ads, confounded scenario)',
        provenance: { generatorVersion, seed, scenarioHash, scenario: 'confounded' },
      });
      writeExplorePage(data, page);
      const secs = ((performance.now() - started) / 1000).toFixed(1);
      process.stdout.write(
        `demo finished in ${secs} s (backend ${backend}, ${result.cells.length} cells)\n` +
          `  HTML report:      ${html}\n` +
          `  Markdown report:  ${md}\n` +
          `  teaching page:    ${page}\n` +
          `  experiment data:  ${expDir}\n`,
      );
    });
}
