/**
 * Contact masking: the rules that replace phone numbers, email addresses and links in ad text
 * with placeholder tokens, so that no model, vocabulary or saved featurizer ever memorises a
 * contact. Ads of one operation share a phone; a model that learnt the number itself would
 * score on identity rather than on language, and would store a (fictional) contact on disk.
 *
 * Two passes:
 * 1. On the raw text, one compiled regular expression replaces emails (`name@host.tld`, and the
 *    obscured forms `name at host dot com`, `name (at) host [dot] com`) by {@link EMAIL_TOKEN} and
 *    links (`http(s)://...`, `www....`, bare `host.com/...`, obscured `host dot com`) by
 *    {@link URL_TOKEN}.
 * 2. On the token stream, {@link maskNumberRuns} replaces every maximal run of adjacent
 *    digit-like tokens that together spell 7 or more digits by one {@link PHONE_TOKEN}. A
 *    digit-like token mixes digits, spelled digits and look-alike letters (see
 *    {@link digitCount}), so `five 5 five - 0 one 2 3`, `312 five5five 01four2` and
 *    `(3l2) 555-O142` are all caught. A plainly written number (`212-555-0142`,
 *    `+1 (212) 555 0142`, `2125550142`) becomes `<phone>`; one written with any obfuscation
 *    becomes {@link PHONE_OBSCURED_TOKEN} (see {@link isObscuredPhoneRun}).
 *    Any remaining all-digit token of 4 or more digits becomes {@link NUMBER_TOKEN}.
 */

/** Placeholder token for a phone number. */
export const PHONE_TOKEN = '<phone>';
/**
 * Placeholder token for a phone number written to defeat scrapers: spelled-out digits (`five`),
 * look-alike letters (`O` for 0, `l` for 1) or unusual spacing (digits in groups of one or two,
 * more than four groups). See {@link isObscuredPhoneRun}.
 */
export const PHONE_OBSCURED_TOKEN = '<phone-obscured>';
/** Placeholder token for an email address. */
export const EMAIL_TOKEN = '<email>';
/** Placeholder token for a link or bare domain name. */
export const URL_TOKEN = '<url>';
/** Placeholder token for any other run of 4 or more digits (a possible contact fragment). */
export const NUMBER_TOKEN = '<num>';

/** All placeholder tokens, in a fixed order. */
export const PLACEHOLDER_TOKENS: readonly string[] = [
  PHONE_TOKEN,
  PHONE_OBSCURED_TOKEN,
  EMAIL_TOKEN,
  URL_TOKEN,
  NUMBER_TOKEN,
];

/** Minimum number of digits a run of digit-like tokens must spell to count as a phone number. */
export const MIN_PHONE_DIGITS = 7;

const TLD = '(?:com|org|net|edu|gov|io|co|info|biz|me|us|uk|ca|xyz|app|site|online)';
const DOT = '(?:\\s*(?:\\(dot\\)|\\[dot\\]|\\{dot\\})\\s*|\\s+dot\\s+)';
const AT = '(?:\\s*(?:\\(at\\)|\\[at\\]|\\{at\\})\\s*|\\s+at\\s+)';
const LABEL = '[a-z0-9](?:[a-z0-9_-]*[a-z0-9])?';

