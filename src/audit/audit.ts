/**
 * `audit()`: plain arrays in, one JSON-ready {@link AuditResult} out (schema `adscreen.audit/1`,
 * documented in docs/audit-json.md). It never imports generator or model code, so it audits any
 * classifier's scores.
 */
import { InputError } from '../errors.js';
import type { ProgressCallback } from '../progress.js';
import type { BiasAucs } from './bias-auc.js';
import type { Interval } from './bootstrap.js';
import { calibrationBins, type CalibrationBin } from './calibration.js';
import { fprTarget, prPoints, recallTarget, rocPoints, thresholdPoints, type PrPoint, type RatePoint, type ThresholdChoice, type ThresholdPoint } from './curves.js';
import type { ColumnDisparities } from './disparities.js';
import { evaluate, sliceScores, type Prepared, type SliceSums } from './engine.js';
import { prepare } from './prepare.js';
import { clusterIndex, type ClusterIndex } from './clusters.js';
import { BootstrapPool } from './parallel.js';
import { runResamples } from './resample.js';
import { availableParallelism } from 'node:os';
import { buildSlicing, validateGroups, validateLabelsScores, type GroupColumns, type Level } from './groups.js';
import { HARM_ASSUMPTIONS, harmRow, type HarmRow, type HarmSummary } from './harm.js';
import type { Metrics } from './rates.js';
import { chooseReferences, computeStatistics, StatCollector, type Statistics } from './statistics.js';
import { defaultGrid } from './thresholds.js';
import { twinAnalysis, type TwinPair, type TwinSummary } from './twins.js';

/** The schema tag of the audit JSON contract. */
export const AUDIT_SCHEMA = 'adscreen.audit/1';

/** Options of {@link audit}, each with its default. */
export interface AuditOptions {
  /** Decision threshold: a record is flagged when `score >= threshold`. __Default value:__ 0.5. */
  threshold?: number;
  /** Bootstrap resamples for confidence intervals (0 = none). __Default value:__ 1000. */
  bootstrap?: number;
  /** Bootstrap seed. __Default value:__ 0. */
  seed?: number;
  /** Confidence level of the percentile intervals. __Default value:__ 0.95. */
  confidence?: number;
  /** Prevalence (base rate of trafficking ads) for harm estimates; give with `volume`. */
  prevalence?: number;
  /** Ads screened per month for harm estimates; give with `prevalence`. */
  volume?: number;
  /** Counterfactual twin pairs to test. */
  twins?: readonly TwinPair[];
  /** Groups with fewer positives (or negatives) than this get a warning for the metrics that need them. __Default value:__ 30. */
  minGroupSize?: number;
  /** Reference group per column (or intersection level name). __Default value:__ the largest group. */
  reference?: Record<string, string>;
  /** Also evaluate every intersection of two or more group columns. __Default value:__ true. */
  intersections?: boolean;
  /** Thresholds of the threshold curves. __Default value:__ 101 points over [0, 1] (or the score range). */
  thresholdGrid?: readonly number[];
  /** Target overall FPR for `thresholds.forFpr`. __Default value:__ 0.05. */
  targetFpr?: number;
  /** Target overall recall for `thresholds.forRecall`. __Default value:__ 0.9. */
  targetRecall?: number;
  /** Equal-width calibration bins. __Default value:__ 10. */
  calibrationBins?: number;
  /** Called after each bootstrap resample with (done, total). */
  onProgress?: ProgressCallback;
}

/** What {@link audit} takes: labels, scores and group columns, plus options. */
export interface AuditInput extends AuditOptions {
  /** True labels, 0 or 1. */
  labels: ArrayLike<number>;
  /** Scores (higher = more likely positive); probabilities in [0, 1] for Brier, ECE and calibration. */
  scores: ArrayLike<number>;
  /** Group columns: name -> one group value per record. Several columns also give intersections. */
  groups: GroupColumns;
  /**
   * Cluster id of each record (e.g. the poster, `operatorId`). When given, the bootstrap draws
   * whole clusters instead of single records, because ads of one poster are not independent
   * (see clusters.ts). __Default value:__ none (records are resampled one by one).
   */
  clusters?: ArrayLike<string | number>;
}

