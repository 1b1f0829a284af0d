/**
 * The JSON Lines form of a dataset: one record per line, keys always in the same order
 * (the order of `RECORD_FIELDS`; proxy attributes in the dataset's declared order, any
 * others after them sorted), so the same records always give the same bytes.
 */
import { InputError } from '../errors.js';
import type { AdRecord, IndicatorSpan, ProxyAttributes } from '../record.js';
import { ByteTree, putBytes, quoteJson, utf8, writeJsonNumber, writeJsonString } from './json-bytes.js';
import { isWellFormed, RECORD_FIELDS, validateRecord, type RecordLocation } from './validate.js';

export { quoteJson } from './json-bytes.js';

const OPEN = utf8('{"id":');
const TEXT = utf8(',"text":');
const SPAN_END = utf8(',"end":');
const OPERATOR = utf8(',"operatorId":');
const TWIN = utf8(',"twinOf":');

/**
 * Encodes records as JSON lines, keys in the fixed order, straight into byte buffers as UTF-8.
 * The bytes are those of `JSON.stringify` of the record with its keys in that order (a test
 * checks it for any strings), written by hand because that is several times faster: no line is
 * built as a string, and the runs of bytes that repeat from record to record are made once and
 * copied whole: the labels with the poster type and category; each indicator id; the proxies
 * with the group; the city; the date with the provenance tail (`synthetic` to `scenarioHash`).
 */
export class JsonLineEncoder {
  private readonly order: readonly string[];
  /** `,"label":L,"observedLabel":O,"posterType":"p","category":"c","indicators":[`, by `2L + O`, then p and c. */
  private readonly heads = [0, 1, 2, 3].map(() => new ByteTree());
  /** `{"id":"x","start":` by indicator id. */
  private readonly spanIds = new ByteTree();
  /** `],"proxies":{...},"group":"g","age":` by the declared proxies' values, then the group. */
  private readonly proxyGroups = new ByteTree();
  /** `,"city":"c","contact":` by city. */
  private readonly cities = new ByteTree();
  /** `,"postedAt":"d"`, for twins, by date. */
  private readonly dates = new ByteTree();
  /** `,"postedAt":"d","twinOf":null` and the provenance tail, for originals, by date. */
  private readonly originalTails = new ByteTree();
  /** Keys of the current look-up (reused, so look-ups allocate nothing). */
  private readonly keys: Array<string | undefined> = [];
  private record: AdRecord | undefined;
  private tailVersion = '';
  private tailSeed = -1;
  private tailHash = '';
  private tailText = '';
  private tail: Uint8Array = new Uint8Array(0);

  /** `proxyOrder`: the declared proxy attributes, written first and in this order; any others follow sorted. */
  constructor(proxyOrder: readonly string[] = []) {
    this.order = [...proxyOrder];
  }

  /** An upper bound on the bytes {@link JsonLineEncoder.encodeInto} writes for `r` (6 per UTF-16 unit of every string, and room for the rest). */
  maxBytes(r: AdRecord): number {
    let units = r.text.length + r.id.length + r.posterType.length + r.category.length + r.group.length + r.city.length;
    units += r.contact.length + r.operatorId.length + r.postedAt.length + (r.twinOf === null ? 0 : r.twinOf.length);
    units += r.generatorVersion.length + r.scenarioHash.length;
    const spans = r.indicators;
    for (let i = 0; i < spans.length; i++) units += (spans[i] as IndicatorSpan).id.length;
    let proxies = 0;
    for (const k in r.proxies) {
      units += k.length + (r.proxies[k] as string).length;
      proxies++;
    }
    // 6 bytes a unit; keys, punctuation and numbers (at most 24 bytes each) fit in the rest
    return 6 * units + 64 * spans.length + 16 * proxies + 512;
  }

