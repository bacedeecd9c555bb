import {
  type CreateWebhookBody,
  deliveryEventSchema,
  type UpdateWebhookBody,
  type Webhook,
  type WebhookDelivery,
  webhookEventNameSchema,
} from '@caseflow/contract';
import type { AppContext } from '../../context.js';
import { runTransaction, type Trx } from '../../db/transaction.js';
import { AppError, notFound } from '../../http/app-error.js';
import { decodeCursor, toPage } from '../../http/cursor.js';
import { toIso, toIsoOrNull } from '../../http/time.js';
import { enqueueJobs } from '../jobs/index.js';
import { assertDeliverableUrl } from './outbound.js';
import { generateSigningSecret, sealSecret } from './signing-secret.js';
import { deliveryJob, testEventBody } from './webhooks.dispatch.js';
import * as repository from './webhooks.repository.js';

const eventNames = (json: string) =>
  (JSON.parse(json) as string[]).filter(
    (name): name is Webhook['events'][number] => webhookEventNameSchema.safeParse(name).success,
  );

function toWebhook(row: repository.WebhookRow): Webhook {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    events: eventNames(row.events),
    enabled: row.enabled === 1,
    disabledReason: row.enabled === 1 ? null : (row.disabled_reason ?? 'admin'),
    failingSince: toIsoOrNull(row.failing_since === null ? null : Number(row.failing_since)),
    createdAt: toIso(Number(row.created_at)),
    updatedAt: toIso(Number(row.updated_at)),
  };
}

async function requireWebhook(ctx: AppContext, id: number) {
  const row = await repository.findWebhookRow(ctx.database.db, id);
  if (!row) throw notFound('webhook');
  return row;
}

export async function listWebhooks(ctx: AppContext) {
  return { items: (await repository.listWebhookRows(ctx.database.db)).map(toWebhook) };
}

export async function getWebhook(ctx: AppContext, id: number) {
  return toWebhook(await requireWebhook(ctx, id));
}

/** The secret is returned here once; the database keeps it sealed with the key outside it. */
export async function createWebhook(ctx: AppContext, body: CreateWebhookBody) {
  await assertDeliverableUrl(body.url, { allowPrivate: ctx.config.webhookAllowPrivate });
  const secret = generateSigningSecret();
  const id = await runTransaction(ctx.database, (trx) =>
    repository.insertWebhook(trx, {
      url: body.url,
      description: body.description,
      events: body.events,
      secretSealed: sealSecret(secret, ctx.secretKey),
      now: Date.now(),
    }),
  );
  return { ...(await getWebhook(ctx, id)), secret };
}

export async function updateWebhook(ctx: AppContext, id: number, body: UpdateWebhookBody) {
  await requireWebhook(ctx, id);
  if (body.url !== undefined) await assertDeliverableUrl(body.url, { allowPrivate: ctx.config.webhookAllowPrivate });
  await repository.updateWebhookRow(
    ctx.database.db,
    id,
    {
      ...(body.url === undefined ? {} : { url: body.url }),
      ...(body.description === undefined ? {} : { description: body.description }),
      ...(body.events === undefined ? {} : { events: JSON.stringify(body.events) }),
      // Turning an endpoint back on starts its failure clock afresh.
      ...(body.enabled === undefined
        ? {}
        : body.enabled
          ? { enabled: 1, disabled_reason: null, failing_since: null }
          : { enabled: 0, disabled_reason: 'admin' as const }),
    },
    Date.now(),
  );
  return getWebhook(ctx, id);
}

export async function deleteWebhook(ctx: AppContext, id: number) {
  const deleted = await runTransaction(ctx.database, (trx) => repository.deleteWebhookRow(trx, id));
  if (!deleted) throw notFound('webhook');
}