/** One group's row: metrics, Borkan AUCs and bootstrap intervals. */
export interface GroupMetrics extends Metrics, BiasAucs {
  /** Group value. */
  group: string;
  /** Bootstrap percentile intervals by metric name (empty without bootstrap). */
  ci: Record<string, Interval>;
}

/** One intersectional group's row. */
export interface IntersectionMetrics extends GroupMetrics {
  /** The columns intersected, e.g. `["nationality", "gender"]`. */
  columns: string[];
  /** Each column's value, e.g. `{ nationality: "x", gender: "woman" }`. */
  values: Record<string, string>;
}

/** Chart data of one slice. */
export interface SliceCurves {
  /** ROC points at distinct scores (at most about 200). */
  roc: RatePoint[];
  /** Precision-recall points at distinct scores (at most about 200). */
  pr: PrPoint[];
  /** FPR, TPR, FNR and selection rate over `thresholds.grid`. */
  threshold: ThresholdPoint[];
  /** Reliability curve over the calibration bins (empty for scores outside [0, 1]). */
  calibration: CalibrationBin[];
}

/** A group's threshold that would give it the target FPR. */
export interface GroupThreshold {
  /** Group value. */
  group: string;
  /** Threshold (null when undefined: no negatives). */
  threshold: number | null;
  /** FPR it achieves. */
  fpr: number | null;
  /** TPR it achieves. */
  tpr: number | null;
}

/** The threshold analysis. */
export interface ThresholdAnalysis {
  /** Grid of the threshold curves in `curves`. */
  grid: number[];
  /** Lowest threshold with overall FPR at most the target. */
  forFpr: ThresholdChoice;
  /** Highest threshold with overall recall at least the target. */
  forRecall: ThresholdChoice;
  /** Per level: thresholds that would give each group the overall FPR at the audit threshold (reported, not applied). */
  equalFpr: Record<string, { targetFpr: number | null; groups: GroupThreshold[] }>;
}

/** How the intervals were made. */
export interface BootstrapInfo {
  /** Resamples drawn (0 = no intervals). */
  resamples: number;
  /** Seed. */
  seed: number;
  /** Confidence level. */
  confidence: number;
  /** Number of strata (label x finest group cell; with clusters, the cluster label strata, at most 3). */
  strata: number;
  /** Number of clusters resampled, or null when records were resampled one by one. */
  clusters: number | null;
  /** The scheme in words. */
  scheme: string;
}

/** The audit result: the `adscreen.audit/1` JSON contract. */
export interface AuditResult {
  /** `adscreen.audit/1`. */
  schema: typeof AUDIT_SCHEMA;
  /** Decision threshold: flagged when `score >= threshold`. */
  threshold: number;
  /** Metrics over all records. */
  overall: Metrics;
  /** Per group column, one row per group (sorted by name). */
  groups: Record<string, GroupMetrics[]>;
  /** Rows of every intersection of two or more columns. */
  intersections: IntersectionMetrics[];
  /** Disparities per column and per intersection level (key: columns joined with ` & `). */
  disparities: Record<string, ColumnDisparities>;
  /** Counterfactual twin results, null without twins. */
  twins: TwinSummary | null;
  /** Harm at base rate, null without prevalence and volume. */
  harm: HarmSummary | null;
  /** Undefined metrics with their reasons, small groups, partial intervals. */
  warnings: string[];
  /** Bootstrap intervals of the overall metrics. */
  overallCi: Record<string, Interval>;
  /** How the intervals were made. */
  bootstrap: BootstrapInfo;
  /** Threshold analysis. */
  thresholds: ThresholdAnalysis;
  /** Chart data: `curves[level][group]`. */
  curves: Record<string, Record<string, SliceCurves>>;
  /** Chart data of all records. */
  overallCurves: SliceCurves;
}

/** The bootstrap scheme recorded in every result. */
export const BOOTSTRAP_SCHEME =
  'stratified nonparametric bootstrap: each resample draws, uniformly with replacement, as many records from each ' +
  'label x group-cell stratum as it holds (exact multinomial counts, no re-sorting); percentile intervals, linear interpolation';

