/**
 * The tokenizer every adscreen model shares. Words come from a `natural` RegexpTokenizer with one
 * compiled Unicode pattern; emoji are kept as tokens of their own; contacts are masked first (see
 * `contacts.ts`), so phone numbers, emails and links become `<phone>` (or `<phone-obscured>`
 * when written to defeat scrapers), `<email>` and `<url>`.
 *
 * A token is one of (they cannot overlap, so the order of the list does not matter):
 * - a placeholder: `<phone>`, `<phone-obscured>`, `<email>`, `<url>`, `<num>`;
 * - an emoji: one pictographic character with its skin-tone / variation selectors and ZWJ
 *   continuations (`👩‍💼` is one token), or a flag (two regional indicators);
 * - a word: letters, combining marks and digits, with inner apostrophes (`i'm`, `don't`);
 * - a currency sign (`$`, `€`, `£`), so that a price list is not read as a phone number.
 * Everything else (punctuation, whitespace) separates tokens and is dropped.
 */
import { createRequire } from 'node:module';
import { maskContacts, maskNumberRunsInPlace } from './contacts.js';

/** Options for {@link tokenize}. */
export interface TokenizerOptions {
  /** Lower-case the text before tokenizing. __Default:__ `true`. */
  lowercase?: boolean;
  /**
   * Reduce words to their Porter stem (natural's `PorterStemmer`; the stemmer lower-cases
   * words itself). Placeholders, emoji and numbers are never stemmed. __Default:__ `false`.
   */
  stem?: boolean;
}

interface NaturalTokenizer {
  tokenize(text: string): string[] | null;
}
interface NaturalStemmer {
  stem(token: string): string;
}

// natural's package index pulls in every module it has (and prints dotenv notices on load), so
// the two modules used here are loaded directly.
const require = createRequire(import.meta.url);
const { RegexpTokenizer } = require('natural/lib/natural/tokenizers/regexp_tokenizer.js') as {
  RegexpTokenizer: new (options: { pattern: RegExp; gaps: boolean }) => NaturalTokenizer;
};
const PorterStemmer = require('natural/lib/natural/stemmers/porter_stemmer.js') as NaturalStemmer;