export async function listDeliveries(
  ctx: AppContext,
  id: number,
  query: { limit: number; cursor?: string | undefined; status?: WebhookDelivery['status'] | undefined },
) {
  await requireWebhook(ctx, id);
  const rows = await repository.listDeliveryRows(ctx.database.db, {
    webhookId: id,
    status: query.status,
    beforeId: decodeCursor(query.cursor),
    limit: query.limit,
  });
  const attempts = await repository.listAttempts(
    ctx.database.db,
    rows.map((row) => row.id),
  );
  return toPage(rows, query.limit, (row) => toDelivery(row, attempts));
}

type DeliveryRow = NonNullable<Awaited<ReturnType<typeof repository.findDeliveryById>>>;
type AttemptRow = Awaited<ReturnType<typeof repository.listAttempts>>[number];

function toDelivery(row: DeliveryRow, attempts: AttemptRow[]): WebhookDelivery {
  const event = deliveryEventSchema.safeParse(row.event_name);
  return {
    id: row.id,
    eventId: row.event_id,
    event: event.success ? event.data : 'webhook.test',
    caseId: row.case_id,
    status: row.status,
    attempts: attempts
      .filter((attempt) => attempt.delivery_id === row.id)
      .map((attempt) => ({
        at: toIso(Number(attempt.at)),
        statusCode: attempt.status_code,
        durationMs: attempt.duration_ms,
        response: attempt.response,
      })),
    nextAttemptAt: row.status === 'delivered' || row.status === 'dead' ? null : toIsoOrNull(row.next_attempt_at),
    deliveredAt: toIsoOrNull(row.delivered_at === null ? null : Number(row.delivered_at)),
    createdAt: toIso(Number(row.created_at)),
  };
}

async function getDelivery(ctx: AppContext, webhookId: number, deliveryId: number) {
  const row = await repository.findDelivery(ctx.database.db, webhookId, deliveryId);
  if (!row) throw notFound('delivery');
  return toDelivery(row, await repository.listAttempts(ctx.database.db, [row.id]));
}

/** A new delivery of the same event (same `webhook-id`, so the receiver can tell it is a repeat). */
export async function redeliver(ctx: AppContext, webhookId: number, deliveryId: number) {
  const original = await repository.findDelivery(ctx.database.db, webhookId, deliveryId);
  if (!original) throw notFound('delivery');
  const id = await enqueueDelivery(ctx, {
    webhook_id: webhookId,
    event_id: original.event_id,
    event_name: original.event_name,
    case_id: original.case_id,
    body: original.body,
  });
  return getDelivery(ctx, webhookId, id);
}

export async function sendTestEvent(ctx: AppContext, webhookId: number) {
  await requireWebhook(ctx, webhookId);
  const now = Date.now();
  const id = await enqueueDelivery(ctx, {
    webhook_id: webhookId,
    event_id: `evt_test_${now}_${Math.floor(Math.random() * 1e6)}`,
    event_name: 'webhook.test',
    case_id: null,
    body: testEventBody(now),
  });
  return getDelivery(ctx, webhookId, id);
}

async function enqueueDelivery(ctx: AppContext, delivery: repository.NewDelivery) {
  const id = await runTransaction(ctx.database, async (trx) => {
    const now = Date.now();
    const [deliveryId] = await repository.insertDeliveries(trx, [delivery], now);
    if (deliveryId === undefined) throw new Error('the delivery was not inserted');
    await enqueueJobs(trx, [deliveryJob(deliveryId, delivery)], now);
    return deliveryId;
  });
  ctx.jobs.wake();
  return id;
}

/** For notify: the endpoint must exist (404 naming `webhookId`); disabled ones still log the attempt. */
export async function requireWebhookFor(trx: Trx, webhookId: number) {
  const row = await repository.findWebhookRow(trx, webhookId);
  if (!row)
    throw new AppError('not_found', `webhook ${webhookId} not found`, [
      { path: 'webhookId', message: 'no such webhook' },
    ]);
  return { id: row.id, description: row.description, url: row.url };
}
