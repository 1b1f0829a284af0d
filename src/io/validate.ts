/**
 * Validation of one dataset record read from a file (or handed to a writer). Every check names
 * the field and shows what it got, so `data.csv: row 17: label: expected 0 or 1, got "yes"`
 * tells a researcher exactly what to fix. Returns a record with its keys in {@link RECORD_FIELDS}
 * order, so a validated record serialises the same way as one straight from the generator.
 */
import { InputError } from '../errors.js';
import { POSTER_TYPES, type AdRecord, type IndicatorSpan, type PosterType, type ProxyAttributes } from '../record.js';

/** The fields of an {@link AdRecord}, in the fixed order every file uses. */
export const RECORD_FIELDS = [
  'id',
  'text',
  'label',
  'observedLabel',
  'posterType',
  'category',
  'indicators',
  'proxies',
  'group',
  'age',
  'city',
  'contact',
  'operatorId',
  'postedAt',
  'twinOf',
  'synthetic',
  'generatorVersion',
  'seed',
  'scenarioHash',
] as const satisfies ReadonlyArray<keyof AdRecord>;

/** The lowest persona age a record may carry (content rule: every persona is 21 or older). */
export const MIN_AGE = 21;

const FIELD_SET = new Set<string>(RECORD_FIELDS);
const POSTER_SET = new Set<string>(POSTER_TYPES);
const ISO_DATE =
  /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?:T(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})?)?$/;

/** Where a record came from, for error messages. */
export interface RecordLocation {
  /** File name shown in errors. */
  file?: string;
  /** 1-based data row (CSV: header excluded; JSONL: line number; writers: record number). */
  row?: number;
}

/** Shows a bad value briefly: strings quoted, long values cut. */
export function showValue(value: unknown): string {
  let text: string;
  if (value === undefined) return 'nothing';
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function fail(where: RecordLocation, field: string, problem: string): never {
  throw new InputError(problem, { ...where, field });
}

function nonEmptyString(value: unknown, where: RecordLocation, field: string): string {
  if (typeof value !== 'string' || value.length === 0) {
    fail(where, field, `expected a non-empty string, got ${showValue(value)}`);
  }
  return value;
}

function binary(value: unknown, where: RecordLocation, field: string): 0 | 1 {
  if (value !== 0 && value !== 1) fail(where, field, `expected 0 or 1, got ${showValue(value)}`);
  return value;
}

function integerIn(value: unknown, lo: number, hi: number, where: RecordLocation, field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < lo || value > hi) {
    fail(where, field, `expected an integer from ${lo} to ${hi}, got ${showValue(value)}`);
  }
  return value;
}

function spans(value: unknown, textLength: number, where: RecordLocation, field: string): IndicatorSpan[] {
  if (!Array.isArray(value)) fail(where, field, `expected a list of indicator spans, got ${showValue(value)}`);
  const out: IndicatorSpan[] = [];
  for (let i = 0; i < value.length; i++) {
    const span: unknown = value[i];
    const path = `${field}[${i}]`;
    if (typeof span !== 'object' || span === null || Array.isArray(span)) {
      fail(where, path, `expected {id, start, end}, got ${showValue(span)}`);
    }
    const s = span as Record<string, unknown>;
    for (const key of Object.keys(s)) {
      if (key !== 'id' && key !== 'start' && key !== 'end') fail(where, `${path}.${key}`, 'unknown field');
    }
    const id = nonEmptyString(s['id'], where, `${path}.id`);
    const start = integerIn(s['start'], 0, textLength, where, `${path}.start`);
    const end = integerIn(s['end'], 0, textLength, where, `${path}.end`);
    if (end <= start) fail(where, path, `expected start < end, got ${start}-${end}`);
    out.push({ id, start, end });
  }
  return out;
}

function proxyMap(value: unknown, where: RecordLocation, field: string): ProxyAttributes {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail(where, field, `expected an object of attribute -> value, got ${showValue(value)}`);
  }
  const out: ProxyAttributes = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    out[key] = nonEmptyString(v, where, `${field}.${key}`);
  }
  return out;
}

function isNonEmpty(x: unknown): boolean {
  return typeof x === 'string' && x.length > 0;
}

function isInt(x: unknown, lo: number, hi: number): boolean {
  return typeof x === 'number' && Number.isInteger(x) && x >= lo && x <= hi;
}

