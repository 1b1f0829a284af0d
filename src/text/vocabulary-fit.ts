/**
 * Fitting a featurizer's n-gram vocabulary: one scan over the texts that interns every token and
 * counts every n-gram on a trie (keeping each text's token ids, so the fitting texts can be
 * encoded without tokenizing them again), the choice of the n-grams kept, and that encoding.
 * Each step is its own function: V8 compiles a long loop while it runs and recompiles the whole
 * function after a deoptimization, which cost about half a second per experiment worker when
 * the three were one function.
 */
import { IntBuffer } from './int-buffer.js';
import { NgramTrie } from './ngram-trie.js';
import { tokenizeFast } from './tokenize.js';
import { MASK_NUM, MASK_PHONE, MASK_PHONE_OBSCURED, RANGE, TokenRanges } from './token-ranges.js';
import { TokenTable } from './token-table.js';
import { NUMBER_TOKEN, PHONE_OBSCURED_TOKEN, PHONE_TOKEN } from './contacts.js';
import type { ResolvedFeaturizerOptions } from './featurizer-options.js';

/** Placeholder text of each token kind of token-ranges.ts, by kind ('' for a plain range). */
export const MASK_TEXTS: readonly string[] = (() => {
  const t: string[] = [];
  t[RANGE] = '';
  t[MASK_PHONE] = PHONE_TOKEN;
  t[MASK_PHONE_OBSCURED] = PHONE_OBSCURED_TOKEN;
  t[MASK_NUM] = NUMBER_TOKEN;
  return t;
})();

/** What one scan of the fitting texts found. */
export interface NgramScan {
  /** Every n-gram seen (a node per n-gram; unigram nodes are token ids). */
  trie: NgramTrie;
  /** Occurrences per trie node (n-grams of an order outside the options' range are not counted). */
  counts: Float64Array;
  /** Every text's token ids (unigram nodes), text after text. */
  docTokens: IntBuffer;
  /** Length texts+1: text d's tokens are `docTokens.data[docOffsets[d] .. docOffsets[d+1])`. */
  docOffsets: Int32Array;
}

/** An n-gram kept in the vocabulary: its text, count and trie node. */
export type KeptNgram = [text: string, count: number, node: number];

/** Scans the texts once: tokens interned on a trie, n-grams counted. */
export function scanNgrams(texts: readonly string[], opts: ResolvedFeaturizerOptions): NgramScan {
  const trie = new NgramTrie();
  const docTokens = new IntBuffer();
  const docOffsets = new Int32Array(texts.length + 1);
  const counts = scanTexts(texts, opts, trie, docTokens, docOffsets);
  return { trie, counts, docTokens, docOffsets };
}

/**
 * The loop of {@link scanNgrams}; returns the counts. Its own function, returning a local: V8
 * compiles a long loop while it runs (OSR), before the code after it has run, and code after
 * the loop that needs type feedback (an object literal, a property read) would deoptimize that
 * compiled loop on every later call.
 */
function scanTexts(texts: readonly string[], opts: ResolvedFeaturizerOptions, trie: NgramTrie, docTokens: IntBuffer, docOffsets: Int32Array): Float64Array {
  const tokenizer = opts.stem ? null : new RangeInterner(trie);
  const lowercase = opts.lowercase;
  const lo = opts.ngrams[0];
  const hi = opts.ngrams[1];
  let counts: Float64Array = new Float64Array(1024);
  for (let d = 0; d < texts.length; d++) {
    const base = docTokens.length;
    if (tokenizer === null) {
      for (const token of tokenizeFast(texts[d] as string, lowercase, true)) docTokens.push(trie.intern(token));
    } else {
      tokenizer.push(texts[d] as string, lowercase, docTokens);
    }
    counts = countNgrams(trie, counts, docTokens.data, base, docTokens.length - base, lo, hi);
    docOffsets[d + 1] = docTokens.length;
  }
  return counts;
}

/**
 * Tokens by range (a string is made only for a token's first occurrence, as in encoding),
 * interned on the trie.
 */
class RangeInterner {
  private readonly ranges = new TokenRanges();
  private readonly interner = new TokenTable();
  /** Trie node of each interned token, by the interner's id (ids are given in order from 0). */
  private readonly nodeOfKey = new IntBuffer();
  private readonly maskNode = new Int32Array(MASK_TEXTS.length).fill(-1);

  constructor(private readonly trie: NgramTrie) {}

