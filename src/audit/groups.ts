/**
 * Input checks and the slicing of records into levels: level 0 holds every record, then one
 * level per group column, then one level per intersection of two or more columns. Every record
 * belongs to exactly one slice of each level. The engine evaluates all slices in one go.
 */
import { InputError } from '../errors.js';
import type { SliceDef } from './engine.js';

/** Group columns: column name -> one group value per record. */
export type GroupColumns = Record<string, ArrayLike<string>>;

/** One level of slices: all records, a group column, or an intersection of columns. */
export interface Level {
  /** Level name: `all`, the column name, or the columns joined with ` & `. */
  name: string;
  /** Columns making up the level (empty for `all`). */
  columns: string[];
  /** Group names in this level, sorted; slice ids are `firstSlice + position`. */
  groups: string[];
  /** Slice id of the level's first group. */
  firstSlice: number;
  /** Each group's value per column (same order as `groups` and `columns`). */
  values: string[][];
}

/** Slices and per-record slice ids, ready for the engine. */
export interface Slicing {
  /** Levels in order (0 = all records). */
  levels: Level[];
  /** Every slice, ids in level order. */
  slices: SliceDef[];
  /** Slice id of each record, per level. */
  sliceOf: Uint32Array[];
}

/** Separator between column names and between values of an intersection. */
export const INTERSECTION_SEPARATOR = ' & ';

/** Checks labels (0/1) and scores (finite) and their lengths; throws an InputError naming the element. */
export function validateLabelsScores(labels: ArrayLike<number>, scores: ArrayLike<number>): void {
  if (labels.length !== scores.length) {
    throw new InputError(`expected as many scores as labels, got ${scores.length} scores and ${labels.length} labels`, { field: 'scores' });
  }
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i];
    if (y !== 0 && y !== 1) throw new InputError(`expected 0 or 1, got ${String(y)}`, { field: `labels[${i}]` });
    const s = scores[i];
    if (typeof s !== 'number' || !Number.isFinite(s)) throw new InputError(`expected a finite number, got ${String(s)}`, { field: `scores[${i}]` });
  }
}

/** Checks that each group column has one non-empty string per record. */
export function validateGroups(groups: GroupColumns, n: number): void {
  for (const [column, values] of Object.entries(groups)) {
    if (column === '' || column.includes(INTERSECTION_SEPARATOR)) {
      throw new InputError(`group column names must be non-empty and not contain "${INTERSECTION_SEPARATOR}"`, { field: `groups.${column}` });
    }
    if (values.length !== n) throw new InputError(`expected ${n} values (one per label), got ${values.length}`, { field: `groups.${column}` });
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (typeof v !== 'string' || v === '') throw new InputError(`expected a non-empty group name, got ${JSON.stringify(v)}`, { field: `groups.${column}[${i}]` });
    }
  }
}

function combinations(items: string[], min: number): string[][] {
  const out: string[][] = [];
  const k = items.length;
  for (let size = min; size <= k; size++) {
    const pick = (start: number, acc: string[]): void => {
      if (acc.length === size) {
        out.push([...acc]);
        return;
      }
      for (let i = start; i < k; i++) pick(i + 1, [...acc, items[i] as string]);
    };
    pick(0, []);
  }
  return out;
}

function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Builds the levels and slice ids. With `intersections`, every combination of two or more
 * columns (in the order the columns were given) becomes a level of its own.
 */
