import { sql } from 'kysely';
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
] as const;

function selectAgents(db: Db | Trx) {
  return db
    .selectFrom('agents')
    .innerJoin('users', 'users.id', 'agents.user_id')
    .select(agentColumns)
    .where('agents.removed_at', 'is', null);
}

export type AgentRow = Awaited<ReturnType<typeof listAgentRows>>[number];

export function listAgentRows(db: Db) {
  return selectAgents(db).orderBy('users.name').orderBy('agents.user_id').execute();
}

/** The busiest current agents: most active cases first, then by name. */
export function listBusiestAgentRows(db: Db, limit: number) {
  return selectAgents(db)
    .orderBy('agents.active_cases', 'desc')
    .orderBy('users.name')
    .orderBy('agents.user_id')
    .limit(limit)
    .execute();
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
  trx: Trx,
  agentId: number,
  changes: Partial<Pick<AgentsTable, 'capacity' | 'availability' | 'removed_at'>>,
  now: number,
) {
  await trx
    .updateTable('agents')
    .set({ ...changes, updated_at: now })
    .where('user_id', '=', agentId)
    .execute();
}
