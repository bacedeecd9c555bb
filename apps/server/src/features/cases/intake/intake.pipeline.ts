import { CASE_TEXT_LIMITS, categorySchema, PRIORITY_RANK } from '@caseflow/contract';
import type { AppContext } from '../../../context.js';
import { invalid } from '../../../http/app-error.js';
import { type AssignmentScope, commitAssignment } from '../../assignment/assignment.engine.js';
import { attachUploads } from '../../attachments/index.js';
import { addFirstMessages, firstMessageOf } from '../../conversation/message-writer.js';
import { openReturnsForNewCases } from '../../returns/index.js';
import { routeNewCases } from '../../teams/index.js';
import { queueProviderTriage } from '../../triage/index.js';
import * as repository from '../cases.repository.js';
import type { CaseDraft } from './case-draft.js';

/** One step of case creation over a batch of drafts, inside the batch's assignment transaction. */
export interface IntakeStage {
  name: string;
  run(scope: AssignmentScope, drafts: CaseDraft[]): Promise<void> | void;
}

/** What every door must respect, whatever its own parsing did: the rules the database repeats. */
function validateDrafts(_scope: AssignmentScope, drafts: CaseDraft[]) {
  for (const draft of drafts) {
    for (const [field, max] of Object.entries(CASE_TEXT_LIMITS) as [keyof typeof CASE_TEXT_LIMITS, number][]) {
      const value = draft[field];
      if (value === null) continue;
      if (value.trim().length === 0 || value.length > max) throw invalid(field, `must be 1 to ${max} characters`);
    }
    if (draft.category !== null && !categorySchema.safeParse(draft.category).success) {
      throw invalid('category', 'not a category');
    }
  }
}

/**
 * Triage (SPEC §9), before the transaction: the category (unless the customer chose one), the priority
 * that places the case in the queue, tags and the record of why. It never fails a case: the engine
 * answers the ordinary result if its model cannot.
 */
async function triageDrafts(ctx: AppContext, drafts: CaseDraft[]) {
  if (!ctx.config.triage.enabled) return;
  await ctx.triage.ready();
  for (const draft of drafts) {
    const record = ctx.triage.classify({
      subject: draft.subject,
      description: draft.description,
      ...(draft.category === null ? {} : { category: draft.category }),
    });
    draft.triage = record;
    draft.category = record.category;
    draft.priority = record.priority;
    draft.tags = record.tags;
  }
}

async function claimIdempotencyKeys(scope: AssignmentScope, drafts: CaseDraft[]) {
  for (const { customerId, idempotency } of drafts) {
    if (idempotency)
      await repository.claimIdempotencyKey(scope.trx, { userId: customerId, ...idempotency, now: scope.now });
  }
}

async function routeDrafts(scope: AssignmentScope, drafts: CaseDraft[]) {
  await routeNewCases(scope.trx, drafts);
}

async function planAssignments(scope: AssignmentScope, drafts: CaseDraft[]) {
  const agents = await scope.takeAgentsForNewCases(drafts.map((draft) => draft.teamId));
  for (const [i, draft] of drafts.entries()) draft.assigneeId = agents[i] ?? null;
}

/** The cases in one insert (already assigned where the planner found an agent), then their first messages. */
async function writeCases(scope: AssignmentScope, drafts: CaseDraft[]) {
  const rows = await repository.insertCases(
    scope.trx,
    drafts.map((draft) => ({
      customer_id: draft.customerId,
      subject: draft.subject,
      description: draft.description,
      order_number: draft.orderNumber,
      product: draft.product,
      reason: draft.reason,
      desired_outcome: draft.desiredOutcome,
      priority: PRIORITY_RANK[draft.priority],
      team_id: draft.teamId,
      category: draft.category,
      tags: JSON.stringify(draft.tags),
      triage: draft.triage === null ? null : JSON.stringify(draft.triage),
      triaged_category: draft.triage?.category ?? null,
      triaged_priority: draft.triage === null ? null : PRIORITY_RANK[draft.triage.priority],
      status: draft.assigneeId === null ? 'new' : 'open',
      assignee_id: draft.assigneeId,
      created_at: scope.now,
      assigned_at: draft.assigneeId === null ? null : scope.now,
      updated_at: scope.now,
      ...scope.clocks.stampNew(PRIORITY_RANK[draft.priority], scope.now),
    })),
  );
  await addFirstMessages(
    scope.trx,
    rows.map((row) => ({ caseId: row.id, authorId: row.customer_id, body: row.description, now: scope.now })),
  );
  for (const [i, row] of rows.entries()) {
    const draft = drafts[i];
    if (draft) draft.row = row;
    scope.record({ type: 'case.created', caseId: row.id, to: 'new' }, row.customer_id);
    scope.record({
      type: 'case.routed',
      caseId: row.id,
      from: row.category,
      to: String(row.team_id),
      reason: draft?.routeReason ?? null,
    });
    scope.publish({ name: 'case.created', caseId: row.id, customerId: row.customer_id });
  }
  scope.publish({ name: 'queue.updated' });
}

