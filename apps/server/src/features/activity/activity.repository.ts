import type { ActivityType } from '@caseflow/contract';
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { precompiledInsert } from '../../db/precompiled.js';
import type { Trx } from '../../db/transaction.js';

export interface ActivityRecord {
  type: ActivityType;
  caseId?: number | null;
  agentId?: number | null;
  actorId: number | null;
  from?: string | null;
  to?: string | null;
  reason?: string | null;
}

/** What a customer may read of their own case's history (a return's moves: SPEC §12, they see its state). */
const PUBLIC_TYPES = new Set<ActivityType>([
  'case.created',
  'case.assigned',
  'case.status_changed',
  'return.state_changed',
]);

const toRow = (record: ActivityRecord, now: number) => ({
  type: record.type,
  case_id: record.caseId ?? null,
  agent_id: record.agentId ?? null,
  actor_id: record.actorId,
  from_value: record.from ?? null,
  to_value: record.to ?? null,
  reason: record.reason ?? null,
  visibility: PUBLIC_TYPES.has(record.type) ? ('public' as const) : ('internal' as const),
  created_at: now,
});

const newActivityColumns = [
  'type',
  'case_id',
  'agent_id',
  'actor_id',
  'from_value',
  'to_value',
  'reason',
  'visibility',
  'created_at',
] as const;
const insertRows = precompiledInsert('activity', newActivityColumns, (insert) => insert);

/** Append-only: there is no update or delete of activity anywhere. Rows keep the order given. */
export async function insertActivities(trx: Trx, records: ActivityRecord[], now: number) {
  await insertRows(
    trx,
    records.map((record) => toRow(record, now)),
  );
}

const activityColumns = [
  'activity.id',
  'activity.type',
  'activity.case_id',
  'activity.agent_id',
  'agent.name as agent_name',
  'activity.actor_id',
  'actor.name as actor_name',
  'activity.from_value',
  'activity.to_value',
  'activity.reason',
  'activity.created_at',
] as const;

function selectActivity(db: Db) {
  return db
    .selectFrom('activity')
    .leftJoin('users as agent', 'agent.id', 'activity.agent_id')
    .leftJoin('users as actor', 'actor.id', 'activity.actor_id')
    .select(activityColumns);
}

export function listCaseActivity(db: Db, caseId: number, includeInternal: boolean) {
  let query = selectActivity(db).where('activity.case_id', '=', caseId);
  if (!includeInternal) query = query.where('activity.visibility', '=', 'public');
  return query.orderBy('activity.id').limit(1000).execute();
}

/** An agent's status timeline; `agent.%` literally, so that the partial index activity_agent_status applies. */
export function agentActivityQuery(db: Db, agentId: number, limit: number) {
  return selectActivity(db)
    .where('activity.agent_id', '=', agentId)
    .where('activity.type', 'like', sql.lit('agent.%'))
    .orderBy('activity.id', 'desc')
    .limit(limit);
}

export function listAgentActivity(db: Db, agentId: number, limit: number) {
  return agentActivityQuery(db, agentId, limit).execute();
}

/** The whole log in commit order per agent: what the invariant checker replays. */
export function listAllActivity(db: Db) {
  return db.selectFrom('activity').selectAll().orderBy('id').execute();
}
