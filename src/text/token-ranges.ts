/**
 * The tokenizer on positions: the same tokens as `tokenizeFast` (and so as `tokenize`), given as
 * `[start, end)` ranges into the masked, lower-cased text instead of as strings, with the number
 * masking of `contacts.ts` (`maskNumberRunsInPlace`) done on those ranges. Every token of the
 * tokenizer is a substring of that text, or a placeholder that masking puts in place of a run
 * of tokens, so nothing is lost; the featurizer hashes or looks up each range without building
 * a string per token. Internal to the text stage.
 */
import { MIN_PHONE_DIGITS, allDigitsIn, digitCountIn, maskContacts } from './contacts.js';
import { TOKEN_PATTERN } from './tokenize.js';
import { fmix32 } from '../random.js';
import { hashRange } from './token-table.js';

/** Token kinds after masking: a range of the text, or a placeholder put in place of digits. */
export const RANGE = 0;
/** Kind of a `<phone>` put in place of a run of digit-like tokens. */
export const MASK_PHONE = 1;
/** Kind of a `<phone-obscured>` put in place of a run of digit-like tokens. */
export const MASK_PHONE_OBSCURED = 2;
/** Kind of a `<num>` put in place of an all-digit token of 4 or more digits. */
export const MASK_NUM = 3;

const ALNUM = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)) ALNUM[c] = 1;
}
const PLACEHOLDER_TEXTS = ['<phone-obscured>', '<phone>', '<email>', '<url>', '<num>'];
const STICKY = new RegExp(TOKEN_PATTERN.source, 'uy');
const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;
const HASH_DOLLAR = hashRange('$', 0, 1) | 0;

/** Looks tokens up by range (see token-table.ts): a key index or -1, and the digit count of each key. */
export interface RangeLookup {
  /** Key index of the token `s[start, end)` whose `hashRange` is `hash`, or -1. */
  get(s: string, start: number, end: number, hash: number): number;
  /** `digitCount` of each key, by key index. */
  readonly digits: Int32Array;
}

/** Tokens of one text as ranges; reused from text to text (grows as needed). */
export class TokenRanges {
  /** The masked (and lower-cased) text the ranges point into. */
  text = '';
  /** Number of tokens after masking. */
  count = 0;
  /** Token kind after masking: {@link RANGE} or one of the mask kinds. */
  kind = new Uint8Array(256);
  /**
   * Value of each token after masking ({@link RANGE} tokens): its key index in the lookup
   * (-1 when unknown), or its `hash32` when tokenized without a lookup.
   */
  value = new Int32Array(256);
  /** Start of each {@link RANGE} token in `text` (after masking, like `kind`). */
  start = new Int32Array(256);
  /** End (exclusive) of each {@link RANGE} token in `text`. */
  end = new Int32Array(256);
  /** `hash32` of each {@link RANGE} token. */
  hash = new Int32Array(256);

  private ensure(n: number): void {
    if (this.start.length >= n) return;
    const cap = Math.max(n, this.start.length * 2);
    this.kind = new Uint8Array(cap);
    this.value = new Int32Array(cap);
    this.start = new Int32Array(cap);
    this.end = new Int32Array(cap);
    this.hash = new Int32Array(cap);
  }