/** The scheme recorded when the audit was given clusters. */
export const CLUSTER_BOOTSTRAP_SCHEME =
  'stratified cluster bootstrap: each resample draws whole clusters (e.g. posters), uniformly with replacement, as many from ' +
  'each stratum of clusters (all negative, all positive, mixed) as it holds, and weights every record by its cluster\'s count ' +
  '(exact multinomial counts, no re-sorting); percentile intervals, linear interpolation';

function check(ok: boolean, field: string, problem: string): void {
  if (!ok) throw new InputError(problem, { field });
}

function validateOptions(input: AuditInput): void {
  const t = input.threshold ?? 0.5;
  check(Number.isFinite(t), 'threshold', `expected a finite number, got ${t}`);
  const b = input.bootstrap ?? 1000;
  check(Number.isInteger(b) && b >= 0, 'bootstrap', `expected a whole number >= 0, got ${b}`);
  check(Number.isFinite(input.seed ?? 0), 'seed', 'expected a finite number');
  const c = input.confidence ?? 0.95;
  check(c > 0 && c < 1, 'confidence', `expected a number in (0, 1), got ${c}`);
  check((input.prevalence === undefined) === (input.volume === undefined), 'prevalence', 'give prevalence and volume together');
  if (input.prevalence !== undefined) check(input.prevalence > 0 && input.prevalence < 1, 'prevalence', `expected a number in (0, 1), got ${input.prevalence}`);
  if (input.volume !== undefined) check(Number.isFinite(input.volume) && input.volume > 0, 'volume', `expected a positive number, got ${input.volume}`);
  const m = input.minGroupSize ?? 30;
  check(Number.isFinite(m) && m >= 0, 'minGroupSize', `expected a number >= 0, got ${m}`);
  const bins = input.calibrationBins ?? 10;
  check(Number.isInteger(bins) && bins >= 1 && bins <= 255, 'calibrationBins', `expected a whole number in 1..255, got ${bins}`);
  (input.thresholdGrid ?? []).forEach((t, i) => check(Number.isFinite(t), `thresholdGrid[${i}]`, `expected a finite number, got ${t}`));
  for (const key of ['targetFpr', 'targetRecall'] as const) {
    const v = input[key];
    if (v !== undefined) check(v >= 0 && v <= 1, key, `expected a number in [0, 1], got ${v}`);
  }
}

function sliceCurves(prep: ReturnType<typeof prepare>, sums: SliceSums, slice: number, grid: readonly number[]): SliceCurves {
  const { pos, neg } = sliceScores(prep, slice);
  return {
    roc: rocPoints(pos, neg),
    pr: prPoints(pos, neg),
    threshold: thresholdPoints(pos, neg, grid),
    calibration: prep.scoresInUnitInterval ? calibrationBins(sums) : [],
  };
}

/** Everything computed before the bootstrap, shared by {@link audit} and {@link auditAsync}. */
interface AuditContext {
  input: AuditInput;
  n: number;
  threshold: number;
  R: number;
  seed: number;
  confidence: number;
  warnings: string[];
  levels: Level[];
  slices: ReturnType<typeof buildSlicing>['slices'];
  prep: Prepared;
  sums: SliceSums[];
  references: string[];
  point: Statistics;
  whereOf: (slice: number) => string;
  twins: TwinSummary | null;
  clusters: ClusterIndex | undefined;
}

