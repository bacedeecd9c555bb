import { sql } from 'kysely';
import { slicesFor } from '../../db/chunks.js';
import type { Db, Engine } from '../../db/database.js';
import type { Trx } from '../../db/transaction.js';

export interface NewJob {
  kind: string;
  payload: unknown;
  /** Jobs with the same key run one at a time, in the order they were enqueued. */
  queueKey?: string | null;
  runAt?: number;
}

export interface ClaimedJob {
  id: number;
  kind: string;
  payload: unknown;
  /** This attempt's number, from 1. */
  attempt: number;
}

export async function insertJobs(db: Db | Trx, jobs: readonly NewJob[], now: number) {
  for (const slice of slicesFor(jobs, 6)) {
    await db
      .insertInto('jobs')
      .values(
        slice.map((job) => ({
          kind: job.kind,
          payload: JSON.stringify(job.payload ?? null),
          queue_key: job.queueKey ?? null,
          run_at: job.runAt ?? now,
          created_at: now,
          updated_at: now,
        })),
      )
      .execute();
  }
}

/**
 * Claims up to `limit` due jobs for `worker` until `leaseUntil`: due, not leased by a live claim, and
 * first in their queue. PostgreSQL skips rows another process is claiming (SKIP LOCKED); SQLite has one
 * writer. A job stays `queued` while it runs, so the next of its queue waits; a crash lets the lease run
 * out and the next claim takes it again (at-least-once).
 */
/** A read, no write: whether any job is due at all (most rounds under intake find none). */
export async function hasDueJob(db: Db, now: number) {
  const row = await db
    .selectFrom('jobs')
    .select('id')
    .where('status', '=', 'queued')
    .where('run_at', '<=', now)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export async function claimJobs(
  db: Db,
  engine: Engine,
  claim: { worker: string; now: number; leaseUntil: number; limit: number },
): Promise<ClaimedJob[]> {
  const due = sql`select j.id from jobs j
    where j.status = 'queued' and j.run_at <= ${claim.now}
      and (j.locked_until is null or j.locked_until < ${claim.now})
      and (j.queue_key is null or not exists (
        select 1 from jobs e where e.queue_key = j.queue_key and e.status = 'queued' and e.id < j.id))
    order by j.run_at, j.id
    limit ${claim.limit}${engine === 'postgres' ? sql` for update skip locked` : sql``}`;
  const { rows } = await sql<{ id: number; kind: string; payload: string; attempts: number }>`
    update jobs set locked_until = ${claim.leaseUntil}, locked_by = ${claim.worker},
      attempts = attempts + 1, updated_at = ${claim.now}
    where id in (${due})
    returning id, kind, payload, attempts`.execute(db);
  return rows
    .map((row) => ({
      id: Number(row.id),
      kind: row.kind,
      payload: JSON.parse(row.payload),
      attempt: Number(row.attempts),
    }))
    .sort((a, b) => a.id - b.id);
}

/*
 * The results below are written only by the worker that holds the claim: a worker whose lease ran out
 * (a paused process) and whose job another worker took since must not delete, bury or free that claim.
 */

export async function deleteJobs(db: Db | Trx, worker: string, ids: readonly number[]) {
  if (ids.length > 0) await db.deleteFrom('jobs').where('id', 'in', ids).where('locked_by', '=', worker).execute();
}

export async function rescheduleJob(
  db: Db,
  worker: string,
  job: { id: number; runAt: number; error: string; now: number },
) {
  await db
    .updateTable('jobs')
    .set({
      run_at: job.runAt,
      locked_until: null,
      locked_by: null,
      last_error: job.error.slice(0, 1000),
      updated_at: job.now,
    })
    .where('id', '=', job.id)
    .where('locked_by', '=', worker)
    .execute();
}

export async function buryJob(db: Db, worker: string, job: { id: number; error: string; now: number }) {
  await db
    .updateTable('jobs')
    .set({
      status: 'dead',
      locked_until: null,
      locked_by: null,
      last_error: job.error.slice(0, 1000),
      updated_at: job.now,
    })
    .where('id', '=', job.id)
    .where('locked_by', '=', worker)
    .execute();
}
