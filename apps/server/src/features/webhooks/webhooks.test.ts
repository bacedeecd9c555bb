import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { engines, type Person, startTestServer, type TestServer } from '../../testing/harness.js';
import { until } from '../../testing/until.js';
import { type Received, startReceiver, verifies } from '../../testing/webhook-receiver.js';

describe.each(engines)('webhooks on %s', (engine) => {
  let server: TestServer;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let admin: Person;
  let customer: Person;
  beforeEach(async () => {
    // Retries 100,000 times sooner than in production: the day of retries takes under a second.
    server = await startTestServer(engine, { WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_RETRY_SCALE: '0.00001' });
    receiver = await startReceiver();
    admin = await server.admin();
    customer = await server.signup('Wendy');
  });
  afterEach(async () => {
    await server.close();
    await receiver.close();
  });

  const api = (method: string, url: string, body?: unknown, token = admin.token) =>
    server.call(method, `/api/v1${url}`, { token, body });
  const subscribe = async (events: string[]) => {
    const reply = await api('POST', '/webhooks', { url: receiver.url, events, description: 'ERP' });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    return reply.body as { id: number; secret: string };
  };
  const report = async (subject: string) =>
    (await api('POST', '/cases', { subject, description: `${subject}.` }, customer.token)).body as { id: number };

  it('delivers signed events that verify with the Standard Webhooks library, with the secret shown once and stored sealed', async () => {
    const hook = await subscribe(['case.created', 'case.assigned', 'case.resolved']);
    expect(hook.secret).toMatch(/^whsec_[A-Za-z0-9+/=]{32}$/);
    expect(JSON.stringify((await api('GET', '/webhooks')).body)).not.toContain(hook.secret);
    const stored = await server.ctx.database.db
      .selectFrom('webhooks')
      .select('secret_sealed')
      .executeTakeFirstOrThrow();
    expect(stored.secret_sealed).not.toContain(hook.secret.slice(6));
    await server.addAgent();
    const created = await report('Cracked jug');
    await api('POST', `/cases/${created.id}/resolve`);

    await until('three deliveries', () => receiver.received.length >= 3 || undefined);
    expect(receiver.received.map((entry) => entry.type)).toEqual(['case.created', 'case.assigned', 'case.resolved']);
    for (const entry of receiver.received) {
      expect(verifies(hook.secret, entry)).toBe(true);
      expect(verifies(`whsec_${Buffer.from('another secret of 24 bytes').toString('base64')}`, entry)).toBe(false);
      expect(entry.caseId).toBe(created.id);
    }
    expect(new Set(receiver.received.map((entry) => entry.headers['webhook-id'])).size).toBe(3);
    // The outcome is recorded in the runner's next round, just after the receiver answered.
    const log = await until('three delivered', async () => {
      const items = (await api('GET', `/webhooks/${hook.id}/deliveries`)).body.items as {
        status: string;
        attempts: unknown[];
      }[];
      return items.every((item) => item.status === 'delivered') ? items : undefined;
    });
    expect(log.map((item) => item.status)).toEqual(['delivered', 'delivered', 'delivered']);
    expect(log[0]?.attempts[0]).toMatchObject({ statusCode: 200, response: 'thanks' });
  });

  it('retries a failed delivery with the same webhook-id, and keeps each case’s events in order behind it', async () => {
    const hook = await subscribe(['case.created', 'case.resolved']);
    let failures = 2;
    receiver.answerWith((entry) => (entry.type === 'case.created' && failures-- > 0 ? 503 : 200));
    const first = await report('Late parcel');
    await api('POST', `/cases/${first.id}/resolve`);
    await until('created then resolved delivered', () => {
      const ok = receiver.received.filter((entry) => entry.type === 'case.resolved');
      return ok.length > 0 || undefined;
    });
    const ofCase = receiver.received.filter((entry) => entry.caseId === first.id).map((entry) => entry.type);
    // Two refusals, the successful retry, and only then the next event of the case.
    expect(ofCase).toEqual(['case.created', 'case.created', 'case.created', 'case.resolved']);
    const ids = receiver.received
      .filter((entry) => entry.type === 'case.created')
      .map((entry) => entry.headers['webhook-id']);
    expect(new Set(ids).size).toBe(1);
    const log = (await api('GET', `/webhooks/${hook.id}/deliveries`)).body.items;
    const created = log.find((item: { event: string }) => item.event === 'case.created');
    expect(created.attempts.map((attempt: { statusCode: number }) => attempt.statusCode)).toEqual([503, 503, 200]);
  });

  it('dead-letters after the last retry, and redelivers on request with the same id', async () => {
    const hook = await subscribe(['case.created']);
    receiver.answerWith(() => 500);
    const created = await report('Never arrives');
    const dead = await until('the delivery to die', async () => {
      const items = (await api('GET', `/webhooks/${hook.id}/deliveries?status=dead`)).body.items;
      return items[0];
    });
    expect(dead.attempts).toHaveLength(11);
    expect(dead.caseId).toBe(created.id);
    receiver.answerWith(() => 200);
    const again = await api('POST', `/webhooks/${hook.id}/deliveries/${dead.id}/redeliver`);
    expect(again.status).toBe(202);
    expect(again.body.eventId).toBe(dead.eventId);
    await until(
      'the redelivery',
      () =>
        (receiver.received.at(-1)?.headers['webhook-id'] === dead.eventId && receiver.received.length === 12) ||
        undefined,
    );
    expect(verifies(hook.secret, receiver.received.at(-1) as Received)).toBe(true);
  });

  it('switches off an endpoint that has failed for three days and tells the admins', async () => {
    const hook = await subscribe(['case.created']);
    const threeDaysAgo = Date.now() - 3 * 24 * 3_600_000 - 1000;
    await server.ctx.database.db.updateTable('webhooks').set({ failing_since: threeDaysAgo }).execute();
    receiver.answerWith(() => 500);
    await report('Anything');
    const off = await until('the endpoint to be switched off', async () => {
      const item = (await api('GET', `/webhooks/${hook.id}`)).body;
      return item.enabled ? undefined : item;
    });
    expect(off.disabledReason).toBe('failing');
    const mail = (await api('GET', '/mail?limit=10')).body.items;
    expect(mail.some((item: { subject: string }) => item.subject === 'A webhook endpoint was switched off')).toBe(true);
    expect((await api('PATCH', `/webhooks/${hook.id}`, { enabled: true })).body).toMatchObject({
      enabled: true,
      disabledReason: null,
      failingSince: null,
    });
  });

  it('sends a test event, and notify sends the case with its note to one endpoint whatever its filter', async () => {
    const hook = await subscribe(['case.resolved']);
    expect((await api('POST', `/webhooks/${hook.id}/test`)).status).toBe(202);
    await until('the test event', () => receiver.received.some((entry) => entry.type === 'webhook.test') || undefined);
    const created = await report('Wrong size');
    const agent = await server.addAgent();
    const notified = await api(
      'POST',
      `/cases/${created.id}/notify`,
      { webhookId: hook.id, note: 'Please check stock' },
      agent.token,
    );
    expect(notified.status, JSON.stringify(notified.body)).toBe(202);
    const entry = await until('the notification', () =>
      receiver.received.find((item) => item.type === 'case.notified'),
    );
    expect(JSON.parse(entry.body).data).toMatchObject({
      note: 'Please check stock',
      summary: { subject: 'Wrong size' },
    });
    expect(receiver.received.some((item) => item.type === 'case.created')).toBe(false);
    const events = (await api('GET', `/cases/${created.id}/events`)).body.items;
    expect(events.find((event: { type: string }) => event.type === 'case.notified')).toMatchObject({
      reason: 'Please check stock',
    });
    const missing = await api('POST', `/cases/${created.id}/notify`, { webhookId: 999_999, note: 'x' });
    expect(missing.status).toBe(404);
    expect(missing.body.errors[0].path).toBe('webhookId');
    expect((await api('POST', `/cases/${created.id}/notify`, { note: 'x' })).status).toBe(422);
  });

  it('notifies a team by mail to each member', async () => {
    const agent = await server.addAgent({ name: 'Mia' });
    const support = (await api('GET', '/teams')).body.items[0];
    const created = await report('Help');
    const notified = await api('POST', `/cases/${created.id}/notify`, { teamId: support.id, note: 'Urgent customer' });
    expect(notified.body).toEqual({ notified: 'team', recipients: 1 });
    const mail = await until('the team mail', async () => {
      const items = (await api('GET', '/mail?limit=20')).body.items as { to: string; text: string }[];
      return items.find((item) => item.to === agent.email);
    });
    expect(mail.text).toContain('Urgent customer');
  });
});

describe.each(engines)('webhook addresses on %s (SSRF)', (engine) => {
  it('refuses loopback in every spelling when private addresses are not allowed', async () => {
    const server = await startTestServer(engine);
    try {
      const admin = await server.admin();
      for (const url of [
        'http://127.0.0.1:9/x',
        'http://localhost:9/x',
        'http://[::1]:9/x',
        'http://2130706433:9/x',
        'http://127.1:9/x',
        'http://0x7f.1:9/x',
        'http://[::ffff:127.0.0.1]:9/x',
        'file:///etc/passwd',
      ]) {
        const reply = await server.call('POST', '/api/v1/webhooks', {
          token: admin.token,
          body: { url, events: ['case.created'] },
        });
        expect(reply.status, url).toBe(422);
        expect(reply.body.errors[0].path, url).toBe('url');
      }
      expect((await server.call('GET', '/api/v1/webhooks', { token: admin.token })).body.items).toEqual([]);
    } finally {
      await server.close();
    }
  });
});