  /** Appends the trie token ids of `text`'s tokens to `out`. */
  push(text: string, lowercase: boolean, out: IntBuffer): void {
    const { ranges, interner, trie, maskNode } = this;
    ranges.tokenize(text, lowercase, interner);
    const s = ranges.text;
    for (let k = 0; k < ranges.count; k++) {
      const kind = ranges.kind[k] as number;
      if (kind !== RANGE) {
        if (maskNode[kind] === -1) maskNode[kind] = trie.intern(MASK_TEXTS[kind] as string);
        out.push(maskNode[kind] as number);
        continue;
      }
      let v = ranges.value[k] as number;
      if (v < 0) {
        // unknown when the text was looked up; maybe added by an earlier token of this text
        const a = ranges.start[k] as number;
        const b = ranges.end[k] as number;
        const h = ranges.hash[k] as number;
        v = interner.get(s, a, b, h);
        if (v < 0) v = this.add(s, a, b, h);
      }
      out.push(this.nodeOfKey.data[v] as number);
    }
  }

  private add(s: string, a: number, b: number, h: number): number {
    const v = this.interner.add(s, a, b, h);
    this.nodeOfKey.push(this.trie.intern(this.interner.keys[v] as string));
    return v;
  }
}

/** Counts the n-grams (orders lo..hi) of one text's `len` token ids at `ids[base..]`; returns `counts`, grown when needed. */
function countNgrams(trie: NgramTrie, counts: Float64Array, ids: Int32Array, base: number, len: number, lo: number, hi: number): Float64Array {
  for (let i = 0; i < len; i++) {
    let node = ids[base + i] as number;
    for (let k = 1; ; k++) {
      if (node >= counts.length) {
        const next = new Float64Array(Math.max(counts.length * 2, node + 1));
        next.set(counts);
        counts = next;
      }
      if (k >= lo) counts[node] = (counts[node] as number) + 1;
      if (k >= hi || i + k >= len) break;
      node = trie.childOrCreate(node, ids[base + i + k] as number);
    }
  }
  return counts;
}

/** The n-grams kept: count at least minCount, order in range, most frequent first (ties by text), at most maxSize. */
export function keptNgrams(scan: NgramScan, opts: ResolvedFeaturizerOptions): KeptNgram[] {
  const kept = countedNgrams(scan.trie, scan.counts, opts.minCount, opts.ngrams[0], opts.ngrams[1]);
  kept.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  if (kept.length > opts.maxSize) kept.length = opts.maxSize;
  return kept;
}

/** The loop of {@link keptNgrams} (its own function for the reason given at `scanTexts`): the n-grams counted often enough, in trie order. */
function countedNgrams(trie: NgramTrie, counts: Float64Array, minCount: number, lo: number, hi: number): KeptNgram[] {
  const kept: KeptNgram[] = [];
  for (let node = 0; node < trie.size; node++) {
    const c = counts[node] as number;
    const depth = trie.depth[node] as number;
    if (c >= minCount && depth >= lo && depth <= hi) kept.push([trie.text(node), c, node]);
  }
  return kept;
}

/** Encodes the scanned texts from their stored token ids with the kept n-grams as features (the same ids as encoding them afresh). */
export function encodeScanned(scan: NgramScan, kept: readonly KeptNgram[], ngrams: readonly [number, number]): { ids: Int32Array; offsets: Int32Array } {
  const { trie, docTokens, docOffsets } = scan;
  const featureOfNode = new Int32Array(trie.size).fill(-1);
  for (let i = 0; i < kept.length; i++) featureOfNode[(kept[i] as KeptNgram)[2]] = i;
  const out = new IntBuffer();
  const offsets = new Int32Array(docOffsets.length);
  encodeDocs(trie, docTokens.data, docOffsets, featureOfNode, ngrams[0], ngrams[1], out, offsets);
  return { ids: out.data.slice(0, out.length), offsets };
}

/** The loop of {@link encodeScanned} (its own function for the reason given at `scanTexts`): writes each text's feature ids to `out` and its end to `offsets`. */
function encodeDocs(trie: NgramTrie, ids: Int32Array, docOffsets: Int32Array, featureOfNode: Int32Array, lo: number, hi: number, out: IntBuffer, offsets: Int32Array): void {
  const texts = docOffsets.length - 1;
  for (let d = 0; d < texts; d++) {
    const start = docOffsets[d] as number;
    const len = (docOffsets[d + 1] as number) - start;
    for (let n = lo; n <= hi; n++) {
      for (let i = 0; i + n <= len; i++) {
        let node = ids[start + i] as number;
        for (let k = 1; k < n; k++) node = trie.child(node, ids[start + i + k] as number);
        const f = featureOfNode[node] as number;
        if (f >= 0) out.push(f);
      }
    }
    offsets[d + 1] = out.length;
  }
}
