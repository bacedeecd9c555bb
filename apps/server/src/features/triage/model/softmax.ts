import { type Head, type SparseRow, STRIDE, seededRandom, softmaxInPlace } from './linear.js';
import { pausesAt, ROWS_PER_STEP } from './steps.js';

// Module-local copy: under tsx's CommonJS transform every read of an import is a getter call.
const LINE = STRIDE;
/** Gradients this small change nothing worth the pass over the row's features. */
const NEGLIGIBLE = 1e-3;

export interface SoftmaxSettings {
  epochs: number;
  learningRate: number;
  /** L2 strength per example (the objective is mean log-loss + l2/2 · |W|²). */
  l2: number;
  seed: number;
  /** From this epoch on, the weights after each epoch are averaged (a cheap Polyak average). */
  averageFrom: number;
}

export interface HeadLabels extends Head {
  labels: ArrayLike<number>;
  /** Multiplies each class's loss; 1 for every class when omitted. */
  classWeights?: readonly number[];
}

/**
 * Multinomial logistic regression for every head at once, by SGD over the shared rows, with exact L2
 * decay (the weights are kept as scale × V so decay costs O(1) per step, Bottou's trick) and the
 * learning rate falling as 1 / (1 + lr·l2·t). Writes the heads' slots of `weights` and `bias`.
 * A generator: it pauses every ROWS_PER_STEP rows (see steps.ts), so a server can train between requests.
 */
export function* trainSoftmaxHeads(
  rows: readonly SparseRow[],
  heads: readonly HeadLabels[],
  dimension: number,
  settings: SoftmaxSettings,
  weights: Float32Array,
  bias: Float32Array,
  /** Features (by dense id, 1 = restricted) that only update the slots from `from` on (one head's own). */
  restricted?: { features: Uint8Array; from: number },
): Generator<void, void> {
  const restrictedFeatures = restricted?.features;
  const restrictedFrom = restricted ? restricted.from : 0;
  const used = Math.max(...heads.map((head) => head.offset + head.classes));
  const v = new Float32Array(dimension * STRIDE);
  const b = new Float64Array(STRIDE);
  const scores = new Float64Array(STRIDE);
  const random = seededRandom(settings.seed);
  const order = Array.from(rows.keys());
  const { learningRate, l2, epochs } = settings;
  const averageFrom = Math.min(settings.averageFrom, epochs - 1);
  const average = new Float64Array(dimension * STRIDE);
  const averageBias = new Float64Array(STRIDE);
  let scale = 1;
  let step = 0;
  // One SGD step, in a function of its own (see addScaled).
  const learnRow = (r: number): void => {
    const { indices, values } = rows[r]!;
    const rate = learningRate / (1 + learningRate * l2 * step++);
    scale *= 1 - rate * l2;
    if (scale < 1e-6) {
      for (let x = 0; x < v.length; x++) v[x]! *= scale;
      scale = 1;
    }
    for (let k = 0; k < used; k++) scores[k] = b[k]!;
    for (let i = 0; i < indices.length; i++) {
      const base = indices[i]! * LINE;
      const value = values[i]! * scale;
      for (let k = 0; k < used; k++) scores[k]! += value * v[base + k]!;
    }
    let largest = 0;
    for (const head of heads) {
      softmaxInPlace(scores, head);
      const label = head.labels[r]!;
      const weight = head.classWeights?.[label] ?? 1;
      for (let k = 0; k < head.classes; k++) {
        const gradient = weight * (scores[head.offset + k]! - (k === label ? 1 : 0));
        scores[head.offset + k] = gradient;
        if (gradient > largest) largest = gradient;
        else if (-gradient > largest) largest = -gradient;
      }
    }
    if (largest < NEGLIGIBLE) return;
    const shrink = rate / scale;
    for (let i = 0; i < indices.length; i++) {
      const feature = indices[i]!;
      const base = feature * LINE;
      const value = values[i]! * shrink;
      const first = restrictedFeatures !== undefined && restrictedFeatures[feature] === 1 ? restrictedFrom : 0;
      for (let k = first; k < used; k++) v[base + k]! -= value * scores[k]!;
    }
    for (let k = 0; k < used; k++) b[k]! -= rate * scores[k]!;
  };
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const r of order) {
      if (pausesAt(step, ROWS_PER_STEP)) yield;
      learnRow(r);
    }
    if (epoch >= averageFrom) {
      addScaled(average, v, scale);
      addScaled(averageBias, b, 1);
    }
  }
  const averaged = epochs - averageFrom;
  for (const head of heads) writeHead(head, dimension, average, averageBias, averaged, weights, bias);
}

// The long loops live in plain functions: a generator's own loops run unoptimised for a while.
function addScaled(sum: Float64Array, values: Float32Array | Float64Array, scale: number): void {
  for (let x = 0; x < values.length; x++) sum[x]! += values[x]! * scale;
}

function writeHead(
  { offset, classes }: Head,
  dimension: number,
  average: Float64Array,
  averageBias: Float64Array,
  averaged: number,
  weights: Float32Array,
  bias: Float32Array,
): void {
  for (let f = 0; f < dimension; f++) {
    const base = f * STRIDE + offset;
    for (let k = 0; k < classes; k++) weights[base + k] = average[base + k]! / averaged;
  }
  for (let k = 0; k < classes; k++) bias[offset + k] = averageBias[offset + k]! / averaged;
}
