/**
 * Dataset statistics measured while a dataset streams past, in constant memory (the memory
 * grows only with the number of distinct groups, categories and indicators, which a scenario
 * bounds). The datasheet renders them. Counterfactual twins are counted but left out of every
 * other statistic, so the figures describe the sampled population and not its rendered copies.
 */
import { POSTER_TYPES, type AdRecord, type IndicatorSpan } from '../record.js';

/** Label counts and annotation agreement for one group. */
export interface GroupLabelStats {
  /** Records (twins excluded) in the group. */
  records: number;
  /** Records with true `label = 1`. */
  positives: number;
  /** Records with `observedLabel = 1`. */
  observedPositives: number;
  /** Records whose observed label equals the true label. */
  agreements: number;
  /** Observed 1 while the true label is 0 (annotation false flags). */
  falseFlags: number;
  /** Observed 0 while the true label is 1 (annotation misses). */
  misses: number;
}

/** How often one indicator occurs: records containing it at least once, by stratum. */
export interface IndicatorStats {
  /** Records (twins excluded) that contain the indicator. */
  records: number;
  /** Of those, by true label: `[label 0, label 1]`. */
  byLabel: [number, number];
  /** Of those, by group. */
  byGroup: Record<string, number>;
  /** Of those, by poster type. */
  byPosterType: Record<string, number>;
}

/** Min, max and mean of a numeric field. */
export interface NumericSummary {
  /** Smallest value (null when there are no records). */
  min: number | null;
  /** Largest value (null when there are no records). */
  max: number | null;
  /** Mean (null when there are no records). */
  mean: number | null;
}

/** Statistics of a dataset. Every object's keys are sorted, so equal data gives equal JSON. */
export interface DatasetStats {
  /** All rows, twins included. */
  rows: number;
  /** Counterfactual twin rows (`twinOf` set). */
  twins: number;
  /** Rows that are not twins; every statistic below counts only these. */
  records: number;
  /** Records by true label: `[label 0, label 1]`. */
  labels: [number, number];
  /** Records by observed label: `[0, 1]`. */
  observedLabels: [number, number];
  /** Records by poster type (every poster type present, zero if absent). */
  posterTypes: Record<string, number>;
  /** Records by category. */
  categories: Record<string, number>;
  /** Per-group label and annotation counts. */
  groups: Record<string, GroupLabelStats>;
  /** Per-indicator prevalence counts. */
  indicators: Record<string, IndicatorStats>;
  /** Text length in UTF-16 code units. */
  textLength: NumericSummary;
  /** Persona age in years. */
  age: NumericSummary;
  /** Distinct `generatorVersion seed scenarioHash` triples seen (at most 8 kept). */
  provenance: string[];
}

const MAX_PROVENANCE = 8;

function sortedRecord<T>(map: Map<string, T>, copy: (v: T) => T): Record<string, T> {
  const out: Record<string, T> = {};
  for (const key of [...map.keys()].sort()) out[key] = copy(map.get(key) as T);
  return out;
}

class RunningSummary {
  min = Infinity;
  max = -Infinity;
  sum = 0;
  n = 0;
  add(x: number): void {
    if (x < this.min) this.min = x;
    if (x > this.max) this.max = x;
    this.sum += x;
    this.n++;
  }
  result(): NumericSummary {
    return this.n === 0 ? { min: null, max: null, mean: null } : { min: this.min, max: this.max, mean: this.sum / this.n };
  }
}

interface IndicatorCounts {
  records: number;
  byLabel: [number, number];
  /** Counts by group index (see `groupNames`). */
  byGroup: number[];
  /** Counts by poster-type index (see `posterNames`). */
  byPoster: number[];
}

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

