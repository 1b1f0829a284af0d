/**
 * The JSON Lines form of a dataset: one record per line, keys always in the same order
 * (the order of `RECORD_FIELDS`; proxy attributes in the dataset's declared order, any
 * others after them sorted), so the same records always give the same bytes.
 */
import { InputError } from '../errors.js';
import type { AdRecord, ProxyAttributes } from '../record.js';
import { validateRecord, type RecordLocation } from './validate.js';

/** Characters `JSON.stringify` always escapes: a quote, a backslash, a control character. */
const NEEDS_ESCAPE = /["\\\u0000-\u001f]/;

/** `String.prototype.isWellFormed` (Node 20+; not yet in TypeScript's ES2022 library). */
type WellFormed = { isWellFormed(): boolean };

/**
 * A string as JSON, byte-identical to `JSON.stringify(s)`, without the call for plain strings.
 * Besides quotes, backslashes and control characters, `JSON.stringify` escapes lone surrogates
 * (but not paired ones, such as emoji), hence the well-formedness check.
 */
export function quoteJson(s: string): string {
  return NEEDS_ESCAPE.test(s) || !(s as unknown as WellFormed).isWellFormed() ? JSON.stringify(s) : `"${s}"`;
}

/** {@link quoteJson} for short strings (ids, contacts), where a plain loop beats a regular expression call. */
function quoteShort(s: string): string {
  if (s.length > 48) return quoteJson(s);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 32 || c === 34 || c === 92 || (c >= 0xd800 && c <= 0xdfff)) return quoteJson(s);
  }
  return `"${s}"`;
}

const MAX_CACHED = 8192;

/**
 * Encodes records as JSON lines, keys in the fixed order; the output is byte-identical to
 * `JSON.stringify` of the record with its keys in that order (a test checks it), built by hand
 * because that is several times faster on these records. Short values that repeat (categories,
 * groups, cities, dates, indicator ids) are quoted once and cached, and so is the provenance
 * tail (`synthetic` to `scenarioHash`), which is the same on every record of a dataset.
 */
export class JsonLineEncoder {
  private readonly order: readonly string[];
  private readonly keys: readonly string[];
  private readonly cache = new Map<string, string>();
  private tailVersion = '';
  private tailSeed = -1;
  private tailHash = '';
  private tail = '';

  /** `proxyOrder`: the declared proxy attributes, written first and in this order; any others follow sorted. */
  constructor(proxyOrder: readonly string[] = []) {
    this.order = [...proxyOrder];
    this.keys = this.order.map((k, i) => `${i === 0 ? '' : ','}${quoteJson(k)}:`);
  }

  private cached(s: string): string {
    let v = this.cache.get(s);
    if (v === undefined) {
      v = quoteJson(s);
      if (this.cache.size < MAX_CACHED) this.cache.set(s, v);
    }
    return v;
  }

  private proxies(proxies: ProxyAttributes): string {
    let out = '';
    let n = 0;
    const order = this.order;
    for (let i = 0; i < order.length; i++) {
      const value = proxies[order[i] as string];
      if (value !== undefined) {
        // keys[i] starts with a comma unless i = 0; drop it when nothing came before
        out += (n === 0 && i > 0 ? (this.keys[i] as string).slice(1) : (this.keys[i] as string)) + this.cached(value);
        n++;
      }
    }
    let total = 0;
    for (const _ in proxies) total++;
    if (n !== total) {
      for (const name of Object.keys(proxies).sort()) {
        if (!order.includes(name)) out += `${n++ === 0 ? '' : ','}${quoteJson(name)}:${quoteJson(proxies[name] as string)}`;
      }
    }
    return out;
  }

  private provenance(version: string, seed: number, hash: string): string {
    if (version !== this.tailVersion || seed !== this.tailSeed || hash !== this.tailHash) {
      this.tailVersion = version;
      this.tailSeed = seed;
      this.tailHash = hash;
      this.tail = `,"synthetic":true,"generatorVersion":${quoteJson(version)},"seed":${seed},"scenarioHash":${quoteJson(hash)}}\n`;
    }
    return this.tail;
  }

  /** One record as a JSON line, with the trailing `\n`. The record must be valid (see `assertRecord`). */
  encode(r: AdRecord): string {
    let spans = '';
    const list = r.indicators;
    for (let i = 0; i < list.length; i++) {
      const s = list[i] as AdRecord['indicators'][number];
      spans += (i === 0 ? '{"id":' : ',{"id":') + this.cached(s.id) + ',"start":' + s.start + ',"end":' + s.end + '}';
    }
    return (
      '{"id":' +
      quoteShort(r.id) +
      ',"text":' +
      quoteJson(r.text) +
      (r.label === 1 ? ',"label":1,"observedLabel":' : ',"label":0,"observedLabel":') +
      (r.observedLabel === 1 ? '1,"posterType":' : '0,"posterType":') +
      this.cached(r.posterType) +
      ',"category":' +
      this.cached(r.category) +
      ',"indicators":[' +
      spans +
      '],"proxies":{' +
      this.proxies(r.proxies) +
      '},"group":' +
      this.cached(r.group) +
      ',"age":' +
      r.age +
      ',"city":' +
      this.cached(r.city) +
      ',"contact":' +
      quoteShort(r.contact) +
      ',"operatorId":' +
      quoteShort(r.operatorId) +
      ',"postedAt":' +
      this.cached(r.postedAt) +
      (r.twinOf === null ? ',"twinOf":null' : ',"twinOf":' + quoteShort(r.twinOf)) +
      this.provenance(r.generatorVersion, r.seed, r.scenarioHash)
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
