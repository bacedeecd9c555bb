import type { Db, Engine } from '../../db/database.js';
import { lockForUpdate } from '../../db/engine.js';
import type { Trx } from '../../db/transaction.js';
import type { OutboxEvent } from './outbox.events.js';

export async function insertOutboxRow(trx: Trx, events: readonly OutboxEvent[], now: number) {
  await trx
    .insertInto('outbox')
    .values({ events: JSON.stringify(events), created_at: now })
    .execute();
}

export interface OutboxRow {
  id: number;
  events: OutboxEvent[];
  createdAt: number;
}

const toRows = (rows: { id: number; events: string; created_at: number }[]): OutboxRow[] =>
  rows.map((row) => ({
    id: row.id,
    events: JSON.parse(row.events) as OutboxEvent[],
    createdAt: Number(row.created_at),
  }));

/**
 * The oldest rows not yet dispatched, locked without skipping (PostgreSQL): a second dispatcher
 * waits for the first, so rows are taken in id order by one process at a time, which keeps each
 * case's events in order (two transactions that touch one case commit in the order of their rows).
 */
export async function lockUndispatched(trx: Trx, engine: Engine, limit: number) {
  const query = trx
    .selectFrom('outbox')
    .select(['id', 'events', 'created_at'])
    .where('dispatched_at', 'is', null)
    .orderBy('id')
    .limit(limit);
  return toRows(await lockForUpdate(query, engine).execute());
}

/** A read, no write: whether the dispatcher has anything to do (a write transaction only then). */
export async function hasUndispatched(db: Db) {
  const row = await db.selectFrom('outbox').select('id').where('dispatched_at', 'is', null).limit(1).executeTakeFirst();
  return row !== undefined;
}

export async function markDispatched(trx: Trx, ids: readonly number[], now: number, alsoStreamed: boolean) {
  if (ids.length === 0) return;
  await trx
    .updateTable('outbox')
    .set({ dispatched_at: now, ...(alsoStreamed ? { streamed_at: now } : {}) })
    .where('id', 'in', ids)
    .execute();
}

/** No row locks: the streamer holds a lease instead, as its publish happens outside any transaction. */
export async function listUnstreamed(db: Db, limit: number) {
  const rows = await db
    .selectFrom('outbox')
    .select(['id', 'events', 'created_at'])
    .where('streamed_at', 'is', null)
    .orderBy('id')
    .limit(limit)
    .execute();
  return toRows(rows);
}

export async function markStreamed(db: Db, ids: readonly number[], now: number) {
  if (ids.length === 0) return;
  await db.updateTable('outbox').set({ streamed_at: now }).where('id', 'in', ids).execute();
}

/** Rows every consumer has taken, older than `before`: the outbox is a queue, not an archive. */
export async function deleteConsumed(db: Db, before: number) {
  const result = await db
    .deleteFrom('outbox')
    .where('created_at', '<', before)
    .where('dispatched_at', 'is not', null)
    .where('streamed_at', 'is not', null)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
