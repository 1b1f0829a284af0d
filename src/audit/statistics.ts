/**
 * Every statistic of an audit from one weight vector: slice metrics, Borkan AUCs and the
 * disparities of each level. The point estimate and each bootstrap resample go through this one
 * function; {@link StatCollector} keeps the resampled values for the intervals.
 */
import { biasAucsFromSums, type BiasAucs } from './bias-auc.js';
import { AGGREGATE_KEYS, columnDisparities, GROUP_DISPARITY_KEYS, largestGroup, type ColumnDisparities, type GroupInput } from './disparities.js';
import type { Prepared, SliceSums } from './engine.js';
import type { Level } from './groups.js';
import { METRIC_KEYS, metricsFromSums, type MetricReasons, type Metrics } from './rates.js';
import { percentileInterval, type Interval } from './bootstrap.js';

/** Statistics of one weight vector. */
export interface Statistics {
  /** Metrics of every slice (slice id order). */
  metrics: Metrics[];
  /** Why metrics are null, per slice (point estimate only). */
  reasons: MetricReasons[];
  /** Borkan AUCs of every slice (all nulls for slice 0). */
  bias: BiasAucs[];
  /** Why bias AUCs are null, per slice. */
  biasReasons: Array<Record<string, string>>;
  /** Disparities per level (index = level; null for level 0). */
  disparities: Array<ColumnDisparities | null>;
}

/** The keys of a group row that get intervals. */
export const GROUP_CI_KEYS = [...METRIC_KEYS, 'subgroupAuc', 'bpsnAuc', 'bnspAuc'] as const;

/** Reference group of each level: the given one or the largest. */
export function chooseReferences(levels: Level[], sums: SliceSums[], given: Record<string, string>): string[] {
  return levels.map((lv, l) => {
    if (l === 0) return 'all';
    const g = given[lv.name];
    if (g !== undefined) return g;
    let best = lv.firstSlice;
    for (let k = 0; k < lv.groups.length; k++) {
      if ((sums[lv.firstSlice + k] as SliceSums).n > (sums[best] as SliceSums).n) best = lv.firstSlice + k;
    }
    return lv.groups[best - lv.firstSlice] as string;
  });
}

/** Computes all statistics from the engine's sums. `warn` gets disparity warnings (point estimate only). */
export function computeStatistics(
  prep: Pick<Prepared, 'scoresInUnitInterval'>,
  levels: Level[],
  sums: SliceSums[],
  references: string[],
  warn: (level: string, message: string) => void = () => undefined,
): Statistics {
  const all = sums[0] as SliceSums;
  const reasons: MetricReasons[] = [];
  const biasReasons: Array<Record<string, string>> = [];
  // plain loops rather than callbacks: this runs once per resample, and callbacks made anew on
  // every call lose their optimized code when they are collected, so V8 compiled them again
  // every few cells of an experiment
  const metrics: Metrics[] = [];
  for (let k = 0; k < sums.length; k++) {
    const r: MetricReasons = {};
    reasons.push(r);
    metrics.push(metricsFromSums(sums[k] as SliceSums, prep.scoresInUnitInterval, r));
  }
  const bias: BiasAucs[] = [];
  for (let k = 0; k < sums.length; k++) {
    const r: Record<string, string> = {};
    biasReasons.push(r);
    bias.push(k === 0 ? { subgroupAuc: null, bpsnAuc: null, bnspAuc: null } : biasAucsFromSums(sums[k] as SliceSums, all, r));
  }
  const disparities: Array<ColumnDisparities | null> = [];
  for (let l = 0; l < levels.length; l++) {
    if (l === 0) {
      disparities.push(null);
      continue;
    }
    const lv = levels[l] as Level;
    const inputs: GroupInput[] = [];
    for (let k = 0; k < lv.groups.length; k++) {
      inputs.push({ group: lv.groups[k] as string, metrics: metrics[lv.firstSlice + k] as Metrics, ...(bias[lv.firstSlice + k] as BiasAucs) });
    }
    const ref = references[l] ?? largestGroup(inputs);
    disparities.push(columnDisparities(metrics[0] as Metrics, inputs, ref, (m) => warn(lv.name, m)));
  }
  return { metrics, reasons, bias, biasReasons, disparities };
}

/** Bootstrap values of every statistic, one column per resample; NaN marks an undefined value. */
export class StatCollector {
  private readonly slice: Float64Array[][];
  private readonly agg: Float64Array[][];
  private readonly byGroup: Float64Array[][][];

