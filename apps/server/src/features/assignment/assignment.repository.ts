import { type SelectQueryBuilder, sql } from 'kysely';
import type { Db, Engine } from '../../db/database.js';
import { isAmongJsonRows, lockForUpdate, lockSkippingLocked, opaqueLimit, toJsonRows } from '../../db/engine.js';
import { precompiled, precompiledInsert, precompiledVariants } from '../../db/precompiled.js';
import type { CasesTable, Tables } from '../../db/schema.js';
import type { Trx } from '../../db/transaction.js';

// Literals, not parameters: a partial index (WHERE status = 'new') only serves queries that say so.
const NEW = sql.lit<'new'>('new');
const AVAILABLE = sql.lit<'available'>('available');

/** Rule 2: available, spare capacity; fewest active cases, then longest wait since the last assignment, then id. */
export function nextFreeAgent(db: Db | Trx) {
  return db
    .selectFrom('agents')
    .select(['user_id', 'active_cases', 'capacity'])
    .$call(firstWithRoom(opaqueLimit(1)));
}

const lockFreeAgent = precompiled((trx, engine) => lockSkippingLocked(nextFreeAgent(trx), engine));

export async function lockNextFreeAgent(trx: Trx) {
  return (await lockFreeAgent(trx)).rows[0];
}

/**
 * The first agents by rule 2 among those with room. These terms are literally those of the partial
 * index agents_with_room (migration 005), so both engines answer from its first entries.
 */
const firstWithRoom =
  (limit: ReturnType<typeof opaqueLimit>) =>
  <O>(query: SelectQueryBuilder<Tables, 'agents', O>) =>
    query
      .where('availability', '=', AVAILABLE)
      .where('removed_at', 'is', null)
      .whereRef('active_cases', '<', 'capacity')
      .orderBy('active_cases')
      .orderBy('last_assigned_at')
      .orderBy('user_id')
      .limit(limit);

/**
 * Intake's short cut in one statement: the first `count` agents rule 2 ranks, but only while no case
 * is queued (rule 1 puts every queued case ahead of a new one). A queued case that another transaction
 * holds counts as queued here; the new cases then join the queue and the drain skips it.
 */
const freeAgentsIfQueueEmpty = precompiled((trx, engine, count: number) =>
  lockSkippingLocked(
    trx
      .selectFrom('agents')
      .select(['user_id', 'active_cases', 'capacity', 'last_assigned_at'])
      .where((eb) => eb.not(eb.exists(eb.selectFrom('cases').select('id').where('status', '=', NEW))))
      .$call(firstWithRoom(opaqueLimit(count))),
    engine,
  ),
);

export async function lockFreeAgentsIfQueueEmpty(trx: Trx, count: number) {
  return (await freeAgentsIfQueueEmpty(trx, count)).rows;
}

/** Rule 1: priority (urgent first), then oldest, then id; the first entry of the index cases_queue_head. */
export function nextQueuedCase(db: Db | Trx) {
  return db
    .selectFrom('cases')
    .select(['id', 'customer_id'])
    .where('status', '=', NEW)
    .orderBy('priority')
    .orderBy('created_at')
    .orderBy('id')
    .limit(opaqueLimit(1));
}

const lockQueueHead = precompiled((trx, engine) => lockSkippingLocked(nextQueuedCase(trx), engine));

export async function lockNextQueuedCase(trx: Trx) {
  return (await lockQueueHead(trx)).rows[0];
}

const caseForUpdate = precompiled((trx, engine, caseId: number) =>
  lockForUpdate(
    trx
      .selectFrom('cases')
      .select(['id', 'status', 'priority', 'assignee_id', 'customer_id', 'first_response_at'])
      .where('id', '=', caseId),
    engine,
  ),
);

export async function lockCase(trx: Trx, caseId: number) {
  return (await caseForUpdate(trx, caseId)).rows[0];
}

export function lockAgent(trx: Trx, engine: Engine, agentId: number) {
  const query = trx
    .selectFrom('agents')
    .select(['user_id', 'capacity', 'availability', 'active_cases', 'removed_at'])
    .where('user_id', '=', agentId);
  return lockForUpdate(query, engine).executeTakeFirst();
}

export function listActiveCaseIds(trx: Trx, agentId: number, onlyUnanswered: boolean) {
  let query = trx
    .selectFrom('cases')
    .select('id')
    .where('assignee_id', '=', agentId)
    .where('status', 'in', ['open', 'pending']);
  if (onlyUnanswered) query = query.where('first_response_at', 'is', null);
  return query.orderBy('id').execute();
}

/** Takes a queued case; the status guard makes a double assignment fail loudly instead of silently. */
const claimCase = precompiled((trx, _engine, caseId: number, agentId: number, now: number) =>
  trx
    .updateTable('cases')
    .set({ status: 'open', assignee_id: agentId, assigned_at: now, updated_at: now })
    .where('id', '=', caseId)
    .where('status', '=', NEW),
);

