/**
 * The featurizer: turns ad text into integer feature ids (word n-grams) for every model.
 * Two modes:
 * - vocabulary (default): n-grams seen at least `minCount` times in the fitting texts, at most
 *   `maxSize` of them, ordered by count (descending) then by the n-gram string (ascending, by
 *   UTF-16 code units), so the same texts always give the same ids;
 * - hashing: no fitting and no stored vocabulary; a unigram's id is `hash32(token) mod buckets`
 *   and an n-gram's id is `h mod buckets` where `h` folds a murmur-style pair mix (`combineHash`) over the tokens'
 *   `hash32` values, left to right.
 * An n-gram's vocabulary key is its tokens joined by one space (tokens never contain spaces).
 * Counting and lookup run on an integer trie, never on per-n-gram strings; encoding tokenizes
 * into ranges of the text (token-ranges.ts) and looks tokens up by range (token-table.ts), so
 * it builds no string per token either. The
 * featurizer is saved with each model (see {@link Featurizer.toJSON}) and gives identical ids
 * after loading.
 */
import { hash32 } from '../random.js';
import { NgramTrie, combineHash } from './ngram-trie.js';
import { IntBuffer } from './int-buffer.js';
import { encodeScanned, keptNgrams, MASK_TEXTS, scanNgrams } from './vocabulary-fit.js';
import { tokenize, tokenizeFast, type TokenizerOptions } from './tokenize.js';
import { RANGE, TokenRanges } from './token-ranges.js';
import { TokenTable } from './token-table.js';
import { featurizerJSONSchema, parseFeaturizerJSON, type FeaturizerJSON } from './featurizer-json.js';
import { InputError } from '../errors.js';
import { resolveOptions, type FeaturizerOptions, type ResolvedFeaturizerOptions } from './featurizer-options.js';

export { FEATURIZER_SCHEMA, type FeaturizerJSON } from './featurizer-json.js';
export type { FeaturizerOptions, ResolvedFeaturizerOptions } from './featurizer-options.js';

/** A batch of encoded documents in CSR form. */
export interface EncodedBatch {
  /** All feature ids, document after document. */
  ids: Int32Array;
  /** Length n+1: the ids of document i are `ids[offsets[i] .. offsets[i+1])`. */
  offsets: Int32Array;
}

/** Largest working buffer (ids) {@link Featurizer.encodeBatch} keeps for the next call. */
const MAX_KEPT_WORK = 1 << 22;

/**
 * Maps ad text to n-gram feature ids with a fitted vocabulary or a hashing trick.
 *
 * @example
 * ```ts
 * import { Featurizer, generate, loadScenario } from 'adscreen';
 *
 * const texts = generate(loadScenario('baseline'), { n: 200, seed: 1 }).map((ad) => ad.text);
 * const featurizer = Featurizer.fit(texts, { ngrams: [1, 2], minCount: 2 });
 * console.log(featurizer.size, featurizer.vocabulary()!.slice(0, 5));
 * const ids = featurizer.encode(texts[0]!);                 // n-gram feature ids of one ad
 * const saved = JSON.stringify(featurizer.toJSON());
 * console.log(Featurizer.fromJSON(JSON.parse(saved)).encode(texts[0]!).join() === ids.join());   // true
 * ```
 */
export class Featurizer {
  /** Number of feature ids (vocabulary size or bucket count); every id is in `[0, size)`. */
  readonly size: number;
  /** The resolved options (defaults filled in). */
  readonly options: Readonly<ResolvedFeaturizerOptions>;
  private readonly terms: readonly string[] | null;
  private readonly tokenizerOptions: TokenizerOptions;
  /** Lookup trie over the vocabulary's n-grams (vocabulary mode). */
  private readonly trie: NgramTrie | null;
  /** Feature id of each trie node, -1 for prefixes that are not themselves features. */
  private readonly feature: Int32Array;
  private scratch = new Int32Array(256);
  /** Working buffer of {@link Featurizer.encodeBatch}. */
  private work = new IntBuffer();
  /** Token ranges of the text being encoded (reused). */
  private readonly ranges = new TokenRanges();
  /** The vocabulary's tokens (vocabulary mode), looked up by range. */
  private readonly tokenTable: TokenTable | null;
  /** Unigram trie node of each key of `tokenTable`. */
  private readonly tokenNode: Int32Array;
  /** Unigram id (vocabulary mode) or hash32 (hashing) of each mask kind, by kind. */
  private readonly maskIds: Int32Array;

