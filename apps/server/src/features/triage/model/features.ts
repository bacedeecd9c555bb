import { findCues } from './cues.js';
import { IDF_SLOT, type JointModel, STRIDE } from './linear.js';
import { WordCache } from './word-cache.js';

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
// Module-local copies: under a CommonJS transform (tsx) every use of an export is a getter call.
const LINE = STRIDE;
const IDF = IDF_SLOT;
// The extractor probes stems of up to 30 letters (a bit of WordObserver.stemLengths each).
const LONGEST_STEM = 30;
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
  /** Whether match(key) would find anything (a key it lacks can be skipped). */
  has(key: number): boolean;
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
 * Turns normalised text into features without allocating per n-gram: words, word bigrams and
 * character n-grams within words (padded with a space each side) are hashed straight from char codes.
 * Without a model it yields hashed ids and counts of every feature (for training). With one, dense ids,
 * dropping what the vocabulary lacks, and the char n-grams not as features but summed into `charSums`:
 * their weight (count × idf, see weighting.ts) is linear in the occurrences, so each word's n-grams
 * are one precomputed line, and a message reads a line per word instead of one per n-gram.
 * One extractor is reused for every message; it is not re-entrant.
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
  /** The slots of word and bigram features, in slot order (the ones reasons are made of). */
  readonly wordSlots = new Int32Array(CAPACITY);
  wordSlotCount = 0;
  /** Word occurrences, and how many of them the vocabulary knows. */
  words = 0;
  knownWords = 0;
  /** findCues' bit mask for the last text (undefined when cues are off). */
  cuesFound: number | undefined;
  /**
   * With a model: Σ count × idf × line over the known char n-grams, so slot k (a head's class) is their
   * unscaled score and slot IDF_SLOT (idf × idf) the squared norm weighting.ts gives the char group.
   */
  readonly charSums = new Float64Array(LINE);
  private readonly slotOf: Int32Array;
  /** Char n-grams count apart from the other groups (a hash collision with a word does not merge them). */
  private readonly charSlotOf: Int32Array;
  private readonly denseOf: Int32Array | undefined;
  private readonly weights: Float32Array | undefined;
  private readonly observer: WordObserver | undefined;
  private readonly buffer = new Uint16Array(LONGEST_CHAR_WORD + 2);
  /** With a vocabulary: what each word read so far yields (see wordRecord). */
  private readonly wordCache: WordCache | undefined;
  private readonly recordSize: number;
  /** Scratch: one word's char n-gram line, summed in doubles. */
  private readonly lineSums = new Float64Array(LINE);
  /** Scratch: one word's char n-grams. */
  private readonly gramIds: Int32Array;

  /**
   * `isCueTriggered(i)`: whether cue pattern i's trigger words occurred, read from `observer` after the
   * pass over the words; patterns run only then (when the text's words are the ones `\b` sees).
   */
  constructor(
    readonly settings: FeatureSettings,
    model?: Pick<JointModel, 'vocabulary' | 'weights'>,
    observer?: WordObserver,
    private readonly isCueTriggered?: (pattern: number) => boolean,
  ) {
    this.mask = (1 << settings.bits) - 1;
    this.denseOf = model?.vocabulary.denseOf;
    this.weights = model?.weights;
    this.observer = observer;
    this.slotOf = new Int32Array(model ? model.vocabulary.size : 1 << settings.bits).fill(-1);
    this.charSlotOf = model ? this.slotOf : new Int32Array(1 << settings.bits).fill(-1);
    this.wordCache = model ? new WordCache(LINE) : undefined;
    this.gramIds = new Int32Array((LONGEST_CHAR_WORD + 2) * Math.max(1, settings.charMax - settings.charMin + 1));
    this.recordSize = 4 + LONGEST_STEM;
  }

  extract(text: string): void {
    for (let i = 0; i < this.size; i++) {
      (this.groups[i] === CHAR_GROUP ? this.charSlotOf : this.slotOf)[this.indices[i]!] = -1;
    }
    this.size = 0;
    this.wordSlotCount = 0;
    this.words = 0;
    this.knownWords = 0;
    this.charSums.fill(0);
    const { buffer, observer, wordCache } = this;
    observer?.reset();
    // With a word cache, a word's stem keys come from its record (made once from its letters).
    const stemLengths = observer && wordCache === undefined ? observer.stemLengths : 0;
    let hash = WORD_SEED;
    let start = -1;
    let length = 0;
    let wordLength = 0;
    let previousHash = 0;
    let previousStart = -1;
    // The subject is the text before the first line break (normaliseText puts it there).
    let segment = 0;
    let wordInSegment = 0;
    // A letter beyond ASCII is a word character here but not for a regex's \w: without one, every \b a cue
    // pattern sees is a word boundary here too, so a pattern can only match where its trigger words were read.
    let isAsciiWords = true;
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
        if (code >= 128) isAsciiWords = false;
        hash = Math.imul(hash ^ code, FNV_PRIME);
        if (length < LONGEST_CHAR_WORD) buffer[++length] = code;
        if (++wordLength < 31 && (stemLengths >>> wordLength) & 1) observer!.match(finish(hash) ^ STEM_SALT);
        continue;
      }
      if (start >= 0) {
        const wordHash = finish(hash);
        this.words++;
        // The same counts and matches in the same order with or without the cache: the word (after its
        // stems' matches), the pair, the word's match, its char n-grams, then opening and subject features.
        const record = wordCache === undefined ? -1 : this.recordOf(wordCache, wordHash, length, wordLength);
        if (record >= 0) {
          if (this.replayWord(wordCache!.arena, record, start, i)) this.knownWords++;
        } else if (this.add(wordHash & this.mask, WORD_GROUP, start, i)) this.knownWords++;
        if (previousStart >= 0) {
          const pairHash = finish(Math.imul(previousHash, 0x9e3779b1) ^ wordHash ^ BIGRAM_SEED);
          this.add(pairHash & this.mask, BIGRAM_GROUP, previousStart, i);
          observer?.match(pairHash);
        }
        if (observer) {
          observer.match(wordHash);
          observer.endWord();
        }
        if (record >= 0) this.addCharLine(wordCache!, record);
        else this.addCharGrams(length);
        if (openingWeight > 0 && wordInSegment < 2) {
          const opening = wordInSegment === 0 ? wordHash : Math.imul(previousHash, 0x9e3779b1) ^ wordHash;
          this.add(finish(opening ^ (OPENING_SEED + segment)) & this.mask, OPENING_GROUP, -1, -1);
        }
        if (subjectWeight > 0 && segment === 0) {
          if (record < 0) this.add(finish(wordHash ^ SUBJECT_SEED) & this.mask, SUBJECT_GROUP, -1, -1);
          else if (wordCache!.arena[record + 1]! >= 0) this.count(wordCache!.arena[record + 1]!, SUBJECT_GROUP, -1, -1);
        }
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
    this.cuesFound =
      this.settings.cueWeight > 0
        ? findCues(text, this.addCue, isAsciiWords ? this.isCueTriggered : undefined)
        : undefined;
  }

  private readonly addCue = (cue: number, priorityOnly: boolean): void => {
    this.add(finish(CUE_SEED ^ (cue + 1)) & this.mask, priorityOnly ? PRIORITY_CUE_GROUP : CUE_GROUP, -1, -1);
  };

  /** The char n-grams of the word in buffer[1..length] (its first LONGEST_CHAR_WORD letters). */
  private addCharGrams(length: number): void {
    const { gramIds } = this;
    const grams = this.hashCharGrams(length);
    for (let g = 0; g < grams; g++) this.add(gramIds[g]!, CHAR_GROUP, -1, -1);
  }

  /** Writes the hashed ids of the char n-grams of the word in buffer[1..length], in order, to gramIds. */
  private hashCharGrams(length: number): number {
    const { buffer, gramIds, mask } = this;
    const { charMin, charMax } = this.settings;
    buffer[0] = 32;
    buffer[length + 1] = 32;
    const padded = length + 2;
    let grams = 0;
    for (let from = 0; from + charMin <= padded; from++) {
      let hash = CHAR_SEED;
      const last = Math.min(from + charMax, padded);
      for (let j = from; j < last; j++) {
        hash = Math.imul(hash ^ buffer[j]!, FNV_PRIME);
        const n = j - from + 1;
        if (n >= charMin) gramIds[grams++] = finish(hash ^ n) & mask;
      }
    }
    return grams;
  }

  /** The word's record in the cache, made (and kept) when the cache lacks it. */
  private recordOf(cache: WordCache, wordHash: number, length: number, letters: number): number {
    const record = cache.find(wordHash, this.buffer, length);
    return record >= 0 ? record : this.wordRecord(cache, wordHash, length, letters);
  }

  /** A cached word's stem matches, then the word itself; false when the vocabulary does not know it. */
  private replayWord(arena: Int32Array, record: number, start: number, end: number): boolean {
    const { observer } = this;
    if (observer) {
      const stemsEnd = record + 3 + arena[record + 2]!;
      for (let at = record + 3; at < stemsEnd; at++) observer.match(arena[at]!);
    }
    const word = arena[record]!;
    if (word < 0) return false;
    this.count(word, WORD_GROUP, start, end);
    return true;
  }

  /** Adds a cached word's char n-gram line to charSums. */
  private addCharLine(cache: WordCache, record: number): void {
    const { arena, lines } = cache;
    const from = arena[record + 3 + arena[record + 2]!]!;
    const sums = this.charSums;
    for (let k = 0; k < LINE; k++) sums[k]! += lines[from + k]!;
  }

  /**
   * Makes and keeps the record of a word not in the cache, from its letters in buffer[1..length] (all of
   * them up to LONGEST_CHAR_WORD; `letters` counts every one): the dense ids of the word and of it as a
   * subject word (-1 when unknown), the stem keys the observer has, where its line of the known char
   * n-grams (Σ idf × their weight lines) is.
   * Everything in it depends only on the word's hash and its first letters, which the cache checks.
   */
  private wordRecord(cache: WordCache, wordHash: number, length: number, letters: number): number {
    const { buffer, mask, observer } = this;
    const denseOf = this.denseOf!;
    const record = cache.begin(buffer, length, this.recordSize);
    const { arena } = cache;
    arena[record] = denseOf[wordHash & mask]!;
    arena[record + 1] = denseOf[finish(wordHash ^ SUBJECT_SEED) & mask]!;
    let at = record + 3;
    if (observer) {
      const { stemLengths } = observer;
      let hash = WORD_SEED;
      for (let n = 1; n <= Math.min(letters, LONGEST_STEM); n++) {
        hash = Math.imul(hash ^ buffer[n]!, FNV_PRIME);
        if (!((stemLengths >>> n) & 1)) continue;
        const key = finish(hash) ^ STEM_SALT;
        if (observer.has(key)) arena[at++] = key;
      }
    }
    arena[record + 2] = at - record - 3;
    const { gramIds } = this;
    const weights = this.weights!;
    const { lines } = cache;
    const line = cache.pendingLine();
    arena[at++] = line;
    const sums = this.lineSums;
    sums.fill(0);
    const grams = this.hashCharGrams(length);
    for (let g = 0; g < grams; g++) {
      const feature = denseOf[gramIds[g]!]!;
      if (feature < 0) continue;
      const base = feature * LINE;
      const idf = weights[base + IDF]!;
      for (let k = 0; k < LINE; k++) sums[k]! += idf * weights[base + k]!;
    }
    // Kept as floats, like the weights: a word's line is one 64-byte cache line.
    lines.set(sums, line);
    cache.keep(wordHash, at);
    return record;
  }

  /** Counts one occurrence; false when the vocabulary does not know the feature. */
  private add(hashed: number, group: number, start: number, end: number): boolean {
    const feature = this.denseOf === undefined ? hashed : this.denseOf[hashed]!;
    if (feature < 0) return false;
    this.count(feature, group, start, end);
    return true;
  }

  /** Counts one occurrence of a (dense or, without a vocabulary, hashed) feature. */
  private count(feature: number, group: number, start: number, end: number): void {
    const slotOf = group === CHAR_GROUP ? this.charSlotOf : this.slotOf;
    const slot = slotOf[feature]!;
    if (slot >= 0) {
      this.counts[slot]!++;
      return;
    }
    if (this.size >= CAPACITY) return;
    const next = this.size++;
    slotOf[feature] = next;
    this.indices[next] = feature;
    this.counts[next] = 1;
    this.groups[next] = group;
    this.starts[next] = start;
    this.ends[next] = end;
    if (group === WORD_GROUP || group === BIGRAM_GROUP) this.wordSlots[this.wordSlotCount++] = next;
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
