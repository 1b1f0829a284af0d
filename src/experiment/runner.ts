/**
 * Running an experiment: expand the config into cells, skip cells already finished with the same
 * config hash (resume), run the rest in a pool of worker threads (or in-process), and write the
 * summary. Library code never prints; progress goes to `onProgress`.
 */
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from '../io/atomic.js';
import type { ProgressCallback } from '../progress.js';
import { throughputByDefault } from '../throughput-process.js';
import { VERSION } from '../version.js';
import { expandCells, type Cell } from './cells.js';
import { mitigationSteps, parseExperiment, type ExperimentConfig, type ExperimentInput } from './config.js';
import { InputError } from '../errors.js';
import { mitigationPipeline, type MitigationRegistry } from '../mitigate/index.js';
import { DatasetCache } from './dataset-cache.js';
import { dataReuse } from './data-reuse.js';
import { isCellDone, readCellRecord, runCell } from './run-cell.js';
import type { CellStages } from './stage-api.js';
import { summarize, summaryCsv, summaryMarkdown, type CellOutcome, type ExperimentSummary } from './summary.js';
import { runInLanes } from './lanes.js';

/** Options for {@link experiment}. */
export interface ExperimentOptions {
  /** Output directory (created if needed). */
  out: string;
  /**
   * Worker threads. `0` runs cells one after another in this thread (what tests of TypeScript
   * sources need, since workers load the built JavaScript). __Default value:__ the number of cores.
   */
  jobs?: number;
  /** Called after each cell with (cells done, cells to run, detail). Resumed cells are not counted. */
  onProgress?: ProgressCallback;
  /** Rerun every cell even when finished results exist. __Default value:__ false. */
  force?: boolean;
  /** Stage functions for in-process runs (`jobs: 0`); worker threads always use the real stages. */
  stages?: CellStages;
  /** File the config came from, for error messages. */
  file?: string;
  /** Your own mitigations by name, usable in the config's `mitigations` (in-process runs, `jobs: 0`). */
  mitigations?: MitigationRegistry;
  /**
   * Run the worker threads inside one child Node process started with V8 flags that spend less
   * CPU in all (`--single-threaded-gc --no-concurrent-recompilation`: garbage collection and
   * optimizing compiles run on each worker's own thread, not on helper threads). That pays when
   * the workers fill every core, so the helper threads have no core of their own; outputs are the
   * same bytes either way. __Default value:__ true on Node when the workers (`jobs`, at most one
   * per cell to run) are at least as many as the cores, false otherwise (always false under Deno
   * or Bun).
   */
  throughputFlags?: boolean;
}

/** What {@link experiment} returns. */
export interface ExperimentResult {
  /** Output directory. */
  out: string;
  /** The validated config. */
  config: ExperimentConfig;
  /** All cells of the experiment. */
  cells: Cell[];
  /** Ids of the cells run this time. */
  ran: string[];
  /** Ids of the cells skipped because finished results with the same hash existed. */
  skipped: string[];
  /** The summary written to `summary.*`. */
  summary: ExperimentSummary;
  /** Wall time in milliseconds. */
  elapsedMs: number;
}

/** Expands a config into its cells, loading scenarios through the stages. */
export function experimentCells(
  config: ExperimentConfig,
  stages: CellStages,
  mitigations: MitigationRegistry = {},
): Cell[] {
  const at = <T>(field: string, f: () => T): T => {
    try {
      return f();
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      const { field: inner, file } = err.location;
      let problem = err.message;
      if (file !== undefined && problem.startsWith(`${file}: `)) problem = problem.slice(file.length + 2);
      if (inner !== undefined) problem = problem.slice(problem.indexOf(`${inner}: `) + inner.length + 2);
      const where = inner === undefined || inner === 'model' || inner === 'options' ? field : `${field}.${inner}`;
      throw new InputError(problem, { ...(file !== undefined ? { file } : {}), field: where });
    }
  };
  config.mitigations.forEach((m, i) => at(`mitigations[${i}]`, () => mitigationPipeline(mitigationSteps(m), mitigations)));
  config.models.forEach((m, i) =>
    at(`models[${i}]`, () => stages.createClassifier(typeof m === 'string' ? m : m.name, typeof m === 'string' ? {} : m.options)),
  );
  const train = at('train.scenario', () => stages.loadScenario(config.train.scenario));
  const test = config.test.scenario === undefined ? undefined : at('test.scenario', () => stages.loadScenario(config.test.scenario!));
  return expandCells(config, test === undefined ? { train } : { train, test }, {
    version: VERSION,
    validateScenario: (s, field) => stages.validateScenario(s, field),
  });
}