  private constructor(options: ResolvedFeaturizerOptions, terms: readonly string[] | null) {
    // an object literal, not a spread: a frozen copy made by spreading gets a map of its own
    // every time, so code reading `options` would see a new shape per featurizer and deoptimize
    this.options = Object.freeze({
      ngrams: [options.ngrams[0], options.ngrams[1]] as [number, number],
      minCount: options.minCount,
      maxSize: options.maxSize,
      hashing: options.hashing,
      lowercase: options.lowercase,
      stem: options.stem,
    });
    this.tokenizerOptions = { lowercase: options.lowercase, stem: options.stem };
    this.terms = terms;
    if (terms === null) {
      this.trie = null;
      this.feature = new Int32Array(0);
      this.size = options.hashing as number;
      this.tokenTable = null;
      this.tokenNode = new Int32Array(0);
      this.maskIds = Int32Array.from(MASK_TEXTS, (t) => (t === '' ? 0 : hash32(t)));
      return;
    }
    // each loop is a function of its own: V8 compiles a long loop while it runs (OSR), and the
    // constructor code after it, not run yet at that point, would deoptimize it for every featurizer
    const trie = new NgramTrie();
    this.feature = featureOfNode(trie, internTerms(trie, terms), terms.length);
    this.trie = trie;
    this.size = terms.length;
    this.tokenNode = unigramNodes(trie);
    this.tokenTable = unigramTable(trie, this.tokenNode);
    this.maskIds = Int32Array.from(MASK_TEXTS, (t) => (t === '' ? -1 : trie.tokenId(t)));
  }

  /** Builds a featurizer: counts n-grams over `texts` (vocabulary mode) or just records the options (hashing). */
  static fit(texts: readonly string[], options: FeaturizerOptions = {}): Featurizer {
    return Featurizer.build(texts, options, false).featurizer;
  }

  /**
   * Fits a featurizer and encodes the same texts, tokenizing each text once. The batch equals
   * `featurizer.encodeBatch(texts)` exactly; use it when training on the fitting texts.
   */
  static fitEncode(texts: readonly string[], options: FeaturizerOptions = {}): { featurizer: Featurizer; batch: EncodedBatch } {
    const { featurizer, batch } = Featurizer.build(texts, options, true);
    return { featurizer, batch: batch as EncodedBatch };
  }

  private static build(texts: readonly string[], options: FeaturizerOptions, encode: boolean): { featurizer: Featurizer; batch: EncodedBatch | null } {
    const opts = resolveOptions(options);
    if (opts.hashing !== null) {
      const featurizer = new Featurizer(opts, null);
      return { featurizer, batch: encode ? featurizer.encodeBatch(texts) : null };
    }
    const scan = scanNgrams(texts, opts);
    const kept = keptNgrams(scan, opts);
    const featurizer = new Featurizer(
      opts,
      kept.map((e) => e[0]),
    );
    if (!encode) return { featurizer, batch: null };
    return { featurizer, batch: encodeScanned(scan, kept, opts.ngrams) };
  }

  /** The n-gram strings by id (vocabulary mode), or `null` when hashing. */
  vocabulary(): readonly string[] | null {
    return this.terms;
  }

  /** The tokens the featurizer sees for a text (same tokenizer options as encoding). */
  tokens(text: string): string[] {
    return tokenize(text, this.tokenizerOptions);
  }

