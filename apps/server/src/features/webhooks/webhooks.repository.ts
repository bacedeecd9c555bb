import { slicesFor } from '../../db/chunks.js';
import type { Db } from '../../db/database.js';
import type { WebhooksTable } from '../../db/schema.js';
import type { Trx } from '../../db/transaction.js';

const webhookColumns = [
  'id',
  'url',
  'description',
  'events',
  'enabled',
  'disabled_reason',
  'failing_since',
  'created_at',
  'updated_at',
] as const;
export type WebhookRow = Awaited<ReturnType<typeof listWebhookRows>>[number];

export function listWebhookRows(db: Db | Trx) {
  return db.selectFrom('webhooks').select(webhookColumns).orderBy('id').execute();
}

export function findWebhookRow(db: Db | Trx, id: number) {
  return db.selectFrom('webhooks').select(webhookColumns).where('id', '=', id).executeTakeFirst();
}

export function findWebhookSecret(db: Db | Trx, id: number) {
  return db
    .selectFrom('webhooks')
    .select(['url', 'secret_sealed', 'enabled', 'failing_since'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertWebhook(
  trx: Trx,
  webhook: { url: string; description: string; events: string[]; secretSealed: string; now: number },
) {
  const row = await trx
    .insertInto('webhooks')
    .values({
      url: webhook.url,
      description: webhook.description,
      events: JSON.stringify(webhook.events),
      secret_sealed: webhook.secretSealed,
      enabled: 1,
      disabled_reason: null,
      failing_since: null,
      created_at: webhook.now,
      updated_at: webhook.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateWebhookRow(
  db: Db | Trx,
  id: number,
  changes: Partial<
    Pick<WebhooksTable, 'url' | 'description' | 'events' | 'enabled' | 'disabled_reason' | 'failing_since'>
  >,
  now: number,
) {
  const result = await db
    .updateTable('webhooks')
    .set({ ...changes, updated_at: now })
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deleteWebhookRow(trx: Trx, id: number) {
  await trx.deleteFrom('jobs').where('queue_key', 'like', `webhook:${id}:%`).execute();
  await trx
    .deleteFrom('webhook_attempts')
    .where('delivery_id', 'in', trx.selectFrom('webhook_deliveries').select('id').where('webhook_id', '=', id))
    .execute();
  await trx.deleteFrom('webhook_deliveries').where('webhook_id', '=', id).execute();
  const result = await trx.deleteFrom('webhooks').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

export interface NewDelivery {
  webhook_id: number;
  event_id: string;
  event_name: string;
  case_id: number | null;
  body: string;
}

/** Inserts deliveries (pending) and returns their ids in the order given. */
export async function insertDeliveries(trx: Trx, deliveries: readonly NewDelivery[], now: number) {
  const ids: number[] = [];
  for (const slice of slicesFor(deliveries, 8)) {
    const rows = await trx
      .insertInto('webhook_deliveries')
      .values(
        slice.map((delivery) => ({
          ...delivery,
          status: 'pending' as const,
          next_attempt_at: now,
          created_at: now,
        })),
      )
      .returning('id')
      .execute();
    ids.push(...rows.map((row) => row.id).sort((a, b) => a - b));
  }
  return ids;
}

export function findDelivery(db: Db | Trx, webhookId: number, deliveryId: number) {
  return db
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('id', '=', deliveryId)
    .where('webhook_id', '=', webhookId)
    .executeTakeFirst();
}

export function findDeliveryById(db: Db, deliveryId: number) {
  return db.selectFrom('webhook_deliveries').selectAll().where('id', '=', deliveryId).executeTakeFirst();
}

export async function recordAttempt(
  db: Db | Trx,
  attempt: { deliveryId: number; at: number; statusCode: number | null; durationMs: number; response: string },
) {
  await db
    .insertInto('webhook_attempts')
    .values({
      delivery_id: attempt.deliveryId,
      at: attempt.at,
      status_code: attempt.statusCode,
      duration_ms: attempt.durationMs,
      response: attempt.response,
    })
    .execute();
}

export async function setDeliveryState(
  db: Db | Trx,
  deliveryId: number,
  state: {
    status: 'pending' | 'delivered' | 'failed' | 'dead';
    nextAttemptAt: number | null;
    deliveredAt?: number | null;
  },
) {
  await db
    .updateTable('webhook_deliveries')
    .set({
      status: state.status,
      next_attempt_at: state.nextAttemptAt,
      ...(state.deliveredAt === undefined ? {} : { delivered_at: state.deliveredAt }),
    })
    .where('id', '=', deliveryId)
    .execute();
}

export function listDeliveryRows(
  db: Db,
  filter: { webhookId: number; status?: string | undefined; beforeId?: number | undefined; limit: number },
) {
  let query = db.selectFrom('webhook_deliveries').selectAll().where('webhook_id', '=', filter.webhookId);
  if (filter.status !== undefined) query = query.where('status', '=', filter.status as 'pending');
  if (filter.beforeId !== undefined) query = query.where('id', '<', filter.beforeId);
  return query
    .orderBy('id', 'desc')
    .limit(filter.limit + 1)
    .execute();
}

export function listAttempts(db: Db, deliveryIds: readonly number[]) {
  if (deliveryIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('webhook_attempts')
    .selectAll()
    .where('delivery_id', 'in', deliveryIds)
    .orderBy('delivery_id')
    .orderBy('id')
    .execute();
}

/** Starts the endpoint's failure clock unless it runs already; returns when it started. */
export async function markFailing(db: Db, webhookId: number, now: number) {
  await db
    .updateTable('webhooks')
    .set({ failing_since: now })
    .where('id', '=', webhookId)
    .where('failing_since', 'is', null)
    .execute();
  const row = await db.selectFrom('webhooks').select('failing_since').where('id', '=', webhookId).executeTakeFirst();
  return Number(row?.failing_since ?? now);
}

export async function clearFailing(db: Db | Trx, webhookId: number) {
  await db
    .updateTable('webhooks')
    .set({ failing_since: null })
    .where('id', '=', webhookId)
    .where('failing_since', 'is not', null)
    .execute();
}

/** True for the one call that switched it off (several processes may see the same failure). */
export async function disableFailing(db: Db, webhookId: number, now: number) {
  const result = await db
    .updateTable('webhooks')
    .set({ enabled: 0, disabled_reason: 'failing', updated_at: now })
    .where('id', '=', webhookId)
    .where('enabled', '=', 1)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
