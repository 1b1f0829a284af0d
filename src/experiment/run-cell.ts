/**
 * Running one cell: generate train and test data, hold out validation, apply the mitigations,
 * train, score, post-process, audit, and write the cell's results into its own directory
 * atomically (written in a temporary directory, renamed into place when complete).
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mitigationPipeline, type MitigationContext, type MitigationRegistry } from '../mitigate/index.js';
import { deriveSeed, hash32 } from '../random.js';
import type { AdRecord } from '../record.js';
import type { Cell } from './cells.js';
import { cellDatasetKeys, type DataReuse } from './data-reuse.js';
import { DatasetCache } from './dataset-cache.js';
import { scoresCsv } from './scores-csv.js';
import type { CellStages } from './stage-api.js';
import type { CellMetrics } from './summary.js';

/** What a finished cell records in `cell.json`. */
export interface CellRecord {
  /** Schema tag. */
  schema: 'adscreen.experiment-cell/1';
  /** Cell id. */
  id: string;
  /** Config hash; resume skips a cell whose stored hash matches. */
  hash: string;
  /** The full cell config. */
  cell: Cell;
  /** Compute backend. */
  backend: string;
  /**
   * SHA-256 of the generated datasets (canonical JSON lines), their sizes, and the provenance
   * every synthetic dataset carries (generator version, generator seed, scenario hash).
   */
  data: {
    train: { sha256: string; n: number } & DataProvenance;
    validation: { n: number };
    test: { sha256: string; n: number; twins: number } & DataProvenance;
    trainingExamples: number;
    labelField: 'label' | 'observedLabel';
  };
  /** Decision threshold used by the audit. */
  threshold: number;
  /** How the threshold was chosen. */
  thresholdRule: string;
  /** Post-processing details, if a mitigation post-processed. */
  postProcessing: Record<string, unknown> | null;
  /** Headline metrics. */
  metrics: CellMetrics;
  /** Wall time per step in milliseconds. */
  timings: Record<string, number>;
}

/** Directory holding a cell's results. */
export function cellDir(out: string, id: string): string {
  return join(out, 'cells', id);
}

/** The stored record of a finished cell, or null if it is missing, incomplete or unreadable. */
export function readCellRecord(out: string, id: string): CellRecord | null {
  const dir = cellDir(out, id);
  const file = join(dir, 'cell.json');
  if (!existsSync(file) || !existsSync(join(dir, 'audit.json'))) return null;
  try {
    const rec = JSON.parse(readFileSync(file, 'utf8')) as CellRecord;
    return rec.schema === 'adscreen.experiment-cell/1' ? rec : null;
  } catch {
    return null;
  }
}

/** Whether a cell's results exist for exactly this config hash. */
export function isCellDone(out: string, cell: Cell): boolean {
  return readCellRecord(out, cell.id)?.hash === cell.hash;
}

/** Splits records into train and validation by poster (`operatorId`), so one poster's ads stay together. */
export function splitValidation(
  records: readonly AdRecord[],
  fraction: number,
  seed: number,
): { train: AdRecord[]; validation: AdRecord[] } {
  const train: AdRecord[] = [];
  const validation: AdRecord[] = [];
  splitInto(records, fraction, deriveSeed(seed, 'validation'), train, validation);
  return { train, validation };
}

/**
 * The loop of {@link splitValidation}, a function of its own: V8 compiles a long loop while it
 * runs (OSR), and code after it that had not run yet would deoptimize that compiled code on
 * every cell.
 */
function splitInto(records: readonly AdRecord[], fraction: number, salt: number, train: AdRecord[], validation: AdRecord[]): void {
  for (let i = 0; i < records.length; i++) {
    const r = records[i] as AdRecord;
    const u = hash32(r.operatorId, salt) / 4294967296;
    (u < fraction ? validation : train).push(r);
  }
}

function time<T>(timings: Record<string, number>, key: string, f: () => T): T {
  const t0 = performance.now();
  const v = f();
  timings[key] = Math.round(performance.now() - t0);
  return v;
}

async function timeAsync<T>(timings: Record<string, number>, key: string, f: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  const v = await f();
  timings[key] = Math.round(performance.now() - t0);
  return v;
}

/**
 * Runs one cell and writes its directory under `out/cells/`. Returns its record. `mitigations`
 * adds caller-defined mitigations by name (in-process runs only); `datasets` keeps generated data
 * for later cells of the same run (none kept by default), the parts `reuse` marks as used again
 * (see {@link dataReuse}; all by default).
 */
