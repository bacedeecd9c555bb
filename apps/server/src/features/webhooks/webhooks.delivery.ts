import type { AppContext } from '../../context.js';
import type { Trx } from '../../db/transaction.js';
import type { ClaimedJob, JobDefinition } from '../jobs/index.js';
import { sendWebhook } from './outbound.js';
import { openSecret } from './signing-secret.js';
import * as repository from './webhooks.repository.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
/** Waits after each failed attempt: about a day in all (23.6 h), then the delivery is dead. */
export const RETRY_DELAYS_MS = [
  5 * SECOND,
  30 * SECOND,
  2 * MINUTE,
  10 * MINUTE,
  30 * MINUTE,
  HOUR,
  2 * HOUR,
  4 * HOUR,
  8 * HOUR,
  8 * HOUR,
];
/** An endpoint whose every delivery has failed for this long is switched off, and the admins told. */
export const DISABLE_AFTER_MS = 3 * 24 * HOUR;
const TIMEOUT_MS = 10 * SECOND;

const jitter = (ms: number) => Math.round(ms * (0.8 + Math.random() * 0.4));

type Notify = (ctx: AppContext, webhook: { id: number; url: string }) => Promise<void>;

/**
 * Sends one delivery (SPEC §11): signed, 10 s, no redirects, the address checked again as it connects.
 * Each attempt is logged; a failure comes back later on the schedule above, a success clears the
 * endpoint's failure clock.
 */
export function webhookDeliveryJob(ctx: AppContext, onDisabled: Notify): JobDefinition {
  return {
    retryDelaysMs: [MINUTE, 5 * MINUTE, HOUR],
    async handle(job: ClaimedJob) {
      const { deliveryId } = job.payload as { deliveryId: number };
      const db = ctx.database.db;
      const delivery = await repository.findDeliveryById(db, deliveryId);
      if (!delivery || delivery.status === 'delivered' || delivery.status === 'dead') return;
      const webhook = await repository.findWebhookSecret(db, delivery.webhook_id);
      if (!webhook) return;
      const now = Date.now();
      if (webhook.enabled !== 1) {
        await repository.recordAttempt(db, {
          deliveryId,
          at: now,
          statusCode: null,
          durationMs: 0,
          response: 'not sent: the endpoint is disabled',
        });
        await repository.setDeliveryState(db, deliveryId, { status: 'dead', nextAttemptAt: null });
        return;
      }
      const result = await sendWebhook({
        url: webhook.url,
        secret: openSecret(webhook.secret_sealed, ctx.secretKey),
        id: delivery.event_id,
        timestamp: new Date(),
        body: delivery.body,
        allowPrivate: ctx.config.webhookAllowPrivate,
        timeoutMs: TIMEOUT_MS,
      });
      ctx.metrics.webhookDeliveries.inc({ outcome: result.ok ? 'delivered' : 'failed' });
      if (result.ok) {
        // Written with the job's removal, in the runner's one transaction for the round's finished jobs.
        return {
          async record(trx: Trx) {
            await repository.recordAttempt(trx, { deliveryId, at: now, ...result });
            await repository.setDeliveryState(trx, deliveryId, {
              status: 'delivered',
              nextAttemptAt: null,
              deliveredAt: now,
            });
            if (webhook.failing_since !== null) await repository.clearFailing(trx, delivery.webhook_id);
          },
        };
      }
      await repository.recordAttempt(db, { deliveryId, at: now, ...result });
      const failingSince = await repository.markFailing(db, delivery.webhook_id, now);
      if (now - failingSince >= DISABLE_AFTER_MS) {
        if (await repository.disableFailing(db, delivery.webhook_id, now))
          await onDisabled(ctx, { id: delivery.webhook_id, url: webhook.url });
      }
      const delay = RETRY_DELAYS_MS[job.attempt - 1];
      if (delay === undefined) {
        await repository.setDeliveryState(db, deliveryId, { status: 'dead', nextAttemptAt: null });
        return;
      }
      const retryInMs = jitter(delay * ctx.config.webhookRetryScale);
      await repository.setDeliveryState(db, deliveryId, { status: 'failed', nextAttemptAt: now + retryInMs });
      return { retryInMs, reason: `attempt ${job.attempt}: ${result.statusCode ?? result.response}` };
    },
  };
}
