import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, engines, PASSWORD, startTestServer, type TestServer, uniqueEmail } from '../../testing/harness.js';

describe.each(engines)('accounts on %s', (engine) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(engine);
  });
  afterAll(() => server.close());

  it('signs up a customer, sets an HttpOnly session cookie and answers /auth/me', async () => {
    const email = uniqueEmail('Mixed.Case');
    const reply = await server.call('POST', '/api/v1/auth/signup', {
      body: { email: email.toUpperCase(), password: PASSWORD, name: 'Ada', role: 'admin' },
    });
    expect(reply.status).toBe(201);
    expect(reply.body.user).toMatchObject({ email: email.toLowerCase(), name: 'Ada', role: 'customer' });
    expect(String(reply.headers['set-cookie'])).toMatch(/caseflow_session=.+HttpOnly.*SameSite=Lax/i);
    const me = await server.call('GET', '/api/v1/auth/me', { token: reply.body.token });
    expect(me.body).toMatchObject({ id: reply.body.user.id, role: 'customer' });
  });

  it('answers /auth/session with 200 whether or not anyone is signed in', async () => {
    const signedOut = await server.call('GET', '/api/v1/auth/session');
    expect(signedOut.status).toBe(200);
    expect(signedOut.body).toEqual({ user: null });
    const forged = await server.call('GET', '/api/v1/auth/session', { token: 'not-a-session' });
    expect(forged.body).toEqual({ user: null });
    const customer = await server.signup('Sessioned');
    const signedIn = await server.call('GET', '/api/v1/auth/session', { token: customer.token });
    expect(signedIn.body.user).toMatchObject({ email: customer.email, role: 'customer' });
    await server.call('POST', '/api/v1/auth/logout', { token: customer.token });
    expect((await server.call('GET', '/api/v1/auth/session', { token: customer.token })).body).toEqual({ user: null });
  });

  it('treats emails case-insensitively: a second signup with other casing is a 409', async () => {
    const email = uniqueEmail('dup');
    expect(
      (await server.call('POST', '/api/v1/auth/signup', { body: { email, password: PASSWORD, name: 'A' } })).status,
    ).toBe(201);
    const again = await server.call('POST', '/api/v1/auth/signup', {
      body: { email: email.toUpperCase(), password: PASSWORD, name: 'B' },
    });
    expect(again.status).toBe(409);
    expect(again.body.errors[0].path).toBe('email');
  });

  it('rejects bad signups with problem+json naming each field', async () => {
    const reply = await server.call('POST', '/api/v1/auth/signup', { body: { email: 'nope', password: 'short' } });
    expect(reply.status).toBe(422);
    expect(reply.headers['content-type']).toContain('application/problem+json');
    expect(reply.body.errors.map((error: { path: string }) => error.path).sort()).toEqual([
      'email',
      'name',
      'password',
    ]);
  });

  it('refuses a password from the common-password list, naming the field', async () => {
    const reply = await server.call('POST', '/api/v1/auth/signup', {
      body: { email: uniqueEmail('weak'), password: 'Password123', name: 'Weak' },
    });
    expect(reply.status).toBe(422);
    expect(reply.body.errors).toEqual([
      { path: 'password', message: expect.stringContaining('most common passwords') },
    ]);
  });

  it('refuses a password that is mostly spaces', async () => {
    const reply = await server.call('POST', '/api/v1/auth/signup', {
      body: { email: uniqueEmail('blank'), password: '   ab      ', name: 'Blank' },
    });
    expect(reply.status).toBe(422);
    expect(reply.body.errors).toEqual([{ path: 'password', message: expect.stringContaining('besides spaces') }]);
  });

  it('gives a new token at each login and revokes it at logout', async () => {
    const customer = await server.signup();
    const first = await server.login(customer.email);
    const second = await server.login(customer.email);
    expect(first.token).not.toBe(second.token);
    expect((await server.call('POST', '/api/v1/auth/logout', { token: first.token })).status).toBe(204);
    expect((await server.call('GET', '/api/v1/auth/me', { token: first.token })).status).toBe(401);
    expect((await server.call('GET', '/api/v1/auth/me', { token: second.token })).status).toBe(200);
  });

  it('refuses wrong passwords and unknown emails alike', async () => {
    const customer = await server.signup();
    const wrong = await server.call('POST', '/api/v1/auth/login', {
      body: { email: customer.email, password: 'Wrong-pass-123' },
    });
    const unknown = await server.call('POST', '/api/v1/auth/login', {
      body: { email: uniqueEmail('ghost'), password: PASSWORD },
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.detail).toBe(unknown.body.detail);
  });

  it('resets a password through the mailed single-use link, revoking old sessions', async () => {
    const customer = await server.signup('Reset Me');
    expect((await server.call('POST', '/api/v1/auth/password-reset', { body: { email: customer.email } })).status).toBe(
      202,
    );
    expect(
      (await server.call('POST', '/api/v1/auth/password-reset', { body: { email: uniqueEmail('nobody') } })).status,
    ).toBe(202);
    const admin = await server.admin();
    const outbox = await server.call('GET', '/api/v1/mail', { token: admin.token });
    const mail = outbox.body.items.find((item: { to: string }) => item.to === customer.email);
    const token = /token=([A-Za-z0-9_-]+)/.exec(mail.text)?.[1];
    expect(token).toBeTruthy();
    const confirm = (password: string) =>
      server.call('POST', '/api/v1/auth/password-reset/confirm', { body: { token, password } });
    expect((await confirm('Brand-new-pass-1')).status).toBe(204);
    expect((await confirm('Another-pass-22')).status).toBe(422);
    expect((await server.call('GET', '/api/v1/auth/me', { token: customer.token })).status).toBe(401);
    await server.login(customer.email, 'Brand-new-pass-1');
  });

  it('deletes a customer account: sessions die, the email can no longer sign in', async () => {
    const customer = await server.signup('Leaving');
    const wrong = await server.call('DELETE', '/api/v1/auth/me', {
      token: customer.token,
      body: { password: 'nope-nope-nope' },
    });
    expect(wrong.status).toBe(422);
    expect(
      (await server.call('DELETE', '/api/v1/auth/me', { token: customer.token, body: { password: PASSWORD } })).status,
    ).toBe(204);
    expect((await server.call('GET', '/api/v1/auth/me', { token: customer.token })).status).toBe(401);
    expect(
      (await server.call('POST', '/api/v1/auth/login', { body: { email: customer.email, password: PASSWORD } })).status,
    ).toBe(401);
  });

  it('bootstraps the admin from ADMIN_EMAIL and ADMIN_PASSWORD', async () => {
    const admin = await server.login(ADMIN.email, ADMIN.password);
    expect((await server.call('GET', '/api/v1/auth/me', { token: admin.token })).body.role).toBe('admin');
  });
});