export async function claimQueuedCase(trx: Trx, caseId: number, agentId: number, now: number) {
  const result = await claimCase(trx, caseId, agentId, now);
  if (result.numAffectedRows !== 1n) throw new Error(`case ${caseId} was not in the queue`);
}

/** The agents' side of assignments: `added` more active cases for each agent in the JSON rows. */
export function addActiveCasesQuery(db: Db | Trx, engine: Engine, added: number, now: number, agentIds: string) {
  return db
    .updateTable('agents')
    .set((eb) => ({ active_cases: eb('active_cases', '+', added), last_assigned_at: now }))
    .where(isAmongJsonRows(engine, 'agents', 'user_id', agentIds));
}
const addActiveCases = precompiled(addActiveCasesQuery);
const assignmentColumns = ['case_id', 'agent_id', 'assigned_at'] as const;
const insertAssignments = precompiledInsert('assignments', assignmentColumns, (insert) => insert);

/**
 * Records assignments made in one transaction: each agent's load rises by its number of new cases,
 * and each assignment gets its history row. A batch of new cases comes here at once.
 */
export async function recordAssignments(trx: Trx, assignments: { caseId: number; agentId: number }[], now: number) {
  const added = new Map<number, number>();
  for (const { agentId } of assignments) added.set(agentId, (added.get(agentId) ?? 0) + 1);
  const agentsByCount = new Map<number, { user_id: number }[]>();
  for (const [agentId, count] of added) {
    const agents = agentsByCount.get(count) ?? [];
    agents.push({ user_id: agentId });
    agentsByCount.set(count, agents);
  }
  for (const [count, agents] of agentsByCount) await addActiveCases(trx, count, now, toJsonRows(agents));
  const rows = assignments.map(({ caseId, agentId }) => ({ case_id: caseId, agent_id: agentId, assigned_at: now }));
  await insertAssignments(trx, rows);
}

/** The columns a status change sets: `new` clears the holder, `resolved` stamps the time. */
function statusChange(status: CasesTable['status'], now: number, reopening: boolean) {
  return {
    status,
    updated_at: now,
    ...(status === 'new' ? { assignee_id: null, assigned_at: null, ...(reopening ? { resolved_at: null } : {}) } : {}),
    ...(status === 'resolved' ? { resolved_at: now } : {}),
  };
}

/** Status updates, compiled once per status: `reopening` also clears the resolution time. */
const statusUpdates = (reopening: boolean) =>
  precompiledVariants(
    (status: CasesTable['status']) => (trx, _engine, caseId: number, now: number) =>
      trx
        .updateTable('cases')
        .set(statusChange(status, now, reopening))
        .where('id', '=', caseId),
  );
const setReleasedStatus = statusUpdates(false);
const setStatusWithoutHolder = statusUpdates(true);
const endAssignment = precompiled((trx, _engine, caseId: number, now: number, reason: string) =>
  trx
    .updateTable('assignments')
    .set({ ended_at: now, end_reason: reason })
    .where('case_id', '=', caseId)
    .where('ended_at', 'is', null),
);
const removeActiveCase = precompiled((trx, _engine, agentId: number) =>
  trx
    .updateTable('agents')
    .set((eb) => ({ active_cases: eb('active_cases', '-', 1) }))
    .where('user_id', '=', agentId),
);

/** Ends the live assignment; `new` puts the case back in the queue, other statuses keep the last holder. */
export async function markReleased(
  trx: Trx,
  release: { caseId: number; agentId: number; status: CasesTable['status']; reason: string; now: number },
) {
  const { caseId, agentId, status, reason, now } = release;
  await endAssignment(trx, caseId, now, reason);
  await removeActiveCase(trx, agentId);
  await setReleasedStatus(status, trx, caseId, now);
}

/** Status changes that touch no assignment: resolving or deleting a queued case, reopening a resolved one. */
export async function setUnassignedStatus(trx: Trx, caseId: number, status: CasesTable['status'], now: number) {
  await setStatusWithoutHolder(status, trx, caseId, now);
}

/** Cheap check after commit: is there a queued case while some agent has room? */
export async function hasAssignableWork(trx: Trx | Db) {
  const row = await trx
    .selectNoFrom((eb) => [
      eb.exists(eb.selectFrom('cases').select('id').where('status', '=', NEW)).as('queued'),
      // A scalar subquery in the index's order, not EXISTS: PostgreSQL plans EXISTS as a scan of
      // every agent, this as one step into agents_with_room.
      eb
        .selectFrom('agents')
        .select('user_id')
        .$call(firstWithRoom(opaqueLimit(1)))
        .as('freeAgentId'),
    ])
    .executeTakeFirstOrThrow();
  return Boolean(row.queued) && row.freeAgentId !== null;
}
