/**
 * Reference featurizer ids for the text tests: what a featurizer's encoder must give, computed
 * by the definition (the plain tokenizer plus a lookup or hash of each n-gram string).
 */
import type { Featurizer } from '../../src/text/index.js';
import { tokenize } from '../../src/text/index.js';
import { combineHash } from '../../src/text/ngram-trie.js';
import { hash32 } from '../../src/random.js';

/** Ids by the definition: tokenize(), then look up (vocabulary) or hash each n-gram string. */
export function referenceIds(f: Featurizer, s: string): number[] {
  const [lo, hi] = f.options.ngrams;
  const tokens = tokenize(s, { lowercase: f.options.lowercase, stem: f.options.stem });
  const vocab = f.vocabulary();
  const index = vocab === null ? null : new Map(vocab.map((t, i) => [t, i]));
  const out: number[] = [];
  for (let n = lo; n <= hi; n++) {
    for (let i = 0; i + n <= tokens.length; i++) {
      const gram = tokens.slice(i, i + n);
      if (index !== null) {
        const id = index.get(gram.join(' '));
        if (id !== undefined) out.push(id);
      } else {
        let h = hash32(gram[0]!);
        for (let k = 1; k < n; k++) h = combineHash(h, hash32(gram[k]!));
        out.push((h >>> 0) % f.size);
      }
    }
  }
  return out;
}