  /**
   * Writes the unigram ids (vocabulary: trie node or -1; hashing: hash32) of `text`'s tokens into
   * `this.scratch` and returns their number. Tokens are ranges of the masked text, so no token
   * string is made (stemming, which needs the strings, goes through `tokenizeFast`).
   */
  private tokenIds(text: string): number {
    if (this.options.stem) {
      const tokens = tokenizeFast(text, this.options.lowercase, true);
      const len = tokens.length;
      if (this.scratch.length < len) this.scratch = new Int32Array(len * 2);
      const ids = this.scratch;
      const trie = this.trie;
      for (let i = 0; i < len; i++) ids[i] = trie !== null ? trie.tokenId(tokens[i] as string) : hash32(tokens[i] as string);
      return len;
    }
    const r = this.ranges;
    const table = this.tokenTable;
    r.tokenize(text, this.options.lowercase, table);
    const len = r.count;
    if (this.scratch.length < len) this.scratch = new Int32Array(len * 2);
    const ids = this.scratch;
    const kind = r.kind;
    const value = r.value;
    const maskIds = this.maskIds;
    if (table === null) {
      for (let i = 0; i < len; i++) {
        const k = kind[i] as number;
        ids[i] = k === RANGE ? (value[i] as number) : (maskIds[k] as number);
      }
    } else {
      const node = this.tokenNode;
      for (let i = 0; i < len; i++) {
        const k = kind[i] as number;
        const v = value[i] as number;
        ids[i] = k !== RANGE ? (maskIds[k] as number) : v < 0 ? -1 : (node[v] as number);
      }
    }
    return len;
  }

  private encodeInto(text: string, out: IntBuffer): void {
    this.appendNgrams(this.tokenIds(text), out);
  }

  /**
   * Appends the feature ids of the n-grams over the first `len` token ids in `this.scratch`
   * (trie token ids, negative when unknown, or token hashes in hashing mode).
   */
  private appendNgrams(len: number, out: IntBuffer): void {
    const ngrams = this.options.ngrams;
    const lo = ngrams[0];
    const hi = ngrams[1];
    const ids = this.scratch;
    const trie = this.trie;
    // at most len ids per n-gram length: written straight into the buffer
    out.reserve(len * (hi - lo + 1));
    const data = out.data;
    let p = out.length;
    if (trie !== null) {
      const feature = this.feature;
      for (let n = lo; n <= hi; n++) {
        for (let i = 0; i + n <= len; i++) {
          let node = ids[i] as number;
          for (let k = 1; k < n && node >= 0; k++) {
            const t = ids[i + k] as number;
            node = t < 0 ? -1 : trie.child(node, t);
          }
          if (node >= 0) {
            const f = feature[node] as number;
            if (f >= 0) data[p++] = f;
          }
        }
      }
    } else {
      const buckets = this.size;
      for (let n = lo; n <= hi; n++) {
        for (let i = 0; i + n <= len; i++) {
          let h = ids[i] as number;
          for (let k = 1; k < n; k++) h = combineHash(h, ids[i + k] as number);
          data[p++] = (h >>> 0) % buckets;
        }
      }
    }
    out.length = p;
  }

  /** The string-token encoder this featurizer used before the range tokenizer (kept as the reference and for benchmarks). */
  private encodeIntoStrings(text: string, out: IntBuffer): void {
    const tokens = tokenizeFast(text, this.options.lowercase, this.options.stem);
    const len = tokens.length;
    if (this.scratch.length < len) this.scratch = new Int32Array(len * 2);
    const ids = this.scratch;
    const trie = this.trie;
    if (trie !== null) {
      for (let i = 0; i < len; i++) ids[i] = trie.tokenId(tokens[i] as string);
    } else {
      for (let i = 0; i < len; i++) ids[i] = hash32(tokens[i] as string);
    }
    this.appendNgrams(len, out);
  }

  /** Feature ids of one text: all unigram ids, then bigram ids, and so on; unknown n-grams dropped. Repeats kept. */
  encode(text: string): Int32Array {
    const buf = new IntBuffer();
    this.encodeInto(text, buf);
    return buf.data.slice(0, buf.length);
  }

  /** Encodes many texts into one CSR batch. */
  encodeBatch(texts: readonly string[]): EncodedBatch {
    // the working buffer is kept between calls (it only grows), so a batch allocates just its result
    const buf = this.work;
    buf.length = 0;
    const offsets = new Int32Array(texts.length + 1);
    for (let i = 0; i < texts.length; i++) {
      this.encodeInto(texts[i] as string, buf);
      offsets[i + 1] = buf.length;
    }
    const ids = buf.data.slice(0, buf.length);
    if (buf.data.length > MAX_KEPT_WORK) this.work = new IntBuffer();
    return { ids, offsets };
  }

