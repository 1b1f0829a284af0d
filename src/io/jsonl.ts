/**
 * The JSON Lines form of a dataset: one record per line, keys always in the same order
 * (the order of `RECORD_FIELDS`; proxy attributes in the dataset's declared order, any
 * others after them sorted), so the same records always give the same bytes.
 */
import { InputError } from '../errors.js';
import type { AdRecord, ProxyAttributes } from '../record.js';
import { validateRecord, type RecordLocation } from './validate.js';

/** Characters `JSON.stringify` escapes in a string: quote, backslash, controls, and (when lone) surrogates. */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** A string as JSON, byte-identical to `JSON.stringify(s)`, without the call for plain strings. */
function quote(s: string): string {
  return NEEDS_ESCAPE.test(s) ? JSON.stringify(s) : `"${s}"`;
}

const MAX_CACHED = 8192;

/**
 * Encodes records as JSON lines, keys in the fixed order; the output is byte-identical to
 * `JSON.stringify` of the record with its keys in that order (a test checks it), built by hand
 * because that is about twice as fast on these records. Short values that repeat (categories,
 * groups, cities, dates, indicator ids, provenance) are quoted once and cached.
 */
export class JsonLineEncoder {
  private readonly order: readonly string[];
  private readonly keys: readonly string[];
  private readonly cache = new Map<string, string>();

  /** `proxyOrder`: the declared proxy attributes, written first and in this order; any others follow sorted. */
  constructor(proxyOrder: readonly string[] = []) {
    this.order = [...proxyOrder];
    this.keys = this.order.map((k) => `${quote(k)}:`);
  }

  private cached(s: string): string {
    let v = this.cache.get(s);
    if (v === undefined) {
      v = quote(s);
      if (this.cache.size < MAX_CACHED) this.cache.set(s, v);
    }
    return v;
  }

  private proxies(proxies: ProxyAttributes): string {
    let out = '';
    let n = 0;
    for (let i = 0; i < this.order.length; i++) {
      const value = proxies[this.order[i] as string];
      if (value !== undefined) {
        out += n++ === 0 ? this.keys[i] + this.cached(value) : `,${this.keys[i]}${this.cached(value)}`;
      }
    }
    if (n !== Object.keys(proxies).length) {
      for (const name of Object.keys(proxies).sort()) {
        if (!this.order.includes(name)) out += `${n++ === 0 ? '' : ','}${quote(name)}:${quote(proxies[name] as string)}`;
      }
    }
    return out;
  }

  /** One record as a JSON line, with the trailing `\n`. The record must be valid (see `assertRecord`). */
  encode(r: AdRecord): string {
    let spans = '';
    const list = r.indicators;
    for (let i = 0; i < list.length; i++) {
      const s = list[i] as AdRecord['indicators'][number];
      spans += `${i === 0 ? '{"id":' : ',{"id":'}${this.cached(s.id)},"start":${s.start},"end":${s.end}}`;
    }
    return (
      `{"id":${quote(r.id)},"text":${JSON.stringify(r.text)},"label":${r.label},"observedLabel":${r.observedLabel}` +
      `,"posterType":${this.cached(r.posterType)},"category":${this.cached(r.category)},"indicators":[${spans}]` +
      `,"proxies":{${this.proxies(r.proxies)}},"group":${this.cached(r.group)},"age":${r.age},"city":${this.cached(r.city)}` +
      `,"contact":${quote(r.contact)},"operatorId":${quote(r.operatorId)},"postedAt":${this.cached(r.postedAt)}` +
      `,"twinOf":${r.twinOf === null ? 'null' : quote(r.twinOf)},"synthetic":true,"generatorVersion":${this.cached(r.generatorVersion)}` +
      `,"seed":${r.seed},"scenarioHash":${this.cached(r.scenarioHash)}}\n`
    );
  }
}

/** One record as a JSON line (with the trailing `\n`), keys in the fixed order. */
export function recordToJsonLine(record: AdRecord, proxyOrder: readonly string[] = []): string {
  return new JsonLineEncoder(proxyOrder).encode(record);
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
