import { type Kysely, sql } from 'kysely';
import type { Engine } from '../database.js';

/**
 * Indexes that measured queries at 1,000,000 cases and 10,000 agents needed (bench/scale.ts).
 *
 * The drain's "next free agent" (and the settle check) read agents with spare capacity. Indexed by
 * availability alone, that read stepped over every full agent (a table lookup each to compare
 * active_cases with capacity): ~9,000 of them with 10,000 agents, a few ms per assignment. With the
 * capacity test in the predicate, full agents are not in the index, so the first entry is the answer.
 * Both queries keep these terms literally (`availability = 'available'`, `active_cases < capacity`).
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  await db.schema.dropIndex('agents_assignable').execute();
  await db.schema
    .createIndex('agents_with_room')
    .on('agents')
    .columns(['active_cases', 'last_assigned_at', 'user_id'])
    .where(sql.ref('availability'), '=', 'available')
    .where(sql.ref('active_cases'), '<', sql.ref('capacity'))
    .execute();

  // The dashboard's oldest queued case. PostgreSQL walked cases_created_at from the oldest case and
  // filtered out every closed one (280 ms at 1M cases); this index holds only the queue. SQLite's
  // planner answers from cases_status and sorts the queue instead (0.2 ms), so it does without.
  if (engine !== 'postgres') return;
  await db.schema
    .createIndex('cases_queue_oldest')
    .on('cases')
    .column('created_at')
    .where(sql.ref('status'), '=', 'new')
    .execute();
}
