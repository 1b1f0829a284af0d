/**
 * Writing JSON straight into a byte buffer as UTF-8, with the bytes `JSON.stringify` would
 * give, and no intermediate strings: the building blocks of the JSON Lines encoder. Each writer
 * takes the buffer and an offset and returns the offset after what it wrote; the caller makes
 * sure there is room (a UTF-16 code unit takes at most 6 bytes in JSON: `\uXXXX`). Long runs go
 * through native copies (`Buffer.write`, `Uint8Array.set`): per-byte loops in JavaScript cost
 * several times more.
 */

/** Characters `JSON.stringify` always escapes: a quote, a backslash, a control character. */
const NEEDS_ESCAPE = /["\\\u0000-\u001f]/;

/** `String.prototype.isWellFormed` (Node 20+; not yet in TypeScript's ES2022 library). */
type WellFormed = { isWellFormed(): boolean };

/**
 * True when `JSON.stringify(s)` is not just `s` in quotes: besides quotes, backslashes and control
 * characters, it escapes lone surrogates (but not paired ones, such as emoji).
 */
function needsEscape(s: string): boolean {
  return NEEDS_ESCAPE.test(s) || !(s as unknown as WellFormed).isWellFormed();
}

/** A string as JSON, identical to `JSON.stringify(s)`, without the call for plain strings. */
export function quoteJson(s: string): string {
  return needsEscape(s) ? JSON.stringify(s) : `"${s}"`;
}

/** Strings at least this long are checked by a regular expression and written by the native UTF-8 writer. */
const NATIVE_FROM = 24;

/** Writes `s` as a JSON string (quotes included) at `at`; returns the offset after it. Needs `6 * s.length + 2` bytes free. */
export function writeJsonString(buf: Buffer, at: number, s: string): number {
  const n = s.length;
  if (n >= NATIVE_FROM) {
    // a well-formed string without characters to escape is its own JSON, in quotes
    if (needsEscape(s)) return at + buf.write(JSON.stringify(s), at);
    buf[at] = 0x22;
    const u = at + 1 + buf.write(s, at + 1);
    buf[u] = 0x22;
    return u + 1;
  }
  buf[at] = 0x22;
  let u = at + 1;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    // anything but printable ASCII without quotes and backslashes: the general case
    if (c < 0x20 || c > 0x7e || c === 0x22 || c === 0x5c) return at + buf.write(JSON.stringify(s), at);
    buf[u++] = c;
  }
  buf[u] = 0x22;
  return u + 1;
}

/** Writes a number as `JSON.stringify` does (digits by hand for the unsigned 32-bit integers records carry). */
export function writeJsonNumber(buf: Buffer, at: number, x: number): number {
  if (!(x >= 0 && x <= 0xffffffff && Math.floor(x) === x)) return at + buf.write(JSON.stringify(x), at, 'latin1');
  if (x < 10) {
    buf[at] = 0x30 + x;
    return at + 1;
  }
  let digits = 1;
  for (let m = x; m >= 10; m = Math.floor(m / 10)) digits++;
  let i = at + digits;
  for (let m = x; m > 0; m = Math.floor(m / 10)) buf[--i] = 0x30 + (m % 10);
  return at + digits;
}

/** Copies a run of bytes to `buf` at `at`; returns the offset after it. */
export function putBytes(buf: Buffer, at: number, bytes: Uint8Array): number {
  buf.set(bytes, at);
  return at + bytes.length;
}

/** UTF-8 bytes of a string. */
export function utf8(s: string): Uint8Array {
  return Buffer.from(s, 'utf8');
}

/** Most byte runs a {@link ByteTree} keeps (beyond that, runs are made afresh each time). */
const MAX_CACHED = 4096;

type Node = Map<string | undefined, Node | Uint8Array>;

/**
 * Byte runs cached by a short sequence of keys, through nested maps, so that a look-up by
 * strings the caller already holds builds no key string.
 */
export class ByteTree {
  private root: Node = new Map();
  private size = 0;

  /** The run for `keys[0..n)`, made by `make(keys)` the first time (and every time once the cache is full). */
  get(keys: ReadonlyArray<string | undefined>, n: number, make: (keys: ReadonlyArray<string | undefined>) => Uint8Array): Uint8Array {
    let node = this.root;
    for (let i = 0; i < n - 1; i++) {
      let next = node.get(keys[i]) as Node | undefined;
      if (next === undefined) {
        if (this.size >= MAX_CACHED) return make(keys);
        next = new Map();
        node.set(keys[i], next);
      }
      node = next;
    }
    let bytes = node.get(keys[n - 1]) as Uint8Array | undefined;
    if (bytes === undefined) {
      bytes = make(keys);
      if (this.size < MAX_CACHED) {
        node.set(keys[n - 1], bytes);
        this.size++;
      }
    }
    return bytes;
  }

  /** Forgets every run. */
  clear(): void {
    this.root = new Map();
    this.size = 0;
  }
}
