import type { FastifyInstance } from 'fastify';
import { mailAdmins } from './features/accounts/accounts.service.js';
import { createUploadSweeper } from './features/attachments/index.js';
import { createEventStream } from './features/events/nats-stream.js';
import { ForegroundLoad, JobRunner } from './features/jobs/index.js';
import { MAIL_JOB, mailJob } from './features/mail/index.js';
import { caseMailJobs, enqueueCaseMail } from './features/notifications/index.js';
import { createOutboxDispatcher } from './features/outbox/outbox.dispatcher.js';
import { createOutboxPruner } from './features/outbox/outbox.pruner.js';
import { createOutboxStreamer } from './features/outbox/outbox.streamer.js';
import { createSlaTimer } from './features/sla/index.js';
import { PROVIDER_TRIAGE_JOB, providerTriageJob } from './features/triage/index.js';
import { webhookDeliveryJob } from './features/webhooks/webhooks.delivery.js';
import { DELIVERY_JOB, fanOutToWebhooks } from './features/webhooks/webhooks.dispatch.js';

/**
 * Background work of every server process (SPEC §11): the outbox's dispatch to webhooks and case mail
 * (and, with NATS_URL, its stream), and the durable jobs that deliver. Wired here, once, like the
 * routes in app.ts.
 */
export function registerBackground(app: FastifyInstance) {
  const ctx = app.ctx;
  const foreground = new ForegroundLoad();
  app.addHook('onRequest', (_request, _reply, done) => {
    foreground.noteRequest();
    done();
  });
  const runner = new JobRunner(ctx.database, app.log, foreground);
  runner.register(
    DELIVERY_JOB,
    webhookDeliveryJob(ctx, (_ctx, webhook) =>
      mailAdmins(ctx, {
        subject: 'A webhook endpoint was switched off',
        text: `Every delivery to ${webhook.url} has failed for three days, so Caseflow stopped sending to it.\n\nFix the receiver, then turn the endpoint back on: ${ctx.config.publicUrl}/admin/webhooks`,
      }),
    ),
  );
  runner.register(MAIL_JOB, mailJob(ctx));
  runner.register(PROVIDER_TRIAGE_JOB, providerTriageJob(ctx, app.log));
  for (const [kind, job] of caseMailJobs(ctx)) runner.register(kind, job);
  runner.addPump(
    'outbox.dispatch',
    createOutboxDispatcher(ctx, [(trx, rows) => fanOutToWebhooks(trx, rows, ctx.config.publicUrl), enqueueCaseMail]),
  );
  const stream = ctx.config.natsUrl ? createEventStream({ url: ctx.config.natsUrl, log: app.log }) : undefined;
  if (stream) runner.addPump('outbox.stream', createOutboxStreamer(ctx, stream, app.log));
  runner.addPump('outbox.prune', createOutboxPruner(ctx));
  runner.addPump('uploads.sweep', createUploadSweeper(ctx));
  runner.addPump('sla.timer', createSlaTimer(ctx));
  ctx.jobs = runner;

  app.addHook('onReady', async () => runner.start());
  app.addHook('onClose', async () => {
    await runner.stop();
    await stream?.close();
  });
}
