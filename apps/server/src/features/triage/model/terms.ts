import { hashPair, hashWord, STEM_SALT, type WordObserver } from './features.js';

/**
 * Word lookups without regular expressions: terms are words ("refund"), stems ("refund*": any word
 * starting so) or word pairs ("money back"), hashed exactly as the feature extractor hashes the words it
 * reads, in one open-addressing table of typed arrays. The extractor calls match() as it walks the text,
 * so finding every term costs a hash probe per word (and per stem length), whatever the lexicon's size.
 */
export class TermMatcher implements WordObserver {
  /** Bit n is set when some stem has n letters (the extractor probes only those prefix lengths). */
  readonly stemLengths: number;
  /** Per entry: 1 when one of its terms occurred outside a negation ("no damage" negates "damage"). */
  readonly hits: Uint8Array;
  /** Per entry: 1 when one of its terms occurred at all. */
  readonly seen: Uint8Array;
  private readonly keys: Int32Array;
  private readonly heads: Int32Array;
  private readonly chainEntry: Int32Array;
  private readonly chainNext: Int32Array;
  private readonly capacityMask: number;
  private readonly negator: number;
  private negatedWords = 0;

  /** entries[i] are the terms of entry i; `negators` are words that negate the next two words. */
  constructor(entries: ReadonlyArray<readonly string[]>, negators: readonly string[]) {
    const all: Array<[key: number, entry: number]> = [];
    let stemLengths = 0;
    const add = (term: string, entry: number) => {
      const words = term.trim().split(/\s+/);
      if (words.length === 1 && term.endsWith('*')) {
        const stem = term.slice(0, -1);
        if (stem.length >= 31) throw new Error(`triage: stem too long: ${term}`);
        stemLengths |= 1 << stem.length;
        all.push([hashWord(stem) ^ STEM_SALT, entry]);
      } else if (words.length === 1) {
        all.push([hashWord(term), entry]);
      } else if (words.length === 2) {
        all.push([hashPair(hashWord(words[0]!), hashWord(words[1]!)), entry]);
      } else {
        throw new Error(`triage: a term is one word, a stem or two words: ${term}`);
      }
    };
    entries.forEach((terms, entry) => {
      for (const term of terms) add(term, entry);
    });
    this.negator = entries.length;
    for (const word of negators) add(word, this.negator);
    this.stemLengths = stemLengths;
    let capacity = 64;
    while (capacity < all.length * 4) capacity *= 2;
    this.capacityMask = capacity - 1;
    this.keys = new Int32Array(capacity);
    this.heads = new Int32Array(capacity).fill(-1);
    this.chainEntry = new Int32Array(all.length);
    this.chainNext = new Int32Array(all.length);
    all.forEach(([key, entry], link) => {
      let at = key & this.capacityMask;
      while (this.heads[at] !== -1 && this.keys[at] !== key) at = (at + 1) & this.capacityMask;
      this.keys[at] = key;
      this.chainEntry[link] = entry;
      this.chainNext[link] = this.heads[at]!;
      this.heads[at] = link;
    });
    this.hits = new Uint8Array(entries.length);
    this.seen = new Uint8Array(entries.length);
  }

  reset(): void {
    this.hits.fill(0);
    this.seen.fill(0);
    this.negatedWords = 0;
  }

  match(key: number): void {
    let at = key & this.capacityMask;
    while (this.heads[at] !== -1) {
      if (this.keys[at] === key) {
        for (let link = this.heads[at]!; link !== -1; link = this.chainNext[link]!) {
          const entry = this.chainEntry[link]!;
          if (entry === this.negator) this.negatedWords = 3;
          else {
            this.seen[entry] = 1;
            if (this.negatedWords === 0) this.hits[entry] = 1;
          }
        }
        return;
      }
      at = (at + 1) & this.capacityMask;
    }
  }

  has(key: number): boolean {
    let at = key & this.capacityMask;
    while (this.heads[at] !== -1) {
      if (this.keys[at] === key) return true;
      at = (at + 1) & this.capacityMask;
    }
    return false;
  }

  /** A word ended: a negation reaches the two words after the negating one. */
  endWord(): void {
    if (this.negatedWords > 0) this.negatedWords--;
  }

  /** A clause ended (. ! ? ; or a new line): no negation crosses it. */
  endClause(): void {
    this.negatedWords = 0;
  }
}
