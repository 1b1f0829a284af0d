/**
 * Seeded, stratified train/test splits of a dataset. Within each stratum (records sharing the
 * values of the `by` fields) the test part holds `round(test x size)` units, so its share is
 * within half a record of the requested one. Which units go to test depends only on the seed,
 * the stratum and each unit's id (a hash ranking), not on the order of the input, so adding
 * records to one stratum never moves records of another.
 *
 * A counterfactual twin always lands on the same side as its original (they form one unit),
 * so a model is never tested on a minimal pair of an ad it trained on.
 */
import { InputError } from './errors.js';
import { deriveSeed, hash32 } from './random.js';
import type { AdRecord } from './record.js';

/** A record field a split can be stratified by: a top-level categorical field or `proxies.<attribute>`. */
export type SplitField = 'label' | 'observedLabel' | 'group' | 'posterType' | 'category' | 'city' | `proxies.${string}`;

/** Options for {@link split}. */
export interface SplitOptions {
  /** Share of each stratum that goes to the test part, from 0 to 1. __Default value:__ `0.2`. */
  test?: number;
  /** Fields to stratify by. __Default value:__ `['label', 'group']`. An empty list means one stratum. */
  by?: readonly SplitField[];
  /** Seed for the assignment. */
  seed: number;
}

/** The two parts of a split, each in the input's order. */
export interface Split<T> {
  /** Records to train on. */
  train: T[];
  /** Held-out records. */
  test: T[];
}

const TOP_LEVEL = new Set(['label', 'observedLabel', 'group', 'posterType', 'category', 'city']);

function fieldReader(field: string): (r: AdRecord) => string {
  if (TOP_LEVEL.has(field)) return (r) => String(r[field as keyof AdRecord]);
  if (field.startsWith('proxies.') && field.length > 'proxies.'.length) {
    const name = field.slice('proxies.'.length);
    return (r) => r.proxies[name] ?? '';
  }
  throw new InputError(`cannot stratify by ${JSON.stringify(field)}: expected one of ${[...TOP_LEVEL].join(', ')} or proxies.<attribute>`, {
    field: 'by',
  });
}

interface Unit {
  key: string;
  members: number[];
  /** Index of the record that decides the unit's stratum: the original if present. */
  lead: number;
}

/** Splits records into train and test parts, seeded and stratified; see the module notes. */
export function split<T extends AdRecord>(records: readonly T[], options: SplitOptions): Split<T> {
  const share = options.test ?? 0.2;
  if (typeof share !== 'number' || !(share >= 0 && share <= 1)) {
    throw new InputError(`expected a share from 0 to 1, got ${String(share)}`, { field: 'test' });
  }
  if (!Number.isFinite(options.seed)) throw new InputError(`expected a finite number, got ${String(options.seed)}`, { field: 'seed' });
  const readers = (options.by ?? ['label', 'group']).map(fieldReader);

  const units = new Map<string, Unit>();
  records.forEach((r, i) => {
    const key = r.twinOf ?? r.id;
    const unit = units.get(key);
    if (unit === undefined) units.set(key, { key, members: [i], lead: i });
    else {
      unit.members.push(i);
      if (r.twinOf === null) unit.lead = i;
    }
  });

  const strata = new Map<string, Unit[]>();
  for (const unit of units.values()) {
    const lead = records[unit.lead] as T;
    const stratum = readers.map((read) => read(lead)).join('\u0000');
    const list = strata.get(stratum);
    if (list === undefined) strata.set(stratum, [unit]);
    else list.push(unit);
  }

  const inTest = new Uint8Array(records.length);
  for (const [stratum, list] of strata) {
    const k = Math.round(share * list.length);
    if (k === 0) continue;
    const salt = deriveSeed(options.seed, 'split', stratum);
    const ranked = list
      .map((unit) => ({ unit, rank: hash32(unit.key, salt) }))
      .sort((a, b) => a.rank - b.rank || (a.unit.key < b.unit.key ? -1 : a.unit.key > b.unit.key ? 1 : 0));
    for (let j = 0; j < k; j++) {
      for (const m of (ranked[j] as { unit: Unit }).unit.members) inTest[m] = 1;
    }
  }

  const train: T[] = [];
  const test: T[] = [];
  records.forEach((r, i) => (inTest[i] ? test : train).push(r));
  return { train, test };
}
