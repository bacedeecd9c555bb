import type { RealtimeAck, TypingBody } from '@caseflow/contract';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { engines, type Person, startTestServer, type TestServer } from '../../testing/harness.js';
import { type Listener, type LiveSocket, listenOn, openSocket, reportCase } from './socket-client.testing.js';
import { createThrottle, TYPING_LIMIT } from './typing.js';

/** Sends a typing notice and resolves with the server's acknowledgement. */
const typeOn = (live: Listener, body: TypingBody) =>
  new Promise<RealtimeAck>((resolve) => live.socket.emit('typing', body, resolve));

describe('the typing throttle', () => {
  it('allows the limit in a window, refuses the rest, and allows again in the next window', () => {
    let now = 1_000;
    const isWithinLimit = createThrottle(TYPING_LIMIT, () => now);
    const burst = () => Array.from({ length: TYPING_LIMIT.count + 2 }, isWithinLimit);
    expect(burst()).toEqual([true, true, true, false, false]);
    now += TYPING_LIMIT.windowMs - 1;
    expect(isWithinLimit()).toBe(false);
    now += 1;
    expect(burst()).toEqual([true, true, true, false, false]);
  });
});

describe.each(engines)('typing indicator on %s', (engine) => {
  let server: TestServer;
  let url: string;
  let agent: Person;
  let admin: Person;
  const sockets: LiveSocket[] = [];

  beforeAll(async () => {
    server = await startTestServer(engine);
    url = await server.listen();
    agent = await server.addAgent({ name: 'Ava Agent', capacity: 50 });
    admin = await server.admin();
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.disconnect();
  });
  afterAll(() => server.close());

  /** Fresh sockets each test: the throttle counts per socket, so one test's notices cannot refuse another's. */
  function connect(person: Person) {
    const socket = openSocket(url, { token: person.token });
    sockets.push(socket);
    return listenOn(socket);
  }

  /** A customer's case with the customer, the agent, an admin and another customer connected. */
  async function scene() {
    const owner = await server.signup('Olga Owner');
    const other = await server.signup('Oscar Other');
    const caseId = await reportCase(server, owner);
    const otherCase = await reportCase(server, other);
    const [ownerLive, otherLive, agentLive, adminLive] = await Promise.all([
      connect(owner),
      connect(other),
      connect(agent),
      connect(admin),
    ]);
    return { owner, other, caseId, otherCase, ownerLive, otherLive, agentLive, adminLive };
  }

  /**
   * Proves `live` received no typing notice from `userId` so far: a later notice from `from` reaches it
   * first. The acknowledgement of the earlier notice came after its relay, and relays reach a socket in order.
   */
  async function expectNoTypingFrom(live: Listener, userId: number, from: Listener, caseId: number) {
    const since = live.count;
    expect(await typeOn(from, { caseId })).toEqual({ ok: true });
    const fromId = (await live.waitFor('message.typing', (payload) => payload.caseId === caseId, { since })).userId;
    expect(fromId).not.toBe(userId);
    expect(live.named('message.typing').filter((payload) => payload.userId === userId)).toEqual([]);
  }

  it('relays a customer typing on their case to staff, not to the customer’s own sockets nor to another customer', async () => {
    const { owner, caseId, otherCase, ownerLive, otherLive, agentLive, adminLive } = await scene();
    const ownerSecondTab = await connect(owner);
    expect(await typeOn(ownerLive, { caseId })).toEqual({ ok: true });

    const expected = {
      caseId,
      userId: owner.id,
      name: 'Olga Owner',
      role: 'customer',
      internal: false,
      at: expect.any(String),
    };
    expect(await agentLive.waitFor('message.typing', (payload) => payload.caseId === caseId)).toEqual(expected);
    expect(await adminLive.waitFor('message.typing', (payload) => payload.caseId === caseId)).toEqual(expected);
    await expectNoTypingFrom(ownerLive, owner.id, agentLive, caseId);
    await expectNoTypingFrom(ownerSecondTab, owner.id, agentLive, caseId);
    await expectNoTypingFrom(otherLive, owner.id, agentLive, otherCase);
  });

  it('relays an agent typing a reply to the customer and other staff, and a note to staff only', async () => {
    const { caseId, ownerLive, agentLive, adminLive } = await scene();
    expect(await typeOn(agentLive, { caseId, internal: true })).toEqual({ ok: true });
    const note = await adminLive.waitFor('message.typing', (payload) => payload.caseId === caseId);
    expect(note).toMatchObject({ userId: agent.id, name: 'Ava Agent', role: 'agent', internal: true });
    // The customer's next notice from the agent is the public one: the note never reached them.
    const since = ownerLive.count;
    expect(await typeOn(agentLive, { caseId })).toEqual({ ok: true });
    const reply = await ownerLive.waitFor('message.typing', (payload) => payload.caseId === caseId, { since });
    expect(reply).toMatchObject({ userId: agent.id, internal: false });
    expect(ownerLive.named('message.typing').filter((payload) => payload.internal)).toEqual([]);
    // Nor did the agent hear themselves.
    await expectNoTypingFrom(agentLive, agent.id, ownerLive, caseId);
  });

  it('refuses typing on a case the customer may not read, and relays nothing', async () => {
    const { other, caseId, otherLive, ownerLive, adminLive } = await scene();
    expect(await typeOn(otherLive, { caseId })).toEqual({ ok: false, error: 'not_found' });
    expect(await typeOn(otherLive, { caseId: 2_000_000_000 })).toEqual({ ok: false, error: 'not_found' });
    await expectNoTypingFrom(adminLive, other.id, ownerLive, caseId);
    await expectNoTypingFrom(ownerLive, other.id, adminLive, caseId);
  });

  it('refuses an internal note from a customer and bad input, without harm to the connection', async () => {
    const { owner, caseId, ownerLive, agentLive, adminLive } = await scene();
    expect(await typeOn(ownerLive, { caseId, internal: true })).toEqual({ ok: false, error: 'forbidden' });
    const send = (live: Listener, payload: unknown) => typeOn(live, payload as TypingBody);
    expect(await send(ownerLive, { caseId: 'one' })).toEqual({ ok: false, error: 'invalid' });
    expect(await send(ownerLive, { caseId: 2 ** 40 })).toEqual({ ok: false, error: 'invalid' });

    const another = await connect(owner);
    expect(await send(another, null)).toEqual({ ok: false, error: 'invalid' });
    // No acknowledgement asked for: nothing to answer, and nothing breaks.
    another.socket.emit('typing', { caseId: -1 });
    expect(await send(another, { caseId, internal: 'yes' })).toEqual({ ok: false, error: 'invalid' });
    await expectNoTypingFrom(agentLive, owner.id, adminLive, caseId);
    expect(ownerLive.socket.connected && another.socket.connected).toBe(true);
  });

  it('throttles a flood from one socket and relays only what it acknowledged', async () => {
    const { owner, caseId, ownerLive, adminLive, agentLive } = await scene();
    const acks = await Promise.all(Array.from({ length: 20 }, () => typeOn(ownerLive, { caseId })));
    const relayed = acks.filter((ack) => ack.ok).length;
    expect(acks.filter((ack) => !ack.ok)).toContainEqual({ ok: false, error: 'rate_limited' });
    expect(acks.every((ack) => ack.ok || ack.error === 'rate_limited')).toBe(true);
    // Flushed by a later notice from someone else, the agent has exactly the acknowledged ones.
    const since = agentLive.count;
    expect(await typeOn(adminLive, { caseId })).toEqual({ ok: true });
    await agentLive.waitFor('message.typing', (payload) => payload.userId !== owner.id, { since });
    // On PostgreSQL a relay can still be on its way through the adapter: wait for it, then never more.
    const fromOwner = () => agentLive.named('message.typing').filter((payload) => payload.userId === owner.id).length;
    await expect.poll(fromOwner, { timeout: 2000 }).toBe(relayed);
  });
});

