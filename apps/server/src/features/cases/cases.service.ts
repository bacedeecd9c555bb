import { hash } from 'node:crypto';
import {
  type BulkTransferBody,
  type Case,
  type CaseReturn,
  type CreateCaseBody,
  type ListCasesQuery,
  PRIORITY_RANK,
  type Priority,
  priorityOfRank,
  REOPEN_WINDOW_DAYS,
  REOPEN_WINDOW_MS,
  type TransferCaseBody,
  type UpdateCaseBody,
} from '@caseflow/contract';
import { type AppContext, type Caller, isStaff } from '../../context.js';
import { isUniqueViolation } from '../../db/engine.js';
import type { Trx } from '../../db/transaction.js';
import { AppError, conflict, notFound } from '../../http/app-error.js';
import { decodeCursor, decodeQueueCursor, encodeQueueCursor, toPage } from '../../http/cursor.js';
import { toIso, toIsoOrNull } from '../../http/time.js';
import { type AssignmentScope, runAssignment } from '../assignment/assignment.engine.js';
import { addInternalNote } from '../conversation/message-writer.js';
import { findCaseReturn, findCaseReturns, returnAsSeenBy } from '../returns/index.js';
import { slaOf } from '../sla/index.js';
import { requireTeam } from '../teams/index.js';
import { findTriageState } from '../triage/index.js';
import * as repository from './cases.repository.js';
import { submitIntake } from './intake/index.js';

const priorityRank = (priority: Priority) => PRIORITY_RANK[priority];
const priorityName = (rank: number): Priority => priorityOfRank(rank) ?? 'normal';

export const caseNumber = (id: number) => `C-${1000 + id}`;

/** Staff see triage's tags and record ("why"); the customer sees their case without them. */
function toCase(row: repository.CaseRow, caller: Caller, caseReturn: CaseReturn | null): Case {
  return {
    id: row.id,
    number: caseNumber(row.id),
    subject: row.subject,
    description: row.description,
    orderNumber: row.order_number,
    product: row.product,
    reason: row.reason as Case['reason'],
    desiredOutcome: row.desired_outcome as Case['desiredOutcome'],
    priority: priorityName(row.priority),
    category: row.category as Case['category'],
    tags: isStaff(caller) ? (JSON.parse(row.tags) as string[]) : [],
    triage: row.triage === null || !isStaff(caller) ? null : (JSON.parse(row.triage) as Case['triage']),
    team: { id: row.team_id, name: row.team_name },
    status: row.status as Case['status'],
    customer: { id: row.customer_id, name: row.customer_name },
    assignee: row.assignee_id === null ? null : { id: row.assignee_id, name: row.assignee_name ?? 'Unknown' },
    createdAt: toIso(row.created_at),
    assignedAt: toIsoOrNull(row.assigned_at),
    firstResponseAt: toIsoOrNull(row.first_response_at),
    resolvedAt: toIsoOrNull(row.resolved_at),
    updatedAt: toIso(row.updated_at),
    sla: slaOf(row, Date.now()),
    return: caseReturn,
  };
}

/** Only a case with a desired outcome carries a return (SPEC §12): the others cost no read. */
const findReturnOf = (ctx: AppContext, caller: Caller, row: repository.CaseRow) =>
  row.desired_outcome === null ? null : findCaseReturn(ctx.database.db, caller, row.id);

const customerScope = (caller: Caller) => ({ customerId: caller.role === 'customer' ? caller.userId : null });

/** The case as the caller may see it; a customer asking for someone else's case (a guest: any other) gets a 404. */
async function findVisibleCase(ctx: AppContext, caller: Caller, caseId: number, trx?: Trx) {
  if (caller.caseId !== undefined && caller.caseId !== caseId) throw notFound('case');
  const row = await repository.findCaseRow(trx ?? ctx.database.db, caseId, customerScope(caller));
  if (!row) throw notFound('case');
  return row;
}