/** Turns index-keyed counts into a name-keyed record with sorted keys, leaving out zeros. */
function named(counts: readonly number[], names: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  const order = names.map((name, i) => [name, i] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  for (const [name, i] of order) if ((counts[i] ?? 0) > 0) out[name] = counts[i] as number;
  return out;
}

/** Accumulates {@link DatasetStats} one record at a time; `result()` can be called at any point. */
export class DatasetStatsAccumulator {
  private rows = 0;
  private twins = 0;
  private readonly labels: [number, number] = [0, 0];
  private readonly observed: [number, number] = [0, 0];
  private readonly categories = new Map<string, number>();
  // groups and poster types are interned to small indices so per-indicator counts are arrays
  private readonly groupIndex = new Map<string, number>();
  private readonly groupNames: string[] = [];
  private readonly groups: GroupLabelStats[] = [];
  private readonly posterIndex = new Map<string, number>(POSTER_TYPES.map((p, i) => [p, i]));
  private readonly posterNames: string[] = [...POSTER_TYPES];
  private readonly posterCounts: number[] = POSTER_TYPES.map(() => 0);
  private readonly indicators = new Map<string, IndicatorCounts>();
  private readonly textLength = new RunningSummary();
  private readonly age = new RunningSummary();
  private readonly provenance = new Set<string>();

  /** Adds one record. */
  add(record: AdRecord): void {
    this.rows++;
    if (this.provenance.size < MAX_PROVENANCE) {
      this.provenance.add(`${record.generatorVersion} ${record.seed} ${record.scenarioHash}`);
    }
    if (record.twinOf !== null) {
      this.twins++;
      return;
    }
    const { label, observedLabel, group } = record;
    this.labels[label]++;
    this.observed[observedLabel]++;
    let p = this.posterIndex.get(record.posterType);
    if (p === undefined) {
      p = this.posterNames.length;
      this.posterIndex.set(record.posterType, p);
      this.posterNames.push(record.posterType);
      this.posterCounts.push(0);
    }
    this.posterCounts[p]++;
    bump(this.categories, record.category);
    let gi = this.groupIndex.get(group);
    if (gi === undefined) {
      gi = this.groupNames.length;
      this.groupIndex.set(group, gi);
      this.groupNames.push(group);
      this.groups.push({ records: 0, positives: 0, observedPositives: 0, agreements: 0, falseFlags: 0, misses: 0 });
    }
    const g = this.groups[gi] as GroupLabelStats;
    g.records++;
    g.positives += label;
    g.observedPositives += observedLabel;
    if (label === observedLabel) g.agreements++;
    else if (observedLabel === 1) g.falseFlags++;
    else g.misses++;
    const spans = record.indicators;
    outer: for (let i = 0; i < spans.length; i++) {
      const id = (spans[i] as IndicatorSpan).id;
      for (let j = 0; j < i; j++) if ((spans[j] as IndicatorSpan).id === id) continue outer; // counted once per record
      let c = this.indicators.get(id);
      if (c === undefined) {
        c = { records: 0, byLabel: [0, 0], byGroup: [], byPoster: [] };
        this.indicators.set(id, c);
      }
      c.records++;
      c.byLabel[label]++;
      c.byGroup[gi] = (c.byGroup[gi] ?? 0) + 1;
      c.byPoster[p] = (c.byPoster[p] ?? 0) + 1;
    }
    this.textLength.add(record.text.length);
    this.age.add(record.age);
  }

  /** The statistics so far, as plain data with sorted keys. */
  result(): DatasetStats {
    const indicators: Record<string, IndicatorStats> = {};
    for (const id of [...this.indicators.keys()].sort()) {
      const c = this.indicators.get(id) as IndicatorCounts;
      indicators[id] = {
        records: c.records,
        byLabel: [c.byLabel[0], c.byLabel[1]],
        byGroup: named(c.byGroup, this.groupNames),
        byPosterType: named(c.byPoster, this.posterNames),
      };
    }
    const posterTypes: Record<string, number> = {};
    for (const name of [...this.posterNames].sort()) posterTypes[name] = this.posterCounts[this.posterIndex.get(name) as number] as number;
    const groups: Record<string, GroupLabelStats> = {};
    for (const name of [...this.groupNames].sort()) groups[name] = { ...(this.groups[this.groupIndex.get(name) as number] as GroupLabelStats) };
    return {
      rows: this.rows,
      twins: this.twins,
      records: this.rows - this.twins,
      labels: [this.labels[0], this.labels[1]],
      observedLabels: [this.observed[0], this.observed[1]],
      posterTypes,
      categories: sortedRecord(this.categories, (v) => v),
      groups,
      indicators,
      textLength: this.textLength.result(),
      age: this.age.result(),
      provenance: [...this.provenance].sort(),
    };
  }
}

/** Statistics of a whole array (or any iterable) of records. */
export function computeStats(records: Iterable<AdRecord>): DatasetStats {
  const acc = new DatasetStatsAccumulator();
  for (const r of records) acc.add(r);
  return acc.result();
}
