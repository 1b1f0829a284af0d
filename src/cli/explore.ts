/** `adscreen explore DIR --out page.html`: writes the explorable teaching page (a thin shell over `loadExploreDir()` + `writeExplorePage()`). */
import type { Command } from 'commander';
import { InputError } from '../errors.js';
import { loadExploreDir, writeExplorePage, type LoadExploreOptions } from '../report/index.js';

function parseNumber(field: string, lo: number, hi: number) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === '' || !(n >= lo && n <= hi)) throw new InputError(`expected a number from ${lo} to ${hi}, got "${value}"`, { field });
    return n;
  };
}

/** Registers the `explore` command. */
export function registerExplore(program: Command): void {
  program
    .command('explore')
    .description(
      'write an offline teaching page with a threshold slider and a prevalence control. DIR holds scores.csv ' +
        '(columns label, score, group; optional id, text, twinOf to pair counterfactual twins; optional generatorVersion, ' +
        'seed, scenarioHash) and optionally audit.json (initial threshold, harm.prevalence, harm.volume). ' +
        'An experiment cell directory (cells/<id>/) works as it is.',
    )
    .argument('<dir>', 'directory holding scores.csv')
    .requiredOption('-o, --out <file>', 'output HTML file')
    .option('--group-column <name>', 'column of scores.csv holding the group', 'group')
    .option('--threshold <t>', 'initial threshold in [0, 1]', parseNumber('--threshold', 0, 1))
    .option('--prevalence <p>', 'initial prevalence in (0, 1)', parseNumber('--prevalence', 0, 1))
    .option('--volume <n>', 'initial monthly ad volume', parseNumber('--volume', 1, Number.MAX_SAFE_INTEGER))
    .option('--bins <n>', 'score bins (threshold step = 1/bins)', parseNumber('--bins', 10, 100_000), 1000)
    .option('--ads <file>', 'dataset (CSV or JSONL) the scores came from: supplies ad texts, twin links and provenance when scores.csv lacks them')
    .option('--title <text>', 'page title')
    .option('--data-label <text>', 'what data the page shows')
    .action(
      async (
        dir: string,
        opts: {
          out: string;
          groupColumn: string;
          threshold?: number;
          prevalence?: number;
          volume?: number;
          bins: number;
          ads?: string;
          title?: string;
          dataLabel?: string;
        },
      ) => {
        const options: LoadExploreOptions = { groupColumn: opts.groupColumn, bins: opts.bins };
        if (opts.ads !== undefined) {
          const { readDataset } = await import('../io/dataset.js');
          const records = await readDataset(opts.ads);
          options.ads = new Map(records.map((r) => [r.id, { text: r.text, twinOf: r.twinOf }]));
          const first = records[0];
          if (first) options.provenance = { generatorVersion: first.generatorVersion, seed: first.seed, scenarioHash: first.scenarioHash };
        }
        if (opts.threshold !== undefined) options.threshold = opts.threshold;
        if (opts.prevalence !== undefined) options.prevalence = opts.prevalence;
        if (opts.volume !== undefined) options.volume = opts.volume;
        if (opts.title !== undefined) options.title = opts.title;
        if (opts.dataLabel !== undefined) options.dataLabel = opts.dataLabel;
        writeExplorePage(loadExploreDir(dir, options), opts.out);
        process.stdout.write(`wrote ${opts.out}\n`);
      },
    );
}
