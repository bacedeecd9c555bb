import type { WidgetConversation } from '@caseflow/contract';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mailTo } from '../../testing/background.js';
import { engines, type Person, startTestServer, type TestServer, uniqueEmail } from '../../testing/harness.js';
import { until } from '../../testing/until.js';
import { type LiveSocket, listenOn, openSocket } from '../realtime/socket-client.testing.js';
import { GUEST_MESSAGES_PER_MINUTE } from './widget.routes.js';

const SHOP = 'https://shop.example';
const ELSEWHERE = 'https://elsewhere.example';

describe.each(engines)('the chat widget on %s', (engine) => {
  let server: TestServer;
  let admin: Person;
  let agent: Person;
  const sockets: LiveSocket[] = [];

  beforeEach(async () => {
    server = await startTestServer(engine, {
      WIDGET_ORIGINS: `${SHOP}, https://other-shop.example`,
      WIDGET_RATE_LIMIT_PER_IP: '5',
    });
    admin = await server.admin();
    agent = await server.addAgent({ capacity: 10, name: 'Maya' });
  });
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.disconnect();
    await server.close();
  });

  const widget = (method: string, url: string, options: { body?: unknown; token?: string; origin?: string } = {}) =>
    server.call(method, `/api/v1/widget${url}`, {
      body: options.body,
      token: options.token,
      headers: { origin: options.origin ?? SHOP },
    });
  const api = (method: string, url: string, token: string, body?: unknown) =>
    server.call(method, `/api/v1${url}`, { token, body });
  const countCases = async () =>
    Number(
      (
        await server.ctx.database.db
          .selectFrom('cases')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  async function start(body: { name?: string; email?: string; message?: string } = {}) {
    const reply = await widget('POST', '/conversations', {
      body: {
        name: 'Ann Guest',
        email: uniqueEmail('guest'),
        message: 'My blender arrived cracked. Order 5521.',
        ...body,
      },
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    return reply.body as { token: string; conversation: WidgetConversation };
  }

  it("answers the listed shops' sites and refuses any other, preflights included", async () => {
    const listed = await widget('GET', '/config');
    expect(listed.status).toBe(200);
    expect(listed.headers['access-control-allow-origin']).toBe(SHOP);
    expect(listed.body).toMatchObject({ color: expect.stringMatching(/^#[0-9a-f]{6}$/), agentsAvailable: true });

    const refused = await widget('GET', '/config', { origin: ELSEWHERE });
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toMatch(/WIDGET_ORIGINS/);
    const before = await countCases();
    const start = await widget('POST', '/conversations', {
      origin: ELSEWHERE,
      body: { name: 'Eve', email: uniqueEmail('eve'), message: 'Hello' },
    });
    expect(start.status).toBe(403);
    expect(await countCases()).toBe(before);

    const preflight = await server.call('OPTIONS', '/api/v1/widget/conversation', {
      headers: {
        origin: SHOP,
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-headers']).toContain('authorization');
    const foreign = await server.call('OPTIONS', '/api/v1/widget/conversation', { headers: { origin: ELSEWHERE } });
    expect(foreign.status).toBe(403);
    // The app's own pages (its demo shop) may run the widget without being listed.
    const own = await widget('GET', '/config', { origin: 'http://caseflow.test' });
    expect(own.status).toBe(200);
  });

  it('turns a first message into an assigned case of a guest created on the fly, and carries the conversation both ways', async () => {
    const email = uniqueEmail('guest');
    const { token, conversation } = await start({ email, name: 'Ann Guest' });
    expect(conversation).toMatchObject({ status: 'open', agentName: 'Maya', agentsAvailable: true });
    expect(conversation.messages).toEqual([
      expect.objectContaining({
        from: 'guest',
        authorName: 'Ann Guest',
        body: 'My blender arrived cracked. Order 5521.',
      }),
    ]);

    // The same case staff see, triaged and assigned by the usual intake.
    const item = await api('GET', `/cases/${conversation.caseId}`, agent.token);
    expect(item.body).toMatchObject({ subject: 'My blender arrived cracked. Order 5521.', assignee: { id: agent.id } });
    expect(item.body.category).toBeTruthy();
    const guest = await server.ctx.database.db
      .selectFrom('users')
      .select(['role', 'password_hash'])
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    expect(guest).toEqual({ role: 'customer', password_hash: null });

    await api('POST', `/cases/${conversation.caseId}/messages`, agent.token, { body: 'Sorry! A new one ships today.' });
    await api('POST', `/cases/${conversation.caseId}/messages`, agent.token, {
      body: 'Check stock first',
      internal: true,
    });
    const written = await widget('POST', '/conversation/messages', { token, body: { body: 'Thank you!' } });
    expect(written.status).toBe(201);
    expect(written.body).toMatchObject({ from: 'guest', body: 'Thank you!' });

    const seen = await widget('GET', '/conversation', { token });
    expect(seen.status).toBe(200);
    expect(seen.body.messages.map((message: { from: string; body: string }) => [message.from, message.body])).toEqual([
      ['guest', 'My blender arrived cracked. Order 5521.'],
      ['agent', 'Sorry! A new one ships today.'],
      ['guest', 'Thank you!'],
    ]);
    const staffView = await api('GET', `/cases/${conversation.caseId}/messages`, agent.token);
    expect(staffView.body.items.at(-1)).toMatchObject({ body: 'Thank you!', author: { role: 'customer' } });
  });

  it("opens nothing but its own conversation: not the API, not the guest's other cases, not with a forged token", async () => {
    const customer = await server.signup('Bob');
    const own = await api('POST', '/cases', customer.token, {
      subject: 'Invoice',
      description: 'Please resend my invoice.',
    });
    const { token, conversation } = await start({ email: customer.email, name: 'Bob' });
    // A registered customer's email may start a chat; the token still opens that chat only.
    expect(conversation.caseId).not.toBe(own.body.id);
    for (const url of ['/auth/me', '/cases', `/cases/${own.body.id}`, `/cases/${conversation.caseId}`]) {
      expect((await api('GET', url, token)).status, url).toBe(401);
    }
    expect((await widget('GET', '/conversation', { token: 'x'.repeat(43) })).status).toBe(401);
    expect((await widget('GET', '/conversation')).status).toBe(401);
    // A session of the app is no guest token either.
    expect((await widget('GET', '/conversation', { token: customer.token })).status).toBe(401);
    expect((await widget('GET', '/conversation', { token })).body.caseId).toBe(conversation.caseId);
  });

  it('refuses bad input naming the field and creates nothing; HTML is kept as text', async () => {
    const before = await countCases();
    const cases: [Record<string, unknown>, string][] = [
      [{ name: 'Ann', email: 'not-an-email', message: 'Hi' }, 'email'],
      [{ name: 'Ann', message: 'Hi' }, 'email'],
      [{ name: 'Ann', email: uniqueEmail('a'), message: 'x'.repeat(20_000) }, 'message'],
      [{ name: '', email: uniqueEmail('a'), message: 'Hi' }, 'name'],
      [{ name: 'Ann', email: uniqueEmail('a'), message: '   ' }, 'message'],
    ];
    for (const [body, field] of cases) {
      const reply = await widget('POST', '/conversations', { body });
      expect(reply.status, JSON.stringify(body).slice(0, 80)).toBeGreaterThanOrEqual(400);
      expect(reply.status).toBeLessThan(500);
      expect(reply.body.errors.map((error: { path: string }) => error.path)).toContain(field);
    }
    const staff = await widget('POST', '/conversations', {
      body: { name: 'Sneaky', email: 'admin@caseflow.test', message: 'Let me in' },
    });
    expect(staff.status).toBe(422);
    expect(staff.body.errors[0].path).toBe('email');
    expect(await countCases()).toBe(before);

    const html = await start({ name: '<img src=x onerror=alert(1)>', message: '<b>bold</b> & <script>x</script>' });
    expect(html.conversation.messages[0]).toMatchObject({
      authorName: '<img src=x onerror=alert(1)>',
      body: '<b>bold</b> & <script>x</script>',
    });
  });

  it('limits the conversations one address starts, with Retry-After', async () => {
    for (let index = 0; index < 5; index++) await start();
    const limited = await widget('POST', '/conversations', {
      body: { name: 'Ann', email: uniqueEmail('guest'), message: 'One more' },
    });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });

  it("limits a conversation's messages a minute, with Retry-After, and writes none past it", async () => {
    const { token, conversation } = await start();
    for (let index = 0; index < GUEST_MESSAGES_PER_MINUTE; index++) {
      const sent = await widget('POST', '/conversation/messages', { token, body: { body: `line ${index}` } });
      expect(sent.status).toBe(201);
    }
    const limited = await widget('POST', '/conversation/messages', { token, body: { body: 'one too many' } });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    const read = await widget('GET', '/conversation', { token });
    expect(read.body.messages).toHaveLength(conversation.messages.length + GUEST_MESSAGES_PER_MINUTE);
    // Another guest's conversation is not held up by this one's flood.
    const other = await start();
    const sent = await widget('POST', '/conversation/messages', { token: other.token, body: { body: 'hello' } });
    expect(sent.status).toBe(201);
  });

  it('mails the guest their case and a link to choose a password that keeps it; signing up with the email mails the link too', async () => {
    const email = uniqueEmail('guest');
    const { conversation } = await start({ email });
    const [welcome] = await until('the welcome mail', async () => {
      const mails = await mailTo(server, admin.token, email);
      return mails.length > 0 ? mails : undefined;
    });
    expect(welcome?.subject).toContain(conversation.number);
    const token = /reset-password\?token=([\w-]+)/.exec(welcome?.text ?? '')?.[1];
    expect(token).toBeTruthy();

    const signup = await server.call('POST', '/api/v1/auth/signup', {
      body: { email, password: 'Another-horse-42', name: 'Not Ann' },
    });
    expect(signup.status).toBe(409);
    expect(signup.body.detail).toMatch(/emailed you a link/);
    await until('the signup link mail', async () =>
      (await mailTo(server, admin.token, email)).length === 2 ? true : undefined,
    );

    const set = await server.call('POST', '/api/v1/auth/password-reset/confirm', {
      body: { token, password: 'Guest-horse-4242' },
    });
    expect(set.status, JSON.stringify(set.body)).toBeLessThan(300);
    const person = await server.login(email, 'Guest-horse-4242');
    const cases = await api('GET', '/cases', person.token);
    expect(cases.body.items.map((item: { id: number }) => item.id)).toEqual([conversation.caseId]);
  });

  it("pushes the conversation's events to the guest's socket, only from a listed site", async () => {
    const url = await server.listen();
    const customer = await server.signup('Cleo');
    const { token, conversation } = await start({ email: customer.email, name: 'Cleo' });
    const guestSocket = openSocket(url, { headers: { origin: SHOP } });
    guestSocket.auth = { guestToken: token };
    sockets.push(guestSocket);
    const listener = await listenOn(guestSocket);

    const other = await api('POST', '/cases', customer.token, { subject: 'Other', description: 'Another matter.' });
    await api('POST', `/cases/${other.body.id}/messages`, agent.token, { body: 'About the other one' });
    await api('POST', `/cases/${conversation.caseId}/messages`, agent.token, { body: 'Here to help' });
    await listener.waitFor('message.created', (payload) => payload.caseId === conversation.caseId);
    expect(listener.about(other.body.id)).toEqual([]);

    const foreign = openSocket(url, { headers: { origin: ELSEWHERE } });
    foreign.auth = { guestToken: token };
    sockets.push(foreign);
    await expect(listenOn(foreign)).rejects.toThrow('forbidden');
  });

  it('lets only an admin set the colour and greeting, which the widget then shows', async () => {
    const customer = await server.signup('Dan');
    const settings = { color: '#0B7285', greeting: 'Hello from the shop!' };
    expect((await api('PUT', '/widget/settings', agent.token, settings)).status).toBe(403);
    expect((await api('PUT', '/widget/settings', customer.token, settings)).status).toBe(403);
    const bad = await api('PUT', '/widget/settings', admin.token, { ...settings, color: 'teal' });
    expect(bad.body.errors[0].path).toBe('color');
    const saved = await api('PUT', '/widget/settings', admin.token, settings);
    expect(saved.body).toEqual({ color: '#0b7285', greeting: 'Hello from the shop!' });
    expect((await widget('GET', '/config')).body).toMatchObject({ color: '#0b7285', greeting: 'Hello from the shop!' });
  });
});