export async function runCell(
  cell: Cell,
  out: string,
  stages: CellStages,
  mitigations: MitigationRegistry = {},
  datasets: DatasetCache = new DatasetCache(0),
  reuse: DataReuse = { train: true, test: true },
): Promise<CellRecord> {
  const timings: Record<string, number> = {};
  const t0 = performance.now();
  const backend = await stages.initBackend();
  const trainScenario = cell.train.scenario;
  const testScenario = cell.test.scenario;

  const { train: trainKey, test: testKey } = cellDatasetKeys(cell);
  const trainAll = time(timings, 'generateTrain', () =>
    datasets.records(trainKey, () => stages.generate(trainScenario, { n: trainKey.n, seed: trainKey.seed, twins: false }), reuse.train),
  );
  const testAll = time(timings, 'generateTest', () =>
    datasets.records(testKey, () => stages.generate(testScenario, { n: testKey.n, seed: testKey.seed, twins: testKey.twins }), reuse.test),
  );
  const test: AdRecord[] = [];
  const twinRecords: AdRecord[] = [];
  splitTwins(testAll, test, twinRecords);
  const { train, validation } = splitValidation(trainAll, cell.validation, cell.seed);

  // training twins (every group swap of every training ad) are rendered only if a mitigation asks for them
  let trainTwins: Map<string, AdRecord[]> | null = null;
  const twinsOf = (r: AdRecord): AdRecord[] => {
    if (trainTwins === null) {
      const t1 = performance.now();
      const all = stages.groupTwins(trainScenario, train);
      trainTwins = new Map(train.map((x, i) => [x.id, all[i] ?? []]));
      timings['generateTrainTwins'] = Math.round(performance.now() - t1);
    }
    return trainTwins.get(r.id) ?? [];
  };

  const targetFpr = typeof cell.audit.threshold === 'number' ? undefined : cell.audit.threshold.fpr;
  const terms = [...new Set([...stages.proxyTerms(trainScenario), ...stages.proxyTerms(testScenario)])];
  const ctx: MitigationContext = {
    seed: deriveSeed(cell.seed, 'mitigate'),
    proxyTerms: terms,
    twinsOf,
    ...(targetFpr !== undefined ? { targetFpr } : {}),
  };
  const pipeline = mitigationPipeline(cell.mitigation.steps, mitigations);
  const set = time(timings, 'mitigate', () => pipeline.prepare({ records: train, labelField: 'observedLabel' }, ctx));

  const model = stages.createClassifier(cell.model.name, cell.model.options);
  await timeAsync(timings, 'fit', () =>
    model.fit(set.records, {
      labelField: set.labelField,
      seed: deriveSeed(cell.seed, 'fit'),
      ...(set.weights !== undefined ? { weights: set.weights } : {}),
      ...(cell.fit.epochs !== undefined ? { epochs: cell.fit.epochs } : {}),
    }),
  );
  const scoreOf = (records: readonly AdRecord[]) => model.predict(scoringTexts(records, pipeline, ctx));
  let testScores = await timeAsync(timings, 'predict', () => scoreOf(test));
  let twinScores = twinRecords.length > 0 ? await scoreOf(twinRecords) : new Float32Array(0);

  const labels = labelsOf(test);
  const groups = groupsOf(test);
  let threshold: number;
  let thresholdRule: string;
  let postProcessing: Record<string, unknown> | null = null;
  if (pipeline.hasPost) {
    const valScores = await scoreOf(validation);
    const post = pipeline.fitPost(
      { scores: valScores, labels: validation.map((r) => r[set.labelField]), groups: validation.map((r) => r.group) },
      ctx,
    )!;
    testScores = post.apply(testScores, groups);
    twinScores = post.apply(twinScores, twinRecords.map((r) => r.group));
    threshold = post.threshold;
    thresholdRule = 'post-processing (fitted on validation)';
    postProcessing = post.details;
  } else if (typeof cell.audit.threshold === 'number') {
    threshold = cell.audit.threshold;
    thresholdRule = 'fixed';
  } else {
    threshold = stages.thresholdForFpr(labels, testScores, cell.audit.threshold.fpr);
    thresholdRule = `overall FPR ${cell.audit.threshold.fpr} on the test set`;
  }

  const twins = scoredTwins(test, twinRecords, twinScores);
  const audit = time(timings, 'audit', () =>
    stages.audit({
      labels,
      scores: testScores,
      groups,
      groupColumn: typeof testScenario['groupAttribute'] === 'string' ? testScenario['groupAttribute'] : 'group',
      threshold,
      bootstrap: cell.audit.bootstrap,
      seed: deriveSeed(cell.seed, 'audit'),
      ...(cell.audit.resample === 'poster' ? { clusters: test.map((r) => r.operatorId) } : {}),
      ...(cell.audit.prevalence !== undefined ? { prevalence: cell.audit.prevalence } : {}),
      ...(cell.audit.volume !== undefined ? { volume: cell.audit.volume } : {}),
      twins,
    }),
  );
  const metrics = stages.metrics(audit, threshold);
  const hashes = time(timings, 'hash', () => ({ train: datasets.sha256(trainKey, trainAll), test: datasets.sha256(testKey, testAll) }));

  const record: CellRecord = {
    schema: 'adscreen.experiment-cell/1',
    id: cell.id,
    hash: cell.hash,
    cell,
    backend,
    data: {
      train: { sha256: hashes.train, n: trainAll.length, ...provenanceOf(trainAll) },
      validation: { n: validation.length },
      test: { sha256: hashes.test, n: test.length, twins: twinRecords.length, ...provenanceOf(testAll) },
      trainingExamples: set.records.length,
      labelField: set.labelField,
    },
    threshold,
    thresholdRule,
    postProcessing,
    metrics,
    timings,
  };

  const t1 = performance.now();
  const files: Record<string, string> = {
    'card.json': `${JSON.stringify(model.card(), null, 2)}\n`,
    'audit.json': `${JSON.stringify(audit, null, 2)}\n`,
  };
  if (cell.saveScores) files['scores.csv'] = scoresCsv(test, testScores, twinRecords, twinScores);
  timings['serialize'] = Math.round(performance.now() - t1);
  timings['total'] = Math.round(performance.now() - t0);
  files['cell.json'] = `${JSON.stringify(record, null, 2)}\n`;
  writeDirAtomic(cellDir(out, cell.id), files);
  return record;
}

