import type { CreateCaseBody } from '@caseflow/contract';
import type { AppContext, Caller } from '../../context.js';
import { commitAssignment, settleQueue } from '../assignment/assignment.engine.js';
import { addFirstMessages } from '../conversation/conversation.service.js';
import * as repository from './cases.repository.js';

export interface IntakeRequest {
  caller: Caller;
  body: CreateCaseBody;
  idempotency: { key: string; requestHash: string } | undefined;
}

/** The new case's id, and the whole case when intake assigned it itself (nothing later changes it). */
export interface IntakeResult {
  id: number;
  row: repository.CaseRow | undefined;
}

interface Entry {
  request: IntakeRequest;
  resolve(result: IntakeResult): void;
  reject(error: unknown): void;
}

/** A batch's statements carry every case's values: 64 cases stay far below SQLite's 32,766 parameters. */
const MAX_BATCH = 64;

/**
 * Writes new cases and hands them to free agents, all of them in one transaction and a handful of
 * statements (the cases in one insert, their first messages in another…). Rule 2 is applied to them
 * one after another, so the outcome is the same as one transaction per case in arrival order.
 */
function insertCasesAndAssign(ctx: AppContext, requests: IntakeRequest[]): Promise<IntakeResult[]> {
  return commitAssignment(ctx, { actorId: null, trigger: 'case_created' }, async (scope) => {
    for (const { caller, idempotency } of requests) {
      if (idempotency) {
        await repository.claimIdempotencyKey(scope.trx, { userId: caller.userId, ...idempotency, now: scope.now });
      }
    }
    const assignees = await scope.takeAgentsForNewCases(requests.length);
    const rows = await repository.insertCases(
      scope.trx,
      requests.map(({ caller, body }, i) => {
        const assigneeId = assignees[i] ?? null;
        return {
          customer_id: caller.userId,
          subject: body.subject,
          description: body.description,
          order_number: body.orderNumber ?? null,
          product: body.product ?? null,
          reason: body.reason ?? null,
          desired_outcome: body.desiredOutcome ?? null,
          status: assigneeId === null ? 'new' : 'open',
          assignee_id: assigneeId,
          created_at: scope.now,
          assigned_at: assigneeId === null ? null : scope.now,
          updated_at: scope.now,
        };
      }),
    );
    await addFirstMessages(
      scope.trx,
      rows.map((row) => ({ caseId: row.id, authorId: row.customer_id, body: row.description, now: scope.now })),
    );
    for (const row of rows) {
      scope.record({ type: 'case.created', caseId: row.id, to: 'new' }, row.customer_id);
      scope.publish({ name: 'case.created', caseId: row.id, customerId: row.customer_id });
    }
    scope.publish({ name: 'queue.updated' });
    await scope.assignNewCases(
      rows.flatMap((row) => (row.assignee_id === null ? [] : [{ ...row, agentId: row.assignee_id }])),
    );
    for (const [i, { caller, idempotency }] of requests.entries()) {
      const row = rows[i];
      if (idempotency && row) await repository.attachIdempotencyKey(scope.trx, caller.userId, idempotency.key, row.id);
    }
    // A queued case is read again after the commit: the reply shows what the queue's drain did with it.
    return rows.map((row) => ({ id: row.id, row: row.assignee_id === null ? undefined : row }));
  });
}

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

  submit(request: IntakeRequest) {
    return new Promise<IntakeResult>((resolve, reject) => {
      this.#waiting.push({ request, resolve, reject });
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
      results = await insertCasesAndAssign(
        this.ctx,
        batch.map((entry) => entry.request),
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
export function submitIntake(ctx: AppContext, request: IntakeRequest) {
  let queue = queues.get(ctx);
  if (!queue) {
    queue = new IntakeQueue(ctx);
    queues.set(ctx, queue);
  }
  return queue.submit(request);
}
