import { findCues } from './cues.js';
import { IDF_SLOT as IDF_SLOT_EXPORT, STRIDE as STRIDE_EXPORT } from './linear.js';

/** How a message becomes a hashed, tf-idf weighted vector; chosen by cross-validation (see docs/triage.md). */
export interface FeatureSettings {
  /** The hashed dimension is 2^bits. */
  bits: number;
  wordWeight: number;
  bigramWeight: number;
  charWeight: number;
  charMin: number;
  charMax: number;
  /** The value of each cue feature (see cues.ts); 0 turns them off. */
  cueWeight: number;
  /** The guide's priority cues (deadline, overdue, owed, calm, admin...) get cueWeight times this. */
  priorityCueScale: number;
  /** Features found in fewer training messages than this are dropped (sklearn's min_df). */
  minDocuments: number;
  /** The first word and first two words of the subject and of the description ("how do", "can i"). */
  openingWeight: number;
  /** The subject's words again, as features of their own ("question about returns", "urgent"). */
  subjectWeight: number;
}

export const WORD = 0;
export const BIGRAM = 1;
export const CHAR = 2;
export const CUE = 3;
export const OPENING = 4;
export const SUBJECT = 5;
export const PRIORITY_CUE = 6;
// Module-local copies: under a CommonJS transform (tsx) every use of an export is a getter call.
const STRIDE = STRIDE_EXPORT;
const IDF_SLOT = IDF_SLOT_EXPORT;
const WORD_GROUP = 0;
const BIGRAM_GROUP = 1;
const CHAR_GROUP = 2;
const CUE_GROUP = 3;
const OPENING_GROUP = 4;
const SUBJECT_GROUP = 5;
const PRIORITY_CUE_GROUP = 6;

const WORD_SEED = 0x811c9dc5;
const BIGRAM_SEED = 0x5bd1e995;
const CHAR_SEED = 0x27d4eb2f;
const CUE_SEED = 0x3c6ef372;
const OPENING_SEED = 0x7f4a7c15;
const SUBJECT_SEED = 0x1b873593;
const FNV_PRIME = 0x01000193;
const LONGEST_CHAR_WORD = 48;
const CAPACITY = 24_000;