// Each pattern is compiled once, starts at a word boundary (so a failed match costs one scan of
// a word, not one per character) and runs only when a cheap test shows it could match.
const EMAIL_PLAIN = new RegExp(`\\b[a-z0-9._%+-]+@${LABEL}(?:\\.${LABEL})*\\.[a-z]{2,}\\b`, 'gi');
const EMAIL_OBSCURED = new RegExp(
  `\\b[a-z0-9._%+-]+${AT}${LABEL}(?:(?:\\.|${DOT})${LABEL})*(?:\\.|${DOT})${TLD}\\b`,
  'gi',
);
const LINK_SCHEME = /\b(?:https?:\/\/|www\.)[^\s<>"]+/gi;
const LINK_BARE = new RegExp(`\\b${LABEL}(?:\\.${LABEL})*\\.${TLD}\\b(?:\\/[^\\s<>"]*)?`, 'gi');
const LINK_OBSCURED = new RegExp(`\\b${LABEL}${DOT}${TLD}\\b`, 'gi');
const HAS_AT_WORD = /\sat\s|[([{]at[)\]}]/i;
const HAS_DOT_WORD = /\sdot\s|[([{]dot[)\]}]/i;
const HAS_TLD = new RegExp(`\\.${TLD}\\b`, 'i');
// one scan that rules out every pattern but the plain email (which needs '@')
const MAY_HAVE_CONTACT = new RegExp(`\\sat\\s|\\sdot\\s|[([{](?:at|dot)[)\\]}]|\\.${TLD}\\b|:\\/\\/|www\\.`, 'i');
const SEP_EMAIL = ` ${EMAIL_TOKEN} `;
const SEP_URL = ` ${URL_TOKEN} `;

/** Replaces emails and links in raw text by ` <email> ` / ` <url> `. Phones are handled on tokens. */
export function maskContacts(text: string): string {
  let s = text;
  if (s.includes('@')) s = s.replace(EMAIL_PLAIN, SEP_EMAIL);
  if (!MAY_HAVE_CONTACT.test(s)) return s;
  const dotWord = HAS_DOT_WORD.test(s);
  if (HAS_AT_WORD.test(s) && (dotWord || HAS_TLD.test(s))) s = s.replace(EMAIL_OBSCURED, SEP_EMAIL);
  if (s.includes('://') || s.includes('www.') || s.includes('WWW.')) s = s.replace(LINK_SCHEME, SEP_URL);
  if (HAS_TLD.test(s)) s = s.replace(LINK_BARE, SEP_URL);
  if (dotWord) s = s.replace(LINK_OBSCURED, SEP_URL);
  return s;
}

const DIGIT_WORD_LIST = ['zero', 'oh', 'o', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

// first characters a digit-like token can start with: digits, look-alikes, first letters of digit words
const MAY_BE_DIGIT = new Uint8Array(128);
for (const ch of '0123456789lI' + DIGIT_WORD_LIST.map((w) => w[0]!).join('')) {
  MAY_BE_DIGIT[ch.charCodeAt(0)] = 1;
  MAY_BE_DIGIT[ch.toUpperCase().charCodeAt(0)] = 1;
}
// digit words by their first letter (ASCII code), longest first so "oh" wins over the look-alike "o"
const DIGIT_WORDS_BY_INITIAL: ReadonlyArray<readonly string[] | undefined> = (() => {
  const table: string[][] = [];
  for (const w of DIGIT_WORD_LIST.filter((x) => x.length > 1).sort((a, b) => b.length - a.length)) {
    (table[w.charCodeAt(0)] ??= []).push(w);
  }
  return table;
})();

/** Length of the digit word starting at `i` in `s`, ending by `end` (ASCII case-insensitive), or 0. */
function digitWordAt(s: string, i: number, end: number): number {
  const words = DIGIT_WORDS_BY_INITIAL[s.charCodeAt(i) | 0x20];
  if (words === undefined) return 0;
  for (const w of words) {
    if (i + w.length > end) continue;
    let k = 1;
    while (k < w.length && (s.charCodeAt(i + k) | 0x20) === w.charCodeAt(k)) k++;
    if (k === w.length) return k;
  }
  return 0;
}

/**
 * Number of digits a token spells, or 0 when it is not digit-like. A digit-like token is a
 * concatenation of digits (`555`), spelled digits (`five`, `oh`, `zero`, any case) and look-alike
 * letters (`o`/`O` for 0; `l`/`I`/`i` for 1 only next to a real digit), e.g. `five5five`, `01four2`,
 * `3l2`, `O142`. A lone `o` counts as one digit; tokens of look-alike letters only (`lol`, `oo`)
 * do not.
 */
export function digitCount(token: string): number {
  return digitCountIn(token, 0, token.length);
}

/** {@link digitCount} of the token `s[start, end)`, without slicing it. Internal to the text stage. */
export function digitCountIn(s: string, start: number, end: number): number {
  const n = end - start;
  if (n <= 0) return 0;
  const c0 = s.charCodeAt(start);
  if (c0 >= 128 || MAY_BE_DIGIT[c0] === 0) return 0;
  let digits = 0;
  let real = 0;
  let words = 0;
  let ones = 0;
  let i = start;
  while (i < end) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      digits++;
      real++;
      i++;
      continue;
    }
    const w = digitWordAt(s, i, end);
    if (w > 0) {
      digits++;
      words++;
      i += w;
    } else if (c === 111 || c === 79) {
      digits++; // o / O for zero
      i++;
    } else if (c === 108 || c === 73 || c === 105) {
      digits++; // l / I (i once lower-cased) for one
      ones++;
      i++;
    } else {
      return 0;
    }
  }
  if (real === 0) {
    if (ones > 0) return 0;
    if (words === 0) return n === 1 ? 1 : 0;
  }
  return digits;
}

/** Whether `s[start, end)` is non-empty and all ASCII digits. Internal to the text stage. */
export function allDigitsIn(s: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return end > start;
}

function isAllDigits(token: string): boolean {
  return allDigitsIn(token, 0, token.length);
}

