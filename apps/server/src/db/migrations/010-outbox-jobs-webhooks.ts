import { type Kysely, sql } from 'kysely';
import type { Engine } from '../database.js';

/**
 * SPEC §11. The outbox holds each committed transaction's events (one row per transaction, its events
 * as a JSON array), written with the change they describe; `dispatched_at` and `streamed_at` say what
 * the webhook dispatcher and the NATS streamer have taken. Jobs are durable background work, claimed
 * with a lease (several processes never run one at once; a crash hands it to the next claim); jobs that
 * share a `queue_key` run one at a time in id order (a webhook endpoint's events of one case).
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const withId = (name: string) =>
    engine === 'postgres'
      ? db.schema.createTable(name).addColumn('id', 'serial', (column) => column.primaryKey())
      : db.schema.createTable(name).addColumn('id', 'integer', (column) => column.primaryKey().autoIncrement());

  await withId('outbox')
    .addColumn('events', 'text', (column) => column.notNull())
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .addColumn('dispatched_at', 'bigint')
    .addColumn('streamed_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('outbox_undispatched')
    .on('outbox')
    .column('id')
    .where(sql.ref('dispatched_at'), 'is', null)
    .execute();
  await db.schema
    .createIndex('outbox_unstreamed')
    .on('outbox')
    .column('id')
    .where(sql.ref('streamed_at'), 'is', null)
    .execute();

  await withId('jobs')
    .addColumn('kind', 'text', (column) => column.notNull())
    .addColumn('queue_key', 'text')
    .addColumn('payload', 'text', (column) => column.notNull())
    .addColumn('status', 'text', (column) => column.notNull().defaultTo('queued'))
    .addColumn('run_at', 'bigint', (column) => column.notNull())
    .addColumn('attempts', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('locked_until', 'bigint')
    .addColumn('locked_by', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .addColumn('updated_at', 'bigint', (column) => column.notNull())
    .addCheckConstraint('jobs_status', sql`status in ('queued', 'dead')`)
    .execute();
  await db.schema
    .createIndex('jobs_due')
    .on('jobs')
    .columns(['run_at', 'id'])
    .where(sql.ref('status'), '=', 'queued')
    .execute();
  await db.schema
    .createIndex('jobs_queue')
    .on('jobs')
    .columns(['queue_key', 'id'])
    .where(sql<boolean>`status = 'queued' and queue_key is not null`)
    .execute();

  await withId('webhooks')
    .addColumn('url', 'text', (column) => column.notNull())
    .addColumn('description', 'text', (column) => column.notNull().defaultTo(''))
    .addColumn('events', 'text', (column) => column.notNull())
    .addColumn('secret_sealed', 'text', (column) => column.notNull())
    .addColumn('enabled', 'integer', (column) => column.notNull().defaultTo(1))
    .addColumn('disabled_reason', 'text')
    .addColumn('failing_since', 'bigint')
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .addColumn('updated_at', 'bigint', (column) => column.notNull())
    .addCheckConstraint('webhooks_enabled', sql`enabled in (0, 1)`)
    .addCheckConstraint(
      'webhooks_disabled_reason',
      sql`disabled_reason is null or disabled_reason in ('admin', 'failing')`,
    )
    .execute();

  await withId('webhook_deliveries')
    .addColumn('webhook_id', 'integer', (column) => column.notNull().references('webhooks.id').onDelete('cascade'))
    .addColumn('event_id', 'text', (column) => column.notNull())
    .addColumn('event_name', 'text', (column) => column.notNull())
    .addColumn('case_id', 'integer')
    .addColumn('body', 'text', (column) => column.notNull())
    .addColumn('status', 'text', (column) => column.notNull())
    .addColumn('next_attempt_at', 'bigint')
    .addColumn('delivered_at', 'bigint')
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .addCheckConstraint('webhook_deliveries_status', sql`status in ('pending', 'delivered', 'failed', 'dead')`)
    .execute();
  await db.schema
    .createIndex('webhook_deliveries_webhook')
    .on('webhook_deliveries')
    .columns(['webhook_id', 'id'])
    .execute();

  await withId('webhook_attempts')
    .addColumn('delivery_id', 'integer', (column) =>
      column.notNull().references('webhook_deliveries.id').onDelete('cascade'),
    )
    .addColumn('at', 'bigint', (column) => column.notNull())
    .addColumn('status_code', 'integer')
    .addColumn('duration_ms', 'integer', (column) => column.notNull())
    .addColumn('response', 'text', (column) => column.notNull())
    .execute();
  await db.schema
    .createIndex('webhook_attempts_delivery')
    .on('webhook_attempts')
    .columns(['delivery_id', 'id'])
    .execute();

  // Work that one process at a time does outside a transaction (publishing the outbox to NATS).
  await db.schema
    .createTable('leases')
    .addColumn('name', 'text', (column) => column.primaryKey())
    .addColumn('holder', 'text')
    .addColumn('expires_at', 'bigint', (column) => column.notNull().defaultTo(0))
    .execute();

  // Mail preferences: customers may unsubscribe from case mail; agents may opt in to assignment mail.
  await sql`alter table users add column mail_opt_out integer not null default 0`.execute(db);
  await sql`alter table agents add column notify_on_assignment integer not null default 0`.execute(db);
}
