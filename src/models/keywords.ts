/**
 * A phrase-list screener, like many deployed filters: an ad is flagged for containing listed
 * phrases.
 *
 * Matching: the ad and every phrase are tokenized by adscreen's tokenizer (`tokenize` from the
 * text stage, lower-cased, not stemmed). A phrase matches when its tokens occur contiguously in
 * the ad's tokens. So matching is case-insensitive, on token boundaries (`town` does not match
 * `downtown`), and ignores punctuation and whitespace differences (`new in town` matches
 * `New  in...town!`; `24/7` matches `24-7`). Contacts are masked to `<phone>`, `<email>`,
 * `<url>` in both, so a phrase can be `<phone>`. A slot in braces (`visiting {city} this week`)
 * matches any 1 to 3 tokens; slots at the start or end of a phrase are dropped (they would match
 * anything). Duplicate phrases (same tokens) count once; overlapping phrases each count.
 *
 * Score: with k the number of distinct matched phrases, `score = 1 - 0.5^k` (0 hits: 0, 1 hit:
 * 0.5, 2 hits: 0.75, ...), so the threshold 0.5 flags any ad with a hit.
 *
 * `fit` learns nothing: it only records the training data description for the card.
 */
import { z } from 'zod';
import type { Classifier, FitOptions, ModelCard, TrainingExample } from './classifier.js';
import { tokenize } from '../text/index.js';
import { TAXONOMY } from '../generate/index.js';
import { InputError } from '../errors.js';
import { buildCard, describeTrainingData } from './card.js';
import { readModelCard, readModelJson, writeModelDir } from './model-dir.js';
import { parseModelOptions } from './options.js';
import { join } from 'node:path';

/** Options for {@link KeywordClassifier}. */
export interface KeywordOptions {
  /** The phrase list. __Default:__ {@link defaultKeywordPhrases} (the generator taxonomy's phrases). */
  phrases?: readonly string[];
}

const optionsSchema = z.object({ phrases: z.array(z.string()).min(1).optional() }).strict();
const NAME = 'keywords';
const PHRASES_SCHEMA = 'adscreen.keywords/1';

interface TrieNode {
  next: Map<string, TrieNode>;
  /** Continuation after a slot (1 to {@link MAX_SLOT_TOKENS} tokens), or null. */
  slot: TrieNode | null;
  /** Index of the phrase ending here, or -1. */
  phrase: number;
}

/** Most tokens a slot matches. */
export const MAX_SLOT_TOKENS = 3;
const SLOT_MARK = '\u0000slot';

/**
 * A phrase's match pattern: its tokens, with {@link SLOT_MARK} for each slot, leading and
 * trailing slots dropped and runs of slots merged.
 */
function phrasePattern(phrase: string): string[] {
  const out: string[] = [];
  phrase.split(/\{[^{}]*\}/g).forEach((part, i) => {
    if (i > 0 && out.length > 0 && out[out.length - 1] !== SLOT_MARK) out.push(SLOT_MARK);
    out.push(...tokenize(part));
  });
  while (out.length > 0 && out[out.length - 1] === SLOT_MARK) out.pop();
  return out;
}

function literalCount(pattern: readonly string[]): number {
  return pattern.filter((t) => t !== SLOT_MARK).length;
}

/** The phrase list used when none is given: {@link phrasesFromTaxonomy} of the generator's taxonomy. */
export function defaultKeywordPhrases(): string[] {
  defaultPhrases ??= phrasesFromTaxonomy(TAXONOMY);
  return [...defaultPhrases];
}
let defaultPhrases: string[] | undefined;

/**
 * A keyword list from indicator phrase variants, as a filter builder would write it: every
 * phrase in indicator order, slots kept (they match 1 to 3 tokens), except phrases with slots and
 * fewer than 2 literal tokens (`{adj} {noun}`, `100% {adj}`: they would match almost anything) and
 * phrases made only of contact placeholders (the obscured-phone examples tokenize to `<phone>`,
 * which would match every ad with a phone). Duplicates (same pattern) are removed, keeping the first.
 */
export function phrasesFromTaxonomy(taxonomy: ReadonlyArray<{ readonly phrases: readonly string[] }>): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const indicator of taxonomy) {
    for (const phrase of indicator.phrases) {
      const pattern = phrasePattern(phrase);
      const literals = pattern.filter((t) => t !== SLOT_MARK);
      const hasSlot = /\{[^{}]*\}/.test(phrase);
      if (literals.length < (hasSlot ? 2 : 1) || literals.every((t) => t.startsWith('<') && t.endsWith('>'))) continue;
      const key = pattern.join(' ');
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(phrase);
    }
  }
  return out;
}

/** Score for k distinct matched phrases: `1 - 0.5^k`. */
export function keywordScore(k: number): number {
  return 1 - 0.5 ** k;
}

/** Phrase-list screener; see the module documentation for the exact matching rule and score. */
export class KeywordClassifier implements Classifier {
  /** Model family name. */
  readonly name = NAME;
  /** The phrases, as given (duplicates by tokens removed, first spelling kept). */
  readonly phrases: readonly string[];
  private readonly root: TrieNode = { next: new Map(), slot: null, phrase: -1 };
  private trainingData: Record<string, unknown> | null = null;

