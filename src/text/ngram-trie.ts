/**
 * An n-gram trie on integer ids, for fast counting and lookup of word n-grams without building a
 * string per n-gram. Node ids: a token's unigram node is its token id; the node of an n-gram is
 * the child of its (n-1)-gram prefix node under its last token. Children live in one
 * open-addressing hash table keyed by (parent node, token id): one Int32Array with the key pair
 * and the child side by side (stride 4), so a probe touches one cache line.
 */

const EMPTY = -1;

function mixPair(parent: number, token: number): number {
  let h = Math.imul(parent, 0x9e3779b1) ^ token;
  h ^= h >>> 15;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}

/** Integer-keyed trie of n-grams. Internal to the text stage. */
export class NgramTrie {
  /** Number of nodes. */
  size = 0;
  /** Parent node of each node (-1 for unigrams). */
  parent = new Int32Array(1024);
  /** Last token (its unigram node id) of each node. */
  last = new Int32Array(1024);
  /** Length of the n-gram each node stands for. */
  depth = new Uint8Array(1024);
  /** Token string of each unigram node (undefined for deeper nodes). */
  readonly tokenText: string[] = [];
  private readonly tokens = new Map<string, number>();
  /** Slot i holds [parent, token, child, unused] at 4i .. 4i+3; parent -1 = empty. */
  private table = new Int32Array(2048 * 4).fill(EMPTY);
  private mask = 2047;
  private used = 0;

  /** The unigram node of a token, or -1 when unknown. */
  tokenId(token: string): number {
    return this.tokens.get(token) ?? EMPTY;
  }

  /** The unigram node of a token, created when new. */
  intern(token: string): number {
    let id = this.tokens.get(token);
    if (id === undefined) {
      id = this.newNode(EMPTY, 0, 1);
      this.last[id] = id;
      this.tokens.set(token, id);
      this.tokenText[id] = token;
    }
    return id;
  }

  /** The child of `node` under token id `token`, or -1. */
  child(node: number, token: number): number {
    const table = this.table;
    const mask = this.mask;
    let slot = mixPair(node, token) & mask;
    for (;;) {
      const at = slot << 2;
      const p = table[at] as number;
      if (p === EMPTY) return EMPTY;
      if (p === node && table[at + 1] === token) return table[at + 2] as number;
      slot = (slot + 1) & mask;
    }
  }

  /** The child of `node` under token id `token`, created when missing. */
  childOrCreate(node: number, token: number): number {
    const table = this.table;
    let slot = mixPair(node, token) & this.mask;
    for (;;) {
      const at = slot << 2;
      const p = table[at] as number;
      if (p === EMPTY) break;
      if (p === node && table[at + 1] === token) return table[at + 2] as number;
      slot = (slot + 1) & this.mask;
    }
    const id = this.newNode(node, token, (this.depth[node] as number) + 1);
    const at = slot << 2;
    table[at] = node;
    table[at + 1] = token;
    table[at + 2] = id;
    if (++this.used * 2 > this.mask) this.rehash();
    return id;
  }

  /** The n-gram string of a node: its tokens joined by single spaces. */
  text(node: number): string {
    const parts: string[] = [];
    let n = node;
    while (n !== EMPTY) {
      parts.push(this.tokenText[this.last[n] as number] as string);
      n = this.parent[n] as number;
    }
    return parts.reverse().join(' ');
  }

  private newNode(parent: number, token: number, depth: number): number {
    if (this.size === this.parent.length) {
      const cap = this.size * 2;
      this.parent = grow(this.parent, cap);
      this.last = grow(this.last, cap);
      const d = new Uint8Array(cap);
      d.set(this.depth);
      this.depth = d;
    }
    const id = this.size++;
    this.parent[id] = parent;
    this.last[id] = token;
    this.depth[id] = Math.min(depth, 255);
    return id;
  }

  private rehash(): void {
    const old = this.table;
    const cap = (this.mask + 1) * 2;
    const table = new Int32Array(cap * 4).fill(EMPTY);
    const mask = cap - 1;
    for (let at = 0; at < old.length; at += 4) {
      const p = old[at] as number;
      if (p === EMPTY) continue;
      const t = old[at + 1] as number;
      let slot = mixPair(p, t) & mask;
      while (table[slot << 2] !== EMPTY) slot = (slot + 1) & mask;
      const to = slot << 2;
      table[to] = p;
      table[to + 1] = t;
      table[to + 2] = old[at + 2] as number;
    }
    this.table = table;
    this.mask = mask;
  }
}

function grow(a: Int32Array, cap: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(cap);
  b.set(a);
  return b;
}

/** Mixes an n-gram's running hash with its next token's hash (for the hashing featurizer). */
export function combineHash(h: number, next: number): number {
  return mixPair(h, next);
}