export async function getCase(ctx: AppContext, caller: Caller, caseId: number): Promise<Case> {
  const row = await findVisibleCase(ctx, caller, caseId);
  return toCase(row, caller, await findReturnOf(ctx, caller, row));
}

/**
 * A case as background mail needs it (SPEC §11), read by the system: there is no caller, so this
 * is never reached from a route. Undefined for a deleted or unknown case.
 */
export async function getCaseForNotification(ctx: AppContext, caseId: number) {
  const row = await repository.findCaseRow(ctx.database.db, caseId, { customerId: null });
  if (!row) return undefined;
  return {
    id: row.id,
    number: caseNumber(row.id),
    subject: row.subject,
    status: row.status,
    priority: priorityName(row.priority),
    customerId: row.customer_id,
    customerName: row.customer_name,
    assigneeId: row.assignee_id,
  };
}

/** Throws the 404 a caller gets for a case they may not read; other features use it as their guard. */
export async function assertCaseVisible(ctx: AppContext, caller: Caller, caseId: number, trx?: Trx) {
  const row = await findVisibleCase(ctx, caller, caseId, trx);
  return { customerId: row.customer_id, status: row.status, firstResponseAt: row.first_response_at };
}

export async function listCases(ctx: AppContext, caller: Caller, query: ListCasesQuery) {
  const assignee = query.assignee;
  const rows = await repository.listCaseRows(ctx.database.db, {
    ...customerScope(caller),
    status: query.status,
    priority: query.priority === undefined ? undefined : priorityRank(query.priority),
    assigneeId: assignee === 'me' ? caller.userId : assignee === 'none' ? null : assignee,
    teamId: query.team,
    category: query.category,
    sla: query.sla,
    ...(query.order === 'queue'
      ? { queue: { after: decodeQueueCursor(query.cursor) } }
      : { beforeId: decodeCursor(query.cursor) }),
    limit: query.limit,
  });
  // The page's returns in one read (none when no case on it asked for one).
  const returns = await findCaseReturns(
    ctx.database.db,
    caller,
    rows.flatMap((row) => (row.desired_outcome === null ? [] : [row.id])),
  );
  const toItem = (row: repository.CaseRow) => toCase(row, caller, returns.get(row.id) ?? null);
  if (query.order !== 'queue') return toPage(rows, query.limit, toItem);
  return toPage(rows, query.limit, toItem, (row) =>
    encodeQueueCursor({ priority: row.priority, createdAt: row.created_at, id: row.id }),
  );
}

/**
 * Reports a case. With an Idempotency-Key, a retry (even many at once) returns the case the first
 * request created instead of a duplicate; the key is claimed in the same transaction as the case.
 */
export async function createCase(
  ctx: AppContext,
  caller: Caller,
  body: CreateCaseBody,
  idempotencyKey?: string,
): Promise<Case> {
  // Only a request that may be retried needs its fingerprint; the common intake skips the hashing.
  const idempotency = idempotencyKey
    ? { key: idempotencyKey, requestHash: hash('sha256', JSON.stringify(body)) }
    : undefined;
  try {
    const { id, row, caseReturn } = await submitIntake(ctx, {
      customerId: caller.userId,
      subject: body.subject,
      description: body.description,
      orderNumber: body.orderNumber ?? null,
      product: body.product ?? null,
      reason: body.reason ?? null,
      desiredOutcome: body.desiredOutcome ?? null,
      deliveredAt: body.deliveredAt ?? null,
      finalSale: body.finalSale ?? false,
      category: body.category ?? null,
      attachmentIds: body.attachmentIds ?? [],
      source: 'api',
      idempotency,
    });
    // The return is the one intake just wrote: no second read for it.
    const seen = caseReturn && returnAsSeenBy(caseReturn, caller);
    return toCase(row ?? (await findVisibleCase(ctx, caller, id)), caller, seen);
  } catch (error) {
    if (!idempotency || !isUniqueViolation(error)) throw error;
    const claimed = await repository.findIdempotencyKey(ctx.database.db, caller.userId, idempotency.key);
    if (claimed?.request_hash !== idempotency.requestHash || claimed.case_id === null) {
      throw conflict('this Idempotency-Key was already used for a different request', 'Idempotency-Key');
    }
    return getCase(ctx, caller, claimed.case_id);
  }
}

