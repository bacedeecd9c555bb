import { type Kysely, sql } from 'kysely';

/**
 * The agent list pages by name, then id (GET /agents). Only agents are in the index: walking an index
 * of every user by name would step over the customers, who far outnumber agents. The list query keeps
 * `role = 'agent'` literally so both planners can match it to this index.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('users_agent_name')
    .on('users')
    .columns(['name', 'id'])
    .where(sql.ref('role'), '=', 'agent')
    .execute();
}
