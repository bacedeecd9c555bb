import { type Kysely, sql } from 'kysely';

/**
 * The queue index leads with status. SQLite's planner, seeing `status = 'new'`, preferred the equality
 * on cases_status (status, id) and sorted every queued case for each assignment (0.7 ms with a thousand
 * queued, growing with the backlog). With status first here too, this index matches the same equality
 * and also gives the order, so both engines read the next queued case from its first entry.
 * The new index is built before the old one goes, each step safe to repeat: SQLite runs migrations
 * outside a transaction, so a crash in between must not leave a rerun failing. On PostgreSQL the
 * migration's transaction holds a lock on `cases` while the index builds.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('cases_queue_head')
    .ifNotExists()
    .on('cases')
    .columns(['status', 'priority', 'created_at', 'id'])
    .where(sql.ref('status'), '=', 'new')
    .execute();
  await db.schema.dropIndex('cases_queue').ifExists().execute();
}
