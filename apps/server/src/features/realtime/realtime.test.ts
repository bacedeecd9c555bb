import type { Duplex } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { engines, type Person, startTestServer, type TestServer } from '../../testing/harness.js';
import {
  type ConnectOptions,
  disconnectOf,
  Listener,
  type LiveSocket,
  listenOn,
  openSocket,
  reportCase,
  settle,
} from './socket-client.testing.js';

describe.each(engines)('realtime on %s', (engine) => {
  let server: TestServer;
  let url: string;
  let agent: Person;
  const sockets: LiveSocket[] = [];

  beforeAll(async () => {
    server = await startTestServer(engine);
    url = await server.listen();
    agent = await server.addAgent({ name: 'Alice', capacity: 50 });
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.disconnect();
  });
  afterAll(() => server.close());

  /** Resolves with a listener once connected; rejects with the server's connect_error message. */
  function connect(options: ConnectOptions = {}) {
    const socket = openSocket(url, options);
    sockets.push(socket);
    return listenOn(socket);
  }

  const report = (customer: Person, subject?: string) => reportCase(server, customer, subject);

  async function post(caseId: number, author: Person, body: string, internal: boolean) {
    const reply = await server.call('POST', `/api/v1/cases/${caseId}/messages`, {
      token: author.token,
      body: { body, internal },
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  }

  it('refuses a handshake without a session, with a bad token, or with a cookie from another origin', async () => {
    await expect(connect()).rejects.toThrow('unauthenticated');
    await expect(connect({ token: 'not-a-live-session-token-at-all' })).rejects.toThrow('unauthenticated');
    const customer = await server.signup();
    const cookie = `caseflow_session=${customer.token}`;
    await expect(connect({ headers: { cookie, origin: 'http://evil.test' } })).rejects.toThrow('forbidden');
    // The same cookie from our own origin (the configured public URL) is a browser tab of ours.
    await expect(connect({ headers: { cookie, origin: 'http://caseflow.test' } })).resolves.toBeInstanceOf(Listener);
  });

  it('tells an agent the moment a new case is assigned to them', async () => {
    const alice = await connect({ token: agent.token });
    const customer = await server.signup();
    const caseId = await report(customer);
    const assigned = await alice.waitFor('case.assigned', (payload) => payload.caseId === caseId);
    expect(assigned).toEqual({ caseId, agentId: agent.id, at: expect.any(String) });
    await alice.waitFor('queue.updated', () => true);
  });

  it('tells a customer about their own case only, and never about internal notes', async () => {
    const ann = await server.signup('Ann');
    const bob = await server.signup('Bob');
    const admin = await server.admin();
    const annLive = await connect({ token: ann.token });
    const bobLive = await connect({ token: bob.token });
    const staffLive = await connect({ token: admin.token });

    const annCase = await report(ann);
    await annLive.waitFor('case.created', (payload) => payload.caseId === annCase);
    await annLive.waitFor('case.assigned', (payload) => payload.caseId === annCase);

    await post(annCase, admin, 'Customer sounds upset; offer a refund.', true);
    await staffLive.waitFor('message.created', (payload) => payload.caseId === annCase);
    await post(annCase, agent, 'Sorry about that, a new backpack is on its way.', false);
    // Events reach a socket in order, so the public reply arriving proves the internal one was not sent.
    await annLive.waitFor('message.created', (payload) => payload.caseId === annCase);

    // Bob's own case proves his socket receives events; Ann's case must not have reached him.
    const bobCase = await report(bob);
    await bobLive.waitFor('case.created', (payload) => payload.caseId === bobCase);
    await settle(300);
    expect(bobLive.about(annCase)).toEqual([]);
    expect(annLive.about(bobCase)).toEqual([]);
    expect(annLive.named('message.created')).toHaveLength(1);
    expect(staffLive.named('message.created').filter((payload) => payload.caseId === annCase)).toHaveLength(2);
    // Queue and agent events are staff business.
    expect(annLive.events.map((event) => event.name)).not.toContain('queue.updated');
    expect(annLive.events.map((event) => event.name)).not.toContain('agent.updated');
    expect(staffLive.events.map((event) => event.name)).toContain('queue.updated');
  });

  it('closes the sockets of a session at logout, and only those', async () => {
    const customer = await server.signup();
    const other = await server.login(customer.email);
    const revoked = await connect({ token: customer.token });
    const kept = await connect({ token: other.token });
    const disconnected = disconnectOf(revoked.socket);

    expect((await server.call('POST', '/api/v1/auth/logout', { token: customer.token })).status).toBe(204);
    expect(await disconnected).toBe('io server disconnect');
    await expect(connect({ token: customer.token })).rejects.toThrow('unauthenticated');
    // The same socket, told to come back (what a client does after 'io server disconnect'), is refused too.
    await expect(listenOn(revoked.socket.connect())).rejects.toThrow('unauthenticated');

    // The other session stays live and keeps receiving its events.
    const caseId = await report(other);
    await kept.waitFor('case.created', (payload) => payload.caseId === caseId);
    expect(kept.socket.connected).toBe(true);
  });

  /** The server end of each websocket opened until `stop`, so a test can cut one as a network fault would. */
  function trackConnections() {
    const opened: Duplex[] = [];
    const track = (_request: unknown, connection: Duplex) => opened.push(connection);
    server.app.server.on('upgrade', track);
    return {
      stop: () => server.app.server.off('upgrade', track),
      cut: () => {
        for (const connection of opened) connection.destroy();
      },
    };
  }

  /** A client that reconnects by itself, connected; `cut` drops its connection on the server's side. */
  async function connectDroppable(token: NonNullable<ConnectOptions['token']>) {
    const connections = trackConnections();
    const socket = openSocket(url, { token, reconnection: true });
    sockets.push(socket);
    try {
      return { live: await listenOn(socket), cut: connections.cut };
    } finally {
      connections.stop();
    }
  }

  it('lets a client whose connection dropped reconnect with its token and receive events again', async () => {
    const customer = await server.signup();
    const { live, cut } = await connectDroppable(customer.token);
    const dropped = disconnectOf(live.socket);
    // 'connect' again, not the manager's 'reconnect': only then did the handshake pass and the rooms get joined.
    const back = new Promise((resolve) => live.socket.once('connect', () => resolve(undefined)));
    cut();
    expect(await dropped).toBe('transport close');
    await back;

    const caseId = await report(customer);
    await live.waitFor('case.created', (payload) => payload.caseId === caseId);
    expect(live.socket.connected).toBe(true);
  });

  it('refuses the automatic reconnection of a client whose session was revoked while it was offline', async () => {
    const customer = await server.signup();
    let handshakes = 0;
    const token = async () => {
      // The second handshake is the automatic reconnection; the session ends just before it.
      handshakes += 1;
      if (handshakes === 2) await server.call('POST', '/api/v1/auth/logout', { token: customer.token });
      return customer.token;
    };
    const { live, cut } = await connectDroppable(token);
    const refused = new Promise<Error>((resolve) => live.socket.once('connect_error', resolve));
    cut();
    expect((await refused).message).toBe('unauthenticated');
    expect(handshakes).toBe(2);
    expect(live.socket.connected).toBe(false);
  });

  it('closes every socket of a customer who resets their password or deletes their account', async () => {
    const customer = await server.signup();
    const second = await server.login(customer.email);
    const sockets = [await connect({ token: customer.token }), await connect({ token: second.token })];
    const disconnected = sockets.map((live) => disconnectOf(live.socket));
    expect((await server.call('POST', '/api/v1/auth/password-reset', { body: { email: customer.email } })).status).toBe(
      202,
    );
    const outbox = await server.call('GET', '/api/v1/mail', { token: (await server.admin()).token });
    const mail = outbox.body.items.find((item: { to: string }) => item.to === customer.email);
    const token = /token=([A-Za-z0-9_-]+)/.exec(mail.text)?.[1];
    const confirm = await server.call('POST', '/api/v1/auth/password-reset/confirm', {
      body: { token, password: 'Brand-new-pass-1' },
    });
    expect(confirm.status).toBe(204);
    expect(await Promise.all(disconnected)).toEqual(['io server disconnect', 'io server disconnect']);

    const fresh = await server.login(customer.email, 'Brand-new-pass-1');
    const live = await connect({ token: fresh.token });
    const gone = disconnectOf(live.socket);
    const deleted = await server.call('DELETE', '/api/v1/auth/me', {
      token: fresh.token,
      body: { password: 'Brand-new-pass-1' },
    });
    expect(deleted.status).toBe(204);
    expect(await gone).toBe('io server disconnect');
  });

  it('closes the sockets of a removed agent', async () => {
    const bea = await server.addAgent({ name: 'Bea' });
    const beaLive = await connect({ token: bea.token });
    const disconnected = disconnectOf(beaLive.socket);
    const admin = await server.admin();
    expect((await server.call('DELETE', `/api/v1/agents/${bea.id}`, { token: admin.token })).status).toBe(204);
    expect(await disconnected).toBe('io server disconnect');
  });
});

describe.runIf(engines.includes('postgres'))('realtime across two processes on postgres', () => {
  it('delivers an event made on one instance to a socket connected to the other, and closes it on logout there', async () => {
    const first = await startTestServer('postgres');
    const second = await first.startPeer();
    const sockets: LiveSocket[] = [];
    try {
      const [firstUrl, secondUrl] = [await first.listen(), await second.listen()];
      const agent = await first.addAgent({ name: 'Across', capacity: 5 });
      const customer = await first.signup('Customer on the first');
      const connectTo = (url: string, token: string) => {
        const socket = openSocket(url, { token });
        sockets.push(socket);
        return listenOn(socket);
      };
      const agentOnSecond = await connectTo(secondUrl, agent.token);
      const customerOnFirst = await connectTo(firstUrl, customer.token);

      const created = await first.call('POST', '/api/v1/cases', {
        token: customer.token,
        body: { subject: 'Across processes', description: 'Made on the first instance.' },
      });
      expect(created.status).toBe(201);
      const assigned = await agentOnSecond.waitFor('case.assigned', (payload) => payload.caseId === created.body.id);
      expect(assigned.agentId).toBe(agent.id);
      await customerOnFirst.waitFor('case.assigned', (payload) => payload.caseId === created.body.id);

      // A reply through the second instance reaches the customer connected to the first.
      const reply = await second.call('POST', `/api/v1/cases/${created.body.id}/messages`, {
        token: agent.token,
        body: { body: 'On it.' },
      });
      expect(reply.status).toBe(201);
      await customerOnFirst.waitFor('message.created', (payload) => payload.caseId === created.body.id);

      // Logging out on the first instance closes the agent's socket held by the second.
      const closed = disconnectOf(agentOnSecond.socket);
      expect((await first.call('POST', '/api/v1/auth/logout', { token: agent.token })).status).toBe(204);
      expect(await closed).toBe('io server disconnect');
    } finally {
      for (const socket of sockets) socket.disconnect();
      await second.close();
      await first.close();
    }
  });
});

describe.each(engines)('presence on %s', (engine) => {
  let server: TestServer;
  let url: string;
  beforeAll(async () => {
    server = await startTestServer(engine, { AWAY_AFTER_SECONDS: '1' });
    url = await server.listen();
  });
  afterAll(() => server.close());

  const connectAs = async (token: string) => (await listenOn(openSocket(url, { token }))).socket;

  async function availabilityOf(agent: Person, wanted: string, withinMs: number) {
    const admin = await server.admin();
    const deadline = Date.now() + withinMs;
    for (;;) {
      const current = (await server.call('GET', `/api/v1/agents/${agent.id}`, { token: admin.token })).body
        .availability;
      if (current === wanted || Date.now() > deadline) return current;
      await settle(100);
    }
  }

  it('sets an agent away after AWAY_AFTER_SECONDS without a socket, and requeues their unanswered case', async () => {
    const agent = await server.addAgent({ name: 'Gone', capacity: 2 });
    const customer = await server.signup();
    const socket = await connectAs(agent.token);
    const created = await server.call('POST', '/api/v1/cases', {
      token: customer.token,
      body: { subject: 'Left hanging', description: 'Nobody answered.' },
    });
    expect(created.body.assignee?.id).toBe(agent.id);
    socket.disconnect();

    expect(await availabilityOf(agent, 'away', 5_000)).toBe('away');
    const admin = await server.admin();
    const reloaded = await server.call('GET', `/api/v1/cases/${created.body.id}`, { token: admin.token });
    expect(reloaded.body).toMatchObject({ status: 'new', assignee: null });
    const events = await server.call('GET', `/api/v1/cases/${created.body.id}/events`, { token: admin.token });
    expect(
      events.body.items.some(
        (event: { type: string; reason: string }) => event.type === 'case.released' && event.reason === 'disconnected',
      ),
    ).toBe(true);
    const history = await server.call('GET', `/api/v1/agents/${agent.id}/events`, { token: admin.token });
    expect(history.body.items[0]).toMatchObject({
      type: 'agent.availability_changed',
      from: 'available',
      to: 'away',
      reason: 'disconnected',
      actor: null,
    });
  });

  it('keeps an agent available who reconnects within the grace period', async () => {
    const agent = await server.addAgent({ name: 'Back soon', capacity: 1 });
    (await connectAs(agent.token)).disconnect();
    const again = await connectAs(agent.token);
    await settle(1_500);
    expect(await availabilityOf(agent, 'available', 0)).toBe('available');
    again.disconnect();
  });
});
