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