  /** Builds the screener; InputError when a phrase has no tokens or options are invalid. */
  constructor(options: KeywordOptions = {}) {
    const opts = parseModelOptions(optionsSchema, options, NAME);
    const given = opts.phrases ?? defaultKeywordPhrases();
    const kept: string[] = [];
    given.forEach((phrase, i) => {
      const pattern = phrasePattern(phrase);
      if (literalCount(pattern) === 0) throw new InputError(`phrase ${JSON.stringify(phrase)} has no word tokens`, { field: `options.phrases[${i}]` });
      let node = this.root;
      for (const t of pattern) {
        if (t === SLOT_MARK) {
          node.slot ??= { next: new Map(), slot: null, phrase: -1 };
          node = node.slot;
          continue;
        }
        let child = node.next.get(t);
        if (child === undefined) {
          child = { next: new Map(), slot: null, phrase: -1 };
          node.next.set(t, child);
        }
        node = child;
      }
      if (node.phrase === -1) {
        node.phrase = kept.length;
        kept.push(phrase);
      }
    });
    this.phrases = kept;
  }

  /** The distinct phrases found in `text`, in phrase-list order. */
  matches(text: string): string[] {
    return this.matchIndices(tokenize(text)).map((i) => this.phrases[i] as string);
  }

  private matchIndices(tokens: readonly string[]): number[] {
    const found: number[] = [];
    const seen = new Set<number>();
    const n = tokens.length;
    const visit = (node: TrieNode, j: number): void => {
      if (node.phrase >= 0 && !seen.has(node.phrase)) {
        seen.add(node.phrase);
        found.push(node.phrase);
      }
      if (j < n) {
        const child = node.next.get(tokens[j] as string);
        if (child !== undefined) visit(child, j + 1);
      }
      if (node.slot !== null) for (let s = 1; s <= MAX_SLOT_TOKENS && j + s < n; s++) visit(node.slot, j + s);
    };
    for (let i = 0; i < n; i++) {
      const first = this.root.next.get(tokens[i] as string);
      if (first !== undefined) visit(first, i + 1);
    }
    return found.sort((a, b) => a - b);
  }

  /** A no-op apart from recording the training data for the card: the phrase list is fixed. */
  async fit(records: readonly TrainingExample[], options: FitOptions = {}): Promise<void> {
    this.trainingData = { ...describeTrainingData(records, options), note: 'fit() is a no-op for the keyword screener' };
  }

  /** `1 - 0.5^k` for k distinct matched phrases, per text. */
  async predict(texts: readonly string[]): Promise<Float32Array> {
    const out = new Float32Array(texts.length);
    for (let i = 0; i < texts.length; i++) out[i] = keywordScore(this.matchIndices(tokenize(texts[i] as string)).length);
    return out;
  }

  /** Writes phrases.json, card.json and card.md into `dir`. */
  async save(dir: string): Promise<void> {
    const json = { schema: PHRASES_SCHEMA, phrases: this.phrases };
    writeModelDir(dir, this.card(), { 'phrases.json': `${JSON.stringify(json, null, 2)}\n` });
  }

  /** Loads a screener saved by {@link KeywordClassifier.save}; InputError naming the file on a bad directory. */
  static async load(dir: string): Promise<KeywordClassifier> {
    const card = readModelCard(dir, NAME);
    const file = join(dir, 'phrases.json');
    const json = readModelJson(dir, 'phrases.json');
    const parsed = z.object({ schema: z.literal(PHRASES_SCHEMA), phrases: z.array(z.string()).min(1) }).strict().safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue === undefined || issue.path.length === 0 ? '(root)' : issue.path.map(String).join('.');
      throw new InputError(`invalid phrase list: ${issue?.message ?? 'unknown problem'}`, { file, field });
    }
    let model: KeywordClassifier;
    try {
      model = new KeywordClassifier({ phrases: parsed.data.phrases });
    } catch (err) {
      if (err instanceof InputError) throw new InputError(err.message, { file });
      throw err;
    }
    model.trainingData = card.trainingData;
    return model;
  }

  /** The model card. */
  card(): ModelCard {
    const defaults = defaultKeywordPhrases();
    const isDefault = this.phrases.length === defaults.length && this.phrases.every((p, i) => p === defaults[i]);
    return buildCard({
      model: NAME,
      backend: 'js',
      details: {
        architecture: 'phrase list; case-insensitive contiguous token match (adscreen tokenizer, punctuation and whitespace ignored); score = 1 - 0.5^k for k distinct matched phrases',
        phrases: this.phrases.length,
        phraseList: isDefault ? 'default: phrasesFromTaxonomy(TAXONOMY), the generator indicator taxonomy phrase variants' : 'user-supplied',
        training: 'none: fit() is a no-op and honours no option (labels, weights, seed, epochs are ignored)',
      },
      trainingData: this.trainingData,
      caveats: [
        'A phrase list flags every ad containing a listed phrase, whoever posted it: indicators common in benign ads (movement, screening, multilingual ads) are flagged as readily as validated ones.',
        'fit() is a no-op: the screener does not learn from data, so label bias in training data does not affect it, but neither does any evidence.',
      ],
    });
  }
}