export function buildSlicing(n: number, groups: GroupColumns, options: { intersections: boolean }): Slicing {
  const columns = Object.keys(groups);
  // per column: group names sorted, and each record's position in that order
  const colNames: string[][] = [];
  const colIds: Uint32Array[] = [];
  for (const c of columns) {
    const values = groups[c] as ArrayLike<string>;
    const first = new Map<string, number>();
    const raw = new Uint32Array(n);
    firstAppearanceIds(values, first, raw);
    const names = [...first.keys()].sort(byCodeUnits);
    const remap = new Uint32Array(first.size);
    names.forEach((g, k) => (remap[first.get(g) as number] = k));
    remapIds(raw, remap, 0, raw);
    colNames.push(names);
    colIds.push(raw);
  }
  const levelColumns: number[][] = [[], ...columns.map((_, k) => [k])];
  if (options.intersections && columns.length >= 2) {
    const idx = columns.map((_, k) => String(k));
    levelColumns.push(...combinations(idx, 2).map((c) => c.map(Number)));
  }
  const levels: Level[] = [];
  const slices: SliceDef[] = [];
  const sliceOf: Uint32Array[] = [];
  for (const cols of levelColumns) {
    const li = levels.length;
    const first = slices.length;
    const ids = new Uint32Array(n);
    let names: string[];
    let values: string[][];
    if (cols.length === 0) {
      names = n > 0 ? ['all'] : [];
      values = names.map(() => []);
    } else if (cols.length === 1) {
      const k = cols[0] as number;
      names = colNames[k] as string[];
      values = names.map((g) => [g]);
      const src = colIds[k] as Uint32Array;
      offsetIds(src, first, ids);
    } else {
      // combined key of the column ids, compacted in order of first appearance
      const raw = new Uint32Array(n);
      const tuples = tupleIds(cols.map((k) => colIds[k] as Uint32Array), raw);
      const labelled = tuples.map((t, id) => ({ id, vals: t.map((v, j) => (colNames[cols[j] as number] as string[])[v] as string) }));
      labelled.forEach((e) => ((e as { name?: string }).name = e.vals.join(INTERSECTION_SEPARATOR)));
      const sorted = (labelled as Array<{ id: number; vals: string[]; name: string }>).sort((a, b) => byCodeUnits(a.name, b.name));
      const remap = new Uint32Array(sorted.length);
      sorted.forEach((e, k) => (remap[e.id] = k));
      remapIds(raw, remap, first, ids);
      names = sorted.map((e) => e.name);
      values = sorted.map((e) => e.vals);
    }
    for (const g of names) slices.push({ level: li, name: g });
    sliceOf.push(ids);
    const colList = cols.map((k) => columns[k] as string);
    levels.push({ name: cols.length === 0 ? 'all' : colList.join(INTERSECTION_SEPARATOR), columns: colList, groups: names, firstSlice: first, values });
  }
  return { levels, slices, sliceOf };
}

// The loops over records are functions of their own that return nothing (or a local): V8
// compiles a long loop while it runs (OSR), and code after it in the same function, not run
// yet at that point, would deoptimize the compiled code on every later audit.

/** Each record's group as an id in order of first appearance (`first` maps names to ids). */
function firstAppearanceIds(values: ArrayLike<string>, first: Map<string, number>, raw: Uint32Array): void {
  for (let i = 0; i < raw.length; i++) {
    const v = values[i] as string;
    let id = first.get(v);
    if (id === undefined) {
      id = first.size;
      first.set(v, id);
    }
    raw[i] = id;
  }
}

/** `out[i] = offset + remap[raw[i]]` (`out` may be `raw`). */
function remapIds(raw: Uint32Array, remap: Uint32Array, offset: number, out: Uint32Array): void {
  for (let i = 0; i < raw.length; i++) out[i] = offset + (remap[raw[i] as number] as number);
}

/** `out[i] = offset + src[i]`. */
function offsetIds(src: Uint32Array, offset: number, out: Uint32Array): void {
  for (let i = 0; i < src.length; i++) out[i] = offset + (src[i] as number);
}

/** Each record's tuple of column ids as an id in order of first appearance; returns the tuples by id. */
function tupleIds(columnIds: Uint32Array[], raw: Uint32Array): number[][] {
  const seen = new Map<string, number>();
  const tuples: number[][] = [];
  for (let i = 0; i < raw.length; i++) {
    const t = columnIds.map((ids) => ids[i] as number);
    const key = t.join(',');
    let id = seen.get(key);
    if (id === undefined) {
      id = seen.size;
      seen.set(key, id);
      tuples.push(t);
    }
    raw[i] = id;
  }
  return tuples;
}
