import {
  BIGRAM,
  CHAR,
  type CountRow,
  CUE,
  type FeatureSettings,
  OPENING,
  PRIORITY_CUE,
  SUBJECT,
  WORD,
} from './features.js';
import { IDF_SLOT as IDF_SLOT_EXPORT, STRIDE as STRIDE_EXPORT, type Vocabulary } from './linear.js';

// Module-local copies: under a CommonJS transform (tsx) every use of an export is a getter call.
const STRIDE = STRIDE_EXPORT;
const IDF_SLOT = IDF_SLOT_EXPORT;
const WORD_GROUP = WORD;
const BIGRAM_GROUP = BIGRAM;
const CHAR_GROUP = CHAR;
const CUE_GROUP = CUE;
const OPENING_GROUP = OPENING;
const SUBJECT_GROUP = SUBJECT;
const PRIORITY_CUE_GROUP = PRIORITY_CUE;

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
  const scales = weighUnscaled(indices, counts, groups, size, table, settings, values);
  for (let i = 0; i < size; i++) values[i]! *= scales[groups[i]!]!;
}

/**
 * weighFeatures without its last step: the values before their group's scale, and the scales by group
 * (a shared scratch array, valid until the next call). Classifying applies the scales as it scores.
 */
export function weighUnscaled(
  indices: Int32Array,
  counts: Float32Array,
  groups: Uint8Array,
  size: number,
  table: Float32Array,
  settings: FeatureSettings,
  values: Float32Array,
): Float64Array {
  const norms = groupNorms;
  norms.fill(0);
  for (let i = 0; i < size; i++) {
    const group = groups[i]!;
    if (group === CUE_GROUP || group === PRIORITY_CUE_GROUP) {
      values[i] = group === CUE_GROUP ? settings.cueWeight : settings.cueWeight * settings.priorityCueScale;
      continue;
    }
    const count = counts[i]!;
    const idf = table[indices[i]! * STRIDE + IDF_SLOT]!;
    if (group === CHAR_GROUP) {
      // Linear in the occurrences, and the norm of the occurrences' vectors: a sum over the words.
      values[i] = count * idf;
      norms[group]! += count * idf * idf;
      continue;
    }
    const tf = count < SUBLINEAR_TF.length ? SUBLINEAR_TF[count]! : 1 + Math.log(count);
    const value = tf * idf;
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
  return scales;
}

const groupNorms = new Float64Array(7);
/** 1 + ln(count) for the small counts almost every feature has (the same values, without the call). */
const SUBLINEAR_TF = Float64Array.from({ length: 64 }, (_, count) => 1 + Math.log(count));
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
