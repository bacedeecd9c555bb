import type { RealtimeEventName } from '@caseflow/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, type Person, startTestServer, type TestServer } from '../../testing/harness.js';
import {
  type Listener,
  type LiveSocket,
  listenOn,
  openSocket,
  type Payload,
  reportCase,
} from './socket-client.testing.js';

/**
 * One test per SPEC §4 event: it reaches its audience with exactly the contract's payload (the listener
 * checks the schema, `toEqual` that nothing else rides along), and it does not reach anyone else.
 */
describe.each(engines)('realtime events and their audience on %s', (engine) => {
  let server: TestServer;
  let agent: Person;
  let admin: Person;
  let owner: Person;
  let stranger: Person;
  let agentLive: Listener;
  let adminLive: Listener;
  let ownerLive: Listener;
  let strangerLive: Listener;
  let strangerCase: number;
  const sockets: LiveSocket[] = [];

  beforeAll(async () => {
    server = await startTestServer(engine);
    const url = await server.listen();
    agent = await server.addAgent({ name: 'Ava', capacity: 50 });
    admin = await server.admin();
    owner = await server.signup('Owner');
    stranger = await server.signup('Stranger');
    const connect = (person: Person) => {
      const socket = openSocket(url, { token: person.token });
      sockets.push(socket);
      return listenOn(socket);
    };
    [agentLive, adminLive, ownerLive, strangerLive] = await Promise.all([
      connect(agent),
      connect(admin),
      connect(owner),
      connect(stranger),
    ]);
    strangerCase = await reportCase(server, stranger, 'The stranger’s own case');
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await server.close();
  });

  async function call(method: string, path: string, person: Person, body?: unknown) {
    const reply = await server.call(method, `/api/v1${path}`, { token: person.token, body });
    expect(reply.status, JSON.stringify(reply.body)).toBeLessThan(300);
    return reply.body;
  }

  /**
   * Runs `action`, then proves that `outsiders` received no `name` matching: a message on each outsider's own
   * case follows it, and events reach a socket in the order they were sent.
   */
  async function expectOnlyAudience<Name extends RealtimeEventName>(
    name: Name,
    match: (payload: Payload<Name>) => boolean,
    audience: Listener[],
    outsiders: { live: Listener; caseId: number }[],
    action: () => Promise<unknown>,
  ): Promise<Payload<Name>[]> {
    const since = [...audience, ...outsiders.map((outsider) => outsider.live)].map((live) => live.count);
    await action();
    const received = await Promise.all(
      audience.map((live, index) => live.waitFor(name, match, { since: since[index] })),
    );
    for (const [index, { live, caseId }] of outsiders.entries()) {
      const from = since[audience.length + index];
      await call('POST', `/cases/${caseId}/messages`, agent, { body: 'Anything else we can do?' });
      await live.waitFor('message.created', (payload) => payload.caseId === caseId, { since: from });
      expect(live.named(name, from).filter(match), `${name} reached an outsider`).toEqual([]);
    }
    return received;
  }

  const at = expect.any(String);
  const strangerOutside = () => [{ live: strangerLive, caseId: strangerCase }];

  it('case.created reaches staff and the case’s customer', async () => {
    let caseId = 0;
    const received = await expectOnlyAudience(
      'case.created',
      (payload) => payload.caseId === caseId,
      [agentLive, adminLive, ownerLive],
      strangerOutside(),
      async () => {
        caseId = await reportCase(server, owner);
      },
    );
    for (const payload of received) expect(payload).toEqual({ caseId, at });
  });

  it('case.assigned reaches staff and the case’s customer, naming the agent', async () => {
    let caseId = 0;
    const received = await expectOnlyAudience(
      'case.assigned',
      (payload) => payload.caseId === caseId,
      [agentLive, adminLive, ownerLive],
      strangerOutside(),
      async () => {
        caseId = await reportCase(server, owner);
      },
    );
    for (const payload of received) expect(payload).toEqual({ caseId, agentId: agent.id, at });
  });

  it('case.updated reaches staff and the case’s customer', async () => {
    const caseId = await reportCase(server, owner);
    const received = await expectOnlyAudience(
      'case.updated',
      (payload) => payload.caseId === caseId,
      [agentLive, adminLive, ownerLive],
      strangerOutside(),
      () => call('PATCH', `/cases/${caseId}`, agent, { status: 'pending' }),
    );
    for (const payload of received) expect(payload).toEqual({ caseId, at });
  });

  it('case.resolved reaches staff and the case’s customer', async () => {
    const caseId = await reportCase(server, owner);
    const received = await expectOnlyAudience(
      'case.resolved',
      (payload) => payload.caseId === caseId,
      [agentLive, adminLive, ownerLive],
      strangerOutside(),
      () => call('POST', `/cases/${caseId}/resolve`, agent),
    );
    for (const payload of received) expect(payload).toEqual({ caseId, at });
  });

  it('message.created reaches staff and the case’s customer for a reply, staff only for an internal note', async () => {
    const caseId = await reportCase(server, owner);
    const reply = await expectOnlyAudience(
      'message.created',
      (payload) => payload.caseId === caseId,
      [agentLive, adminLive, ownerLive],
      strangerOutside(),
      () => call('POST', `/cases/${caseId}/messages`, agent, { body: 'A new one is on its way.' }),
    );
    for (const payload of reply) expect(payload).toEqual({ caseId, at });

    const noteCase = await reportCase(server, owner);
    const note = await expectOnlyAudience(
      'message.created',
      (payload) => payload.caseId === noteCase,
      [agentLive, adminLive],
      [{ live: ownerLive, caseId: caseId }, ...strangerOutside()],
      () => call('POST', `/cases/${noteCase}/messages`, admin, { body: 'Refund approved.', internal: true }),
    );
    for (const payload of note) expect(payload).toEqual({ caseId: noteCase, at });
  });

  it('agent.updated reaches staff only', async () => {
    const ownerCase = await reportCase(server, owner);
    const received = await expectOnlyAudience(
      'agent.updated',
      (payload) => payload.agentId === agent.id,
      [agentLive, adminLive],
      [{ live: ownerLive, caseId: ownerCase }, ...strangerOutside()],
      () => call('PATCH', `/agents/${agent.id}`, admin, { capacity: 49 }),
    );
    for (const payload of received) expect(payload).toEqual({ agentId: agent.id, at });
  });

  it('queue.updated reaches staff only', async () => {
    const ownerCase = await reportCase(server, owner);
    const received = await expectOnlyAudience(
      'queue.updated',
      () => true,
      [agentLive, adminLive],
      [{ live: ownerLive, caseId: ownerCase }, ...strangerOutside()],
      () => reportCase(server, owner, 'Joins the queue'),
    );
    for (const payload of received) expect(payload).toEqual({ at });
  });
});
