/**
 * The JSON Lines form of a dataset: one record per line, keys always in the same order
 * (the order of {@link RECORD_FIELDS}; proxy attributes in the dataset's declared order, any
 * others after them sorted), so the same records always give the same bytes.
 */
import { InputError } from '../errors.js';
import type { AdRecord, ProxyAttributes } from '../record.js';
import { RECORD_FIELDS, validateRecord, type RecordLocation } from './validate.js';

/** The proxies in the declared order, then any others sorted. */
function orderedProxies(proxies: ProxyAttributes, order: readonly string[]): ProxyAttributes {
  const out: ProxyAttributes = {};
  let n = 0;
  for (const name of order) {
    const value = proxies[name];
    if (value !== undefined) {
      out[name] = value;
      n++;
    }
  }
  if (n !== Object.keys(proxies).length) {
    for (const name of Object.keys(proxies).sort()) if (!(name in out)) out[name] = proxies[name] as string;
  }
  return out;
}

/**
 * True when the record's own key order already is the fixed order (as the generator builds
 * records), so `JSON.stringify(record)` gives the canonical bytes without a reordered copy.
 */
function isCanonical(record: AdRecord, proxyOrder: readonly string[]): boolean {
  let i = 0;
  for (const key in record) if (key !== RECORD_FIELDS[i++]) return false;
  if (i !== RECORD_FIELDS.length) return false;
  let last = -1;
  for (const key in record.proxies) {
    const at = proxyOrder.indexOf(key);
    if (at <= last) return false;
    last = at;
  }
  for (const span of record.indicators) {
    let k = 0;
    for (const key in span) if (key !== SPAN_FIELDS[k++]) return false;
    if (k !== 3) return false;
  }
  return true;
}

const SPAN_FIELDS = ['id', 'start', 'end'];

/** One record as a JSON line (with the trailing `\n`), keys in the fixed order. */
export function recordToJsonLine(record: AdRecord, proxyOrder: readonly string[] = []): string {
  if (isCanonical(record, proxyOrder)) return `${JSON.stringify(record)}\n`;
  return `${JSON.stringify({
    id: record.id,
    text: record.text,
    label: record.label,
    observedLabel: record.observedLabel,
    posterType: record.posterType,
    category: record.category,
    indicators: record.indicators.map((s) => ({ id: s.id, start: s.start, end: s.end })),
    proxies: orderedProxies(record.proxies, proxyOrder),
    group: record.group,
    age: record.age,
    city: record.city,
    contact: record.contact,
    operatorId: record.operatorId,
    postedAt: record.postedAt,
    twinOf: record.twinOf,
    synthetic: true,
    generatorVersion: record.generatorVersion,
    seed: record.seed,
    scenarioHash: record.scenarioHash,
  })}\n`;
}

/** Parses and validates one JSON line; `where.row` is its line number. */
export function parseJsonLine(line: string, where: RecordLocation): AdRecord {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new InputError(`not valid JSON (${why})`, where);
  }
  return validateRecord(value, where);
}
