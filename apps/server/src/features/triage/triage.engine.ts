import type { Category, TriageRecord } from '@caseflow/contract';
import {
  type LabelledMessage,
  loadShippedSet,
  MODEL_NAME,
  type TriageInput,
  type TriageModel,
  trainTriageModelPaced,
} from './model/index.js';

type Log = { error(details: object, message: string): void };

/** Training runs in slices this long, the event loop free between them (requests wait at most about this). */
const TRAINING_SLICE_MS = 10;

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
 * This process's triage model (SPEC §9): trained once, from the shipped set plus staff corrections, on
 * first use (the server process calls ready() as it starts, so its first case need not wait; a test's
 * app that never takes a case never pays for it); retrained on request, swapped
 * in whole so a classification never sees half a model. Training is paced: it gives the event loop
 * back every TRAINING_SLICE_MS, so other requests (and sockets) are answered while it runs; the cases
 * that arrive before the first model wait for it. Classifying never throws.
 */
export class TriageEngine {
  #model: TriageModel | undefined;
  #trainedAt = 0;
  #training: Promise<void> | undefined;
  /** The last retrain asked for: the next one starts after it, so an older model never replaces a newer. */
  #lastRetrain: Promise<unknown> = Promise.resolve();

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

  /**
   * Rebuilds from the shipped training part plus every correction, then swaps the model in. Retrains
   * run one after another (a paced one takes about a second, and requests may ask for several).
   */
  retrain(): Promise<{ corrections: number; durationMs: number }> {
    const run = this.#lastRetrain.then(
      () => this.#train(),
      () => this.#train(),
    );
    this.#lastRetrain = run;
    return run;
  }

  async #train() {
    const corrections = await this.loadCorrections();
    const startedAt = performance.now();
    // The whole shipped set: the held-out fifth is for measuring (eval:triage trains without it); a deployed
    // model learns from every labelled message, as is usual once the model has been chosen.
    const { training, heldOut } = loadShippedSet();
    const model = await trainTriageModelPaced([...training, ...heldOut, ...corrections], TRAINING_SLICE_MS);
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
