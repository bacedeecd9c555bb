import { type Head, type SparseRow, STRIDE } from './linear.js';

/**
 * Complement naive Bayes (Rennie et al. 2003) and multinomial naive Bayes over the same weighted
 * features, written into one head of the shared weight table: the measured alternatives to the softmax
 * classifier (docs/triage.md), kept so `npm run eval:triage -- --compare` can repeat the comparison.
 */
export function trainNaiveBayesHead(
  kind: 'complement' | 'multinomial',
  rows: readonly SparseRow[],
  labels: ArrayLike<number>,
  head: Head,
  dimension: number,
  alpha: number,
  weights: Float32Array,
  bias: Float32Array,
): void {
  const { offset, classes } = head;
  const perClass = new Float64Array(dimension * classes);
  const all = new Float64Array(dimension);
  const seen = new Uint8Array(dimension);
  const classRows = new Float64Array(classes);
  rows.forEach((row, r) => {
    const label = labels[r]!;
    classRows[label]!++;
    for (let i = 0; i < row.indices.length; i++) {
      const f = row.indices[i]!;
      perClass[f * classes + label]! += row.values[i]!;
      all[f]! += row.values[i]!;
      seen[f] = 1;
    }
  });
  let features = 0;
  for (let f = 0; f < dimension; f++) features += seen[f]!;
  for (let k = 0; k < classes; k++) {
    let total = alpha * features;
    for (let f = 0; f < dimension; f++) {
      if (seen[f]) total += kind === 'complement' ? all[f]! - perClass[f * classes + k]! : perClass[f * classes + k]!;
    }
    const logs = new Float64Array(dimension);
    let absoluteSum = 0;
    for (let f = 0; f < dimension; f++) {
      if (!seen[f]) continue;
      const count = kind === 'complement' ? all[f]! - perClass[f * classes + k]! : perClass[f * classes + k]!;
      logs[f] = Math.log((count + alpha) / total);
      absoluteSum += Math.abs(logs[f]!);
    }
    for (let f = 0; f < dimension; f++) {
      if (!seen[f]) continue;
      // Complement NB scores a class by how unlike the other classes the text is (normalised weights).
      weights[f * STRIDE + offset + k] = kind === 'complement' ? -logs[f]! / absoluteSum : logs[f]!;
    }
    bias[offset + k] = kind === 'complement' ? 0 : Math.log((classRows[k]! + 1) / (rows.length + classes));
  }
}
