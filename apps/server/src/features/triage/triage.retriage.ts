import { PRIORITY_RANK, priorityOfRank, type TriageRecord } from '@caseflow/contract';
import type { AppContext } from '../../context.js';
import type { Trx } from '../../db/transaction.js';
import { runAssignment } from '../assignment/assignment.engine.js';
import { enqueueJobs, type JobDefinition } from '../jobs/index.js';
import { routeNewCases } from '../teams/index.js';
import { askProvider } from './triage.provider.js';
import * as repository from './triage.repository.js';

export const PROVIDER_TRIAGE_JOB = 'triage.provider';

type Payload = { caseId: number; keepCategory: boolean };

/** Intake's hand-off to the optional provider (SPEC §9): one job per new case, in its transaction. */
export function queueProviderTriage(trx: Trx, cases: readonly Payload[], now: number) {
  return enqueueJobs(
    trx,
    cases.map((payload) => ({ kind: PROVIDER_TRIAGE_JOB, payload })),
    now,
  );
}

const summary = (category: string | null, priority: string) => `${category ?? 'no category'} · ${priority}`;

/**
 * Applies the provider's record to a case still unanswered and not corrected by staff, through the
 * assignment module: a new priority reorders the queue, a new category re-routes the case to its team
 * (a case already assigned in the old team goes back to the queue of the new one). Logged as
 * `case.retriaged`. Staff's corrections and a first reply both end the provider's say.
 */
async function applyRetriage(ctx: AppContext, caseId: number, record: TriageRecord, keepCategory: boolean) {
  await runAssignment(ctx, { actorId: null, trigger: 'case_retriaged' }, async (scope) => {
    const row = await scope.lockCase(caseId);
    if (row.first_response_at !== null || row.status === 'resolved') return;
    const current = await repository.findTriageState(scope.trx, caseId);
    if (current.triage_corrected_at !== null) return;
    const category = keepCategory && current.category !== null ? current.category : record.category;
    const applied = { ...record, category };
    const oldPriority = priorityOfRank(row.priority) ?? 'normal';
    const changed =
      category !== current.category ||
      PRIORITY_RANK[record.priority] !== row.priority ||
      record.tags.join() !== current.tags.join();
    await repository.saveRetriage(scope.trx, caseId, applied, scope.now);
    if (!changed) return;
    scope.record({
      type: 'case.retriaged',
      caseId,
      from: summary(current.category, oldPriority),
      to: summary(category, record.priority),
      reason: `provider ${record.model}`,
    });
    if (category !== current.category) {
      const routed = { category, teamId: row.team_id, routeReason: '' };
      await routeNewCases(scope.trx, [routed]);
      if (routed.teamId !== row.team_id) {
        await scope.transfer(caseId, routed.teamId);
        scope.record({
          type: 'case.transferred',
          caseId,
          from: String(row.team_id),
          to: String(routed.teamId),
          reason: routed.routeReason,
        });
      }
    }
    scope.publish({ name: 'case.updated', caseId, customerId: row.customer_id });
    scope.publish({ name: 'queue.updated' });
  });
}

/** The background job: ask, then apply; on any failure the offline result stands (no retry). */
export function providerTriageJob(
  ctx: AppContext,
  log: { warn(details: object, message: string): void },
): JobDefinition {
  return {
    retryDelaysMs: [],
    async handle(job) {
      const provider = ctx.config.triage.provider;
      if (!provider) return undefined;
      const { caseId, keepCategory } = job.payload as Payload;
      const text = await repository.findCaseText(ctx.database.db, caseId);
      if (!text || text.first_response_at !== null || text.status === 'resolved') return undefined;
      const answer = await askProvider(provider, text);
      if ('failure' in answer) {
        log.warn({ caseId, failure: answer.failure }, 'triage provider: no usable answer; the offline triage stands');
        return undefined;
      }
      await applyRetriage(ctx, caseId, answer.record, keepCategory);
      return undefined;
    },
  };
}
