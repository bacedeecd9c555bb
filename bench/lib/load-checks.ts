import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../apps/server/src/db/database.js';

/**
 * SPEC §2's invariants over the loaded tables, as aggregate SQL (the activity-log replay of
 * invariant-checker.ts holds millions of rows in memory at this size). Every count must be 0.
 */
export async function verifyLoad(db: Db): Promise<Record<string, number>> {
  const count = async (query: RawBuilder<{ count: number | string }>) =>
    Number((await query.execute(db)).rows[0]?.count ?? -1);
  return {
    agentCounterMismatch: await count(sql`select count(*) as count from agents a where a.active_cases <>
      (select count(*) from cases c where c.assignee_id = a.user_id and c.status in ('open', 'pending'))`),
    agentOverCapacity: await count(sql`select count(*) as count from agents where active_cases > capacity`),
    activeWithoutLiveAssignment: await count(sql`select count(*) as count from cases c
      where c.status in ('open', 'pending') and not exists (select 1 from assignments s
        where s.case_id = c.id and s.ended_at is null and s.agent_id = c.assignee_id)`),
    liveAssignmentOfClosedCase: await count(sql`select count(*) as count from assignments s
      join cases c on c.id = s.case_id where s.ended_at is null and c.status not in ('open', 'pending')`),
    assignmentsNotInLog: await count(sql`select abs((select count(*) from assignments)
      - (select count(*) from activity where type = 'case.assigned')) as count`),
    queuedWhileAgentFree: await count(sql`select case when exists (select 1 from cases where status = 'new')
      and exists (select 1 from agents where availability = 'available' and removed_at is null
        and active_cases < capacity) then 1 else 0 end as count`),
  };
}