/** Runs a staff or owner action on a case the caller can see, inside the assignment transaction. */
async function changeCase(
  ctx: AppContext,
  caller: Caller,
  caseId: number,
  trigger: string,
  action: (scope: AssignmentScope) => Promise<void>,
): Promise<Case> {
  await runAssignment(ctx, { actorId: caller.userId, trigger }, async (scope) => {
    await findVisibleCase(ctx, caller, caseId, scope.trx);
    await action(scope);
  });
  return getCase(ctx, caller, caseId);
}

export function updateCase(ctx: AppContext, caller: Caller, caseId: number, body: UpdateCaseBody) {
  return changeCase(ctx, caller, caseId, 'case_updated', async (scope) => {
    const current = await scope.lockCase(caseId);
    if (body.status !== undefined && body.status !== current.status) {
      if (current.status !== 'open' && current.status !== 'pending') {
        throw conflict(`a ${current.status} case cannot be set ${body.status}`, 'status');
      }
      await repository.updateCaseFields(scope.trx, caseId, { status: body.status }, scope.now);
      scope.record({ type: 'case.status_changed', caseId, from: current.status, to: body.status });
    }
    let corrected = false;
    if (body.priority !== undefined && current.priority !== priorityRank(body.priority)) {
      await repository.updateCaseFields(scope.trx, caseId, { priority: priorityRank(body.priority) }, scope.now);
      scope.record({
        type: 'case.priority_changed',
        caseId,
        from: priorityName(current.priority),
        to: body.priority,
      });
      corrected = true;
    }
    if (body.priority !== undefined || body.category !== undefined || body.tags !== undefined) {
      const triaged = await findTriageState(scope.trx, caseId);
      corrected = (await correctTriageFields(scope, caseId, triaged, body)) || corrected;
      // A change of what triage decided is a correction: the case's text joins the next retrain (SPEC §9).
      if (corrected && triaged.triage !== null) {
        await repository.updateCaseFields(scope.trx, caseId, { triage_corrected_at: scope.now }, scope.now);
      }
    }
    scope.publish({ name: 'case.updated', caseId, customerId: current.customer_id });
  });
}

/** Category and tags as staff set them, each change logged; true if anything changed. */
async function correctTriageFields(
  scope: AssignmentScope,
  caseId: number,
  current: { category: string | null; tags: string[] },
  body: UpdateCaseBody,
) {
  let changed = false;
  if (body.category !== undefined && body.category !== current.category) {
    await repository.updateCaseFields(scope.trx, caseId, { category: body.category }, scope.now);
    scope.record({ type: 'case.category_changed', caseId, from: current.category, to: body.category });
    changed = true;
  }
  const tags = current.tags.join(', ');
  if (body.tags !== undefined && body.tags.join(', ') !== tags) {
    await repository.updateCaseFields(scope.trx, caseId, { tags: JSON.stringify(body.tags) }, scope.now);
    scope.record({ type: 'case.tags_changed', caseId, from: tags || null, to: body.tags.join(', ') || null });
    changed = true;
  }
  return changed;
}

export function resolveCase(ctx: AppContext, caller: Caller, caseId: number) {
  return changeCase(ctx, caller, caseId, 'case_resolved', (scope) => scope.resolve(caseId));
}

export function assignCase(ctx: AppContext, caller: Caller, caseId: number, agentId: number) {
  return changeCase(ctx, caller, caseId, 'manual', (scope) => scope.assignTo(caseId, agentId));
}

