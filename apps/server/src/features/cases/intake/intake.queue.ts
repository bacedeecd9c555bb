import type { CaseReturn } from '@caseflow/contract';
import type { AppContext } from '../../../context.js';
import { settleQueue } from '../../assignment/assignment.engine.js';
import type * as repository from '../cases.repository.js';
import { type NewCaseInput, toDraft } from './case-draft.js';
import { writeBatch } from './intake.pipeline.js';

/** The new case's id, and the whole case when intake assigned it itself (nothing later changes it). */
export interface IntakeResult {
  id: number;
  row: repository.CaseRow | undefined;
  /** Its return as intake wrote it (SPEC §12), or null. */
  caseReturn: CaseReturn | null;
}

interface Entry {
  input: NewCaseInput;
  resolve(result: IntakeResult): void;
  reject(error: unknown): void;
}

/** A batch's statements carry every case's values: 64 cases stay far below SQLite's 32,766 parameters. */
const MAX_BATCH = 64;

/**
 * Intake's requests that arrive while a batch is being written become the next batch, so under load
 * a case costs a share of one transaction instead of a transaction of its own. If a batch fails (a
 * reused Idempotency-Key, say), each of its requests is tried again alone and fails or succeeds by
 * itself; nobody hears "created" before the commit that holds their case.
 */
class IntakeQueue {
  #waiting: Entry[] = [];
  #writing = false;

  constructor(private readonly ctx: AppContext) {}

  submit(input: NewCaseInput) {
    return new Promise<IntakeResult>((resolve, reject) => {
      this.#waiting.push({ input, resolve, reject });
      if (this.#writing) return;
      this.#writing = true;
      // After the I/O callbacks of this turn of the event loop: requests that arrived together go together.
      setImmediate(() => void this.#writeAll());
    });
  }

  async #writeAll() {
    try {
      while (this.#waiting.length > 0) await this.#write(this.#waiting.splice(0, MAX_BATCH));
    } finally {
      this.#writing = false;
    }
  }

  async #write(batch: Entry[]) {
    let results: IntakeResult[];
    try {
      results = await writeBatch(
        this.ctx,
        batch.map((entry) => toDraft(entry.input)),
      );
    } catch (error) {
      // Nothing of the batch was committed: each request is tried alone, to fail or succeed by itself.
      const [only] = batch;
      if (batch.length === 1 && only) only.reject(error);
      else for (const entry of batch) await this.#write([entry]);
      return;
    }
    try {
      await settleQueue(this.ctx);
    } catch (error) {
      // The cases exist, but the request that made them failed as a whole, as any other write's would.
      for (const entry of batch) entry.reject(error);
      return;
    }
    for (const [i, entry] of batch.entries()) {
      const result = results[i];
      if (result) entry.resolve(result);
      else entry.reject(new Error('the intake batch returned too few cases'));
    }
  }
}

/** One queue per application context (each server, each test's app). */
const queues = new WeakMap<AppContext, IntakeQueue>();

/** Writes a new case (joining the current batch of new cases) and assigns it when an agent is free. */
export function submitIntake(ctx: AppContext, input: NewCaseInput) {
  let queue = queues.get(ctx);
  if (!queue) {
    queue = new IntakeQueue(ctx);
    queues.set(ctx, queue);
  }
  return queue.submit(input);
}