// Loops over records as module functions rather than callbacks written in runCell: a callback
// made anew for every cell loses its optimized code when it is collected, and V8 compiled these
// again every few cells.

/** Splits generated test records into the test ads and their twins (each in input order). */
function splitTwins(records: readonly AdRecord[], test: AdRecord[], twins: AdRecord[]): void {
  for (let i = 0; i < records.length; i++) {
    const r = records[i] as AdRecord;
    (r.twinOf === null ? test : twins).push(r);
  }
}

/** The texts a model scores: each record's text through the mitigation's scoring transform. */
function scoringTexts(records: readonly AdRecord[], pipeline: ReturnType<typeof mitigationPipeline>, ctx: MitigationContext): string[] {
  const texts: string[] = [];
  for (let i = 0; i < records.length; i++) texts.push(pipeline.scoringText((records[i] as AdRecord).text, ctx));
  return texts;
}

/** True labels. */
function labelsOf(records: readonly AdRecord[]): Uint8Array {
  const labels = new Uint8Array(records.length);
  for (let i = 0; i < records.length; i++) labels[i] = (records[i] as AdRecord).label;
  return labels;
}

/** Groups. */
function groupsOf(records: readonly AdRecord[]): string[] {
  const groups: string[] = [];
  for (let i = 0; i < records.length; i++) groups.push((records[i] as AdRecord).group);
  return groups;
}

/** Each twin whose original is among the test ads: the original's index, the twin's score and group. */
function scoredTwins(test: readonly AdRecord[], twins: readonly AdRecord[], twinScores: Float32Array): Array<{ index: number; score: number; group: string }> {
  const indexById = new Map<string, number>();
  for (let i = 0; i < test.length; i++) indexById.set((test[i] as AdRecord).id, i);
  const out: Array<{ index: number; score: number; group: string }> = [];
  for (let j = 0; j < twins.length; j++) {
    const r = twins[j] as AdRecord;
    const index = indexById.get(r.twinOf!);
    if (index !== undefined) out.push({ index, score: twinScores[j]!, group: r.group });
  }
  return out;
}

/** The synthetic-data stamp of a generated dataset. */
export interface DataProvenance {
  /** adscreen generator version. */
  generatorVersion: string;
  /** Seed the dataset was generated with. */
  seed: number;
  /** Hash of the scenario it was generated from. */
  scenarioHash: string;
}

function provenanceOf(records: readonly AdRecord[]): DataProvenance {
  const first = records[0];
  if (first === undefined) throw new Error('cannot stamp an empty dataset');
  return { generatorVersion: first.generatorVersion, seed: first.seed, scenarioHash: first.scenarioHash };
}

/** Writes files into a fresh temporary directory, then renames it to `dir` (replacing a stale one). */
export function writeDirAtomic(dir: string, files: Record<string, string | Uint8Array>): void {
  const tmp = `${dir}.tmp-${process.pid}-${Date.now()}-${Math.floor(performance.now() * 1000)}`;
  mkdirSync(tmp, { recursive: true });
  try {
    for (const [name, data] of Object.entries(files)) writeFileSync(join(tmp, name), data);
    rmSync(dir, { recursive: true, force: true });
    renameSync(tmp, dir);
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
}