/** SPEC §12: a case whose customer wants a refund, replacement, repair or credit carries a return. */
async function openReturns(scope: AssignmentScope, drafts: CaseDraft[]) {
  await openReturnsForNewCases(scope.trx, drafts, scope.now);
}

/** The customer's uploads become the first message's attachments; one bad id fails that case alone (404). */
async function attachFiles(scope: AssignmentScope, drafts: CaseDraft[]) {
  for (const { row, attachmentIds, customerId } of drafts) {
    if (!row || attachmentIds.length === 0) continue;
    await attachUploads(scope.trx, {
      ids: attachmentIds,
      uploaderId: customerId,
      caseId: row.id,
      messageId: await firstMessageOf(scope.trx, row.id),
      internal: false,
      now: scope.now,
    });
  }
}

async function recordAssignments(scope: AssignmentScope, drafts: CaseDraft[]) {
  await scope.assignNewCases(
    drafts.flatMap(({ row }) => (row?.assignee_id == null ? [] : [{ ...row, agentId: row.assignee_id }])),
  );
}

async function attachIdempotencyKeys(scope: AssignmentScope, drafts: CaseDraft[]) {
  for (const { customerId, idempotency, row } of drafts) {
    if (idempotency && row) await repository.attachIdempotencyKey(scope.trx, customerId, idempotency.key, row.id);
  }
}

/**
 * Case creation, in order: (triage, before the transaction) → validate → route → plan assignment → write → record assignments. A feature
 * that decides something about a new case (triage, SLA stamps, the outbox) adds its stage here, in its
 * place; the API, the widget and mail all create cases through it.
 */
export const creationPipeline: readonly IntakeStage[] = [
  { name: 'validate', run: validateDrafts },
  { name: 'claim idempotency keys', run: claimIdempotencyKeys },
  { name: 'route', run: routeDrafts },
  { name: 'plan assignment', run: planAssignments },
  { name: 'write', run: writeCases },
  { name: 'open returns', run: openReturns },
  { name: 'attach files', run: attachFiles },
  { name: 'record assignments', run: recordAssignments },
  { name: 'attach idempotency keys', run: attachIdempotencyKeys },
];

/**
 * Runs the pipeline over a batch in one assignment transaction: a handful of statements whatever the
 * batch's size, with the outcome of one transaction per case in arrival order.
 */
export async function writeBatch(ctx: AppContext, drafts: CaseDraft[]) {
  await triageDrafts(ctx, drafts);
  await ctx.sla.ready();
  return commitAssignment(ctx, { actorId: null, trigger: 'case_created' }, async (scope) => {
    for (const stage of creationPipeline) await stage.run(scope, drafts);
    if (ctx.config.triage.provider) {
      await queueProviderTriage(
        scope.trx,
        drafts.flatMap(({ row, categoryChosen }) => (row ? [{ caseId: row.id, keepCategory: categoryChosen }] : [])),
        scope.now,
      );
    }
    return drafts.map(({ row, caseReturn }) => {
      if (!row) throw new Error('the write stage left a draft without its case');
      // A queued case is read again after the commit: the reply shows what the queue's drain did with it.
      return { id: row.id, row: row.assignee_id === null ? undefined : row, caseReturn };
    });
  });
}