  /**
   * {@link Featurizer.encodeBatch} through the previous encoder, which builds a string per
   * token (`tokenizeFast`) and looks each one up in a Map. Same output; kept as a reference for
   * tests and as the "before" of the encoding benchmark.
   */
  encodeBatchWithTokenStrings(texts: readonly string[]): EncodedBatch {
    const buf = new IntBuffer();
    const offsets = new Int32Array(texts.length + 1);
    for (let i = 0; i < texts.length; i++) {
      this.encodeIntoStrings(texts[i] as string, buf);
      offsets[i + 1] = buf.length;
    }
    return { ids: buf.data.slice(0, buf.length), offsets };
  }

  /** Plain JSON for saving beside a model. */
  toJSON(): FeaturizerJSON {
    const o = this.options;
    return {
      schema: 'adscreen.featurizer/1',
      ngrams: [o.ngrams[0], o.ngrams[1]],
      minCount: o.minCount,
      maxSize: o.maxSize,
      hashing: o.hashing,
      lowercase: o.lowercase,
      stem: o.stem,
      vocabulary: this.terms === null ? null : [...this.terms],
    };
  }

  /** Restores a featurizer from {@link Featurizer.toJSON} output; throws InputError (naming `source`) on bad JSON. */
  static fromJSON(json: unknown, source?: string): Featurizer {
    const data = parseFeaturizerJSON(json, source);
    const opts = resolveOptions(data, source);
    const where = (field: string) => (source === undefined ? { field } : { file: source, field });
    if ((opts.hashing === null) !== (data.vocabulary !== null)) {
      throw new InputError('expected a vocabulary array exactly when hashing is null', where('vocabulary'));
    }
    if (data.vocabulary !== null) {
      if (data.vocabulary.length > opts.maxSize) {
        throw new InputError(`vocabulary has ${data.vocabulary.length} entries, more than maxSize ${opts.maxSize}`, where('vocabulary'));
      }
      const seen = new Set<string>();
      for (let i = 0; i < data.vocabulary.length; i++) {
        const term = data.vocabulary[i] as string;
        if (seen.has(term)) throw new InputError(`duplicate vocabulary entry ${JSON.stringify(term)}`, where(`vocabulary[${i}]`));
        const parts = term.split(' ');
        if (parts.length < opts.ngrams[0] || parts.length > opts.ngrams[1] || parts.some((p) => p.length === 0)) {
          throw new InputError(
            `expected ${opts.ngrams[0]} to ${opts.ngrams[1]} tokens joined by single spaces, got ${JSON.stringify(term)}`,
            where(`vocabulary[${i}]`),
          );
        }
        seen.add(term);
      }
    }
    return new Featurizer(opts, data.vocabulary);
  }
}

/** Interns every term's tokens on the trie and returns each term's node. */
function internTerms(trie: NgramTrie, terms: readonly string[]): Int32Array {
  const nodeOf = new Int32Array(terms.length);
  for (let i = 0; i < terms.length; i++) {
    const parts = (terms[i] as string).split(' ');
    let node = trie.intern(parts[0] as string);
    for (let k = 1; k < parts.length; k++) node = trie.childOrCreate(node, trie.intern(parts[k] as string));
    nodeOf[i] = node;
  }
  return nodeOf;
}

/** Feature id of each trie node (term i at `nodeOf[i]`), -1 for nodes that are not terms. */
function featureOfNode(trie: NgramTrie, nodeOf: Int32Array, count: number): Int32Array {
  const feature = new Int32Array(trie.size).fill(-1);
  for (let i = 0; i < count; i++) feature[nodeOf[i] as number] = i;
  return feature;
}

/** The trie's unigram nodes, in node order. */
function unigramNodes(trie: NgramTrie): Int32Array {
  const nodes: number[] = [];
  for (let node = 0; node < trie.size; node++) if (trie.depth[node] === 1) nodes.push(node);
  return Int32Array.from(nodes);
}

/** A token table of the unigrams' texts (key index i is `nodes[i]`). */
function unigramTable(trie: NgramTrie, nodes: Int32Array): TokenTable {
  const table = new TokenTable();
  for (let i = 0; i < nodes.length; i++) {
    const t = trie.tokenText[nodes[i] as number] as string;
    table.add(t, 0, t.length);
  }
  return table;
}

/** The zod schema of {@link FeaturizerJSON}, for callers that validate a whole model file. */
export const featurizerSchema = featurizerJSONSchema;
