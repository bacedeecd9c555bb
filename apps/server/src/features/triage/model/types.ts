import type { Category, Priority } from '@caseflow/contract';

export interface TriageInput {
  subject: string;
  description: string;
  /** The customer's own choice: kept as the category. */
  category?: Category;
}

export interface TriageResult {
  category: Category;
  priority: Priority;
  /** Lower-case words, at most 10. */
  tags: string[];
  /** Each 0..1. */
  confidence: { category: number; priority: number; tags: number };
  /** The words or rules that decided, human-readable, at most 8. */
  reasons: string[];
  model: string;
  /** Changes when the training examples change. */
  version: string;
}

export interface LabelledMessage {
  id: string;
  subject: string;
  description: string;
  category: Category;
  priority: Priority;
  tags: string[];
}

export interface TriageModel {
  classify(input: TriageInput): TriageResult;
  /** Each category's probability for a text, by the trained classifier alone (help search uses it). */
  categoryProbabilities(text: string): Record<Category, number>;
  readonly version: string;
  readonly trainedOn: number;
}
