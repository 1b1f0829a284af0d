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
