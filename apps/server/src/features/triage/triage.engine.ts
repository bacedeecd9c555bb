import type { Category, TriageRecord } from '@caseflow/contract';
import { type LabelledMessage, loadShippedSet, MODEL_NAME, type TriageInput, trainTriageModel } from './model/index.js';

type Log = { error(details: object, message: string): void };

/** What triage answers when the model cannot (it never should): the ordinary case, with no confidence. */
const fallback = (input: TriageInput): TriageRecord => ({
  category: input.category ?? 'product_question',
  priority: 'normal',
  tags: [],
  confidence: { category: 0, priority: 0, tags: 0 },
  reasons: ['triage failed: the ordinary case'],
  model: MODEL_NAME,
  version: 'fallback',
});

/**
 * This process's triage model (SPEC §9): trained once, from the shipped set plus staff corrections,
 * on first use (a server that never takes a case never pays for it); retrained on request, swapped
 * in whole so a classification never sees half a model. Classifying never throws.
 */
export class TriageEngine {
  #model: ReturnType<typeof trainTriageModel> | undefined;
  #trainedAt = 0;
  #training: Promise<void> | undefined;

  constructor(
    private readonly loadCorrections: () => Promise<LabelledMessage[]>,
    private readonly log: Log,
  ) {}

  /** Resolves once a model is in place; the first call starts the training. */
  ready(): Promise<void> {
    if (this.#model) return Promise.resolve();
    this.#training ??= this.retrain().then(
      () => {},
      (error: unknown) => {
        this.#training = undefined;
        this.log.error({ err: error }, 'triage: training failed; new cases get the ordinary result');
      },
    );
    return this.#training;
  }

  /** Rebuilds from the shipped training part plus every correction, then swaps the model in. */
  async retrain() {
    const corrections = await this.loadCorrections();
    const startedAt = performance.now();
    // The whole shipped set: the held-out fifth is for measuring (eval:triage trains without it); a deployed
    // model learns from every labelled message, as is usual once the model has been chosen.
    const { training, heldOut } = loadShippedSet();
    const model = trainTriageModel([...training, ...heldOut, ...corrections]);
    this.#model = model;
    this.#trainedAt = Date.now();
    return { corrections: corrections.length, durationMs: Math.round(performance.now() - startedAt) };
  }

  get info() {
    return {
      model: MODEL_NAME,
      version: this.#model?.version ?? 'untrained',
      trainedOn: this.#model?.trainedOn ?? 0,
      trainedAt: this.#trainedAt,
    };
  }

  /** Each category's probability for a text; null until a model is in place (callers then do without). */
  categoryProbabilities(text: string): Record<Category, number> | null {
    if (!this.#model) return null;
    try {
      return this.#model.categoryProbabilities(text);
    } catch (error) {
      this.log.error({ err: error }, 'triage: the model failed on a text');
      return null;
    }
  }

  /** Call after ready(); before it (or if training failed) every case gets the ordinary result. */
  classify(input: TriageInput): TriageRecord {
    if (!this.#model) return fallback(input);
    try {
      return this.#model.classify(input);
    } catch (error) {
      this.log.error({ err: error }, 'triage: the model failed on a message');
      return fallback(input);
    }
  }
}
