import type { AppContext } from '../../context.js';
import { runTransaction, type Trx } from '../../db/transaction.js';
import { hasUndispatched, lockUndispatched, markDispatched, type OutboxRow } from './outbox.repository.js';

/** A consumer of committed events that turns them into more database rows (deliveries, mail jobs). */
export type OutboxSubscriber = (trx: Trx, rows: readonly OutboxRow[]) => Promise<void>;

const BATCH = 200;
/** While the API is saturated (an outbox row holds a whole group commit's events: hundreds at a time). */
const YIELDING_BATCH = 1;

/**
 * The outbox's dispatch pump: takes the oldest undispatched rows (one process at a time, in id
 * order), hands them to every subscriber in the same transaction, and marks them dispatched. A crash
 * before the commit leaves them undispatched, so each event is dispatched exactly once. With no event
 * stream configured, rows are marked streamed too (nothing else will take them).
 */
export function createOutboxDispatcher(ctx: AppContext, subscribers: readonly OutboxSubscriber[]) {
  const hasStream = ctx.config.natsUrl !== undefined;
  return async ({ yielding }: { yielding: boolean }) => {
    if (!(await hasUndispatched(ctx.database.db))) return false;
    const batch = yielding ? YIELDING_BATCH : BATCH;
    return runTransaction(ctx.database, async (trx) => {
      const rows = await lockUndispatched(trx, ctx.database.engine, batch);
      if (rows.length === 0) return false;
      for (const subscriber of subscribers) await subscriber(trx, rows);
      await markDispatched(
        trx,
        rows.map((row) => row.id),
        Date.now(),
        !hasStream,
      );
      // A full batch means more rows wait: the runner goes again at once.
      return rows.length === batch;
    });
  };
}