describe.runIf(engines.includes('postgres'))('typing across two processes on postgres', () => {
  it('reaches staff connected to the other instance, but not the writer’s socket there', async () => {
    const first = await startTestServer('postgres');
    const second = await first.startPeer();
    const sockets: LiveSocket[] = [];
    try {
      const [firstUrl, secondUrl] = [await first.listen(), await second.listen()];
      await first.addAgent({ name: 'Far Agent', capacity: 5 });
      const admin = await first.admin();
      const customer = await first.signup('Near Customer');
      const caseId = await reportCase(first, customer);
      const connectTo = (url: string, person: Person) => {
        const socket = openSocket(url, { token: person.token });
        sockets.push(socket);
        return listenOn(socket);
      };
      const customerOnFirst = await connectTo(firstUrl, customer);
      const customerOnSecond = await connectTo(secondUrl, customer);
      const adminOnSecond = await connectTo(secondUrl, admin);

      expect(await typeOn(customerOnFirst, { caseId })).toEqual({ ok: true });
      const notice = await adminOnSecond.waitFor('message.typing', (payload) => payload.caseId === caseId);
      expect(notice).toMatchObject({ userId: customer.id, role: 'customer' });
      // The second instance delivers one relayed notice to all its sockets at once, so by the time the admin
      // answers, the customer's tab there would hold their own notice if it had been sent to it.
      expect(await typeOn(adminOnSecond, { caseId })).toEqual({ ok: true });
      await customerOnSecond.waitFor('message.typing', (payload) => payload.userId === admin.id);
      expect(customerOnSecond.named('message.typing').filter((payload) => payload.userId === customer.id)).toEqual([]);
    } finally {
      for (const socket of sockets) socket.disconnect();
      await second.close();
      await first.close();
    }
  });
});
