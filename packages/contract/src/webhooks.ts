import { z } from 'zod';
import {
  idSchema,
  nullableTimestamp,
  optionalTextSchema,
  pageOf,
  pageQuery,
  textSchema,
  timestampSchema,
} from './common.js';

/**
 * Events other systems hear (SPEC §11), by webhook and on the NATS stream: the realtime names plus
 * what only integrations care about. Every one is written to the outbox with the change it describes.
 */
export const webhookEventNameSchema = z.enum([
  'case.created',
  'case.assigned',
  'case.updated',
  'case.resolved',
  'case.transferred',
  'case.deleted',
  'case.notified',
  'message.created',
  'agent.updated',
  'return.updated',
  'sla.breached',
]);
export type WebhookEventName = z.infer<typeof webhookEventNameSchema>;
/** A delivery carries a subscribed event, or the test event an admin sends from the endpoint's page. */
export const deliveryEventSchema = z.enum([...webhookEventNameSchema.options, 'webhook.test']);

/** What a delivery's body holds (Standard Webhooks' `type`, `timestamp`, `data`). */
export const webhookPayloadSchema = z.object({
  type: deliveryEventSchema,
  timestamp: timestampSchema,
  data: z.record(z.string(), z.unknown()),
});
export type WebhookPayload = z.infer<typeof webhookPayloadSchema>;

const webhookUrlSchema = z
  .string()
  .trim()
  .max(2000)
  .pipe(z.url({ protocol: /^https?$/, error: 'must be an http or https URL' }));
const eventList = z
  .array(webhookEventNameSchema)
  .min(1, 'choose at least one event')
  .max(webhookEventNameSchema.options.length)
  .refine((events) => new Set(events).size === events.length, 'lists an event twice');
const descriptionSchema = optionalTextSchema(500);

export const webhookSchema = z.object({
  id: z.number().int(),
  url: z.string(),
  description: z.string(),
  events: z.array(webhookEventNameSchema),
  enabled: z.boolean(),
  /** Why it is off: `admin`, or `failing` after days of failed deliveries. */
  disabledReason: z.enum(['admin', 'failing']).nullable(),
  /** Since when every delivery has failed (null while deliveries succeed). */
  failingSince: nullableTimestamp,
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type Webhook = z.infer<typeof webhookSchema>;
export const webhookList = z.object({ items: z.array(webhookSchema) });
/** Only the creation's reply carries the signing secret (`whsec_` + base64); it is never shown again. */
export const createdWebhookSchema = webhookSchema.extend({ secret: z.string() });

export const createWebhookBody = z.object({
  url: webhookUrlSchema,
  events: eventList,
  description: descriptionSchema.default(''),
});
export type CreateWebhookBody = z.infer<typeof createWebhookBody>;
export const updateWebhookBody = z
  .object({ url: webhookUrlSchema, events: eventList, description: descriptionSchema, enabled: z.boolean() })
  .partial()
  .refine((body) => Object.keys(body).length > 0, 'give at least one of url, events, description, enabled');
export type UpdateWebhookBody = z.infer<typeof updateWebhookBody>;

export const deliveryStatusSchema = z.enum(['pending', 'delivered', 'failed', 'dead']);
export const deliveryAttemptSchema = z.object({
  at: timestampSchema,
  /** The receiver's HTTP status, or null when there was no answer (refused, timeout, blocked address). */
  statusCode: z.number().int().nullable(),
  durationMs: z.number().int(),
  /** The first bytes of the answer, or what went wrong. */
  response: z.string(),
});
export const webhookDeliverySchema = z.object({
  id: z.number().int(),
  /** The `webhook-id` header: the same for every attempt and redelivery of one event. */
  eventId: z.string(),
  event: deliveryEventSchema,
  caseId: z.number().int().nullable(),
  /** `pending`: waiting for its first or next attempt; `failed`: the last attempt failed, another is due; `dead`: no more attempts. */
  status: deliveryStatusSchema,
  attempts: z.array(deliveryAttemptSchema),
  nextAttemptAt: nullableTimestamp,
  deliveredAt: nullableTimestamp,
  createdAt: timestampSchema,
});
export type WebhookDelivery = z.infer<typeof webhookDeliverySchema>;
export const deliveryPage = pageOf(webhookDeliverySchema);
export const listDeliveriesQuery = pageQuery.extend({ status: deliveryStatusSchema.optional() });
export const deliveryParams = z.object({ id: idSchema, deliveryId: idSchema });

/** SPEC §11: tell an endpoint (whatever its event filter) or a team (mail and in-app) about a case. */
export const notifyBody = z
  .object({ webhookId: idSchema.optional(), teamId: idSchema.optional(), note: textSchema(2000) })
  .refine((body) => (body.webhookId === undefined) !== (body.teamId === undefined), {
    message: 'give exactly one of webhookId, teamId',
    path: ['webhookId'],
  });
export type NotifyBody = z.infer<typeof notifyBody>;
export const notifyResult = z.object({ notified: z.enum(['webhook', 'team']), recipients: z.number().int() });
