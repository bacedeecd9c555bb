import type { FeatureSettings } from './features.js';

export type ClassifierKind = 'softmax' | 'complement-nb' | 'multinomial-nb';

/** One set for both heads (category and priority): they are trained together over the same rows. */
export interface ClassifierSettings {
  kind: ClassifierKind;
  epochs: number;
  learningRate: number;
  l2: number;
  /** Softmax: average the weights of the epochs from this one on (a cheap Polyak average). */
  averageFrom: number;
  /** Naive Bayes smoothing. */
  alpha: number;
}

export interface TriageSettings {
  features: FeatureSettings;
  classifier: ClassifierSettings;
  /** Loss weight of `urgent` examples in the priority classifier (a missed urgent case costs most). */
  urgentWeight: number;
  /** The explicit safety, fraud and legal rules (off only to measure what they add). */
  rules: boolean;
}

/** Chosen by 5-fold cross-validation on the training part (`npm run eval:triage -- --search`). */
export const DEFAULT_SETTINGS: TriageSettings = {
  features: {
    bits: 17,
    wordWeight: 1,
    bigramWeight: 0.6,
    charWeight: 1,
    charMin: 3,
    charMax: 5,
    cueWeight: 0.2,
    priorityCueScale: 1.5,
    minDocuments: 2,
    openingWeight: 0.6,
    subjectWeight: 0.3,
  },
  classifier: { kind: 'softmax', epochs: 8, learningRate: 0.5, l2: 1e-4, averageFrom: 4, alpha: 0.3 },
  urgentWeight: 1,
  rules: true,
};

/** Bumped when the code changes what a model learns from the same examples (part of the version hash). */
export const MODEL_REVISION = 4;
export const MODEL_NAME = 'caseflow-offline';
