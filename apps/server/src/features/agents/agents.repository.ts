import { sql, type Updateable } from 'kysely';
import type { Db } from '../../db/database.js';
import type { AgentsTable } from '../../db/schema.js';
import type { Trx } from '../../db/transaction.js';

const agentColumns = [
  'agents.user_id as id',
  'users.email',
  'users.name',
  'agents.capacity',
  'agents.availability',
  'agents.active_cases',
  'agents.last_assigned_at',
  'agents.notify_on_assignment',
] as const;

function selectAgents(db: Db | Trx) {
  return db
    .selectFrom('agents')
    .innerJoin('users', 'users.id', 'agents.user_id')
    .select(agentColumns)
    .where('agents.removed_at', 'is', null);
}

export type AgentRow = Awaited<ReturnType<typeof listAgentRows>>[number];

export interface AgentFilter {
  /** Part of a name or email, matched in any case. */
  search?: string | undefined;
  /** The name and id of the last agent of the previous page. */
  after?: { name: string; id: number } | undefined;
  /** Rows to read (a page and one more, to know whether another follows). */
  limit: number;
}

/** `like` treats % and _ as wildcards: a search for them means the characters themselves. */
const escapeLike = (text: string) => text.replace(/[\\%_]/g, (character) => `\\${character}`);

/** By name, then id, keyset-paginated on both (the users_agent_name index, in that order). */
export function listAgentRows(db: Db, filter: AgentFilter) {
  // Always true (every agent's user has that role); written literally so the partial index applies.
  let query = selectAgents(db).where('users.role', '=', sql.lit('agent'));
  if (filter.search) {
    const pattern = `%${escapeLike(filter.search.toLowerCase())}%`;
    // Emails are stored lower-cased, names are not. coalesce() is a no-op (neither column is null) that
    // hides the match from PostgreSQL's row estimate: estimating few matches, it read every user by id
    // (a merge join, 30 ms at 100,000 customers) instead of walking this index by name (4 ms).
    query = query.where(
      sql<boolean>`coalesce(lower(users.name) like ${pattern} escape '\\' or users.email like ${pattern} escape '\\', false)`,
    );
  }
  const after = filter.after;
  if (after)
    query = query.where((eb) => eb(eb.refTuple('users.name', 'users.id'), '>', eb.tuple(after.name, after.id)));
  query = query.orderBy('users.name').orderBy('users.id');
  return query.limit(filter.limit).execute();
}

/**
 * The busiest current agents: most active cases first, by name among equally busy ones. Which of the
 * equally busy make the cut is by id: picking them from `agents` alone before any user is joined
 * keeps this a few milliseconds at 10,000 agents (ordered by name over the join, PostgreSQL read
 * every user to return 50: 27–48 ms).
 */
export function busiestAgentsQuery(db: Db, limit: number) {
  const busiest = db
    .selectFrom('agents')
    .select(['user_id', 'capacity', 'availability', 'active_cases', 'last_assigned_at', 'notify_on_assignment'])
    .where('removed_at', 'is', null)
    .orderBy('active_cases', 'desc')
    .orderBy('user_id')
    .limit(limit)
    .as('agents');
  return db
    .selectFrom(busiest)
    .innerJoin('users', 'users.id', 'agents.user_id')
    .select(agentColumns)
    .orderBy('agents.active_cases', 'desc')
    .orderBy('users.name')
    .orderBy('agents.user_id');
}

export function listBusiestAgentRows(db: Db, limit: number) {
  return busiestAgentsQuery(db, limit).execute();
}

/** Current agents counted by state, with their summed load and capacity (one pass over `agents`). */
export async function agentTotals(db: Db) {
  const isAway = sql<boolean>`availability = 'away'`;
  const hasRoom = sql<boolean>`availability = 'available' and active_cases < capacity`;
  const row = await db
    .selectFrom('agents')
    .where('removed_at', 'is', null)
    .select((eb) => [
      eb.fn.countAll<number>().as('total'),
      sql<number>`coalesce(sum(case when ${hasRoom} then 1 else 0 end), 0)`.as('available'),
      sql<number>`coalesce(sum(case when ${isAway} then 1 else 0 end), 0)`.as('away'),
      sql<number>`coalesce(sum(active_cases), 0)`.as('activeCases'),
      sql<number>`coalesce(sum(capacity), 0)`.as('capacity'),
    ])
    .executeTakeFirstOrThrow();
  const [total, available, away] = [Number(row.total), Number(row.available), Number(row.away)];
  return {
    total,
    available,
    away,
    busy: total - available - away,
    activeCases: Number(row.activeCases),
    capacity: Number(row.capacity),
  };
}

export function findAgentRow(db: Db | Trx, agentId: number) {
  return selectAgents(db).where('agents.user_id', '=', agentId).executeTakeFirst();
}

export async function insertAgent(trx: Trx, agent: { userId: number; capacity: number; now: number }) {
  await trx
    .insertInto('agents')
    .values({
      user_id: agent.userId,
      capacity: agent.capacity,
      availability: 'available',
      created_at: agent.now,
      updated_at: agent.now,
    })
    .execute();
}

export async function updateAgentSettings(
  db: Db | Trx,
  agentId: number,
  changes: Pick<Updateable<AgentsTable>, 'capacity' | 'availability' | 'removed_at' | 'notify_on_assignment'>,
  now: number,
) {
  await db
    .updateTable('agents')
    .set({ ...changes, updated_at: now })
    .where('user_id', '=', agentId)
    .execute();
}

/** Current agents who asked for mail on each assignment: few, so the list is read whole. */
export async function listAssignmentMailAgentIds(db: Db | Trx) {
  const rows = await db
    .selectFrom('agents')
    .select('user_id')
    .where('notify_on_assignment', '=', 1)
    .where('removed_at', 'is', null)
    .execute();
  return rows.map((row) => row.user_id);
}

export function findAssignmentMailSettings(db: Db | Trx, agentId: number) {
  return db
    .selectFrom('agents')
    .innerJoin('users', 'users.id', 'agents.user_id')
    .select(['users.email', 'users.name', 'users.status', 'agents.notify_on_assignment', 'agents.removed_at'])
    .where('agents.user_id', '=', agentId)
    .executeTakeFirst();
}
