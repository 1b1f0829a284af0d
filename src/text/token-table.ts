/**
 * A string-to-index table that is probed with a range of a larger string, so that looking up a
 * token needs no token string. Open addressing on `hash32` of the token's characters. Internal
 * to the text stage.
 */
import { fmix32 } from '../random.js';
import { digitCount } from './contacts.js';
import type { RangeLookup } from './token-ranges.js';

/** `hash32(s.slice(start, end))` of random.ts (FNV-1a with a murmur3 finaliser), without the slice. */
export function hashRange(s: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

/** Placeholder of the growable fields of {@link TokenTable} (see its constructor). */
const EMPTY_INT32 = new Int32Array(0);

/**
 * Token strings to their index in the order added, probed by ranges of other strings. When a
 * vocabulary is fitted, a token's string is made only the first time it is seen
 * ({@link TokenTable.add}).
 */
export class TokenTable implements RangeLookup {
  // The fields that change when the table grows are first set to a placeholder, then to their
  // real value in the constructor. V8 treats a field stored only once as a constant, and when it
  // is first reassigned it throws away the optimized code that relied on that: here the first
  // growth (at 1024 tokens) came after the tokenizer had been optimized, so every thread
  // compiled the tokenizer twice. Storing twice up front makes the fields variable from the start.
  /** `digitCount` (contacts.ts) of each key, by key index. */
  digits = EMPTY_INT32;
  /** The keys, by index. */
  readonly keys: string[] = [];
  private slots = EMPTY_INT32;
  private mask = 0;
  private keyHash = EMPTY_INT32;
  private keyStart = EMPTY_INT32;
  private keyLength = EMPTY_INT32;
  /** The keys' UTF-16 code units, one after another. */
  private pool = new Uint16Array(0);
  private poolUsed = 0;

  constructor() {
    this.digits = new Int32Array(1024);
    this.slots = new Int32Array(2048);
    this.mask = 2047;
    this.keyHash = new Int32Array(1024);
    this.keyStart = new Int32Array(1024);
    this.keyLength = new Int32Array(1024);
    this.pool = new Uint16Array(8192);
  }

  /** The key index of the token `s[start, end)` whose {@link hashRange} is `hash`, or -1 when absent. */
  get(s: string, start: number, end: number, hash: number): number {
    const slots = this.slots;
    const mask = this.mask;
    const len = end - start;
    const h = hash | 0;
    let slot = hash & mask;
    for (;;) {
      const e = slots[slot] as number;
      if (e === 0) return -1;
      const k = e - 1;
      if (this.keyHash[k] === h && this.keyLength[k] === len) {
        const pool = this.pool;
        let p = this.keyStart[k] as number;
        let i = start;
        while (i < end && pool[p] === s.charCodeAt(i)) {
          i++;
          p++;
        }
        if (i === end) return k;
      }
      slot = (slot + 1) & mask;
    }
  }

  /** Adds the token `s[start, end)` (absent, with {@link hashRange} `hash`) and returns its key index. */
  add(s: string, start: number, end: number, hash: number = hashRange(s, start, end)): number {
    const k = this.keys.length;
    const key = s.slice(start, end);
    this.keys.push(key);
    if (k === this.keyHash.length) {
      this.keyHash = grow(this.keyHash, k * 2);
      this.keyStart = grow(this.keyStart, k * 2);
      this.keyLength = grow(this.keyLength, k * 2);
      this.digits = grow(this.digits, k * 2);
    }
    if (this.poolUsed + key.length > this.pool.length) {
      const pool = new Uint16Array(Math.max(this.pool.length * 2, this.poolUsed + key.length));
      pool.set(this.pool);
      this.pool = pool;
    }
    for (let c = 0; c < key.length; c++) this.pool[this.poolUsed + c] = key.charCodeAt(c);
    this.keyStart[k] = this.poolUsed;
    this.keyLength[k] = key.length;
    this.poolUsed += key.length;
    this.keyHash[k] = hash | 0;
    this.digits[k] = digitCount(key);
    if ((k + 1) * 2 > this.mask) this.rehash();
    else this.place(k);
    return k;
  }

  private place(k: number): void {
    let slot = (this.keyHash[k] as number) & this.mask;
    while (this.slots[slot] !== 0) slot = (slot + 1) & this.mask;
    this.slots[slot] = k + 1;
  }

  private rehash(): void {
    const cap = (this.mask + 1) * 2;
    this.slots = new Int32Array(cap);
    this.mask = cap - 1;
    for (let k = 0; k < this.keys.length; k++) this.place(k);
  }
}

function grow(a: Int32Array, cap: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(cap);
  b.set(a);
  return b;
}
