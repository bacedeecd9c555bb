import { connect, StringCodec } from 'nats';
import { describe, expect, it } from 'vitest';
import { engines, startTestServer } from '../../testing/harness.js';
import { until } from '../../testing/until.js';
import { createOutboxPruner } from './outbox.pruner.js';

const natsUrl = process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222';
const isNatsRequired = process.env.TEST_NATS_URL !== undefined;
const isNatsReachable = await connect({ servers: natsUrl, timeout: 1000, reconnect: false })
  .then((nc) => nc.close().then(() => true))
  .catch(() => false);

describe.each(engines)('the outbox on %s', (engine) => {
  it('writes one row per committed transaction, with its events, and dispatches it once', async () => {
    const server = await startTestServer(engine);
    try {
      await server.addAgent();
      const customer = await server.signup();
      const reply = await server.call('POST', '/api/v1/cases', {
        token: customer.token,
        body: { subject: 'Kettle', description: 'Leaks.' },
      });
      const db = server.ctx.database.db;
      const rows = await db.selectFrom('outbox').selectAll().orderBy('id').execute();
      const events = rows.flatMap((row) => JSON.parse(row.events) as { name: string; caseId?: number }[]);
      expect(events.filter((event) => event.caseId === reply.body.id).map((event) => event.name)).toEqual([
        'case.created',
        'case.assigned',
      ]);
      // No stream configured: the dispatcher marks rows streamed too, so nothing waits for a consumer.
      await until('dispatch', async () => {
        const left = await db.selectFrom('outbox').select('id').where('streamed_at', 'is', null).execute();
        return left.length === 0 ? true : undefined;
      });
    } finally {
      await server.close();
    }
  });

  it.skipIf(!isNatsReachable && !isNatsRequired)(
    'publishes every event to NATS JetStream as caseflow.<event>',
    async () => {
      const nc = await connect({ servers: natsUrl });
      const seen: { subject: string; data: { id: string; data: { caseId?: number } } }[] = [];
      const codec = StringCodec();
      const subscription = nc.subscribe('caseflow.case.>');
      void (async () => {
        for await (const message of subscription)
          seen.push({ subject: message.subject, data: JSON.parse(codec.decode(message.data)) });
      })();
      const server = await startTestServer(engine, { NATS_URL: natsUrl });
      try {
        const customer = await server.signup();
        const reply = await server.call('POST', '/api/v1/cases', {
          token: customer.token,
          body: { subject: 'Toaster', description: 'Sparks.' },
        });
        const message = await until('the event on NATS', async () =>
          seen.find((entry) => entry.subject === 'caseflow.case.created' && entry.data.data.caseId === reply.body.id),
        );
        expect(message.data.id).toMatch(/^evt_/);
      } finally {
        await server.close();
        await nc.close();
      }
    },
  );

  it('prunes only rows every consumer took more than a week ago', async () => {
    const server = await startTestServer(engine);
    try {
      const db = server.ctx.database.db;
      const old = Date.now() - 8 * 24 * 3_600_000;
      const row = (createdAt: number, taken: number | null) => ({
        events: '[]',
        created_at: createdAt,
        dispatched_at: taken,
        streamed_at: taken,
      });
      await db
        .insertInto('outbox')
        .values([row(old, old), row(old, null), row(Date.now(), Date.now())])
        .execute();
      const prune = createOutboxPruner(server.ctx);
      await prune();
      const left = await db.selectFrom('outbox').select(['created_at', 'dispatched_at']).execute();
      expect(left).toHaveLength(2);
      expect(left.some((item) => Number(item.created_at) === old && item.dispatched_at === null)).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('keeps events in the outbox while NATS is unreachable, and the API keeps working', async () => {
    // Loopback port 1: nothing listens, the connection is refused at once.
    const server = await startTestServer(engine, { NATS_URL: 'nats://127.0.0.1:1' });
    try {
      const customer = await server.signup();
      const reply = await server.call('POST', '/api/v1/cases', {
        token: customer.token,
        body: { subject: 'Lamp', description: 'Flickers.' },
      });
      expect(reply.status).toBe(201);
      const db = server.ctx.database.db;
      await until('dispatch to webhooks', async () => {
        const left = await db.selectFrom('outbox').select('id').where('dispatched_at', 'is', null).execute();
        return left.length === 0 ? true : undefined;
      });
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const waiting = await db.selectFrom('outbox').select('id').where('streamed_at', 'is', null).execute();
      expect(waiting.length).toBeGreaterThan(0);
    } finally {
      await server.close();
    }
  });
});
