import {
  type ActivityEvent,
  type Agent,
  type Case,
  DASHBOARD_AGENTS,
  type Dashboard,
  type Mail,
} from '@caseflow/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  engines,
  PASSWORD,
  type Person,
  startTestServer,
  type TestServer,
  uniqueEmail,
} from '../../testing/harness.js';

/** Assignment ties are broken by the time of the last assignment, in milliseconds; make sure it moves. */
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

async function report(server: TestServer, customer: Person, subject = 'Blender will not start'): Promise<Case> {
  const reply = await server.call('POST', '/api/v1/cases', {
    token: customer.token,
    body: { subject, description: 'Nothing happens when I press the button.' },
  });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body;
}

async function getCase(server: TestServer, caseId: number): Promise<Case> {
  const reply = await server.call('GET', `/api/v1/cases/${caseId}`, { token: (await server.admin()).token });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body;
}

async function getAgent(server: TestServer, agentId: number): Promise<Agent> {
  const reply = await server.call('GET', `/api/v1/agents/${agentId}`, { token: (await server.admin()).token });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body;
}

async function setAvailability(server: TestServer, agent: Person, availability: 'available' | 'away') {
  const reply = await server.call('PATCH', `/api/v1/agents/${agent.id}`, {
    token: agent.token,
    body: { availability },
  });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body as Agent;
}

async function reply(server: TestServer, author: Person, caseId: number, internal = false) {
  const posted = await server.call('POST', `/api/v1/cases/${caseId}/messages`, {
    token: author.token,
    body: { body: internal ? 'Note to self: check the warranty.' : 'Sorry to hear that, let us fix it.', internal },
  });
  expect(posted.status, JSON.stringify(posted.body)).toBe(201);
}

async function queued(server: TestServer): Promise<number[]> {
  const list = await server.call('GET', '/api/v1/cases?status=new&limit=100', { token: (await server.admin()).token });
  return list.body.items.map((item: Case) => item.id);
}

const fieldPaths = (body: { errors?: { path: string }[] }) => (body.errors ?? []).map((error) => error.path);