  /**
   * Writes one record as a JSON line (with the trailing `\n`) into `buf` at `at` and returns the
   * offset after it. `buf` must have {@link JsonLineEncoder.maxBytes} bytes free there, and the
   * record must be valid (see `assertRecord`).
   */
  encodeInto(r: AdRecord, buf: Buffer, at: number): number {
    this.record = r;
    const keys = this.keys;
    let u = putBytes(buf, at, OPEN);
    u = writeJsonString(buf, u, r.id);
    u = putBytes(buf, u, TEXT);
    u = writeJsonString(buf, u, r.text);
    keys[0] = r.posterType;
    keys[1] = r.category;
    u = putBytes(buf, u, (this.heads[2 * r.label + r.observedLabel] as ByteTree).get(keys, 2, this.makeHead));
    const spans = r.indicators;
    for (let i = 0; i < spans.length; i++) {
      const s = spans[i] as IndicatorSpan;
      keys[0] = s.id;
      if (i > 0) buf[u++] = 0x2c; // ,
      u = putBytes(buf, u, this.spanIds.get(keys, 1, makeSpanId));
      u = writeJsonNumber(buf, u, s.start);
      u = putBytes(buf, u, SPAN_END);
      u = writeJsonNumber(buf, u, s.end);
      buf[u++] = 0x7d; // }
    }
    u = this.proxiesAndGroup(r, buf, u);
    u = writeJsonNumber(buf, u, r.age);
    keys[0] = r.city;
    u = putBytes(buf, u, this.cities.get(keys, 1, makeCity));
    u = writeJsonString(buf, u, r.contact);
    u = putBytes(buf, u, OPERATOR);
    u = writeJsonString(buf, u, r.operatorId);
    this.provenance(r.generatorVersion, r.seed, r.scenarioHash);
    keys[0] = r.postedAt;
    if (r.twinOf === null) return putBytes(buf, u, this.originalTails.get(keys, 1, this.makeOriginalTail));
    u = putBytes(buf, u, this.dates.get(keys, 1, makeDate));
    u = putBytes(buf, u, TWIN);
    u = writeJsonString(buf, u, r.twinOf);
    return putBytes(buf, u, this.tail);
  }

  /** `],"proxies":{...},"group":"g","age":`, from the cache when the record has only declared proxies. */
  private proxiesAndGroup(r: AdRecord, buf: Buffer, at: number): number {
    const proxies = r.proxies;
    const order = this.order;
    const keys = this.keys;
    let declared = 0;
    for (let i = 0; i < order.length; i++) {
      const v = proxies[order[i] as string];
      keys[i] = v;
      if (v !== undefined) declared++;
    }
    let total = 0;
    for (const _ in proxies) total++;
    if (total === declared) {
      keys[order.length] = r.group;
      return putBytes(buf, at, this.proxyGroups.get(keys, order.length + 1, this.makeProxyGroup));
    }
    return at + buf.write(this.proxyGroupText(proxies, r.group), at);
  }

  private readonly makeHead = (): Uint8Array => {
    const r = this.record as AdRecord;
    return utf8(`,"label":${r.label},"observedLabel":${r.observedLabel},"posterType":${quoteJson(r.posterType)},"category":${quoteJson(r.category)},"indicators":[`);
  };

  private readonly makeProxyGroup = (): Uint8Array => {
    const r = this.record as AdRecord;
    return utf8(this.proxyGroupText(r.proxies, r.group));
  };

  private readonly makeOriginalTail = (): Uint8Array => utf8(`,"postedAt":${quoteJson((this.record as AdRecord).postedAt)},"twinOf":null${this.tailText}`);

  /** The proxies (declared ones first, in order; others sorted) and the group, as text (well-formed: every string through `quoteJson`). */
  private proxyGroupText(proxies: ProxyAttributes, group: string): string {
    const items: string[] = [];
    for (const name of this.order) if (proxies[name] !== undefined) items.push(`${quoteJson(name)}:${quoteJson(proxies[name])}`);
    for (const name of Object.keys(proxies).sort()) if (!this.order.includes(name)) items.push(`${quoteJson(name)}:${quoteJson(proxies[name] as string)}`);
    return `],"proxies":{${items.join(',')}},"group":${quoteJson(group)},"age":`;
  }

  private provenance(version: string, seed: number, hash: string): void {
    if (version === this.tailVersion && seed === this.tailSeed && hash === this.tailHash) return;
    this.tailVersion = version;
    this.tailSeed = seed;
    this.tailHash = hash;
    this.tailText = `,"synthetic":true,"generatorVersion":${quoteJson(version)},"seed":${JSON.stringify(seed)},"scenarioHash":${quoteJson(hash)}}\n`;
    this.tail = utf8(this.tailText);
    this.originalTails.clear();
  }

