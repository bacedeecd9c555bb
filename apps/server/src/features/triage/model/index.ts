import { buildModel } from './classify.js';
import { DEFAULT_SETTINGS, type TriageSettings } from './settings.js';
import { CATEGORIES, PRIORITIES, trainParts } from './train.js';
import type { LabelledMessage, TriageModel } from './types.js';

export { isHeldOut, loadShippedSet } from './dataset.js';
export {
  crossValidate,
  formatConfusion,
  formatPerClass,
  type Prediction,
  percent,
  predict,
  type Scores,
  scorePredictions,
} from './evaluation.js';
export { DEFAULT_SETTINGS, MODEL_NAME, type TriageSettings } from './settings.js';
export type { LabelledMessage, TriageInput, TriageModel, TriageResult } from './types.js';

/**
 * Trains the offline triage model (category and priority classifiers, tag statistics) from labelled
 * messages: the shipped training set plus staff corrections. Examples with an unknown category or
 * priority are skipped. Deterministic: the same examples give the same model and version.
 */
export function trainTriageModel(
  examples: readonly LabelledMessage[],
  settings: TriageSettings = DEFAULT_SETTINGS,
): TriageModel {
  const usable = examples.filter(
    (example) =>
      example !== null &&
      typeof example === 'object' &&
      CATEGORIES.includes(example.category) &&
      PRIORITIES.includes(example.priority),
  );
  return buildModel(trainParts(usable, settings));
}