function begin(input: AuditInput): AuditContext {
  const { labels, scores } = input;
  validateLabelsScores(labels, scores);
  const n = labels.length;
  check(n > 0, 'labels', 'expected at least one record');
  check(input.groups !== null && typeof input.groups === 'object', 'groups', 'expected an object of group columns');
  validateGroups(input.groups, n);
  validateOptions(input);
  const threshold = input.threshold ?? 0.5;
  // twins are checked (and summarised) before any heavy work
  const twins = input.twins && input.twins.length > 0 ? twinAnalysis(input.twins, { threshold }) : null;
  const clusters = input.clusters === undefined ? undefined : clusterIndex(input.clusters, labels);
  const R = input.bootstrap ?? 1000;
  const seed = input.seed ?? 0;
  const confidence = input.confidence ?? 0.95;
  const minSize = input.minGroupSize ?? 30;
  const warnings: string[] = [];

  const slicing = buildSlicing(n, input.groups, { intersections: input.intersections ?? true });
  const { levels, slices } = slicing;
  for (const [name, group] of Object.entries(input.reference ?? {})) {
    const lv = levels.find((l, k) => k > 0 && l.name === name);
    check(lv !== undefined, `reference.${name}`, `no group column or intersection named ${JSON.stringify(name)}`);
    check((lv as Level).groups.includes(group), `reference.${name}`, `no group ${JSON.stringify(group)} in ${name}`);
  }
  const prep = prepare(labels, scores, slices, slicing.sliceOf, { threshold, bins: input.calibrationBins ?? 10 });
  const ones = new Int32Array(n).fill(1);
  const sums = evaluate(prep, ones);
  const references = chooseReferences(levels, sums, input.reference ?? {});
  const point: Statistics = computeStatistics(prep, levels, sums, references, (level, m) => warnings.push(`disparities.${level}: ${m}`));

  // where each slice sits in the JSON, for warnings
  const whereOf = (s: number): string => {
    const def = slices[s] as { level: number; name: string };
    if (s === 0) return 'overall';
    const lv = levels[def.level] as Level;
    return lv.columns.length > 1 ? `intersections.${lv.name}=${def.name}` : `groups.${lv.name}=${def.name}`;
  };
  point.reasons.forEach((r, s) => {
    for (const [k, why] of Object.entries(r)) warnings.push(`${whereOf(s)}: ${k} is null (${why})`);
    if (s > 0) for (const [k, why] of Object.entries(point.biasReasons[s] ?? {})) warnings.push(`${whereOf(s)}: ${k} is null (${why})`);
  });
  for (let s = 1; s < slices.length; s++) {
    const m = point.metrics[s] as Metrics;
    if (m.positives < minSize) {
      warnings.push(`${whereOf(s)}: only ${m.positives} positives (< ${minSize}): tpr, fnr, f1, auc, prAuc, subgroupAuc and bnspAuc are unstable`);
    }
    if (m.negatives < minSize) {
      warnings.push(`${whereOf(s)}: only ${m.negatives} negatives (< ${minSize}): fpr, tnr, auc, subgroupAuc and bpsnAuc are unstable`);
    }
  }

  return { input, n, threshold, R, seed, confidence, warnings, levels, slices, prep, sums, references, point, whereOf, twins, clusters };
}

/**
 * Everything of the result that does not depend on the bootstrap (curves, threshold analysis,
 * harm), with every slice's `ci` still empty: computed while bootstrap workers run.
 */
interface PointResult {
  result: AuditResult;
  /** Per slice: the objects whose `ci` the intervals fill (a group row, and its intersection entry). */
  ciHolders: Array<Array<{ ci: Record<string, Interval> }>>;
}

