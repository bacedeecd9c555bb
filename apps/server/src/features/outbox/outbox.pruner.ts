import type { AppContext } from '../../context.js';
import { deleteConsumed } from './outbox.repository.js';

const HOUR_MS = 3_600_000;
/** Taken rows are kept a week (deliveries keep their own copies): enough to look into a recent incident. */
const KEEP_MS = 7 * 24 * HOUR_MS;

/** The outbox's pruning pump: at most once an hour per process, deletes rows every consumer took a week ago. */
export function createOutboxPruner(ctx: AppContext) {
  let lastRunAt = 0;
  return async () => {
    const now = Date.now();
    if (now - lastRunAt < HOUR_MS) return false;
    lastRunAt = now;
    await deleteConsumed(ctx.database.db, now - KEEP_MS);
    return false;
  };
}
