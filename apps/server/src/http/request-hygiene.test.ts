import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, PASSWORD, startTestServer, type TestServer, uniqueEmail } from '../testing/harness.js';

/** Cookies, cross-site requests, throttling and malformed requests: what a browser or an attacker sends. */
describe.each(engines)('request hygiene on %s', (engine) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(engine, { LOGIN_RATE_LIMIT: '3' });
  });
  afterAll(() => server.close());

  async function cookieOf(email: string) {
    const reply = await server.call('POST', '/api/v1/auth/signup', {
      body: { email, password: PASSWORD, name: 'Cookie' },
    });
    return String(reply.headers['set-cookie']).split(';')[0] ?? '';
  }

  it('accepts the session cookie and refuses it on cross-origin writes', async () => {
    const cookie = await cookieOf(uniqueEmail('cookie'));
    const me = await server.call('GET', '/api/v1/auth/me', { headers: { cookie } });
    expect(me.status).toBe(200);
    const body = { subject: 'From a browser', description: 'Hello' };
    const sameOrigin = await server.call('POST', '/api/v1/cases', {
      headers: { cookie, origin: 'http://caseflow.test' },
      body,
    });
    expect(sameOrigin.status).toBe(201);
    const crossOrigin = await server.call('POST', '/api/v1/cases', {
      headers: { cookie, origin: 'https://evil.example' },
      body,
    });
    expect(crossOrigin.status).toBe(403);
    const crossSite = await server.call('POST', '/api/v1/cases', {
      headers: { cookie, 'sec-fetch-site': 'cross-site' },
      body,
    });
    expect(crossSite.status).toBe(403);
  });

  it('logs out a cookie session and clears the cookie', async () => {
    const cookie = await cookieOf(uniqueEmail('cookie-out'));
    const out = await server.call('POST', '/api/v1/auth/logout', {
      headers: { cookie, origin: 'http://caseflow.test' },
    });
    expect(out.status).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(/caseflow_session=;/);
    expect((await server.call('GET', '/api/v1/auth/me', { headers: { cookie } })).status).toBe(401);
  });

  it('throttles repeated sign-in attempts on one account with 429 and Retry-After', async () => {
    const customer = await server.signup();
    const attempt = () =>
      server.call('POST', '/api/v1/auth/login', { body: { email: customer.email, password: 'Wrong-pass-123' } });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await attempt()).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    const limited = await attempt();
    expect(limited.headers['retry-after']).toBeDefined();
    expect(limited.body.code).toBe('rate_limited');
    // Another account from the same address is not locked out by it.
    const other = await server.signup();
    expect(
      (await server.call('POST', '/api/v1/auth/login', { body: { email: other.email, password: PASSWORD } })).status,
    ).toBe(200);
  });

  it('answers malformed requests with 4xx problems, never a 500', async () => {
    const customer = await server.signup();
    const token = customer.token;
    const cases = [
      await server.call('POST', '/api/v1/cases', {
        token,
        body: '{"subject": ',
        headers: { 'content-type': 'application/json' },
      }),
      await server.call('POST', '/api/v1/cases', {
        token,
        body: 'subject=x',
        headers: { 'content-type': 'text/plain' },
      }),
      await server.call('POST', '/api/v1/cases', { token, body: { subject: 'x'.repeat(300_000), description: 'd' } }),
      await server.call('POST', '/api/v1/cases', { token, body: [1, 2, 3] }),
      await server.call('POST', '/api/v1/cases', { token, body: { subject: { $gt: '' }, description: ['d'] } }),
      await server.call('GET', '/api/v1/cases/99999999999999999999', { token }),
      await server.call('GET', '/api/v1/cases/abc', { token }),
      await server.call('GET', '/api/v1/cases?limit=-1&cursor=%00', { token }),
      await server.call('GET', '/api/v1/cases?status=exploded', { token }),
      await server.call('GET', '/api/v1/cases/1', { headers: { authorization: 'Bearer nonsense!' } }),
      await server.call('GET', '/api/v1/no-such-route', { token }),
    ];
    expect(cases.map((reply) => reply.status)).toEqual([400, 415, 413, 422, 422, 422, 422, 422, 422, 401, 404]);
    for (const reply of cases) {
      expect(reply.headers['content-type']).toContain('application/problem+json');
      expect(JSON.stringify(reply.body)).not.toMatch(/at .*\.ts:|SELECT|sqlite|postgres/i);
    }
    expect((await server.call('GET', '/api/v1/cases', { token })).body.items).toEqual([]);
  });

  it('takes an empty JSON body as {} on routes with no body, and still refuses it where a body is required', async () => {
    const customer = await server.signup();
    const json = { 'content-type': 'application/json' };
    const created = await server.call('POST', '/api/v1/cases', {
      token: customer.token,
      body: { subject: 'Lamp', description: 'The lamp is dented.' },
    });
    const admin = await server.admin();
    await server.addAgent();
    const resolved = await server.call('POST', `/api/v1/cases/${created.body.id}/resolve`, {
      token: admin.token,
      body: '',
      headers: json,
    });
    expect(resolved.status, JSON.stringify(resolved.body)).toBe(200);
    const reopened = await server.call('POST', `/api/v1/cases/${created.body.id}/reopen`, {
      token: customer.token,
      body: '',
      headers: json,
    });
    expect(reopened.status, JSON.stringify(reopened.body)).toBe(200);
    const noBody = await server.call('POST', '/api/v1/cases', { token: customer.token, body: '', headers: json });
    expect(noBody.status).toBe(400);
    expect(noBody.headers['content-type']).toContain('application/problem+json');
    const loggedOut = await server.call('POST', '/api/v1/auth/logout', {
      token: customer.token,
      body: '',
      headers: json,
    });
    expect(loggedOut.status).toBeLessThan(300);
  });

  it('serves the OpenAPI document, the API docs, health probes and Prometheus metrics', async () => {
    const openapi = await server.call('GET', '/api/v1/openapi.json');
    expect(openapi.body.openapi).toBe('3.1.0');
    expect(Object.keys(openapi.body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/cases', '/api/v1/cases/{id}/assign']),
    );
    expect((await server.call('GET', '/api/docs/')).status).toBe(200);
    expect((await server.call('GET', '/healthz')).status).toBe(200);
    expect((await server.call('GET', '/readyz')).body.engine).toBe(engine);
    const metrics = await server.call('GET', '/metrics');
    expect(metrics.body).toMatch(/caseflow_http_request_duration_seconds_bucket/);
    expect(metrics.body).toMatch(/# TYPE caseflow_assignments_total counter/);
  });

  it('sets security headers', async () => {
    const reply = await server.call('GET', '/healthz');
    expect(reply.headers['content-security-policy']).toContain("default-src 'self'");
    expect(reply.headers['x-content-type-options']).toBe('nosniff');
    // The API docs keep their own policy, with the inline styles Swagger UI needs.
    const docs = await server.call('GET', '/api/docs/static/index.html');
    expect(docs.headers['content-security-policy']).toContain("style-src 'self' https: 'unsafe-inline'");
    expect(docs.headers['x-content-type-options']).toBe('nosniff');
  });
});