/** The token pattern (global, Unicode). Exported for documentation and tests. */
export const TOKEN_PATTERN =
  /[\p{L}\p{N}][\p{L}\p{M}\p{N}_]*(?:['’][\p{L}\p{M}\p{N}]+)*|<(?:phone-obscured|phone|email|url|num)>|\p{Extended_Pictographic}(?:\p{Emoji_Modifier}|\uFE0F|\u20E3|\u200D\p{Extended_Pictographic}\uFE0F?)*|\p{Regional_Indicator}{2}|[$€£]/gu;

const wordTokenizer = new RegexpTokenizer({ pattern: TOKEN_PATTERN, gaps: false });

const STEM_CACHE_LIMIT = 200_000;
const stemCache = new Map<string, string>();

function stemToken(token: string): string {
  const c0 = token.charCodeAt(0);
  // placeholders start with '<'; digits and non-Latin tokens are left alone
  if (c0 === 60 || !/^[a-z'’]+$/i.test(token)) return token;
  let s = stemCache.get(token);
  if (s === undefined) {
    s = PorterStemmer.stem(token);
    if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
    stemCache.set(token, s);
  }
  return s;
}

/**
 * Splits an ad into tokens: contacts masked to placeholders, words, emoji and currency signs.
 * Deterministic and independent of locale.
 *
 * @example
 * ```ts
 * import { tokenize } from 'adscreen';
 *
 * console.log(tokenize('New in town! Call 305-555-0142 or write to ana@example.com'));  // contacts become placeholders
 * console.log(tokenize('Relaxing massages, no rush', { stem: true }));
 * ```
 */
export function tokenize(text: string, options: TokenizerOptions = {}): string[] {
  const lowercase = options.lowercase ?? true;
  let s = maskContacts(text);
  if (lowercase) s = s.toLowerCase();
  const raw = wordTokenizer.tokenize(s) ?? [];
  const tokens = maskNumberRunsInPlace(raw);
  if (options.stem === true) {
    for (let i = 0; i < tokens.length; i++) tokens[i] = stemToken(tokens[i] as string);
  }
  return tokens;
}

// ---- fast path: a scanner that gives exactly the tokens of TOKEN_PATTERN ----
// On ASCII text TOKEN_PATTERN reduces to: a word `[A-Za-z0-9][A-Za-z0-9_]*(?:'[A-Za-z0-9]+)*`,
// a placeholder, or `$` (no ASCII character is pictographic, a mark or a regional indicator).
// Wherever a non-ASCII character could start or continue a token, the scanner matches the
// pattern itself there (sticky), so the tokens equal those of the global match.

const ALNUM = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)) ALNUM[c] = 1;
}
const PLACEHOLDER_TEXTS = ['<phone-obscured>', '<phone>', '<email>', '<url>', '<num>'];
const STICKY = new RegExp(TOKEN_PATTERN.source, 'uy');

/** Matches TOKEN_PATTERN at exactly `i`; pushes the token and returns its end, or -1. */
function matchAt(s: string, i: number, out: string[]): number {
  STICKY.lastIndex = i;
  const m = STICKY.exec(s);
  if (m === null) return -1;
  out.push(m[0]);
  return STICKY.lastIndex;
}

/** Appends the tokens of `s` (as `s.match(TOKEN_PATTERN)` gives them) to `out`. */
function scanTokens(s: string, out: string[]): void {
  const n = s.length;
  let i = 0;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c < 128 && ALNUM[c] === 1) {
      const start = i++;
      let d = 0;
      while (i < n && (d = s.charCodeAt(i)) < 128 && (ALNUM[d] === 1 || d === 95)) i++;
      while (i + 1 < n && s.charCodeAt(i) === 39) {
        const e = s.charCodeAt(i + 1);
        if (e >= 128 || ALNUM[e] !== 1) break;
        i += 2;
        while (i < n && (d = s.charCodeAt(i)) < 128 && ALNUM[d] === 1) i++;
      }
      if (i < n && (s.charCodeAt(i) >= 128 || (s.charCodeAt(i) === 39 && i + 1 < n && s.charCodeAt(i + 1) >= 128))) {
        i = matchAt(s, start, out); // a non-ASCII letter, mark, digit or ’ may continue the word
      } else {
        out.push(s.slice(start, i));
      }
      continue;
    }
    if (c >= 128) {
      const end = matchAt(s, i, out);
      if (end >= 0) {
        i = end;
      } else {
        const surrogatePair = c >= 0xd800 && c <= 0xdbff && i + 1 < n && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
        i += surrogatePair ? 2 : 1;
      }
      continue;
    }
    if (c === 36) {
      out.push('$');
    } else if (c === 60) {
      const p = PLACEHOLDER_TEXTS.find((t) => s.startsWith(t, i));
      if (p !== undefined) {
        out.push(p);
        i += p.length;
        continue;
      }
    }
    i++;
  }
}

/**
 * Same tokens as {@link tokenize} (tested to be identical), faster: ASCII runs are split by a
 * hand-written scanner, and the Unicode regular expression runs only where a non-ASCII
 * character could start or continue a token.
 * Internal to the text stage.
 */
export function tokenizeFast(text: string, lowercase: boolean, stem: boolean): string[] {
  let s = maskContacts(text);
  if (lowercase) s = s.toLowerCase();
  const raw: string[] = [];
  scanTokens(s, raw);
  const tokens = maskNumberRunsInPlace(raw);
  if (stem) {
    for (let i = 0; i < tokens.length; i++) tokens[i] = stemToken(tokens[i] as string);
  }
  return tokens;
}
