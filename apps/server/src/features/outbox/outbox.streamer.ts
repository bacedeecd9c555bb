import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.js';
import { toIso } from '../../http/time.js';
import type { EventStream } from '../events/nats-stream.js';
import { holdLease } from './leases.js';
import { eventIdOf } from './outbox.events.js';
import { listUnstreamed, markStreamed } from './outbox.repository.js';

const BATCH = 500;
const LEASE_MS = 30_000;
/** After a failed publish (NATS down), the pump waits this long before trying again. */
const BACKOFF_MS = 5_000;

/**
 * The outbox's stream pump (SPEC §11, NATS JetStream): publishes the oldest unstreamed rows' events in
 * order, then marks them streamed. Publishing happens outside any transaction; one process at a time
 * holds the lease. A crash between the publish and the mark republishes with the same message ids,
 * which JetStream deduplicates. NATS down: the rows wait, nothing is lost, the API is unaffected.
 */
export function createOutboxStreamer(
  ctx: AppContext,
  stream: EventStream,
  log: { warn(details: object, message: string): void },
) {
  const holder = randomUUID();
  let retryAt = 0;
  return async () => {
    if (Date.now() < retryAt) return false;
    if (!(await holdLease(ctx.database.db, 'outbox.stream', holder, LEASE_MS))) return false;
    const rows = await listUnstreamed(ctx.database.db, BATCH);
    if (rows.length === 0) return false;
    try {
      await stream.publish(
        rows.flatMap((row) =>
          row.events.map((event, index) => ({
            id: eventIdOf(row, index),
            name: event.name,
            occurredAt: toIso(row.createdAt),
            data: event,
          })),
        ),
      );
    } catch (error) {
      retryAt = Date.now() + BACKOFF_MS;
      log.warn({ err: error }, 'publishing events to NATS failed; they wait in the outbox');
      return false;
    }
    await markStreamed(
      ctx.database.db,
      rows.map((row) => row.id),
      Date.now(),
    );
    return rows.length === BATCH;
  };
}