/**
 * Runs every cell of an experiment (sweep value x seed x model x mitigation) and writes, under
 * `out`: `experiment.json` (config and cell hashes), `cells/<id>/` (cell.json with data hashes
 * and metrics, card.json, scores.csv, audit.json) and `summary.{csv,md,json}`. Cells whose
 * results exist with the same config hash are skipped, so an interrupted run resumes. `config`
 * is validated with {@link parseExperiment} (an `InputError` names the bad field).
 *
 * @example
 * ```ts
 * import { experiment } from 'adscreen';
 *
 * const result = await experiment(
 *   {
 *     name: 'tiny-mask-proxies',
 *     train: { scenario: 'confounded', n: 300 },
 *     test: { n: 200 },
 *     models: ['naive-bayes'],
 *     mitigations: ['none', 'mask-proxies'],
 *     audit: { threshold: 0.5, bootstrap: 20 },
 *   },
 *   { out: 'out/tiny-experiment', jobs: 0 },   // jobs: 0 runs the cells in this thread
 * );
 * for (const row of result.summary.rows) console.log(row.mitigation, row.metrics['auc']?.mean, row.metrics['fprGap']?.mean);
 * ```
 */
export async function experiment(config: ExperimentInput, options: ExperimentOptions): Promise<ExperimentResult> {
  const t0 = performance.now();
  const parsed = parseExperiment(config, options.file !== undefined ? { file: options.file } : {});
  const stages = options.stages ?? (await import('./stages.js')).defaultStages;
  const jobs = options.jobs ?? availableParallelism();
  if (!Number.isInteger(jobs) || jobs < 0) throw new RangeError(`jobs must be a non-negative integer, got ${jobs}`);
  const custom = options.mitigations ?? {};
  if ((options.stages !== undefined || Object.keys(custom).length > 0) && jobs > 0) {
    throw new RangeError('custom stages and mitigations run in-process only: pass jobs: 0');
  }
  const cells = naming(options.file, () => experimentCells(parsed, stages, custom));
  const out = options.out;
  writeFileAtomic(
    join(out, 'experiment.json'),
    `${JSON.stringify(
      {
        schema: 'adscreen.experiment/1',
        version: VERSION,
        synthetic: true,
        config: parsed,
        cells: cells.map((c) => ({ id: c.id, hash: c.hash })),
      },
      null,
      2,
    )}\n`,
  );

  removeStaleTemporaries(out);
  const todo = options.force ? cells : cells.filter((c) => !isCellDone(out, c));
  const skipped = cells.filter((c) => !todo.includes(c)).map((c) => c.id);
  const ran: string[] = [];
  const failures: string[] = [];
  let done = 0;
  const onDone = (cell: Cell, error?: string) => {
    done++;
    if (error === undefined) ran.push(cell.id);
    else failures.push(`${cell.id}: ${error}`);
    const resumed = skipped.length > 0 ? `, ${skipped.length} resumed` : '';
    options.onProgress?.(done, todo.length, `${cell.id}${resumed}`);
  };
  options.onProgress?.(0, todo.length, skipped.length > 0 ? `${skipped.length} resumed` : undefined);

  if (todo.length > 0) {
    if (jobs === 0) {
      const datasets = new DatasetCache();
      const reuse = dataReuse(todo);
      for (let i = 0; i < todo.length; i++) {
        const cell = todo[i] as Cell;
        try {
          await runCell(cell, out, stages, custom, datasets, reuse[i]);
          onDone(cell);
        } catch (err) {
          onDone(cell, err instanceof Error ? err.message : String(err));
        }
      }
    } else {
      const lanes = Math.min(jobs, todo.length);
      await runInLanes(todo, out, lanes, options.throughputFlags ?? throughputByDefault(lanes), onDone);
    }
  }
  if (failures.length > 0) {
    throw new Error(
      `${failures.length} of ${todo.length} cells failed (finished cells are saved; rerun to resume):\n${failures.join('\n')}`,
    );
  }

  const outcomes: CellOutcome[] = cells.map((c) => {
    const rec = readCellRecord(out, c.id);
    if (rec === null) throw new Error(`cell ${c.id} has no results in ${out}`);
    return {
      id: c.id,
      sweepValue: c.sweepValue,
      sweepIndex: c.sweepIndex,
      seed: c.seed,
      model: c.model.label,
      mitigation: c.mitigation.label,
      metrics: rec.metrics,
    };
  });
  const summary = summarize(outcomes, { experiment: parsed.name, sweepField: parsed.sweep?.field ?? null });
  writeFileAtomic(join(out, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  writeFileAtomic(join(out, 'summary.csv'), summaryCsv(summary));
  writeFileAtomic(join(out, 'summary.md'), summaryMarkdown(summary, parsed.description));
  return { out, config: parsed, cells, ran, skipped, summary, elapsedMs: Math.round(performance.now() - t0) };
}

/**
 * `f()`, with an `InputError` that names no file re-thrown naming `file` (the experiment file), so
 * that a bad model, mitigation or sweep field is reported like the config's other errors.
 */
function naming<T>(file: string | undefined, f: () => T): T {
  try {
    return f();
  } catch (err) {
    if (file === undefined || !(err instanceof InputError) || err.location.file !== undefined) throw err;
    const named = new InputError('', { ...err.location, file });
    named.message = `${file}: ${err.message}`;
    throw named;
  }
}

/**
 * Removes temporary cell directories left by an interrupted run (one output directory is meant for
 * one run at a time).
 */
function removeStaleTemporaries(out: string): void {
  const dir = join(out, 'cells');
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) {
    if (/\.tmp-\d+-/.test(name)) rmSync(join(dir, name), { recursive: true, force: true });
  }
}
