import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, startTestServer, type TestServer } from '../../testing/harness.js';

describe.each(engines)('Idempotency-Key on POST /cases on %s', (engine) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(engine);
  });
  afterAll(() => server.close());

  const body = { subject: 'Lamp arrived broken', description: 'The shade is cracked.' };

  it('returns the same case for 100 concurrent requests with one key, and stores one case', async () => {
    const customer = await server.signup();
    const headers = { 'idempotency-key': 'order-4711-retry' };
    const replies = await Promise.all(
      Array.from({ length: 100 }, () => server.call('POST', '/api/v1/cases', { token: customer.token, body, headers })),
    );
    expect(new Set(replies.map((reply) => reply.status))).toEqual(new Set([201]));
    expect(new Set(replies.map((reply) => reply.body.id)).size).toBe(1);
    const listed = await server.call('GET', '/api/v1/cases', { token: customer.token });
    expect(listed.body.items).toHaveLength(1);
  });

  it('keeps keys per customer, and refuses a key reused for a different request', async () => {
    const first = await server.signup();
    const second = await server.signup();
    const headers = { 'idempotency-key': 'same-key' };
    const a = await server.call('POST', '/api/v1/cases', { token: first.token, body, headers });
    const b = await server.call('POST', '/api/v1/cases', { token: second.token, body, headers });
    expect(a.body.id).not.toBe(b.body.id);
    const changed = await server.call('POST', '/api/v1/cases', {
      token: first.token,
      body: { ...body, subject: 'Something else' },
      headers,
    });
    expect(changed.status).toBe(409);
    expect(changed.body.errors[0].path).toBe('Idempotency-Key');
    const tooLong = await server.call('POST', '/api/v1/cases', {
      token: first.token,
      body,
      headers: { 'idempotency-key': 'k'.repeat(300) },
    });
    expect(tooLong.status).toBe(422);
  });

  it('answers a retry of an assigned case with the same body as the first reply', async () => {
    // An agent with room: the first request takes intake's short cut, whose reply comes from the
    // insert itself; the retry's reply is read from the database.
    const agent = await server.addAgent({ name: 'Rita', capacity: 5 });
    const customer = await server.signup('Olga');
    const headers = { 'idempotency-key': 'assigned-once' };
    const first = await server.call('POST', '/api/v1/cases', { token: customer.token, body, headers });
    expect(first.body).toMatchObject({ status: 'open', assignee: { id: agent.id, name: 'Rita' } });
    const retry = await server.call('POST', '/api/v1/cases', { token: customer.token, body, headers });
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
  });

  it('creates a new case for each request without a key', async () => {
    const customer = await server.signup();
    const [one, two] = await Promise.all([
      server.call('POST', '/api/v1/cases', { token: customer.token, body }),
      server.call('POST', '/api/v1/cases', { token: customer.token, body }),
    ]);
    expect(one.body.id).not.toBe(two.body.id);
  });
});