/** The common case decided fast: true when the record passes every check of {@link validateRecord}. */
export function isWellFormed(r: Record<string, unknown>): boolean {
  const text = r['text'];
  if (typeof text !== 'string' || text.length === 0) return false;
  const label = r['label'];
  const observed = r['observedLabel'];
  if ((label !== 0 && label !== 1) || (observed !== 0 && observed !== 1)) return false;
  if (!POSTER_SET.has(r['posterType'] as string)) return false;
  if (!isNonEmpty(r['id']) || !isNonEmpty(r['category']) || !isNonEmpty(r['group']) || !isNonEmpty(r['city'])) return false;
  if (!isNonEmpty(r['contact']) || !isNonEmpty(r['operatorId']) || !isNonEmpty(r['generatorVersion'])) return false;
  if (!isNonEmpty(r['scenarioHash']) || r['synthetic'] !== true) return false;
  if (!isInt(r['age'], MIN_AGE, 120) || !isInt(r['seed'], 0, 0xffffffff)) return false;
  const twinOf = r['twinOf'];
  if (twinOf !== null && !isNonEmpty(twinOf)) return false;
  const postedAt = r['postedAt'];
  if (typeof postedAt !== 'string' || !ISO_DATE.test(postedAt)) return false;
  const indicators = r['indicators'];
  if (!Array.isArray(indicators)) return false;
  for (const span of indicators as unknown[]) {
    if (typeof span !== 'object' || span === null) return false;
    const sp = span as Record<string, unknown>;
    const { start, end } = sp;
    if (!isNonEmpty(sp['id']) || !isInt(start, 0, text.length) || !isInt(end, 0, text.length) || (end as number) <= (start as number)) {
      return false;
    }
    let keys = 0;
    for (const _ in sp) keys++;
    if (keys !== 3) return false;
  }
  const proxies = r['proxies'];
  if (typeof proxies !== 'object' || proxies === null || Array.isArray(proxies)) return false;
  for (const key in proxies) if (!isNonEmpty((proxies as Record<string, unknown>)[key])) return false;
  let keys = 0;
  for (const _ in r) keys++;
  return keys === RECORD_FIELDS.length;
}

/**
 * Checks that `value` is a well-formed {@link AdRecord} without copying it; throws the same
 * {@link InputError} as {@link validateRecord} otherwise. The fast path for writers.
 */
export function assertRecord(value: unknown, where: RecordLocation = {}): asserts value is AdRecord {
  if (typeof value === 'object' && value !== null && isWellFormed(value as Record<string, unknown>)) return;
  validateRecord(value, where);
  // validateRecord accepts exactly what isWellFormed accepts; reaching here means they disagree.
  throw new Error('internal: record checks disagree');
}

/**
 * Checks that `value` is a complete, well-formed {@link AdRecord} and returns it with keys in
 * {@link RECORD_FIELDS} order. Throws an {@link InputError} naming the row and field otherwise;
 * unknown fields are rejected so that typos do not pass silently.
 */
export function validateRecord(value: unknown, where: RecordLocation = {}): AdRecord {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InputError(`expected a record object, got ${showValue(value)}`, where);
  }
  const r = value as Record<string, unknown>;
  for (const key in r) {
    if (!FIELD_SET.has(key)) fail(where, key, 'unknown field');
  }
  for (const key of RECORD_FIELDS) {
    if (!(key in r)) fail(where, key, 'missing');
  }
  const text = r['text'];
  if (typeof text !== 'string' || text.length === 0) fail(where, 'text', `expected a non-empty string, got ${showValue(text)}`);
  const posterType = r['posterType'];
  if (typeof posterType !== 'string' || !POSTER_SET.has(posterType)) {
    fail(where, 'posterType', `expected one of ${POSTER_TYPES.join(', ')}, got ${showValue(posterType)}`);
  }
  const postedAt = r['postedAt'];
  if (typeof postedAt !== 'string' || !ISO_DATE.test(postedAt)) {
    fail(where, 'postedAt', `expected an ISO date like 2024-03-01, got ${showValue(postedAt)}`);
  }
  const twinOf = r['twinOf'];
  if (twinOf !== null && (typeof twinOf !== 'string' || twinOf.length === 0)) {
    fail(where, 'twinOf', `expected null or a record id, got ${showValue(twinOf)}`);
  }
  if (r['synthetic'] !== true) fail(where, 'synthetic', `expected true, got ${showValue(r['synthetic'])}`);
  return {
    id: nonEmptyString(r['id'], where, 'id'),
    text,
    label: binary(r['label'], where, 'label'),
    observedLabel: binary(r['observedLabel'], where, 'observedLabel'),
    posterType: posterType as PosterType,
    category: nonEmptyString(r['category'], where, 'category'),
    indicators: spans(r['indicators'], text.length, where, 'indicators'),
    proxies: proxyMap(r['proxies'], where, 'proxies'),
    group: nonEmptyString(r['group'], where, 'group'),
    age: integerIn(r['age'], MIN_AGE, 120, where, 'age'),
    city: nonEmptyString(r['city'], where, 'city'),
    contact: nonEmptyString(r['contact'], where, 'contact'),
    operatorId: nonEmptyString(r['operatorId'], where, 'operatorId'),
    postedAt,
    twinOf,
    synthetic: true,
    generatorVersion: nonEmptyString(r['generatorVersion'], where, 'generatorVersion'),
    seed: integerIn(r['seed'], 0, 0xffffffff, where, 'seed'),
    scenarioHash: nonEmptyString(r['scenarioHash'], where, 'scenarioHash'),
  };
}