  /**
   * Tokenizes `raw` (contacts masked, optionally lower-cased, numbers masked) and sets `count`,
   * `kind` and `value`: key indices in `lookup`, or token hashes when `lookup` is null.
   */
  tokenize(raw: string, lowercase: boolean, lookup: RangeLookup | null): void {
    let s: string;
    let n: number;
    if (lowercase) {
      // Most ads hold no contact: scan the lower-cased text as it is, noting on the way whether
      // it has what every contact mask needs (see mayContainContact in contacts.ts); only then
      // mask contacts and scan again.
      s = raw.toLowerCase();
      this.ensure(s.length + 1);
      n = scanRanges(s, this.start, this.end, this.hash);
      if (n < 0) {
        s = maskContacts(raw).toLowerCase();
        this.ensure(s.length + 1);
        n = scanRanges(s, this.start, this.end, this.hash);
        if (n < 0) n = -1 - n;
      }
    } else {
      s = maskContacts(raw);
      this.ensure(s.length + 1);
      n = scanRanges(s, this.start, this.end, this.hash);
      if (n < 0) n = -1 - n;
    }
    this.text = s;
    const value = this.value;
    const hash = this.hash;
    if (lookup === null) {
      for (let k = 0; k < n; k++) value[k] = hash[k] as number;
    } else {
      const st = this.start;
      const en = this.end;
      for (let k = 0; k < n; k++) value[k] = lookup.get(s, st[k] as number, en[k] as number, hash[k] as number);
    }
    this.count = this.maskNumbers(s, n, lookup);
  }

  /** `digitCount` of token k: from the lookup for known tokens, else from its characters. */
  private digits(s: string, k: number, lookup: RangeLookup | null): number {
    const v = this.value[k] as number;
    if (lookup !== null && v >= 0) return lookup.digits[v] as number;
    return digitCountIn(s, this.start[k] as number, this.end[k] as number);
  }

  /** Moves token `from` to position `to` (`to <= from`). */
  private move(to: number, from: number, kind: number): void {
    this.kind[to] = kind;
    this.value[to] = this.value[from] as number;
    if (to === from) return;
    this.start[to] = this.start[from] as number;
    this.end[to] = this.end[from] as number;
    this.hash[to] = this.hash[from] as number;
  }

  /** `maskNumberRunsInPlace` on the first `n` tokens (compacting every per-token array); returns the new count. */
  private maskNumbers(s: string, n: number, lookup: RangeLookup | null): number {
    const st = this.start;
    const en = this.end;
    const kind = this.kind;
    let w = 0;
    let i = 0;
    while (i < n) {
      const d = this.digits(s, i, lookup);
      if (d === 0) {
        this.move(w++, i, RANGE);
        i++;
        continue;
      }
      let j = i + 1;
      let total = d;
      let next = 0;
      while (j < n && (next = this.digits(s, j, lookup)) > 0) {
        total += next;
        j++;
      }
      // tokens are read at indices >= i only, and written at w <= the index read: nothing
      // is overwritten before it is read
      if (total >= MIN_PHONE_DIGITS) {
        kind[w++] = this.obscured(s, i, j) ? MASK_PHONE_OBSCURED : MASK_PHONE;
      } else {
        for (let k = i; k < j; k++) {
          const ka = st[k] as number;
          const kb = en[k] as number;
          this.move(w++, k, kb - ka >= 4 && allDigitsIn(s, ka, kb) ? MASK_NUM : RANGE);
        }
      }
      if (j < n) this.move(w++, j, RANGE);
      i = j + 1;
    }
    return w;
  }

  /** `isObscuredPhoneRun` of contacts.ts on tokens `[i, j)`. */
  private obscured(s: string, i: number, j: number): boolean {
    if (j - i > 4) return true;
    for (let k = i; k < j; k++) {
      const a = this.start[k] as number;
      const b = this.end[k] as number;
      if (!allDigitsIn(s, a, b)) return true;
      if (b - a <= 2 && !(k === i && b - a === 1 && s.charCodeAt(a) === 49 && j - i > 1)) return true;
    }
    return false;
  }
}

/** JavaScript's `\s` (WhiteSpace and LineTerminator) or a bracket `()[]{}`. */
function isSpaceOrBracket(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13) || c === 40 || c === 41 || c === 91 || c === 93 || c === 123 || c === 125;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/**
 * Writes the ranges of `s.match(TOKEN_PATTERN)` into `starts`/`ends`, and their `hash32` into
 * `hashes` (each array at least `s.length` long), and returns their number `m`, or `-1 - m` when `s` (lower case) may hold a
 * contact: the test of `mayContainContact` in contacts.ts (`://`, `www.`, a dot before a
 * letter, or the word `at` / `dot` between spaces or brackets), done on the way. Same scanner
 * as `scanTokens` in tokenize.ts.
 */
