import { buildModel } from './classify.js';
import { DEFAULT_SETTINGS, type TriageSettings } from './settings.js';
import { runSteps, runStepsPaced } from './steps.js';
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
  return buildModel(runSteps(trainParts(usable(examples), settings)));
}

/**
 * trainTriageModel for a server: the same model, trained in slices of about `sliceMs` with the event
 * loop free between them, so requests keep being answered while it learns (it takes about a second).
 */
export async function trainTriageModelPaced(
  examples: readonly LabelledMessage[],
  sliceMs: number,
  settings: TriageSettings = DEFAULT_SETTINGS,
): Promise<TriageModel> {
  return buildModel(await runStepsPaced(trainParts(usable(examples), settings), sliceMs));
}

function usable(examples: readonly LabelledMessage[]): LabelledMessage[] {
  return examples.filter(
    (example) =>
      example !== null &&
      typeof example === 'object' &&
      CATEGORIES.includes(example.category) &&
      PRIORITIES.includes(example.priority),
  );
}
