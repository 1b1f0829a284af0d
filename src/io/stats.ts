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
  /** Adds another summary's values (exact for integer data: sums stay below 2^53). */
  absorb(o: SummaryState): void {
    if (o.n === 0) return;
    if (o.min < this.min) this.min = o.min;
    if (o.max > this.max) this.max = o.max;
    this.sum += o.sum;
    this.n += o.n;
  }
  state(): SummaryState {
    return { min: this.min, max: this.max, sum: this.sum, n: this.n };
  }
  result(): NumericSummary {
    return this.n === 0 ? { min: null, max: null, mean: null } : { min: this.min, max: this.max, mean: this.sum / this.n };
  }
}

/** Raw running min, max, sum and count of a numeric field (part of {@link DatasetStatsState}). */
export interface SummaryState {
  /** Smallest value (Infinity when empty). */
  min: number;
  /** Largest value (-Infinity when empty). */
  max: number;
  /** Sum of the values. */
  sum: number;
  /** Number of values. */
  n: number;
}

/**
 * The raw counts behind {@link DatasetStats}, as plain data that can cross a worker-thread
 * boundary: the accumulator of one part of a dataset hands it over with
 * {@link DatasetStatsAccumulator.state} and another adds it with {@link DatasetStatsAccumulator.absorb}.
 */
export interface DatasetStatsState {
  /** All rows. */
  rows: number;
  /** Twin rows. */
  twins: number;
  /** Records by true label. */
  labels: [number, number];
  /** Records by observed label. */
  observed: [number, number];
  /** Poster type -> records. */
  posterTypes: Array<[string, number]>;
  /** Category -> records. */
  categories: Array<[string, number]>;
  /** Group -> label counts. */
  groups: Array<[string, GroupLabelStats]>;
  /** Indicator -> records, by label, by group, by poster type. */
  indicators: Array<[string, { records: number; byLabel: [number, number]; byGroup: Array<[string, number]>; byPosterType: Array<[string, number]> }]>;
  /** Text length summary. */
  textLength: SummaryState;
  /** Age summary. */
  age: SummaryState;
  /** Distinct provenance triples, in the order first seen. */
  provenance: string[];
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
  private lastVersion = '';
  private lastSeed = -1;
  private lastHash = '';

  /** Adds one record. */
  add(record: AdRecord): void {
    this.rows++;
    // a dataset almost always has one provenance triple: skip building its key when it repeats
    const { generatorVersion, seed, scenarioHash } = record;
    if (
      this.provenance.size < MAX_PROVENANCE &&
      (generatorVersion !== this.lastVersion || seed !== this.lastSeed || scenarioHash !== this.lastHash)
    ) {
      this.provenance.add(`${generatorVersion} ${seed} ${scenarioHash}`);
      this.lastVersion = generatorVersion;
      this.lastSeed = seed;
      this.lastHash = scenarioHash;
    }
    if (record.twinOf !== null) {
      this.twins++;
      return;
    }
    const { label, observedLabel, group } = record;
    this.labels[label]++;
    this.observed[observedLabel]++;
    const p = this.posterOf(record.posterType);
    this.posterCounts[p]++;
    bump(this.categories, record.category);
    const gi = this.groupOf(group);
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

  private groupOf(group: string): number {
    let gi = this.groupIndex.get(group);
    if (gi === undefined) {
      gi = this.groupNames.length;
      this.groupIndex.set(group, gi);
      this.groupNames.push(group);
      this.groups.push({ records: 0, positives: 0, observedPositives: 0, agreements: 0, falseFlags: 0, misses: 0 });
    }
    return gi;
  }

  private posterOf(type: string): number {
    let p = this.posterIndex.get(type);
    if (p === undefined) {
      p = this.posterNames.length;
      this.posterIndex.set(type, p);
      this.posterNames.push(type);
      this.posterCounts.push(0);
    }
    return p;
  }

  /** The raw counts so far, as plain data (see {@link DatasetStatsState}). */
  state(): DatasetStatsState {
    const pairs = (counts: readonly number[], names: readonly string[]): Array<[string, number]> =>
      names.map((name, i) => [name, counts[i] ?? 0] as [string, number]).filter(([, c]) => c > 0);
    return {
      rows: this.rows,
      twins: this.twins,
      labels: [this.labels[0], this.labels[1]],
      observed: [this.observed[0], this.observed[1]],
      posterTypes: this.posterNames.map((name, i) => [name, this.posterCounts[i] as number]),
      categories: [...this.categories],
      groups: this.groupNames.map((name, i) => [name, { ...(this.groups[i] as GroupLabelStats) }]),
      indicators: [...this.indicators].map(([id, c]) => [
        id,
        { records: c.records, byLabel: [c.byLabel[0], c.byLabel[1]], byGroup: pairs(c.byGroup, this.groupNames), byPosterType: pairs(c.byPoster, this.posterNames) },
      ]),
      textLength: this.textLength.state(),
      age: this.age.state(),
      provenance: [...this.provenance],
    };
  }

  /**
   * Adds the counts of another part of the dataset. Absorbing the parts of a dataset in order
   * gives exactly the statistics of adding its records one by one (counts and integer sums are
   * exact; provenance keeps the first eight triples seen, in order).
   */
  absorb(o: DatasetStatsState): void {
    this.rows += o.rows;
    this.twins += o.twins;
    this.labels[0] += o.labels[0];
    this.labels[1] += o.labels[1];
    this.observed[0] += o.observed[0];
    this.observed[1] += o.observed[1];
    for (const [name, c] of o.posterTypes) {
      const p = this.posterOf(name);
      this.posterCounts[p] = (this.posterCounts[p] as number) + c;
    }
    for (const [name, c] of o.categories) this.categories.set(name, (this.categories.get(name) ?? 0) + c);
    for (const [name, g] of o.groups) {
      const mine = this.groups[this.groupOf(name)] as GroupLabelStats;
      mine.records += g.records;
      mine.positives += g.positives;
      mine.observedPositives += g.observedPositives;
      mine.agreements += g.agreements;
      mine.falseFlags += g.falseFlags;
      mine.misses += g.misses;
    }
    for (const [id, x] of o.indicators) {
      let c = this.indicators.get(id);
      if (c === undefined) {
        c = { records: 0, byLabel: [0, 0], byGroup: [], byPoster: [] };
        this.indicators.set(id, c);
      }
      c.records += x.records;
      c.byLabel[0] += x.byLabel[0];
      c.byLabel[1] += x.byLabel[1];
      for (const [name, n] of x.byGroup) {
        const gi = this.groupOf(name);
        c.byGroup[gi] = (c.byGroup[gi] ?? 0) + n;
      }
      for (const [name, n] of x.byPosterType) {
        const p = this.posterOf(name);
        c.byPoster[p] = (c.byPoster[p] ?? 0) + n;
      }
    }
    this.textLength.absorb(o.textLength);
    this.age.absorb(o.age);
    for (const t of o.provenance) if (this.provenance.size < MAX_PROVENANCE) this.provenance.add(t);
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
