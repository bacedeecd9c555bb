import { createHash } from 'node:crypto';
import { type Category, categorySchema, type Priority, prioritySchema } from '@caseflow/contract';
import { type CountRow, FeatureExtractor, PRIORITY_CUE } from './features.js';
import { type Head, type JointModel, type SparseRow, STRIDE } from './linear.js';
import { trainNaiveBayesHead } from './naive-bayes.js';
import { MODEL_REVISION, type TriageSettings } from './settings.js';
import { trainSoftmaxHeads } from './softmax.js';
import { pausesAt, ROWS_PER_STEP, type Steps } from './steps.js';
import { createTermMatcher, isCueTriggered, matchedTags } from './tags.js';
import { asText, normaliseText } from './text.js';
import type { LabelledMessage } from './types.js';
import { buildVocabulary, toDenseRow, weighFeatures } from './weighting.js';

export const CATEGORIES: readonly Category[] = categorySchema.options;
export const PRIORITIES: readonly Priority[] = prioritySchema.options;
export const CATEGORY_HEAD: Head = { offset: 0, classes: CATEGORIES.length };
export const PRIORITY_HEAD: Head = { offset: CATEGORIES.length, classes: PRIORITIES.length };
export const USED_SLOTS = CATEGORIES.length + PRIORITIES.length;

/** Everything classify() needs, learned from the examples. */
export interface TrainedParts {
  settings: TriageSettings;
  model: JointModel;
  /** Per lexicon tag, how often it agreed with the examples' own tags (for tag confidence and pruning). */
  tagPrecision: ReadonlyMap<string, { fired: number; correct: number }>;
  version: string;
  trainedOn: number;
}

/** A short hash of the examples (order-independent) and the model revision. */
export function versionOf(examples: readonly LabelledMessage[]): string {
  const lines = examples.map((example) =>
    JSON.stringify([
      example.subject,
      example.description,
      example.category,
      example.priority,
      Array.isArray(example.tags) ? [...example.tags].sort() : [],
    ]),
  );
  lines.sort();
  const hash = createHash('sha256').update(`revision ${MODEL_REVISION}\n`);
  for (const line of lines) hash.update(line).update('\n');
  return hash.digest('hex').slice(0, 12);
}

/** Examples read between two pauses of a paced training (see steps.ts). */
const EXAMPLES_PER_STEP = 32;

/** Learns the model's parts from the examples, pausing every few milliseconds of work (see steps.ts). */
export function* trainParts(examples: readonly LabelledMessage[], settings: TriageSettings): Steps<TrainedParts> {
  const tagMatcher = createTermMatcher();
  const extractor = new FeatureExtractor(settings.features, undefined, tagMatcher, (pattern) =>
    isCueTriggered(tagMatcher, pattern),
  );
  const counts: CountRow[] = [];
  const tagPrecision = new Map<string, { fired: number; correct: number }>();
  for (const [index, example] of examples.entries()) {
    if (pausesAt(index, EXAMPLES_PER_STEP)) yield;
    extractor.extract(normaliseText(asText(example.subject), asText(example.description)));
    counts.push(extractor.toRow());
    const own = new Set((Array.isArray(example.tags) ? example.tags : []).map((tag) => String(tag).toLowerCase()));
    for (const tag of matchedTags(tagMatcher)) {
      const entry = tagPrecision.get(tag) ?? { fired: 0, correct: 0 };
      entry.fired++;
      if (own.has(tag)) entry.correct++;
      tagPrecision.set(tag, entry);
    }
  }
  yield;
  const { vocabulary, table } = buildVocabulary(counts, settings.features);
  yield;
  const model: JointModel = { vocabulary, weights: table, bias: new Float32Array(STRIDE) };
  const dimension = vocabulary.size;
  // The guide's priority cues say nothing about the category: only the priority head learns from them.
  const priorityOnly = new Uint8Array(dimension);
  const rows: SparseRow[] = [];
  for (const [index, hashed] of counts.entries()) {
    if (pausesAt(index, ROWS_PER_STEP)) yield;
    const row = toDenseRow(hashed, vocabulary);
    row.groups.forEach((group, i) => {
      if (group === PRIORITY_CUE) priorityOnly[row.indices[i]!] = 1;
    });
    const values = new Float32Array(row.indices.length);
    weighFeatures(row.indices, row.counts, row.groups, row.indices.length, table, settings.features, values);
    rows.push({ indices: row.indices, values });
  }
  const categoryLabels = Uint8Array.from(examples, (example) => CATEGORIES.indexOf(example.category));
  const priorityLabels = Uint8Array.from(examples, (example) => PRIORITIES.indexOf(example.priority));
  const classifier = settings.classifier;
  if (classifier.kind === 'softmax') {
    const urgentWeights = PRIORITIES.map((priority) => (priority === 'urgent' ? settings.urgentWeight : 1));
    yield;
    yield* trainSoftmaxHeads(
      rows,
      [
        { ...CATEGORY_HEAD, labels: categoryLabels },
        { ...PRIORITY_HEAD, labels: priorityLabels, classWeights: urgentWeights },
      ],
      dimension,
      { ...classifier, seed: 20_240_501 },
      model.weights,
      model.bias,
      { features: priorityOnly, from: PRIORITY_HEAD.offset },
    );
  } else {
    const kind = classifier.kind === 'complement-nb' ? 'complement' : 'multinomial';
    for (const [head, labels] of [
      [CATEGORY_HEAD, categoryLabels],
      [PRIORITY_HEAD, priorityLabels],
    ] as const) {
      trainNaiveBayesHead(kind, rows, labels, head, dimension, classifier.alpha, model.weights, model.bias);
    }
  }
  return {
    settings,
    model,
    tagPrecision,
    version: versionOf(examples),
    trainedOn: examples.length,
  };
}