/** Letters and digits make words; anything past ASCII that is not punctuation or a symbol counts as a letter. */
function isWordCode(code: number): boolean {
  if (code < 128) return (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || (code >= 65 && code <= 90);
  if (code < 0xc0) return false;
  if (code >= 0x2000 && code <= 0x2bff) return false; // punctuation, currency, arrows, maths, boxes
  if (code >= 0x3000 && code <= 0x303f) return false; // CJK punctuation
  if (code >= 0xd800 && code <= 0xdfff) return false; // surrogate halves (emoji and the like)
  if (code >= 0xfe00 && code <= 0xfe0f) return false; // variation selectors
  if (code === 0xfffd || code === 0xfeff) return false;
  return true;
}

function finish(hash: number): number {
  let h = hash ^ (hash >>> 16);
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** Tells stem keys apart from whole-word keys (a stem "refund*" vs the word "refund"). */
export const STEM_SALT = 0x2545f491;

/** The hash the extractor gives a (normalised) word. */
export function hashWord(word: string): number {
  let hash = WORD_SEED;
  for (let i = 0; i < word.length; i++) hash = Math.imul(hash ^ word.charCodeAt(i), FNV_PRIME);
  return finish(hash);
}

/** The hash the extractor gives two consecutive words. */
export function hashPair(first: number, second: number): number {
  return finish(Math.imul(first, 0x9e3779b1) ^ second ^ BIGRAM_SEED);
}

/** Sees every word, stem and word pair the extractor reads (the tag and rule term lookups). */
export interface WordObserver {
  readonly stemLengths: number;
  reset(): void;
  match(key: number): void;
  endWord(): void;
  endClause(): void;
}

function isClauseEnd(code: number): boolean {
  return code === 46 || code === 33 || code === 63 || code === 59 || code === 10;
}

/** One row of training data: hashed feature ids and their counts. */
export interface CountRow {
  indices: Int32Array;
  counts: Float32Array;
  groups: Uint8Array;
}

/**
 * The features a model knows: hashed id → dense id (-1 when unknown). Dense ids are given most
 * frequent first, so the weight lines that almost every message touches share the cache.
 */
export interface Vocabulary {
  denseOf: Int32Array;
  size: number;
}

/**
 * Turns normalised text into features without allocating per n-gram: words, word bigrams and
 * character n-grams within words (padded with a space each side) are hashed straight from char codes.
 * Without a vocabulary it yields hashed ids (for training); with one, dense ids, and it drops what the
 * vocabulary lacks. One extractor is reused for every message; it is not re-entrant.
 */
export class FeatureExtractor {
  readonly mask: number;
  size = 0;
  readonly indices = new Int32Array(CAPACITY);
  readonly counts = new Float32Array(CAPACITY);
  readonly values = new Float32Array(CAPACITY);
  readonly groups = new Uint8Array(CAPACITY);
  /** Where a word or bigram feature first occurred in the text (for reasons), -1 for char n-grams. */
  readonly starts = new Int32Array(CAPACITY);
  readonly ends = new Int32Array(CAPACITY);
  /** Word occurrences, and how many of them the vocabulary knows. */
  words = 0;
  knownWords = 0;
  private readonly slotOf: Int32Array;
  private readonly denseOf: Int32Array | undefined;
  private readonly observer: WordObserver | undefined;
  private readonly buffer = new Uint16Array(LONGEST_CHAR_WORD + 2);

  constructor(
    readonly settings: FeatureSettings,
    vocabulary?: Vocabulary,
    observer?: WordObserver,
  ) {
    this.mask = (1 << settings.bits) - 1;
    this.denseOf = vocabulary?.denseOf;
    this.observer = observer;
    this.slotOf = new Int32Array(vocabulary ? vocabulary.size : 1 << settings.bits).fill(-1);
  }

  extract(text: string): void {
    for (let i = 0; i < this.size; i++) this.slotOf[this.indices[i]!] = -1;
    this.size = 0;
    this.words = 0;
    this.knownWords = 0;
    const { buffer, observer } = this;
    observer?.reset();
    const stemLengths = observer ? observer.stemLengths : 0;
    let hash = WORD_SEED;
    let start = -1;
    let length = 0;
    let wordLength = 0;
    let previousHash = 0;
    let previousStart = -1;
    // The subject is the text before the first line break (normaliseText puts it there).
    let segment = 0;
    let wordInSegment = 0;
    const { openingWeight, subjectWeight } = this.settings;
    const end = text.length;
    for (let i = 0; i <= end; i++) {
      const code = i < end ? text.charCodeAt(i) : 32;
      if (isWordCode(code)) {
        if (start < 0) {
          start = i;
          hash = WORD_SEED;
          length = 0;
          wordLength = 0;
        }
        hash = Math.imul(hash ^ code, FNV_PRIME);
        if (length < LONGEST_CHAR_WORD) buffer[++length] = code;
        if (++wordLength < 31 && (stemLengths >>> wordLength) & 1) observer!.match(finish(hash) ^ STEM_SALT);
        continue;
      }
      if (start >= 0) {
        const wordHash = finish(hash);
        this.words++;
        if (this.add(wordHash & this.mask, WORD_GROUP, start, i)) this.knownWords++;
        if (previousStart >= 0) {
          const pairHash = finish(Math.imul(previousHash, 0x9e3779b1) ^ wordHash ^ BIGRAM_SEED);
          this.add(pairHash & this.mask, BIGRAM_GROUP, previousStart, i);
          observer?.match(pairHash);
        }
        if (observer) {
          observer.match(wordHash);
          observer.endWord();
        }
        this.addCharGrams(length);
        if (openingWeight > 0 && wordInSegment < 2) {
          const opening = wordInSegment === 0 ? wordHash : Math.imul(previousHash, 0x9e3779b1) ^ wordHash;
          this.add(finish(opening ^ (OPENING_SEED + segment)) & this.mask, OPENING_GROUP, -1, -1);
        }
        if (subjectWeight > 0 && segment === 0)
          this.add(finish(wordHash ^ SUBJECT_SEED) & this.mask, SUBJECT_GROUP, -1, -1);
        wordInSegment++;
        previousHash = wordHash;
        previousStart = start;
        start = -1;
      }
      if (code === 10 && segment === 0) {
        segment = 1;
        wordInSegment = 0;
      }
      if (observer && isClauseEnd(code)) observer.endClause();
    }
    if (this.settings.cueWeight > 0) findCues(text, this.addCue);
  }

  private readonly addCue = (cue: number, priorityOnly: boolean): void => {
    this.add(finish(CUE_SEED ^ (cue + 1)) & this.mask, priorityOnly ? PRIORITY_CUE_GROUP : CUE_GROUP, -1, -1);
  };

  private addCharGrams(length: number): void {
    const { buffer } = this;
    const { charMin, charMax } = this.settings;
    buffer[0] = 32;
    buffer[length + 1] = 32;
    const padded = length + 2;
    for (let from = 0; from + charMin <= padded; from++) {
      let hash = CHAR_SEED;
      const last = Math.min(from + charMax, padded);
      for (let j = from; j < last; j++) {
        hash = Math.imul(hash ^ buffer[j]!, FNV_PRIME);
        const n = j - from + 1;
        if (n >= charMin) this.add(finish(hash ^ n) & this.mask, CHAR_GROUP, -1, -1);
      }
    }
  }

  /** Counts one occurrence; false when the vocabulary does not know the feature. */
  private add(hashed: number, group: number, start: number, end: number): boolean {
    const feature = this.denseOf === undefined ? hashed : this.denseOf[hashed]!;
    if (feature < 0) return false;
    const slot = this.slotOf[feature]!;
    if (slot >= 0) {
      this.counts[slot]!++;
      return true;
    }
    if (this.size >= CAPACITY) return true;
    const next = this.size++;
    this.slotOf[feature] = next;
    this.indices[next] = feature;
    this.counts[next] = 1;
    this.groups[next] = group;
    this.starts[next] = start;
    this.ends[next] = end;
    return true;
  }

  /** A copy of the current counts, for training. */
  toRow(): CountRow {
    return {
      indices: this.indices.slice(0, this.size),
      counts: this.counts.slice(0, this.size),
      groups: this.groups.slice(0, this.size),
    };
  }
}

/**
 * Sublinear tf × idf per feature (idf read from the feature's line of the table), each group (words,
 * bigrams, char n-grams) scaled to its own unit length times its weight; cues get a fixed value.
 */
export function weighFeatures(
  indices: Int32Array,
  counts: Float32Array,
  groups: Uint8Array,
  size: number,
  table: Float32Array,
  settings: FeatureSettings,
  values: Float32Array,
): void {
  const norms = groupNorms;
  norms.fill(0);
  for (let i = 0; i < size; i++) {
    const group = groups[i]!;
    if (group === CUE_GROUP || group === PRIORITY_CUE_GROUP) {
      values[i] = group === CUE_GROUP ? settings.cueWeight : settings.cueWeight * settings.priorityCueScale;
      continue;
    }
    const value = (1 + Math.log(counts[i]!)) * table[indices[i]! * STRIDE + IDF_SLOT]!;
    values[i] = value;
    norms[group]! += value * value;
  }
  const scales = groupScales;
  scales[WORD_GROUP] = norms[WORD_GROUP]! > 0 ? settings.wordWeight / Math.sqrt(norms[WORD_GROUP]!) : 0;
  scales[BIGRAM_GROUP] = norms[BIGRAM_GROUP]! > 0 ? settings.bigramWeight / Math.sqrt(norms[BIGRAM_GROUP]!) : 0;
  scales[CHAR_GROUP] = norms[CHAR_GROUP]! > 0 ? settings.charWeight / Math.sqrt(norms[CHAR_GROUP]!) : 0;
  scales[CUE_GROUP] = 1;
  scales[PRIORITY_CUE_GROUP] = 1;
  scales[OPENING_GROUP] = norms[OPENING_GROUP]! > 0 ? settings.openingWeight / Math.sqrt(norms[OPENING_GROUP]!) : 0;
  scales[SUBJECT_GROUP] = norms[SUBJECT_GROUP]! > 0 ? settings.subjectWeight / Math.sqrt(norms[SUBJECT_GROUP]!) : 0;
  for (let i = 0; i < size; i++) values[i]! *= scales[groups[i]!]!;
}

const groupNorms = new Float64Array(7);
const groupScales = new Float64Array(7);

/**
 * The vocabulary of the training rows (features in at least `minDocuments` of them, cues always) and
 * each kept feature's smoothed idf, written into its line of a new table.
 */
export function buildVocabulary(
  rows: readonly CountRow[],
  settings: FeatureSettings,
): { vocabulary: Vocabulary; table: Float32Array } {
  const dimension = 1 << settings.bits;
  const documentFrequency = new Int32Array(dimension);
  const isCue = new Uint8Array(dimension);
  for (const row of rows) {
    for (let i = 0; i < row.indices.length; i++) {
      documentFrequency[row.indices[i]!]!++;
      const group = row.groups[i];
      if (group === CUE_GROUP || group === PRIORITY_CUE_GROUP) isCue[row.indices[i]!] = 1;
    }
  }
  const kept: number[] = [];
  for (let f = 0; f < dimension; f++) {
    const df = documentFrequency[f]!;
    if (df > 0 && (df >= settings.minDocuments || isCue[f])) kept.push(f);
  }
  kept.sort((a, b) => documentFrequency[b]! - documentFrequency[a]! || a - b);
  const denseOf = new Int32Array(dimension).fill(-1);
  const table = new Float32Array(Math.max(1, kept.length) * STRIDE);
  const n = rows.length;
  kept.forEach((f, dense) => {
    denseOf[f] = dense;
    table[dense * STRIDE + IDF_SLOT] = Math.log((1 + n) / (1 + documentFrequency[f]!)) + 1;
  });
  return { vocabulary: { denseOf, size: kept.length }, table };
}

/** A training row in dense ids, dropping the features the vocabulary left out. */
export function toDenseRow(row: CountRow, vocabulary: Vocabulary): CountRow {
  let size = 0;
  for (const f of row.indices) if (vocabulary.denseOf[f]! >= 0) size++;
  const dense: CountRow = {
    indices: new Int32Array(size),
    counts: new Float32Array(size),
    groups: new Uint8Array(size),
  };
  let next = 0;
  row.indices.forEach((f, i) => {
    const id = vocabulary.denseOf[f]!;
    if (id < 0) return;
    dense.indices[next] = id;
    dense.counts[next] = row.counts[i]!;
    dense.groups[next] = row.groups[i]!;
    next++;
  });
  return dense;
}
