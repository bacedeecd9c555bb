import type { Case } from '@caseflow/contract';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mailTo } from '../../testing/background.js';
import { engines, type Person, startTestServer, type TestServer } from '../../testing/harness.js';
import { until } from '../../testing/until.js';

describe.each(engines)('customer satisfaction on %s', (engine) => {
  let server: TestServer;
  let admin: Person;
  let agent: Person;
  let customer: Person;

  beforeEach(async () => {
    server = await startTestServer(engine);
    admin = await server.admin();
    agent = await server.addAgent({ capacity: 10, name: 'Maya' });
    customer = await server.signup('Ann');
  });
  afterEach(() => server.close());

  const api = (method: string, url: string, token: string | undefined, body?: unknown) =>
    server.call(method, `/api/v1${url}`, { token, body });

  async function resolvedCase(): Promise<Case> {
    const created = await api('POST', '/cases', customer.token, {
      subject: 'Where is my parcel?',
      description: 'Order 5521 has not arrived after ten days.',
    });
    expect(created.status).toBe(201);
    expect((await api('POST', `/cases/${created.body.id}/resolve`, agent.token)).status).toBe(200);
    return created.body;
  }

  it('lets the customer rate a resolved case once, and nobody else', async () => {
    const open = await api('POST', '/cases', customer.token, { subject: 'Still open', description: 'Not done yet.' });
    expect((await api('POST', `/cases/${open.body.id}/csat`, customer.token, { rating: 5 })).status).toBe(409);

    const resolved = await resolvedCase();
    const other = await server.signup('Bob');
    expect((await api('POST', `/cases/${resolved.id}/csat`, other.token, { rating: 5 })).status).toBe(404);
    expect((await api('POST', `/cases/${resolved.id}/csat`, agent.token, { rating: 5 })).status).toBe(403);
    for (const body of [{ rating: 9 }, { rating: 0 }, { rating: 3.5 }, { rating: 4, comment: 'a\u0000b' }, {}]) {
      const reply = await api('POST', `/cases/${resolved.id}/csat`, customer.token, body);
      expect(reply.status, JSON.stringify(body)).toBe(422);
    }
    expect((await api('GET', `/cases/${resolved.id}/csat`, customer.token)).status).toBe(404);

    const rated = await api('POST', `/cases/${resolved.id}/csat`, customer.token, { rating: 4, comment: ' Quick ' });
    expect(rated.status).toBe(201);
    expect(rated.body).toMatchObject({ rating: 4, comment: 'Quick' });
    const twice = await api('POST', `/cases/${resolved.id}/csat`, customer.token, { rating: 1 });
    expect(twice.status).toBe(409);
    expect((await api('GET', `/cases/${resolved.id}/csat`, agent.token)).body).toMatchObject({ rating: 4 });
    expect((await api('GET', `/cases/${resolved.id}/csat`, other.token)).status).toBe(404);

    const activity = await api('GET', `/cases/${resolved.id}/events`, agent.token);
    const rating = activity.body.items.find((event: { type: string }) => event.type === 'case.rated');
    expect(rating).toMatchObject({ to: '4' });
  });

  it('rates from the resolve mail’s link without signing in, once; a forged link is a 404', async () => {
    const resolved = await resolvedCase();
    const mail = await until('the resolve mail', async () => {
      const all = await mailTo(server, admin.token, customer.email);
      return all.find((item) => item.subject.includes('Resolved'));
    });
    const link = /\/rate\?token=([\w.-]+)/.exec(mail.text)?.[1];
    expect(link).toBeDefined();
    const token = link ?? '';

    const page = await api('GET', `/csat?token=${token}`, undefined);
    expect(page.status).toBe(200);
    expect(page.body).toEqual({
      case: { number: resolved.number, subject: 'Where is my parcel?', resolved: true },
      csat: null,
    });
    const rated = await api('POST', '/csat', undefined, { token, rating: 2, comment: 'Took long' });
    expect(rated.status).toBe(201);
    expect((await api('POST', '/csat', undefined, { token, rating: 5 })).status).toBe(409);
    expect((await api('GET', `/csat?token=${token}`, undefined)).body.csat).toMatchObject({ rating: 2 });

    const [id, mac] = token.split('.');
    for (const forged of [`${Number(id) + 1}.${mac}`, `${id}.${'A'.repeat(43)}`, 'not-a-token-at-all']) {
      expect((await api('GET', `/csat?token=${forged}`, undefined)).status).toBe(404);
      const reply = await api('POST', '/csat', undefined, { token: forged, rating: 5 });
      expect([404, 422]).toContain(reply.status);
    }
  });
});