  /** One record as a JSON line (with the trailing `\n`). The record must be valid (see `assertRecord`). */
  encode(r: AdRecord): string {
    const buf = Buffer.allocUnsafe(this.maxBytes(r));
    return buf.toString('utf8', 0, this.encodeInto(r, buf, 0));
  }
}

function makeSpanId(keys: ReadonlyArray<string | undefined>): Uint8Array {
  return utf8(`{"id":${quoteJson(keys[0] as string)},"start":`);
}

function makeCity(keys: ReadonlyArray<string | undefined>): Uint8Array {
  return utf8(`,"city":${quoteJson(keys[0] as string)},"contact":`);
}

function makeDate(keys: ReadonlyArray<string | undefined>): Uint8Array {
  return utf8(`,"postedAt":${quoteJson(keys[0] as string)}`);
}

const SPAN_KEYS = ['id', 'start', 'end'];

/**
 * True when `JSON.stringify(r)` gives exactly the encoder's bytes: a well-formed plain record
 * whose keys, span keys and proxy keys come in the encoder's order (`order` for the proxies), with
 * no `toJSON` to call on the way.
 */
function encodesLikeStringify(r: unknown, order: readonly string[]): r is AdRecord {
  if (!isPlain(r, Object.prototype) || !isWellFormed(r as Record<string, unknown>)) return false;
  const rec = r as AdRecord;
  let i = 0;
  for (const k in rec) if (k !== RECORD_FIELDS[i++]) return false;
  const spans = rec.indicators;
  if (!isPlain(spans, Array.prototype)) return false;
  for (let s = 0; s < spans.length; s++) {
    const span = spans[s] as IndicatorSpan;
    if (!isPlain(span, Object.prototype)) return false;
    let j = 0;
    for (const k in span) if (k !== SPAN_KEYS[j++]) return false;
  }
  if (!isPlain(rec.proxies, Object.prototype)) return false;
  let j = 0;
  for (const k in rec.proxies) if (k !== order[j++]) return false;
  return j === order.length;
}

/** An object with the given prototype and no `toJSON` of its own (which `JSON.stringify` would call). */
function isPlain(x: unknown, proto: object): boolean {
  return typeof x === 'object' && x !== null && Object.getPrototypeOf(x) === proto && (x as { toJSON?: unknown }).toJSON === undefined;
}

/**
 * Feeds `records` as JSON lines, each exactly the UTF-8 bytes of `JSON.stringify(record) + '\n'`,
 * to `sink` in chunks of about `chunkBytes` (a chunk is only valid during the call: copy it or
 * use it at once, as a hash's `update` does). Records as the generator makes them go through the
 * dataset writer's JSON line byte encoder, several times faster; any other value through
 * `JSON.stringify`, so the bytes never depend on the path. The encoder's path expects proxies in
 * the first record's key order.
 */
export function streamJsonLines(records: readonly unknown[], sink: (chunk: Uint8Array) => void, chunkBytes = 1 << 20): void {
  const first = records[0] as { proxies?: unknown } | undefined;
  const proxies = typeof first === 'object' && first !== null ? first.proxies : undefined;
  const order = typeof proxies === 'object' && proxies !== null ? Object.keys(proxies) : [];
  const encoder = new JsonLineEncoder(order);
  let buf = Buffer.allocUnsafe(chunkBytes);
  let used = 0;
  const room = (bytes: number): void => {
    if (used + bytes <= buf.length) return;
    if (used > 0) sink(buf.subarray(0, used));
    used = 0;
    if (bytes > buf.length) buf = Buffer.allocUnsafe(bytes);
  };
  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    if (encodesLikeStringify(r, order)) {
      room(encoder.maxBytes(r));
      used = encoder.encodeInto(r, buf, used);
    } else {
      const line = `${JSON.stringify(r)}\n`;
      room(3 * line.length);
      used += buf.write(line, used);
    }
  }
  if (used > 0) sink(buf.subarray(0, used));
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