function scanRanges(s: string, starts: Int32Array, ends: Int32Array, hashes: Int32Array): number {
  const n = s.length;
  let m = 0;
  let i = 0;
  let suspect = false;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c < 128 && ALNUM[c] === 1) {
      // an ASCII word; its hash32 (FNV-1a, finalised below) is computed on the way
      const start = i++;
      let h = Math.imul(FNV_OFFSET ^ c, FNV_PRIME);
      let d = 0;
      while (i < n && (d = s.charCodeAt(i)) < 128 && (ALNUM[d] === 1 || d === 95)) {
        h = Math.imul(h ^ d, FNV_PRIME);
        i++;
      }
      while (i + 1 < n && s.charCodeAt(i) === 39) {
        const e = s.charCodeAt(i + 1);
        if (e >= 128 || ALNUM[e] !== 1) break;
        h = Math.imul(Math.imul(h ^ 39, FNV_PRIME) ^ e, FNV_PRIME);
        i += 2;
        while (i < n && (d = s.charCodeAt(i)) < 128 && ALNUM[d] === 1) {
          h = Math.imul(h ^ d, FNV_PRIME);
          i++;
        }
      }
      if (i < n && (s.charCodeAt(i) >= 128 || (s.charCodeAt(i) === 39 && i + 1 < n && s.charCodeAt(i + 1) >= 128))) {
        // a non-ASCII letter, mark, digit or ’ may continue the word: the pattern decides
        STICKY.lastIndex = start;
        STICKY.exec(s);
        i = STICKY.lastIndex;
        hashes[m] = hashRange(s, start, i);
      } else {
        hashes[m] = fmix32(h);
      }
      starts[m] = start;
      ends[m++] = i;
      const len = i - start;
      if (
        (len === 2 || len === 3) &&
        ((len === 2 && c === 97 && s.charCodeAt(start + 1) === 116) ||
          (len === 3 && c === 100 && s.charCodeAt(start + 1) === 111 && s.charCodeAt(start + 2) === 116)) &&
        (start === 0 || isSpaceOrBracket(s.charCodeAt(start - 1))) &&
        (i === n || isSpaceOrBracket(s.charCodeAt(i)))
      ) {
        suspect = true;
      }
      continue;
    }
    if (c >= 128) {
      STICKY.lastIndex = i;
      if (STICKY.exec(s) !== null) {
        starts[m] = i;
        hashes[m] = hashRange(s, i, STICKY.lastIndex);
        i = STICKY.lastIndex;
        ends[m++] = i;
      } else {
        const surrogatePair = c >= 0xd800 && c <= 0xdbff && i + 1 < n && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
        i += surrogatePair ? 2 : 1;
      }
      continue;
    }
    if (c === 46) {
      // a dot before a letter (`.com`), or `www.`
      const e = i + 1 < n ? s.charCodeAt(i + 1) : 0;
      if ((e >= 97 && e <= 122) || (i >= 3 && s.startsWith('www', i - 3))) suspect = true;
    } else if (c === 58) {
      if (s.startsWith('//', i + 1)) suspect = true;
    } else if (c === 36) {
      starts[m] = i;
      hashes[m] = HASH_DOLLAR;
      ends[m++] = i + 1;
    } else if (c === 60 && i + 4 < n) {
      const p = placeholderAt(s, i);
      if (p > 0) {
        starts[m] = i;
        hashes[m] = hashRange(s, i, i + p);
        ends[m++] = i + p;
        i += p;
        continue;
      }
    }
    i++;
  }
  return suspect ? -1 - m : m;
}

/** Length of the placeholder text starting at `i` (first match in PLACEHOLDER_TEXTS order), or 0. */
function placeholderAt(s: string, i: number): number {
  for (const p of PLACEHOLDER_TEXTS) if (s.startsWith(p, i)) return p.length;
  return 0;
}
