import type { Database } from '../db/database.js';

/**
 * The deliberately unsafe way (read a free agent, then write; no lock, no counter, no guard) that
 * SPEC §7 measured double-booking agents. It writes the same tables and activity log as the real
 * engine, so the invariant checker can be shown to catch it.
 */
export async function naiveCreateCase(database: Database, customerId: number, teamId = 1): Promise<number> {
  const { db } = database;
  const now = Date.now();
  const caseId = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('cases')
      .values({
        customer_id: customerId,
        subject: 'naive',
        description: 'naive',
        status: 'new',
        team_id: teamId,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('activity')
      .values({ type: 'case.created', case_id: row.id, actor_id: customerId, visibility: 'public', created_at: now })
      .execute();
    return row.id;
  });

  const candidates = await db
    .selectFrom('agents')
    .leftJoin('cases', (join) =>
      join.onRef('cases.assignee_id', '=', 'agents.user_id').on('cases.status', 'in', ['open', 'pending']),
    )
    .select(['agents.user_id', 'agents.capacity', (eb) => eb.fn.count<number>('cases.id').as('load')])
    .where('agents.availability', '=', 'available')
    .groupBy(['agents.user_id', 'agents.capacity'])
    .orderBy('agents.user_id')
    .execute();
  const agent = candidates.find((candidate) => Number(candidate.load) < candidate.capacity);
  await new Promise((resolve) => setImmediate(resolve));
  if (!agent) return caseId;

  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('cases')
      .set({ status: 'open', assignee_id: agent.user_id, assigned_at: Date.now() })
      .where('id', '=', caseId)
      .execute();
    await trx
      .insertInto('assignments')
      .values({ case_id: caseId, agent_id: agent.user_id, assigned_at: Date.now() })
      .execute();
    await trx
      .insertInto('activity')
      .values({
        type: 'case.assigned',
        case_id: caseId,
        agent_id: agent.user_id,
        actor_id: null,
        visibility: 'public',
        created_at: Date.now(),
      })
      .execute();
  });
  return caseId;
}