describe.each(engines)('agents on %s', (engine) => {
  describe('adding agents', () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer(engine);
    });
    afterAll(() => server.close());

    it('adds an available agent with capacity 1 by default', async () => {
      const admin = await server.admin();
      const email = uniqueEmail('Agent.Smith');
      const created = await server.call('POST', '/api/v1/agents', {
        token: admin.token,
        body: { email, name: 'Agent Smith', password: PASSWORD },
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        email: email.toLowerCase(),
        name: 'Agent Smith',
        capacity: 1,
        availability: 'available',
        state: 'available',
        activeCases: 0,
      });
      const agent = await server.login(email.toLowerCase());
      const me = await server.call('GET', '/api/v1/auth/me', { token: agent.token });
      expect(me.body).toMatchObject({ id: created.body.id, role: 'agent' });
      const list = await server.call('GET', '/api/v1/agents', { token: agent.token });
      expect(list.body.items.map((item: Agent) => item.id)).toContain(created.body.id);
    });

    it('refuses a second account with the same email in any casing (409 on email)', async () => {
      const admin = await server.admin();
      const email = uniqueEmail('twin');
      const add = (address: string) =>
        server.call('POST', '/api/v1/agents', { token: admin.token, body: { email: address, name: 'Twin' } });
      expect((await add(email)).status).toBe(201);
      const again = await add(email.toUpperCase());
      expect(again.status).toBe(409);
      expect(fieldPaths(again.body)).toEqual(['email']);
      const customer = await server.signup();
      expect((await add(customer.email)).status).toBe(409);
      const list = await server.call('GET', '/api/v1/agents', { token: admin.token });
      expect(list.body.items.filter((item: Agent) => item.email === email.toLowerCase())).toHaveLength(1);
    });

    it('invites an agent added without a password: the mailed link sets it, then they can sign in', async () => {
      const admin = await server.admin();
      const email = uniqueEmail('invited');
      const created = await server.call('POST', '/api/v1/agents', {
        token: admin.token,
        body: { email, name: 'Ivy', capacity: 3 },
      });
      expect(created.status).toBe(201);
      expect(created.body.capacity).toBe(3);
      const before = await server.call('POST', '/api/v1/auth/login', { body: { email, password: PASSWORD } });
      expect(before.status).toBe(401);

      const outbox = await server.call('GET', '/api/v1/mail', { token: admin.token });
      const mail: Mail | undefined = outbox.body.items.find((item: Mail) => item.to === email);
      expect(mail).toBeDefined();
      expect(mail?.text).toContain('Ivy');
      const link = /(http:\/\/caseflow\.test\/\S*token=([A-Za-z0-9_-]+))/.exec(mail?.text ?? '');
      expect(link?.[1]).toMatch(/^http:\/\/caseflow\.test\/reset-password\?token=/);
      const token = link?.[2];
      const confirm = await server.call('POST', '/api/v1/auth/password-reset/confirm', {
        body: { token, password: 'Invited-pass-99' },
      });
      expect(confirm.status).toBe(204);
      const agent = await server.login(email, 'Invited-pass-99');
      expect((await server.call('GET', '/api/v1/auth/me', { token: agent.token })).body.role).toBe('agent');
    });

    it('accepts capacities 1..50 only (422 on capacity), on create and on change', async () => {
      const admin = await server.admin();
      for (const capacity of [0, 51, 2.5]) {
        const created = await server.call('POST', '/api/v1/agents', {
          token: admin.token,
          body: { email: uniqueEmail('cap'), name: 'Cap', password: PASSWORD, capacity },
        });
        expect(created.status, String(capacity)).toBe(422);
        expect(fieldPaths(created.body)).toEqual(['capacity']);
      }
      const agent = await server.addAgent({ capacity: 50 });
      const changed = await server.call('PATCH', `/api/v1/agents/${agent.id}`, {
        token: admin.token,
        body: { capacity: 0 },
      });
      expect(changed.status).toBe(422);
      expect(fieldPaths(changed.body)).toEqual(['capacity']);
      expect((await getAgent(server, agent.id)).capacity).toBe(50);
    });

    it('lets only admins manage agents, and only staff list them', async () => {
      const agent = await server.addAgent();
      const other = await server.addAgent();
      const customer = await server.signup();
      const body = { email: uniqueEmail('nope'), name: 'Nope', password: PASSWORD };
      expect((await server.call('POST', '/api/v1/agents', { token: agent.token, body })).status).toBe(403);
      expect((await server.call('GET', '/api/v1/agents', { token: customer.token })).status).toBe(403);
      expect((await server.call('GET', '/api/v1/agents')).status).toBe(401);
      const patch = (target: Person, change: object) =>
        server.call('PATCH', `/api/v1/agents/${target.id}`, { token: agent.token, body: change });
      expect((await patch(agent, { capacity: 5 })).status).toBe(403);
      expect((await patch(other, { availability: 'away' })).status).toBe(403);
      expect((await getAgent(server, other.id)).availability).toBe('available');
      expect((await server.call('DELETE', `/api/v1/agents/${other.id}`, { token: agent.token })).status).toBe(403);
    });
  });

  describe('capacity', () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer(engine);
    });
    afterAll(() => server.close());

    it('drains the queue when capacity rises and refuses to drop below the active cases (409)', async () => {
      const admin = await server.admin();
      const alice = await server.addAgent({ name: 'Alice', capacity: 1 });
      const customer = await server.signup();
      const cases = [await report(server, customer), await report(server, customer), await report(server, customer)];
      expect(cases.map((item) => item.status)).toEqual(['open', 'new', 'new']);

      const raised = await server.call('PATCH', `/api/v1/agents/${alice.id}`, {
        token: admin.token,
        body: { capacity: 3 },
      });
      expect(raised.status).toBe(200);
      expect(raised.body).toMatchObject({ capacity: 3, activeCases: 3, state: 'busy' });
      expect(await queued(server)).toEqual([]);
      for (const item of cases) expect((await getCase(server, item.id)).assignee?.id).toBe(alice.id);

      const lowered = await server.call('PATCH', `/api/v1/agents/${alice.id}`, {
        token: admin.token,
        body: { capacity: 2 },
      });
      expect(lowered.status).toBe(409);
      expect(fieldPaths(lowered.body)).toEqual(['capacity']);
      expect(await getAgent(server, alice.id)).toMatchObject({ capacity: 3, activeCases: 3 });
    });
  });

  describe('availability', () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer(engine);
    });
    afterAll(() => server.close());

    it('requeues only the unanswered cases of an agent who goes away; other free agents take them', async () => {
      const alice = await server.addAgent({ name: 'Alice', capacity: 3 });
      const customer = await server.signup();
      const answered = await report(server, customer, 'Answered');
      const noted = await report(server, customer, 'Only an internal note');
      const silent = await report(server, customer, 'Untouched');
      for (const item of [answered, noted, silent]) expect(item.assignee?.id).toBe(alice.id);
      await reply(server, alice, answered.id);
      await reply(server, alice, noted.id, true);
      const bob = await server.addAgent({ name: 'Bob', capacity: 3 });

      const away = await setAvailability(server, alice, 'away');
      expect(away).toMatchObject({ availability: 'away', state: 'away', activeCases: 1 });
      expect(await getCase(server, answered.id)).toMatchObject({ status: 'open', assignee: { id: alice.id } });
      expect((await getCase(server, noted.id)).assignee?.id).toBe(bob.id);
      expect((await getCase(server, silent.id)).assignee?.id).toBe(bob.id);
      expect(await getAgent(server, bob.id)).toMatchObject({ activeCases: 2, state: 'available' });

      // An away agent gets nothing new, even with room to spare.
      const fresh = await report(server, customer, 'While Alice is away');
      expect(fresh.assignee?.id).toBe(bob.id);
    });

    it('drains the queue to an agent who comes back', async () => {
      const admin = await server.admin();
      const agents = await server.call('GET', '/api/v1/agents', { token: admin.token });
      const bob = agents.body.items.find((item: Agent) => item.name === 'Bob');
      const alice = agents.body.items.find((item: Agent) => item.name === 'Alice');
      // Bob answered nothing: all three of his cases wait in the queue while Alice is away too.
      const bobAway = await server.call('PATCH', `/api/v1/agents/${bob.id}`, {
        token: admin.token,
        body: { availability: 'away' },
      });
      expect(bobAway.body).toMatchObject({ state: 'away', activeCases: 0 });
      const waiting = await queued(server);
      expect(waiting).toHaveLength(3);
      for (const id of waiting) expect(await getCase(server, id)).toMatchObject({ status: 'new', assignee: null });

      const back = await server.call('PATCH', `/api/v1/agents/${alice.id}`, {
        token: admin.token,
        body: { availability: 'available' },
      });
      expect(back.status).toBe(200);
      // Alice kept her answered case and has room for two more; the third keeps waiting.
      expect(back.body).toMatchObject({ availability: 'available', state: 'busy', activeCases: 3 });
      expect(await queued(server)).toEqual([waiting[0]]);
    });
  });

  describe('choosing an agent', () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer(engine);
    });
    afterAll(() => server.close());

    it('prefers the agent with the fewest active cases, then the one who has waited longest', async () => {
      const admin = await server.admin();
      const alice = await server.addAgent({ name: 'Alice', capacity: 3 });
      const bob = await server.addAgent({ name: 'Bob', capacity: 3 });
      expect(alice.id).toBeLessThan(bob.id);
      const customer = await server.signup();
      const assigneeOfNext = async () => {
        await tick();
        return (await report(server, customer)).assignee?.id;
      };

      await setAvailability(server, bob, 'away');
      const first = await report(server, customer);
      expect(first.assignee?.id).toBe(alice.id);
      expect(await assigneeOfNext()).toBe(alice.id);
      await setAvailability(server, bob, 'available');
      // Bob holds fewer cases, even though Alice has waited longer since her last case.
      expect(await assigneeOfNext()).toBe(bob.id);
      expect(await assigneeOfNext()).toBe(bob.id);
      // Two each: Alice has waited longer.
      expect(await assigneeOfNext()).toBe(alice.id);
      // Two each again after Alice resolves one: now Bob has waited longer, despite his higher id.
      const resolved = await server.call('POST', `/api/v1/cases/${first.id}/resolve`, { token: admin.token });
      expect(resolved.status).toBe(200);
      expect(await assigneeOfNext()).toBe(bob.id);
    });
  });

  describe('removing an agent', () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer(engine);
    });
    afterAll(() => server.close());

    it('requeues all their active cases, answered or not, and deactivates the account but keeps the name in history', async () => {
      const admin = await server.admin();
      const xavier = await server.addAgent({ name: 'Xavier', capacity: 2 });
      const customer = await server.signup();
      const older = await report(server, customer, 'Older');
      const newer = await report(server, customer, 'Newer');
      expect([older.assignee?.id, newer.assignee?.id]).toEqual([xavier.id, xavier.id]);
      await reply(server, xavier, newer.id);
      const yara = await server.addAgent({ name: 'Yara', capacity: 1 });

      const removed = await server.call('DELETE', `/api/v1/agents/${xavier.id}`, { token: admin.token });
      expect(removed.status).toBe(204);
      expect(await getCase(server, older.id)).toMatchObject({ status: 'open', assignee: { id: yara.id } });
      expect(await getCase(server, newer.id)).toMatchObject({ status: 'new', assignee: null });

      expect((await server.call('GET', '/api/v1/auth/me', { token: xavier.token })).status).toBe(401);
      const login = await server.call('POST', '/api/v1/auth/login', {
        body: { email: xavier.email, password: PASSWORD },
      });
      expect(login.status).toBe(401);

      const list = await server.call('GET', '/api/v1/agents', { token: admin.token });
      expect(list.body.items.map((item: Agent) => item.id)).not.toContain(xavier.id);
      expect((await server.call('GET', `/api/v1/agents/${xavier.id}`, { token: admin.token })).status).toBe(404);
      const patch = await server.call('PATCH', `/api/v1/agents/${xavier.id}`, {
        token: admin.token,
        body: { availability: 'available' },
      });
      expect(patch.status).toBe(404);
      expect((await server.call('DELETE', `/api/v1/agents/${xavier.id}`, { token: admin.token })).status).toBe(404);
      const assign = await server.call('POST', `/api/v1/cases/${newer.id}/assign`, {
        token: admin.token,
        body: { agentId: xavier.id },
      });
      expect(assign.status).toBe(404);

      const log = await server.call('GET', `/api/v1/cases/${newer.id}/events`, { token: admin.token });
      const mentions = log.body.items
        .filter((event: ActivityEvent) => event.agent?.id === xavier.id)
        .map((event: ActivityEvent) => [event.type, event.agent?.name, event.reason]);
      expect(mentions).toEqual([
        ['case.assigned', 'Xavier', 'auto'],
        ['case.released', 'Xavier', 'removed'],
      ]);
      const messages = await server.call('GET', `/api/v1/cases/${newer.id}/messages`, { token: customer.token });
      expect(messages.body.items.at(-1).author).toMatchObject({ id: xavier.id, name: 'Xavier' });
    });
  });

  describe('dashboard', () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer(engine);
    });
    afterAll(() => server.close());

    async function dashboard(): Promise<Dashboard> {
      const reply = await server.call('GET', '/api/v1/dashboard', { token: (await server.admin()).token });
      expect(reply.status).toBe(200);
      return reply.body;
    }

    const loads = (board: Dashboard) =>
      Object.fromEntries(board.agents.map((agent) => [agent.name, [agent.state, agent.activeCases]]));

    it('shows the queue, its oldest wait, and every agent’s state and load', async () => {
      const customer = await server.signup();
      const empty = await dashboard();
      expect(empty.queue).toEqual({ size: 0, oldestCreatedAt: null, oldestWaitSeconds: null });
      expect(empty.agents).toEqual([]);
      expect(empty.agentTotals).toEqual({ total: 0, available: 0, busy: 0, away: 0, activeCases: 0, capacity: 0 });

      await server.addAgent({ name: 'Alice', capacity: 1 });
      await report(server, customer);
      const bob = await server.addAgent({ name: 'Bob', capacity: 2 });
      const bobsCase = await report(server, customer);
      const cara = await server.addAgent({ name: 'Cara', capacity: 4 });
      await setAvailability(server, cara, 'away');
      const settled = await dashboard();
      expect(settled.queue.size).toBe(0);
      expect(loads(settled)).toEqual({ Alice: ['busy', 1], Bob: ['available', 1], Cara: ['away', 0] });
      expect(settled.agentTotals).toEqual({ total: 3, available: 1, busy: 1, away: 1, activeCases: 2, capacity: 7 });
      expect(settled.cases).toEqual({ new: 0, open: 2, pending: 0 });

      await report(server, customer);
      const waitingLong = await report(server, customer);
      await report(server, customer);
      const twoMinutesAgo = Date.now() - 120_000;
      await server.ctx.database.db
        .updateTable('cases')
        .set({ created_at: twoMinutesAgo })
        .where('id', '=', waitingLong.id)
        .execute();
      const busy = await dashboard();
      expect(busy.queue.size).toBe(2);
      expect(busy.queue.oldestCreatedAt).toBe(new Date(twoMinutesAgo).toISOString());
      expect(busy.queue.oldestWaitSeconds).toBeGreaterThanOrEqual(120);
      expect(busy.queue.oldestWaitSeconds).toBeLessThan(180);
      expect(loads(busy)).toEqual({ Alice: ['busy', 1], Bob: ['busy', 2], Cara: ['away', 0] });
      expect(busy.cases).toEqual({ new: 2, open: 3, pending: 0 });
      // Busiest first: Bob (2), Alice (1), Cara (0).
      expect(busy.agents.map((agent) => agent.name)).toEqual(['Bob', 'Alice', 'Cara']);

      // Waiting on its customer, the case is pending and still Bob's: counted once, as pending.
      const pending = await server.call('PATCH', `/api/v1/cases/${bobsCase.id}`, {
        token: bob.token,
        body: { status: 'pending' },
      });
      expect(pending.status).toBe(200);
      const later = await dashboard();
      expect(later.cases).toEqual({ new: 2, open: 2, pending: 1 });
      expect(later.agentTotals.activeCases).toBe(3);
    });

    it('lists only the busiest agents in full but counts them all', async () => {
      const fresh = await startTestServer(engine);
      try {
        const admin = await fresh.admin();
        await Promise.all(
          Array.from({ length: DASHBOARD_AGENTS + 3 }, (_, i) =>
            fresh.call('POST', '/api/v1/agents', {
              token: admin.token,
              body: { email: `many${i}@caseflow.test`, name: `Many ${i}`, capacity: 2 },
            }),
          ),
        );
        const reply = await fresh.call('GET', '/api/v1/dashboard', { token: admin.token });
        expect(reply.body.agents).toHaveLength(DASHBOARD_AGENTS);
        // All equally busy (none has a case): shown by name.
        const names = reply.body.agents.map((agent: { name: string }) => agent.name);
        expect(names).toEqual([...names].sort());
        expect(reply.body.agentTotals).toMatchObject({ total: DASHBOARD_AGENTS + 3, available: DASHBOARD_AGENTS + 3 });
      } finally {
        await fresh.close();
      }
    });

    it('is for admins only', async () => {
      const agent = await server.addAgent();
      const customer = await server.signup();
      expect((await server.call('GET', '/api/v1/dashboard', { token: agent.token })).status).toBe(403);
      expect((await server.call('GET', '/api/v1/dashboard', { token: customer.token })).status).toBe(403);
      expect((await server.call('GET', '/api/v1/dashboard')).status).toBe(401);
    });
  });
});
