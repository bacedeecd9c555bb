/**
 * The features a model knows: hashed id → dense id (-1 when unknown). Dense ids are given most
 * frequent first, so the weight lines that almost every message touches share the cache.
 */
export interface Vocabulary {
  denseOf: Int32Array;
  size: number;
}

/**
 * The two classifiers (category and priority) share one weight table: each hashed feature owns one
 * 64-byte line of 16 floats (9 category weights, 4 priority weights, its idf), so scoring a feature
 * costs one cache line and one pass computes both classifiers' scores.
 */
export const STRIDE = 16;
export const IDF_SLOT = 15;

/** Where one classifier's weights sit in each line. */
export interface Head {
  offset: number;
  classes: number;
}

export interface JointModel {
  vocabulary: Vocabulary;
  /** vocabulary size × STRIDE: the heads' weights, then the feature's idf at IDF_SLOT. */
  weights: Float32Array;
  /** STRIDE biases, by the heads' offsets. */
  bias: Float32Array;
}

/** A weighted feature vector: parallel arrays of hashed indices and values. */
export interface SparseRow {
  indices: Int32Array;
  values: Float32Array;
}

/** Every head's raw scores at once, into scores[offset + k]. */
function scoreInto(
  model: JointModel,
  used: number,
  indices: Int32Array,
  values: Float32Array,
  size: number,
  scores: Float64Array,
): void {
  const { weights, bias } = model;
  for (let k = 0; k < used; k++) scores[k] = bias[k]!;
  for (let i = 0; i < size; i++) {
    const value = values[i]!;
    if (value === 0) continue;
    const base = indices[i]! * STRIDE;
    for (let k = 0; k < used; k++) scores[k]! += value * weights[base + k]!;
  }
}

/**
 * scoreInto after the last step of weighing: each value is first multiplied by its group's scale (and
 * kept, as weighFeatures would leave it), in the same pass that reads the feature's line of weights.
 */
export function scaleAndScore(
  model: JointModel,
  used: number,
  indices: Int32Array,
  values: Float32Array,
  groups: Uint8Array,
  scales: Float64Array,
  size: number,
  scores: Float64Array,
): void {
  if (used === 13) {
    scaleAndScoreThirteen(model.weights, model.bias, indices, values, groups, scales, size, scores);
    return;
  }
  for (let i = 0; i < size; i++) values[i]! *= scales[groups[i]!]!;
  scoreInto(model, used, indices, values, size, scores);
}

/**
 * scaleAndScore for the shipped heads' 13 slots (9 categories, 4 priorities): one local per slot keeps
 * the sums in registers, with the same sums in the same order as the loop over slots.
 */
function scaleAndScoreThirteen(
  weights: Float32Array,
  bias: Float32Array,
  indices: Int32Array,
  values: Float32Array,
  groups: Uint8Array,
  scales: Float64Array,
  size: number,
  scores: Float64Array,
): void {
  let s0 = bias[0]!;
  let s1 = bias[1]!;
  let s2 = bias[2]!;
  let s3 = bias[3]!;
  let s4 = bias[4]!;
  let s5 = bias[5]!;
  let s6 = bias[6]!;
  let s7 = bias[7]!;
  let s8 = bias[8]!;
  let s9 = bias[9]!;
  let s10 = bias[10]!;
  let s11 = bias[11]!;
  let s12 = bias[12]!;
  for (let i = 0; i < size; i++) {
    // Rounded to a float as the store into `values` rounds it, so the sums see what scoreInto would read.
    const value = Math.fround(values[i]! * scales[groups[i]!]!);
    values[i] = value;
    if (value === 0) continue;
    const base = indices[i]! * STRIDE;
    s0 += value * weights[base]!;
    s1 += value * weights[base + 1]!;
    s2 += value * weights[base + 2]!;
    s3 += value * weights[base + 3]!;
    s4 += value * weights[base + 4]!;
    s5 += value * weights[base + 5]!;
    s6 += value * weights[base + 6]!;
    s7 += value * weights[base + 7]!;
    s8 += value * weights[base + 8]!;
    s9 += value * weights[base + 9]!;
    s10 += value * weights[base + 10]!;
    s11 += value * weights[base + 11]!;
    s12 += value * weights[base + 12]!;
  }
  scores[0] = s0;
  scores[1] = s1;
  scores[2] = s2;
  scores[3] = s3;
  scores[4] = s4;
  scores[5] = s5;
  scores[6] = s6;
  scores[7] = s7;
  scores[8] = s8;
  scores[9] = s9;
  scores[10] = s10;
  scores[11] = s11;
  scores[12] = s12;
}

/** One head's scores → probabilities in place; returns the index (within the head) of the largest. */
export function softmaxInPlace(scores: Float64Array, head: Head): number {
  const { offset, classes } = head;
  let best = 0;
  for (let k = 1; k < classes; k++) if (scores[offset + k]! > scores[offset + best]!) best = k;
  const top = scores[offset + best]!;
  let sum = 0;
  for (let k = 0; k < classes; k++) {
    const e = Math.exp(scores[offset + k]! - top);
    scores[offset + k] = e;
    sum += e;
  }
  for (let k = 0; k < classes; k++) scores[offset + k]! /= sum;
  return best;
}

/** A small seeded generator so training is reproducible (same examples, same model, same version). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