/** Most digit groups a plainly written phone number has (`+1 212 555 0142`). */
const MAX_PLAIN_GROUPS = 4;

/**
 * Whether the phone number spelled by `tokens[start .. end)` (a run of digit-like tokens) was
 * written with obfuscation: any token that is not all digits (spelled digits, look-alike
 * letters), more than four groups, or a group of one or two digits other than a leading
 * country code `1` (spacing tricks like `2 1 2 - 5 5 5`). Separators between tokens are not
 * seen here (the tokenizer drops them), so `212*555*0142` counts as plain.
 */
export function isObscuredPhoneRun(tokens: readonly string[], start: number, end: number): boolean {
  if (end - start > MAX_PLAIN_GROUPS) return true;
  for (let k = start; k < end; k++) {
    const t = tokens[k] as string;
    if (!isAllDigits(t)) return true;
    if (t.length <= 2 && !(k === start && t === '1' && end - start > 1)) return true;
  }
  return false;
}

/**
 * Replaces each maximal run of adjacent digit-like tokens spelling at least
 * {@link MIN_PHONE_DIGITS} digits by one `<phone>` or `<phone-obscured>` token, and each remaining all-digit token of
 * 4+ digits by `<num>`. Returns a new array (the input is not changed).
 */
export function maskNumberRuns(tokens: readonly string[]): string[] {
  return maskNumberRunsInPlace([...tokens]);
}

/** {@link maskNumberRuns} that compacts `tokens` in place and returns it (no allocation). */
export function maskNumberRunsInPlace(tokens: string[]): string[] {
  const n = tokens.length;
  let w = 0;
  let i = 0;
  while (i < n) {
    const t = tokens[i] as string;
    const d = digitCount(t);
    if (d === 0) {
      tokens[w++] = t;
      i++;
      continue;
    }
    let j = i + 1;
    let total = d;
    let next = 0;
    while (j < n && (next = digitCount(tokens[j] as string)) > 0) {
      total += next;
      j++;
    }
    if (total >= MIN_PHONE_DIGITS) {
      tokens[w++] = isObscuredPhoneRun(tokens, i, j) ? PHONE_OBSCURED_TOKEN : PHONE_TOKEN;
    } else {
      for (let k = i; k < j; k++) {
        const tk = tokens[k] as string;
        tokens[w++] = tk.length >= 4 && isAllDigits(tk) ? NUMBER_TOKEN : tk;
      }
    }
    // tokens[j] (if any) is not digit-like: copy it now rather than re-testing it
    if (j < n) tokens[w++] = tokens[j] as string;
    i = j + 1;
  }
  tokens.length = w;
  return tokens;
}

/** JavaScript's `\s` (WhiteSpace and LineTerminator) or an opening/closing bracket. */
function isSpaceOrBracket(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13) || c === 40 || c === 41 || c === 91 || c === 93 || c === 123 || c === 125;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** Whether the word `w` occurs in `s` with a space or bracket (or nothing) on both sides. */
function hasSpacedWord(s: string, w: string): boolean {
  let p = s.indexOf(w);
  while (p >= 0) {
    const e = p + w.length;
    if ((p === 0 || isSpaceOrBracket(s.charCodeAt(p - 1))) && (e === s.length || isSpaceOrBracket(s.charCodeAt(e)))) return true;
    p = s.indexOf(w, p + 1);
  }
  return false;
}

/**
 * A cheap test on `lower`, the lower-cased text (`text.toLowerCase()`): `false` only when
 * {@link maskContacts} would return `text` unchanged. (The masks' patterns are ASCII-only and
 * case-insensitive without the `u` flag, so no non-ASCII character matches an ASCII letter,
 * and each match in `text` leaves its necessary characters, lower-cased, in `lower`: `://`,
 * `www.`, a dot before a letter, or `at` / `dot` between spaces or brackets.) The featurizer's
 * scanner (token-ranges.ts) applies the same test inline while it tokenizes. Internal to the
 * text stage.
 */
export function mayContainContact(lower: string): boolean {
  if (lower.includes('://') || lower.includes('www.')) return true;
  if (hasSpacedWord(lower, 'at') || hasSpacedWord(lower, 'dot')) return true;
  const n = lower.length;
  // every email and bare link has a dot before a letter (`.com`); links with a scheme have `://`
  // or `www.`; obscured ones have `at` or `dot` as a word
  let p = lower.indexOf('.');
  while (p >= 0 && p + 1 < n) {
    const c = lower.charCodeAt(p + 1);
    if (c >= 97 && c <= 122) return true;
    p = lower.indexOf('.', p + 1);
  }
  return false;
}