  /** Allocates storage for `resamples` resamples of the given levels. */
  constructor(
    private readonly levels: Level[],
    sliceCount: number,
    readonly resamples: number,
  ) {
    this.slice = Array.from({ length: sliceCount }, () => GROUP_CI_KEYS.map(() => new Float64Array(resamples)));
    this.agg = levels.map(() => AGGREGATE_KEYS.map(() => new Float64Array(resamples)));
    this.byGroup = levels.map((lv) => lv.groups.map(() => GROUP_DISPARITY_KEYS.map(() => new Float64Array(resamples))));
  }

  /** Every stored array in a fixed order (to move resamples between threads). */
  arrays(): Float64Array[] {
    return [...this.slice.flat(), ...this.agg.flat(), ...this.byGroup.flat(2)];
  }

  /** Copies another collector's arrays (same layout, from {@link arrays}) in at resample offset `from`. */
  absorb(from: number, arrays: readonly Float64Array[]): void {
    this.arrays().forEach((a, k) => a.set(arrays[k] as Float64Array, from));
  }

  /** Stores the statistics of resample r. */
  record(r: number, st: Statistics): void {
    // loops, not callbacks, for the reason given in computeStatistics
    for (let s = 0; s < st.metrics.length; s++) {
      const m = st.metrics[s] as Metrics;
      const row = this.slice[s] as Float64Array[];
      const b = st.bias[s] as BiasAucs;
      for (let k = 0; k < GROUP_CI_KEYS.length; k++) {
        const key = GROUP_CI_KEYS[k] as (typeof GROUP_CI_KEYS)[number];
        const v = key === 'subgroupAuc' || key === 'bpsnAuc' || key === 'bnspAuc' ? b[key] : m[key];
        (row[k] as Float64Array)[r] = v ?? NaN;
      }
    }
    for (let l = 0; l < st.disparities.length; l++) {
      const d = st.disparities[l];
      if (!d) continue;
      const agg = this.agg[l] as Float64Array[];
      for (let k = 0; k < AGGREGATE_KEYS.length; k++) (agg[k] as Float64Array)[r] = d[AGGREGATE_KEYS[k] as (typeof AGGREGATE_KEYS)[number]] ?? NaN;
      const byGroup = this.byGroup[l] as Float64Array[][];
      for (let gi = 0; gi < d.byGroup.length; gi++) {
        const g = d.byGroup[gi] as ColumnDisparities['byGroup'][number];
        const out = byGroup[gi] as Float64Array[];
        for (let k = 0; k < GROUP_DISPARITY_KEYS.length; k++) (out[k] as Float64Array)[r] = g[GROUP_DISPARITY_KEYS[k] as (typeof GROUP_DISPARITY_KEYS)[number]] ?? NaN;
      }
    }
  }

  /**
   * Percentile intervals written into `ci` records: slice intervals are returned per slice, and
   * disparity intervals are set on the given disparities. `note` is told when a statistic defined
   * at the point estimate was undefined in some resamples.
   */
  intervals(point: Statistics, confidence: number, note: (where: string, key: string, defined: number) => void): Array<Record<string, Interval>> {
    const R = this.resamples;
    const sliceCi = this.slice.map((row, s) => {
      const ci: Record<string, Interval> = {};
      GROUP_CI_KEYS.forEach((key, k) => {
        const m = point.metrics[s] as Metrics;
        const b = point.bias[s] as BiasAucs;
        const pv = key === 'subgroupAuc' || key === 'bpsnAuc' || key === 'bnspAuc' ? b[key] : m[key];
        if (s === 0 && (key === 'subgroupAuc' || key === 'bpsnAuc' || key === 'bnspAuc')) return;
        const { interval, defined } = percentileInterval(row[k] as Float64Array, confidence);
        ci[key] = pv === null ? null : interval;
        if (pv !== null && defined < R) note(`slice:${s}`, key, defined);
      });
      return ci;
    });
    point.disparities.forEach((d, l) => {
      if (!d) return;
      const lv = this.levels[l] as Level;
      AGGREGATE_KEYS.forEach((key, k) => {
        const { interval, defined } = percentileInterval((this.agg[l] as Float64Array[])[k] as Float64Array, confidence);
        d.ci[key] = d[key] === null ? null : interval;
        if (d[key] !== null && defined < R) note(`disparities.${lv.name}`, key, defined);
      });
      d.byGroup.forEach((g, gi) => {
        GROUP_DISPARITY_KEYS.forEach((key, k) => {
          const { interval, defined } = percentileInterval(((this.byGroup[l] as Float64Array[][])[gi] as Float64Array[])[k] as Float64Array, confidence);
          g.ci[key] = g[key] === null ? null : interval;
          if (g[key] !== null && defined < R) note(`disparities.${lv.name}.${g.group}`, key, defined);
        });
      });
    });
    return sliceCi;
  }
}