function describePoint(ctx: AuditContext): PointResult {
  const { input, n, threshold, R, seed, confidence, warnings, levels, slices, prep, sums, point } = ctx;
  const { scores } = input;
  const strata = ctx.clusters === undefined ? prep.stratumSize.length : new Set(ctx.clusters.stratum).size;
  const ciHolders: PointResult['ciHolders'] = slices.map(() => []);
  const grid = [...(input.thresholdGrid ?? defaultGrid(scores))];
  const groups: Record<string, GroupMetrics[]> = {};
  const intersections: IntersectionMetrics[] = [];
  const disparities: Record<string, ColumnDisparities> = {};
  const curves: Record<string, Record<string, SliceCurves>> = {};
  const equalFpr: ThresholdAnalysis['equalFpr'] = {};
  const overallMetrics = point.metrics[0] as Metrics;
  levels.forEach((lv, l) => {
    if (l === 0) return;
    const rows: GroupMetrics[] = [];
    const levelCurves: Record<string, SliceCurves> = {};
    const eq: GroupThreshold[] = [];
    lv.groups.forEach((g, k) => {
      const s = lv.firstSlice + k;
      const row: GroupMetrics = { group: g, ...(point.metrics[s] as Metrics), ...(point.bias[s] as BiasAucs), ci: {} };
      rows.push(row);
      (ciHolders[s] as PointResult['ciHolders'][number]).push(row);
      levelCurves[g] = sliceCurves(prep, sums[s] as SliceSums, s, grid);
      const { pos, neg } = sliceScores(prep, s);
      const choice = overallMetrics.fpr === null ? null : fprTarget(pos, neg, overallMetrics.fpr);
      eq.push({ group: g, threshold: choice?.threshold ?? null, fpr: choice?.fpr ?? null, tpr: choice?.tpr ?? null });
      if (lv.columns.length > 1) {
        const parts = lv.values[k] as string[];
        const values: Record<string, string> = {};
        lv.columns.forEach((c, ci) => (values[c] = parts[ci] as string));
        const entry: IntersectionMetrics = { columns: [...lv.columns], values, ...row };
        intersections.push(entry);
        (ciHolders[s] as PointResult['ciHolders'][number]).push(entry);
      }
    });
    if (lv.columns.length === 1) groups[lv.name] = rows;
    disparities[lv.name] = point.disparities[l] as ColumnDisparities;
    curves[lv.name] = levelCurves;
    equalFpr[lv.name] = { targetFpr: overallMetrics.fpr, groups: eq };
  });

  const all = sliceScores(prep, 0);
  const thresholds: ThresholdAnalysis = {
    grid,
    forFpr: fprTarget(all.pos, all.neg, input.targetFpr ?? 0.05),
    forRecall: recallTarget(all.pos, all.neg, input.targetRecall ?? 0.9),
    equalFpr,
  };

  let harm: HarmSummary | null = null;
  if (input.prevalence !== undefined && input.volume !== undefined) {
    const opts = { prevalence: input.prevalence, volume: input.volume };
    const byLevel: Record<string, HarmRow[]> = {};
    levels.forEach((lv, l) => {
      if (l === 0) return;
      byLevel[lv.name] = lv.groups.map((g, k) => {
        const m = point.metrics[lv.firstSlice + k] as Metrics;
        return harmRow(g, m, m.n / n, opts);
      });
    });
    harm = { ...opts, assumptions: HARM_ASSUMPTIONS, overall: harmRow('all', overallMetrics, 1, opts), groups: byLevel };
  }

  const result: AuditResult = {
    schema: AUDIT_SCHEMA,
    threshold,
    overall: overallMetrics,
    groups,
    intersections,
    disparities,
    twins: ctx.twins,
    harm,
    warnings,
    overallCi: {},
    bootstrap: {
      resamples: R,
      seed,
      confidence,
      strata,
      clusters: ctx.clusters?.count ?? null,
      scheme: ctx.clusters === undefined ? BOOTSTRAP_SCHEME : CLUSTER_BOOTSTRAP_SCHEME,
    },
    thresholds,
    curves,
    overallCurves: sliceCurves(prep, sums[0] as SliceSums, 0, grid),
  };
  return { result, ciHolders };
}

/** Completes a {@link PointResult} with the bootstrap's percentile intervals (and their warnings). */
function withIntervals(ctx: AuditContext, { result, ciHolders }: PointResult, collector: StatCollector | null): AuditResult {
  if (collector === null) return result;
  const { warnings, R, point, whereOf, confidence } = ctx;
  const sliceCi = collector.intervals(point, confidence, (where, key, defined) => {
    const label = where.startsWith('slice:') ? whereOf(Number(where.slice(6))) : where;
    warnings.push(`${label}: interval of ${key} uses the ${defined} of ${R} resamples where it is defined`);
  });
  ciHolders.forEach((holders, s) => {
    for (const h of holders) h.ci = sliceCi[s] ?? {};
  });
  result.overallCi = sliceCi[0] ?? {};
  return result;
}

function finish(ctx: AuditContext, collector: StatCollector | null): AuditResult {
  return withIntervals(ctx, describePoint(ctx), collector);
}

