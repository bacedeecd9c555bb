import { type RealtimeEventName, realtimeEventSchemas } from '@caseflow/contract';
import { io, type Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { engines, type Person, startTestServer, type TestServer } from '../../testing/harness.js';

type Received = { name: RealtimeEventName; payload: { caseId?: number; agentId?: number; at: string } };

/** Everything a socket received, in order, with a way to wait for the one a test is about. */
class Listener {
  readonly events: Received[] = [];
  readonly #waiters = new Set<() => void>();

  constructor(readonly socket: Socket) {
    socket.onAny((name: RealtimeEventName, payload: unknown) => {
      // Every event must match its contract schema; a parse error fails the waiting test.
      this.events.push({ name, payload: realtimeEventSchemas[name].parse(payload) });
      for (const wake of this.#waiters) wake();
    });
  }

  waitFor(name: RealtimeEventName, match: (payload: Received['payload']) => boolean, timeoutMs = 2_000) {
    const find = () => this.events.find((event) => event.name === name && match(event.payload));
    return new Promise<Received>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiters.delete(check);
        reject(new Error(`no ${name} within ${timeoutMs} ms; got ${JSON.stringify(this.events)}`));
      }, timeoutMs);
      const check = () => {
        const found = find();
        if (!found) return;
        clearTimeout(timer);
        this.#waiters.delete(check);
        resolve(found);
      };
      this.#waiters.add(check);
      check();
    });
  }

  about(caseId: number) {
    return this.events.filter((event) => event.payload.caseId === caseId);
  }
}

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves with the socket's disconnect reason, or fails after two seconds. */
function disconnectOf(socket: Socket) {
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the socket was not disconnected within 2 s')), 2_000);
    socket.once('disconnect', (reason) => {
      clearTimeout(timer);
      resolve(reason);
    });
  });
}

describe.each(engines)('realtime on %s', (engine) => {
  let server: TestServer;
  let url: string;
  let agent: Person;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    server = await startTestServer(engine);
    url = await server.listen();
    agent = await server.addAgent({ name: 'Alice', capacity: 50 });
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.disconnect();
  });
  afterAll(() => server.close());

  function open(options: { token?: string; headers?: Record<string, string> } = {}) {
    const socket = io(url, {
      path: '/socket.io',
      transports: ['websocket'],
      reconnection: false,
      ...(options.token === undefined ? {} : { auth: { token: options.token } }),
      ...(options.headers ? { extraHeaders: options.headers } : {}),
    });
    sockets.push(socket);
    return socket;
  }

  /** Resolves with a listener once connected; rejects with the server's connect_error message. */
  function connect(options: { token?: string; headers?: Record<string, string> } = {}) {
    const socket = open(options);
    const listener = new Listener(socket);
    return new Promise<Listener>((resolve, reject) => {
      socket.once('connect', () => resolve(listener));
      socket.once('connect_error', (error) => reject(error));
    });
  }

  async function report(customer: Person, subject = 'Broken zip'): Promise<number> {
    const reply = await server.call('POST', '/api/v1/cases', {
      token: customer.token,
      body: { subject, description: 'The zip on my new backpack broke on day one.' },
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    return reply.body.id;
  }

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
    expect(assigned.payload).toEqual({ caseId, agentId: agent.id, at: expect.any(String) });
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
    expect(annLive.events.filter((event) => event.name === 'message.created')).toHaveLength(1);
    expect(staffLive.about(annCase).filter((event) => event.name === 'message.created')).toHaveLength(2);
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

    // The other session stays live and keeps receiving its events.
    const caseId = await report(other);
    await kept.waitFor('case.created', (payload) => payload.caseId === caseId);
    expect(kept.socket.connected).toBe(true);
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
    const sockets: Socket[] = [];
    try {
      const [firstUrl, secondUrl] = [await first.listen(), await second.listen()];
      const agent = await first.addAgent({ name: 'Across', capacity: 5 });
      const customer = await first.signup('Customer on the first');
      const connectTo = (url: string, token: string) => {
        const socket = io(url, { path: '/socket.io', transports: ['websocket'], reconnection: false, auth: { token } });
        sockets.push(socket);
        const listener = new Listener(socket);
        return new Promise<Listener>((resolve, reject) => {
          socket.once('connect', () => resolve(listener));
          socket.once('connect_error', reject);
        });
      };
      const agentOnSecond = await connectTo(secondUrl, agent.token);
      const customerOnFirst = await connectTo(firstUrl, customer.token);

      const created = await first.call('POST', '/api/v1/cases', {
        token: customer.token,
        body: { subject: 'Across processes', description: 'Made on the first instance.' },
      });
      expect(created.status).toBe(201);
      const assigned = await agentOnSecond.waitFor('case.assigned', (payload) => payload.caseId === created.body.id);
      expect(assigned.payload.agentId).toBe(agent.id);
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

  const connectAs = (token: string) =>
    new Promise<Socket>((resolve, reject) => {
      const socket = io(url, { path: '/socket.io', transports: ['websocket'], reconnection: false, auth: { token } });
      socket.once('connect', () => resolve(socket));
      socket.once('connect_error', reject);
    });

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
