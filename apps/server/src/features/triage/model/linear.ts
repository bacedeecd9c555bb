import type { Vocabulary } from './features.js';

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
export function scoreInto(
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