/**
 * Audits scored records: overall, per-group and intersectional metrics, disparities, Borkan bias
 * AUCs, bootstrap intervals, threshold analysis, twins and harm at base rate. Runs in this
 * thread; {@link auditAsync} spreads the bootstrap over worker threads and returns the same
 * result. Throws an InputError naming the field for bad input.
 *
 * @example
 * ```ts
 * import { audit } from 'adscreen';
 *
 * // eight scored synthetic ads: true label, model score and one group column
 * const result = audit({
 *   labels: [1, 0, 0, 1, 0, 0, 1, 0],
 *   scores: [0.9, 0.7, 0.2, 0.4, 0.6, 0.1, 0.8, 0.3],
 *   groups: { gender: ['woman', 'woman', 'woman', 'woman', 'man', 'man', 'man', 'man'] },
 *   threshold: 0.5,                    // flagged when score >= 0.5
 *   bootstrap: 20, seed: 1,            // percentile intervals from 20 resamples
 * });
 * for (const row of result.groups['gender']!) console.log(row.group, row.fpr, row.fnr, row.ci['fpr']);
 * console.log(result.disparities['gender']!.fprDifference);   // max - min FPR over the groups
 * ```
 */
export function audit(input: AuditInput): AuditResult {
  return resampleHere(begin(input));
}

/** The bootstrap (if any) in this thread, then the result. */
function resampleHere(ctx: AuditContext): AuditResult {
  if (ctx.R === 0) return finish(ctx, null);
  let done = 0;
  const collector = runResamples(ctx.prep, ctx.levels, ctx.references, ctx.seed, 0, ctx.R, () => ctx.input.onProgress?.(++done, ctx.R), ctx.clusters);
  return finish(ctx, collector);
}

/** Options of {@link auditAsync} beyond those of {@link audit}. */
export interface AuditAsyncOptions {
  /** Worker threads for the bootstrap (1 = this thread). __Default value:__ the machine's parallelism, at most 8. */
  threads?: number;
}

/**
 * {@link audit} with the bootstrap resamples spread over worker threads. The result is
 * identical to `audit()`'s for the same input (each resample's randomness depends only on the
 * seed and its number). Falls back to this thread where the worker script is unavailable.
 *
 * @example
 * ```ts
 * import { auditAsync, generate, loadScenario } from 'adscreen';
 *
 * const ads = generate(loadScenario('baseline'), { n: 300, seed: 1 });
 * // any scores will do: here a toy screener that flags ads mentioning a rate
 * const scores = ads.map((ad) => (/\$\d+/.test(ad.text) ? 0.8 : 0.2));
 * const result = await auditAsync({
 *   labels: ads.map((ad) => ad.label),
 *   scores,
 *   groups: { nationality: ads.map((ad) => ad.proxies['nationality']!) },
 *   bootstrap: 20, seed: 1,
 *   threads: 2,                        // bootstrap resamples on two worker threads
 * });
 * console.log(result.overall.fpr, result.bootstrap.resamples);
 * ```
 */
export async function auditAsync(input: AuditInput & AuditAsyncOptions): Promise<AuditResult> {
  const R = input.bootstrap ?? 1000;
  const threads = Math.max(1, Math.min(input.threads ?? Math.min(availableParallelism(), 8), R));
  // workers start now, so their start-up overlaps the index building below
  const pool = Number.isInteger(R) && R > 0 ? BootstrapPool.start(threads) : null;
  let ctx: AuditContext;
  try {
    ctx = begin(input);
  } catch (err) {
    pool?.close();
    throw err;
  }
  if (pool === null) return resampleHere(ctx);
  const { prep, levels, references, seed, clusters } = ctx;
  const resamples = pool.run({ prep, levels, references, seed, R: ctx.R, onProgress: input.onProgress, clusters });
  let point: PointResult;
  try {
    // the curves and threshold analysis are computed here while the workers resample
    point = describePoint(ctx);
  } catch (err) {
    pool.close();
    resamples.catch(() => undefined);
    throw err;
  }
  return withIntervals(ctx, point, await resamples);
}