/** Owners reopen their resolved case within REOPEN_WINDOW_DAYS of its resolution. */
export function reopenCase(ctx: AppContext, caller: Caller, caseId: number) {
  return changeCase(ctx, caller, caseId, 'case_reopened', async (scope) => {
    const row = await findVisibleCase(ctx, caller, caseId, scope.trx);
    if (row.status === 'resolved' && row.resolved_at !== null && scope.now - row.resolved_at > REOPEN_WINDOW_MS) {
      throw conflict(
        `a case can be reopened within ${REOPEN_WINDOW_DAYS} days of its resolution; please report a new case`,
        'status',
      );
    }
    await scope.reopen(caseId);
  });
}

/** Moves the case out of its team into `teamId`'s queue, logged, with an optional internal note. */
async function moveCase(scope: AssignmentScope, caseId: number, teamId: number) {
  const { fromTeamId } = await scope.transfer(caseId, teamId);
  scope.record({ type: 'case.transferred', caseId, from: String(fromTeamId), to: String(teamId) });
}

/** SPEC §8: the case leaves its holder for the new team's queue and is assigned there at once if a member is free. */
export function transferCase(ctx: AppContext, caller: Caller, caseId: number, body: TransferCaseBody) {
  return changeCase(ctx, caller, caseId, 'case_transferred', async (scope) => {
    await requireTeam(scope.trx, scope.engine, body.teamId);
    await moveCase(scope, caseId, body.teamId);
    if (body.note) {
      await addInternalNote(scope.trx, { caseId, authorId: caller.userId, body: body.note, now: scope.now });
      scope.publish({ name: 'message.created', caseId, internal: true });
    }
  });
}

/** Bulk distribution: every case moves or none does; an unknown id is a 404 naming it. */
export async function transferCases(ctx: AppContext, caller: Caller, body: BulkTransferBody): Promise<Case[]> {
  await runAssignment(ctx, { actorId: caller.userId, trigger: 'case_transferred' }, async (scope) => {
    await requireTeam(scope.trx, scope.engine, body.teamId);
    // In id order, so that two bulk moves over the same cases lock them in the same order.
    const ids = body.caseIds.map((id, index) => ({ id, index })).sort((a, b) => a.id - b.id);
    for (const { id, index } of ids) {
      try {
        await moveCase(scope, id, body.teamId);
      } catch (error) {
        if (error instanceof AppError) {
          throw new AppError(error.code, `case ${id}: ${error.detail}`, [
            { path: `caseIds.${index}`, message: error.detail },
          ]);
        }
        throw error;
      }
    }
  });
  return Promise.all(body.caseIds.map((id) => getCase(ctx, caller, id)));
}

export async function deleteCase(ctx: AppContext, caller: Caller, caseId: number) {
  await runAssignment(ctx, { actorId: caller.userId, trigger: 'case_deleted' }, (scope) => scope.deleteCase(caseId));
}

/** An agent's first public reply sets firstResponseAt (and keeps the case with them when they go away). */
export async function markFirstResponse(trx: Trx, caseId: number, now: number) {
  await repository.setFirstResponse(trx, caseId, now);
}

export async function dashboardCounts(ctx: AppContext) {
  const [counts, oldest] = await Promise.all([
    repository.countQueuedAndPending(ctx.database.db),
    repository.oldestQueued(ctx.database.db),
  ]);
  return { counts, oldestQueuedAt: oldest?.created_at ?? null };
}

/** Created and resolved counts per hour since `since`, as maps from the hour's start (epoch millis) to a count. */
export async function countCasesPerHour(ctx: AppContext, since: number) {
  const HOUR_MS = 3_600_000;
  const { created, resolved } = await repository.countCasesPerHour(ctx.database.db, since);
  const toMap = (rows: { hour: number; count: number }[]) =>
    new Map(rows.map((row) => [row.hour * HOUR_MS, row.count]));
  return { created: toMap(created), resolved: toMap(resolved) };
}
