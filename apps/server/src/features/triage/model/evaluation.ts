import { seededRandom } from './linear.js';
import { CATEGORIES, PRIORITIES } from './train.js';
import type { LabelledMessage, TriageModel, TriageResult } from './types.js';

export interface Confusion {
  labels: readonly string[];
  /** counts[actual][predicted] */
  counts: number[][];
}

export interface Scores {
  examples: number;
  categoryAccuracy: number;
  priorityAccuracy: number;
  urgentRecall: number;
  urgentPrecision: number;
  tagPrecision: number;
  tagRecall: number;
  category: Confusion;
  priority: Confusion;
}

export interface Prediction {
  message: LabelledMessage;
  result: TriageResult;
}

function confusionOf(labels: readonly string[], pairs: ReadonlyArray<readonly [string, string]>): Confusion {
  const counts = labels.map(() => labels.map(() => 0));
  for (const [actual, predicted] of pairs) counts[labels.indexOf(actual)]![labels.indexOf(predicted)]!++;
  return { labels, counts };
}

function ratio(part: number, whole: number): number {
  return whole === 0 ? 0 : part / whole;
}

export function precisionOf(confusion: Confusion, k: number): number {
  return ratio(
    confusion.counts[k]![k]!,
    confusion.counts.reduce((sum, row) => sum + row[k]!, 0),
  );
}

export function recallOf(confusion: Confusion, k: number): number {
  return ratio(
    confusion.counts[k]![k]!,
    confusion.counts[k]!.reduce((sum, n) => sum + n, 0),
  );
}

export function accuracyOf(confusion: Confusion): number {
  let right = 0;
  let all = 0;
  confusion.counts.forEach((row, k) => {
    right += row[k]!;
    for (const n of row) all += n;
  });
  return ratio(right, all);
}

export function scorePredictions(predictions: readonly Prediction[]): Scores {
  const category = confusionOf(
    CATEGORIES,
    predictions.map(({ message, result }) => [message.category, result.category] as const),
  );
  const priority = confusionOf(
    PRIORITIES,
    predictions.map(({ message, result }) => [message.priority, result.priority] as const),
  );
  let tagHits = 0;
  let tagGiven = 0;
  let tagWanted = 0;
  for (const { message, result } of predictions) {
    const wanted = new Set(message.tags.map((tag) => tag.toLowerCase()));
    tagWanted += wanted.size;
    tagGiven += result.tags.length;
    for (const tag of result.tags) if (wanted.has(tag)) tagHits++;
  }
  const urgent = PRIORITIES.indexOf('urgent');
  return {
    examples: predictions.length,
    categoryAccuracy: accuracyOf(category),
    priorityAccuracy: accuracyOf(priority),
    urgentRecall: recallOf(priority, urgent),
    urgentPrecision: precisionOf(priority, urgent),
    tagPrecision: ratio(tagHits, tagGiven),
    tagRecall: ratio(tagHits, tagWanted),
    category,
    priority,
  };
}

export function predict(model: TriageModel, messages: readonly LabelledMessage[]): Prediction[] {
  return messages.map((message) => ({
    message,
    result: model.classify({ subject: message.subject, description: message.description }),
  }));
}

/**
 * k-fold cross-validation: each fold is predicted by a model trained on the others, so every
 * training message is scored once by a model that never saw it. Folds are a seeded shuffle.
 */
export function crossValidate(
  messages: readonly LabelledMessage[],
  train: (examples: readonly LabelledMessage[]) => TriageModel,
  folds = 5,
  seed = 7,
): Prediction[] {
  const random = seededRandom(seed);
  const order = Array.from(messages.keys());
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const foldOf = new Int32Array(messages.length);
  order.forEach((index, position) => {
    foldOf[index] = position % folds;
  });
  const predictions: Prediction[] = [];
  for (let fold = 0; fold < folds; fold++) {
    const model = train(messages.filter((_, i) => foldOf[i] !== fold));
    predictions.push(
      ...predict(
        model,
        messages.filter((_, i) => foldOf[i] === fold),
      ),
    );
  }
  return predictions;
}

const percent = (value: number) => `${(value * 100).toFixed(1)}%`;

/** A confusion matrix as a text table: rows are the true labels, columns the predictions. */
export function formatConfusion(confusion: Confusion): string {
  const short = confusion.labels.map((label) => label.slice(0, 8));
  const width = Math.max(...confusion.labels.map((label) => label.length), 'actual \\ predicted'.length);
  const lines = [`${'actual \\ predicted'.padEnd(width)} ${short.map((label) => label.padStart(8)).join(' ')}`];
  confusion.labels.forEach((label, k) => {
    lines.push(`${label.padEnd(width)} ${confusion.counts[k]!.map((n) => String(n).padStart(8)).join(' ')}`);
  });
  return lines.join('\n');
}

/** Per-class precision and recall, optionally beside a second set of scores (e.g. cross-validation). */
export function formatPerClass(confusion: Confusion, beside?: Confusion, besideName = 'cv'): string {
  const width = Math.max(...confusion.labels.map((label) => label.length), 5);
  const head = `${'class'.padEnd(width)} ${'support'.padStart(7)} ${'precision'.padStart(9)} ${'recall'.padStart(7)}`;
  const extra = beside ? ` ${`${besideName} prec`.padStart(9)} ${`${besideName} rec`.padStart(8)}` : '';
  const lines = [head + extra];
  confusion.labels.forEach((label, k) => {
    const support = confusion.counts[k]!.reduce((sum, n) => sum + n, 0);
    let line = `${label.padEnd(width)} ${String(support).padStart(7)} ${percent(precisionOf(confusion, k)).padStart(9)} ${percent(recallOf(confusion, k)).padStart(7)}`;
    if (beside) {
      line += ` ${percent(precisionOf(beside, k)).padStart(9)} ${percent(recallOf(beside, k)).padStart(8)}`;
    }
    lines.push(line);
  });
  return lines.join('\n');
}

export { percent };
