import { type RawBuilder, type SelectQueryBuilder, sql } from 'kysely';
import type { Db, Engine } from '../../db/database.js';
import { isAmongJsonRows, lockForUpdate, lockSkippingLocked, opaqueLimit, toJsonRows } from '../../db/engine.js';
import { precompiled, precompiledInsert, precompiledVariants } from '../../db/precompiled.js';
import type { CasesTable, Tables } from '../../db/schema.js';
import type { Trx } from '../../db/transaction.js';

// Literals, not parameters: a partial index (WHERE status = 'new') only serves queries that say so.
const NEW = sql.lit<'new'>('new');
const AVAILABLE = sql.lit<'available'>('available');

/**
 * Eligibility, the one place that decides who may take a case of a team: a current member of the
 * team (SPEC §8) who is available with spare capacity (the terms of firstWithRoom). Every path that
 * picks an agent for a case (intake's planner, the drain, the settle check) goes through it.
 */
const isMemberOf =
  (teamId: number | RawBuilder<number>) =>
  <O>(query: SelectQueryBuilder<Tables, 'agents', O>) =>
    query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('team_members')
          .select('team_members.agent_id')
          .whereRef('team_members.agent_id', '=', 'agents.user_id')
          .where('team_members.team_id', '=', teamId),
      ),
    );

/** Rule 2: available, spare capacity; fewest active cases, then longest wait since the last assignment, then id. */
export function nextFreeAgent(db: Db | Trx) {
  return db
    .selectFrom('agents')
    .select(['user_id', 'active_cases', 'capacity'])
    .$call(firstWithRoom(opaqueLimit(1)));
}

/** Rule 2 among the team's members. */
const lockFreeMember = precompiled((trx, engine, teamId: number) =>
  lockSkippingLocked(nextFreeAgent(trx).$call(isMemberOf(teamId)), engine),
);

export async function lockNextFreeMember(trx: Trx, teamId: number) {
  return (await lockFreeMember(trx, teamId)).rows[0];
}

/** Any agent with room at all: when there is none, no queued case of any team can be served. */
export async function hasAnyFreeAgent(trx: Trx) {
  return (await nextFreeAgent(trx).executeTakeFirst()) !== undefined;
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
 * Intake's short cut for one team in one statement: the first `count` members rule 2 ranks, leaving
 * out any member with a queued case in one of their teams (rule 1 puts that case ahead of a new one;
 * the drain serves it). After a committed transaction the queue is settled and nobody is left out; a
 * queued case that another transaction holds (PostgreSQL) counts as queued here.
 */
const freeMembersWithoutQueue = precompiled((trx, engine, teamId: number, count: number) =>
  lockSkippingLocked(
    trx
      .selectFrom('agents')
      .select(['user_id', 'active_cases', 'capacity', 'last_assigned_at'])
      .$call(isMemberOf(teamId))
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('team_members as own')
              .select('own.team_id')
              .whereRef('own.agent_id', '=', 'agents.user_id')
              .where((inner) =>
                inner.exists(
                  inner
                    .selectFrom('cases')
                    .select('cases.id')
                    .whereRef('cases.team_id', '=', 'own.team_id')
                    .where('cases.status', '=', NEW),
                ),
              ),
          ),
        ),
      )
      .$call(firstWithRoom(opaqueLimit(count))),
    engine,
  ),
);

export async function lockFreeMembersWithoutQueue(trx: Trx, teamId: number, count: number) {
  return (await freeMembersWithoutQueue(trx, teamId, count)).rows;
}

/** Rule 1: priority (urgent first), then oldest, then id; the first entry of the index cases_queue_head. */
export function nextQueuedCase(db: Db | Trx) {
  return db
    .selectFrom('cases')
    .select(['id', 'customer_id', 'team_id', 'priority', 'created_at'])
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

export type QueuedCase = NonNullable<Awaited<ReturnType<typeof lockNextQueuedCase>>>;

/** Rule 1 within one team: the first entry of the index cases_team_queue. */
const lockTeamHead = precompiled((trx, engine, teamId: number) =>
  lockSkippingLocked(nextQueuedCase(trx).where('team_id', '=', teamId), engine),
);

export async function lockTeamQueueHead(trx: Trx, teamId: number): Promise<QueuedCase | undefined> {
  return (await lockTeamHead(trx, teamId)).rows[0];
}

export async function isTeamMember(trx: Trx, agentId: number, teamId: number) {
  const row = await trx
    .selectFrom('team_members')
    .select('agent_id')
    .where('agent_id', '=', agentId)
    .where('team_id', '=', teamId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function listTeamIds(trx: Trx) {
  const rows = await trx.selectFrom('teams').select('id').orderBy('id').execute();
  return rows.map((row) => row.id);
}

/** Moves a case to another team (its queue, or its history when closed). */
export async function setCaseTeam(trx: Trx, caseId: number, teamId: number, now: number) {
  await trx.updateTable('cases').set({ team_id: teamId, updated_at: now }).where('id', '=', caseId).execute();
}

const caseForUpdate = precompiled((trx, engine, caseId: number) =>
  lockForUpdate(
    trx
      .selectFrom('cases')
      .select(['id', 'status', 'priority', 'team_id', 'assignee_id', 'customer_id', 'first_response_at'])
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

export function listActiveCaseIds(
  trx: Trx,
  agentId: number,
  options: { onlyUnanswered: boolean; teamId: number | undefined },
) {
  let query = trx
    .selectFrom('cases')
    .select('id')
    .where('assignee_id', '=', agentId)
    .where('status', 'in', ['open', 'pending']);
  if (options.onlyUnanswered) query = query.where('first_response_at', 'is', null);
  if (options.teamId !== undefined) query = query.where('team_id', '=', options.teamId);
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

/**
 * Cheap check after commit: is there a queued case whose team has a member with room? First any
 * agent with room (one step into agents_with_room), then, team by team, a queued case and a free member.
 */
export async function hasAssignableWork(db: Trx | Db) {
  const row = await db
    .selectNoFrom((eb) => [
      eb
        .selectFrom('teams')
        .select('teams.id')
        .where((teams) =>
          teams.exists(
            teams
              .selectFrom('cases')
              .select('cases.id')
              .whereRef('cases.team_id', '=', 'teams.id')
              .where('cases.status', '=', NEW),
          ),
        )
        .where((teams) =>
          teams.exists(
            teams
              .selectFrom('agents')
              .select('agents.user_id')
              .$call(isMemberOf(sql.ref<number>('teams.id')))
              .$call(firstWithRoom(opaqueLimit(1))),
          ),
        )
        .limit(1)
        .as('teamId'),
    ])
    .executeTakeFirstOrThrow();
  return row.teamId !== null;
}
