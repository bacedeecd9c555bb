import { type Kysely, sql } from 'kysely';

/**
 * Two indexes every new case paid for without needing: an open case has no resolution time, and the
 * only reader of activity by agent is an agent's status timeline (`agent.*` rows). As partial indexes
 * they hold just the rows those queries read, so intake and assignment write two to three index
 * entries fewer per case. The queries say `type like 'agent.%'` literally, and `resolved_at >= ?`
 * implies NOT NULL, so both engines still use them. Built before the old ones go, each step safe to
 * repeat (see 007).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('cases_resolved')
    .ifNotExists()
    .on('cases')
    .column('resolved_at')
    .where(sql.ref('resolved_at'), 'is not', null)
    .execute();
  await db.schema.dropIndex('cases_resolved_at').ifExists().execute();
  await db.schema
    .createIndex('activity_agent_status')
    .ifNotExists()
    .on('activity')
    .columns(['agent_id', 'id'])
    .where(sql.ref('type'), 'like', 'agent.%')
    .execute();
  await db.schema.dropIndex('activity_agent').ifExists().execute();
}
