import type { ActivityEvent, Case } from '@caseflow/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, type Person, startTestServer, type TestServer } from '../../testing/harness.js';

const DAY = 24 * 3_600_000;

/** Reports a case as the customer and returns it; the report must be accepted. */
async function report(server: TestServer, customer: Person, fields: Record<string, unknown> = {}): Promise<Case> {
  const reply = await server.call('POST', '/api/v1/cases', {
    token: customer.token,
    body: { subject: 'Kettle leaks', description: 'Water everywhere after one use.', ...fields },
  });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body;
}

async function getCase(server: TestServer, caseId: number, token?: string): Promise<Case> {
  const reply = await server.call('GET', `/api/v1/cases/${caseId}`, { token: token ?? (await server.admin()).token });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body;
}

async function listIds(server: TestServer, token: string, query = ''): Promise<number[]> {
  const reply = await server.call('GET', `/api/v1/cases?limit=100${query}`, { token });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body.items.map((item: Case) => item.id);
}

async function events(server: TestServer, caseId: number, token: string): Promise<ActivityEvent[]> {
  const reply = await server.call('GET', `/api/v1/cases/${caseId}/events`, { token });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body.items;
}

const fieldPaths = (body: { errors?: { path: string }[] }) => (body.errors ?? []).map((error) => error.path);

describe.each(engines)('cases on %s', (engine) => {
  describe('reporting a case', () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer(engine);
    });
    afterAll(() => server.close());

    it('numbers cases C-1001, C-1002, … and queues them as new while no agent is free', async () => {
      const customer = await server.signup('Ann');
      const first = await report(server, customer);
      const second = await report(server, customer);
      expect(first).toMatchObject({ number: 'C-1001', status: 'new', assignee: null, assignedAt: null });
      expect(second.number).toBe('C-1002');
    });

    it('assigns a queued case as soon as an agent is added, and a new case at once when one is free', async () => {
      const customer = await server.signup('Ben');
      const admin = await server.admin();
      const queued = await report(server, customer);
      expect(queued.status).toBe('new');
      const before = await listIds(server, admin.token, '&status=new');
      expect(before).toContain(queued.id);

      // The first agent takes the oldest queued case; with capacity 1 the rest keep waiting.
      const alice = await server.addAgent({ name: 'Alice', capacity: 1 });
      const [oldest] = before.slice().sort((a, b) => a - b);
      expect(await getCase(server, oldest as number)).toMatchObject({
        status: 'open',
        assignee: { id: alice.id, name: 'Alice' },
      });
      expect(await listIds(server, admin.token, '&status=new')).toHaveLength(before.length - 1);

      // A second agent with room to spare drains the rest and takes the next report in the same request.
      const bob = await server.addAgent({ name: 'Bob', capacity: before.length + 1 });
      expect(await listIds(server, admin.token, '&status=new')).toEqual([]);
      const instant = await report(server, customer);
      expect(instant).toMatchObject({ status: 'open', assignee: { id: bob.id, name: 'Bob' } });
      expect(instant.assignedAt).not.toBeNull();
    });

    it('echoes the return details and defaults the priority to normal', async () => {
      const customer = await server.signup('Cleo');
      const created = await report(server, customer, {
        subject: '  Wrong colour  ',
        description: 'I ordered blue and got red.',
        orderNumber: 'SO-77812',
        product: 'Wool scarf',
        reason: 'wrong_item',
        desiredOutcome: 'replacement',
      });
      expect(created).toMatchObject({
        subject: 'Wrong colour',
        description: 'I ordered blue and got red.',
        orderNumber: 'SO-77812',
        product: 'Wool scarf',
        reason: 'wrong_item',
        desiredOutcome: 'replacement',
        priority: 'normal',
        customer: { id: customer.id, name: 'Cleo' },
        // Bob still has room: the reply of an intake-assigned case comes from its insert.
        status: 'open',
        assignee: { name: 'Bob' },
      });
      expect(await getCase(server, created.id, customer.token)).toEqual(created);
    });

    it('ignores status, priority and assignee sent by a customer', async () => {
      const admin = await server.admin();
      // Every agent is away, so nothing but the ignored fields could assign the case.
      const agents = await server.call('GET', '/api/v1/agents', { token: admin.token });
      for (const agent of agents.body.items) {
        await server.call('PATCH', `/api/v1/agents/${agent.id}`, {
          token: admin.token,
          body: { availability: 'away' },
        });
      }
      const someAgent = agents.body.items[0];
      const customer = await server.signup('Dan');
      const created = await report(server, customer, {
        status: 'resolved',
        priority: 'urgent',
        assigneeId: someAgent.id,
        customerId: admin.id,
        number: 'C-1',
      });
      expect(created).toMatchObject({ status: 'new', assignee: null, resolvedAt: null });
      // The priority is triage's (SPEC §9), whatever the customer sent.
      const preview = await server.call('POST', '/api/v1/triage', {
        token: admin.token,
        body: { subject: created.subject, description: created.description },
      });
      expect(created.priority).toBe(preview.body.priority);
      expect(created.customer.id).toBe(customer.id);
      expect(created.number).not.toBe('C-1');
    });

    it('rejects invalid reports with problem+json naming the field, and stores nothing', async () => {
      const customer = await server.signup('Eve');
      const cases = [
        { body: { description: 'No subject given.' }, path: 'subject' },
        { body: { subject: 'Bad reason', description: 'x', reason: 'lost_in_post' }, path: 'reason' },
        { body: { subject: 'a'.repeat(201), description: 'Far too long a subject.' }, path: 'subject' },
        { body: { subject: '   ', description: 'Blank subject.' }, path: 'subject' },
      ];
      for (const { body, path } of cases) {
        const reply = await server.call('POST', '/api/v1/cases', { token: customer.token, body });
        expect(reply.status, JSON.stringify(body)).toBe(422);
        expect(reply.headers['content-type']).toContain('application/problem+json');
        expect(reply.body).toMatchObject({ status: 422, code: 'validation_failed' });
        expect(fieldPaths(reply.body)).toEqual([path]);
      }
      expect(await listIds(server, customer.token)).toEqual([]);
    });

    it('answers malformed JSON with a 400 problem', async () => {
      const customer = await server.signup('Finn');
      const reply = await server.call('POST', '/api/v1/cases', {
        token: customer.token,
        body: '{"subject": "Broken", "description": ',
        headers: { 'content-type': 'application/json' },
      });
      expect(reply.status).toBe(400);
      expect(reply.headers['content-type']).toContain('application/problem+json');
      expect(await listIds(server, customer.token)).toEqual([]);
    });

    it('lets only customers report cases', async () => {
      const admin = await server.admin();
      const body = { subject: 'Staff case', description: 'Not allowed.' };
      expect((await server.call('POST', '/api/v1/cases', { body })).status).toBe(401);
      expect((await server.call('POST', '/api/v1/cases', { token: admin.token, body })).status).toBe(403);
    });
  });

  describe('listing cases', () => {
    let server: TestServer;
    let ann: Person;
    let carl: Person;
    let alice: Person;
    let bob: Person;
    let ids: number[];
    beforeAll(async () => {
      server = await startTestServer(engine);
      ann = await server.signup('Ann');
      carl = await server.signup('Carl');
      const owners = [ann, carl, ann, carl, ann];
      ids = [];
      for (const owner of owners) ids.push((await report(server, owner)).id);
      // Alice takes the two oldest, Bob the third; the last two stay queued.
      alice = await server.addAgent({ name: 'Alice', capacity: 2 });
      bob = await server.addAgent({ name: 'Bob', capacity: 1 });
      const admin = await server.admin();
      const pending = await server.call('PATCH', `/api/v1/cases/${ids[0]}`, {
        token: alice.token,
        body: { status: 'pending' },
      });
      expect(pending.status).toBe(200);
      const high = await server.call('PATCH', `/api/v1/cases/${ids[4]}`, {
        token: admin.token,
        body: { priority: 'high' },
      });
      expect(high.status).toBe(200);
    });
    afterAll(() => server.close());

    const pick = (...positions: number[]) => positions.map((position) => ids[position]);

    it('shows customers only their own cases, newest first', async () => {
      expect(await listIds(server, ann.token)).toEqual(pick(4, 2, 0));
      expect(await listIds(server, carl.token)).toEqual(pick(3, 1));
      expect((await server.call('GET', `/api/v1/cases/${ids[1]}`, { token: ann.token })).status).toBe(404);
      // Filters cannot widen a customer's view.
      expect(await listIds(server, ann.token, `&assignee=${alice.id}`)).toEqual(pick(0));
    });

    it('filters by status and priority', async () => {
      const admin = await server.admin();
      expect(await listIds(server, admin.token)).toEqual(pick(4, 3, 2, 1, 0));
      expect(await listIds(server, admin.token, '&status=new')).toEqual(pick(4, 3));
      expect(await listIds(server, admin.token, '&status=pending')).toEqual(pick(0));
      expect(await listIds(server, admin.token, '&status=open')).toEqual(pick(2, 1));
      expect(await listIds(server, admin.token, '&priority=high')).toEqual(pick(4));
      expect(await listIds(server, ann.token, '&status=new')).toEqual(pick(4));
    });

    it('filters by assignee: me, none, or an agent id', async () => {
      const admin = await server.admin();
      expect(await listIds(server, alice.token, '&assignee=me')).toEqual(pick(1, 0));
      expect(await listIds(server, bob.token, '&assignee=me')).toEqual(pick(2));
      expect(await listIds(server, bob.token, '&assignee=none')).toEqual(pick(4, 3));
      expect(await listIds(server, admin.token, `&assignee=${alice.id}`)).toEqual(pick(1, 0));
      expect(await listIds(server, admin.token, `&assignee=${bob.id}&status=pending`)).toEqual([]);
    });

    it('walks every page with limit=2 and no duplicates', async () => {
      const admin = await server.admin();
      const seen: number[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const query: string = cursor ? `&cursor=${cursor}` : '';
        const reply = await server.call('GET', `/api/v1/cases?limit=2${query}`, { token: admin.token });
        expect(reply.status).toBe(200);
        expect(reply.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...reply.body.items.map((item: Case) => item.id));
        cursor = reply.body.nextCursor;
        pages++;
      } while (cursor && pages < 10);
      expect(pages).toBe(3);
      expect(seen).toEqual(pick(4, 3, 2, 1, 0));
    });

    it('rejects bad cursors and limits with a 422 naming the parameter', async () => {
      const admin = await server.admin();
      const queries = [
        ['cursor=garbage', 'cursor'],
        ['cursor=%21%21%21', 'cursor'],
        ['limit=0', 'limit'],
        ['limit=1000', 'limit'],
        ['limit=two', 'limit'],
        ['status=deleted', 'status'],
        ['assignee=someone', 'assignee'],
      ];
      for (const [query, path] of queries) {
        const reply = await server.call('GET', `/api/v1/cases?${query}`, { token: admin.token });
        expect(reply.status, query).toBe(422);
        expect(reply.headers['content-type']).toContain('application/problem+json');
        expect(fieldPaths(reply.body), query).toContain(path);
      }
    });

    it('rejects a well-formed cursor that no page could have returned (id beyond any row id) with a 422, not a 500', async () => {
      const admin = await server.admin();
      const forged = Buffer.from('v1:9999999999').toString('base64url');
      const reply = await server.call('GET', `/api/v1/cases?cursor=${forged}`, { token: admin.token });
      expect(reply.status).toBe(422);
      expect(fieldPaths(reply.body)).toEqual(['cursor']);
    });

    it('requires a session', async () => {
      expect((await server.call('GET', '/api/v1/cases')).status).toBe(401);
    });
  });

  describe('working a case: status and priority', () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer(engine);
    });
    afterAll(() => server.close());

    it('moves an assigned case between open and pending and changes its priority', async () => {
      const alice = await server.addAgent({ name: 'Alice' });
      const customer = await server.signup();
      const created = await report(server, customer);
      expect(created.status).toBe('open');
      const patch = (body: object, token = alice.token) =>
        server.call('PATCH', `/api/v1/cases/${created.id}`, { token, body });

      const pending = await patch({ status: 'pending' });
      expect(pending.status).toBe(200);
      expect(pending.body).toMatchObject({ status: 'pending', assignee: { id: alice.id } });
      const open = await patch({ status: 'open', priority: 'high' });
      expect(open.body).toMatchObject({ status: 'open', priority: 'high' });
      expect(await getCase(server, created.id, customer.token)).toMatchObject({ status: 'open', priority: 'high' });

      // Pending still counts against capacity: Alice stays busy.
      await patch({ status: 'pending' });
      const agent = await server.call('GET', `/api/v1/agents/${alice.id}`, { token: alice.token });
      expect(agent.body).toMatchObject({ activeCases: 1, state: 'busy' });

      expect((await patch({ status: 'open' }, customer.token)).status).toBe(403);
      expect((await patch({})).status).toBe(422);
      expect(fieldPaths((await patch({ status: 'resolved' })).body)).toEqual(['status']);
      expect(fieldPaths((await patch({ priority: 'critical' })).body)).toEqual(['priority']);
    });

    it('refuses to set the status of a new or a resolved case (409), but a queued case may be reprioritised', async () => {
      const admin = await server.admin();
      const customer = await server.signup();
      // Alice (capacity 1) holds the case from the previous test, so this one waits.
      const queued = await report(server, customer);
      expect(queued.status).toBe('new');
      const setOpen = await server.call('PATCH', `/api/v1/cases/${queued.id}`, {
        token: admin.token,
        body: { status: 'open' },
      });
      expect(setOpen.status).toBe(409);
      expect(setOpen.headers['content-type']).toContain('application/problem+json');
      expect(await getCase(server, queued.id)).toMatchObject({ status: 'new', assignee: null });
      const urgent = await server.call('PATCH', `/api/v1/cases/${queued.id}`, {
        token: admin.token,
        body: { priority: 'urgent' },
      });
      expect(urgent.body).toMatchObject({ status: 'new', priority: 'urgent' });

      expect((await server.call('POST', `/api/v1/cases/${queued.id}/resolve`, { token: admin.token })).status).toBe(
        200,
      );
      const reopenByPatch = await server.call('PATCH', `/api/v1/cases/${queued.id}`, {
        token: admin.token,
        body: { status: 'pending' },
      });
      expect(reopenByPatch.status).toBe(409);
      expect((await getCase(server, queued.id)).status).toBe('resolved');
    });
  });

  describe('resolving', () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer(engine);
    });
    afterAll(() => server.close());

    it('frees the assignee, who takes the next queued case at once: urgent first, then the oldest', async () => {
      const admin = await server.admin();
      const alice = await server.addAgent({ name: 'Alice', capacity: 1 });
      const customer = await server.signup();
      const held = await report(server, customer, { subject: 'Held' });
      const olderNormal = await report(server, customer, { subject: 'Older, normal' });
      const newerNormal = await report(server, customer, { subject: 'Newer, normal' });
      const laterUrgent = await report(server, customer, { subject: 'Later, urgent' });
      expect(held.assignee?.id).toBe(alice.id);
      await server.call('PATCH', `/api/v1/cases/${laterUrgent.id}`, {
        token: admin.token,
        body: { priority: 'urgent' },
      });

      const resolved = await server.call('POST', `/api/v1/cases/${held.id}/resolve`, { token: alice.token });
      expect(resolved.status).toBe(200);
      expect(resolved.body.status).toBe('resolved');
      expect(resolved.body.resolvedAt).not.toBeNull();
      expect(await getCase(server, laterUrgent.id)).toMatchObject({ status: 'open', assignee: { id: alice.id } });
      expect((await getCase(server, olderNormal.id)).status).toBe('new');

      await server.call('POST', `/api/v1/cases/${laterUrgent.id}/resolve`, { token: alice.token });
      expect(await getCase(server, olderNormal.id)).toMatchObject({ status: 'open', assignee: { id: alice.id } });
      expect((await getCase(server, newerNormal.id)).status).toBe('new');
      expect(await listIds(server, alice.token, '&assignee=me&status=open')).toEqual([olderNormal.id]);
    });

    it('refuses to resolve a case twice (409) and keeps the first resolution', async () => {
      const admin = await server.admin();
      const [open] = await listIds(server, admin.token, '&status=open');
      const first = await server.call('POST', `/api/v1/cases/${open}/resolve`, { token: admin.token });
      expect(first.status).toBe(200);
      const again = await server.call('POST', `/api/v1/cases/${open}/resolve`, { token: admin.token });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('conflict');
      expect((await getCase(server, open as number)).resolvedAt).toBe(first.body.resolvedAt);
    });

    it('is for staff only, and a customer cannot resolve even their own case', async () => {
      const customer = await server.signup();
      const created = await report(server, customer);
      const reply = await server.call('POST', `/api/v1/cases/${created.id}/resolve`, { token: customer.token });
      expect(reply.status).toBe(403);
      expect((await getCase(server, created.id)).status).not.toBe('resolved');
    });
  });

  describe('reopening', () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer(engine);
    });
    afterAll(() => server.close());

    const resolvedAgo = (caseId: number, millis: number) =>
      server.ctx.database.db
        .updateTable('cases')
        .set({ resolved_at: Date.now() - millis })
        .where('id', '=', caseId)
        .execute();

    it('lets the owner reopen within 14 days: back to new, then to the next free agent', async () => {
      const alice = await server.addAgent({ name: 'Alice', capacity: 1 });
      const customer = await server.signup();
      const first = await report(server, customer);
      await server.call('POST', `/api/v1/cases/${first.id}/resolve`, { token: alice.token });
      const second = await report(server, customer);
      expect(second.assignee?.id).toBe(alice.id);

      await resolvedAgo(first.id, 13 * DAY);
      const reopened = await server.call('POST', `/api/v1/cases/${first.id}/reopen`, { token: customer.token });
      expect(reopened.status).toBe(200);
      expect(reopened.body).toMatchObject({ status: 'new', assignee: null, resolvedAt: null });

      // Alice is full; as soon as she resolves, the reopened case is hers again.
      await server.call('POST', `/api/v1/cases/${second.id}/resolve`, { token: alice.token });
      expect(await getCase(server, first.id)).toMatchObject({ status: 'open', assignee: { id: alice.id } });

      // With a free agent the reopened case is assigned in the same request.
      const bob = await server.addAgent({ name: 'Bob', capacity: 1 });
      const again = await server.call('POST', `/api/v1/cases/${second.id}/reopen`, { token: customer.token });
      expect(again.body).toMatchObject({ status: 'open', assignee: { id: bob.id, name: 'Bob' } });
    });

    it('refuses a reopen after 14 days (409) and leaves the case resolved', async () => {
      const admin = await server.admin();
      const customer = await server.signup();
      const created = await report(server, customer);
      await server.call('POST', `/api/v1/cases/${created.id}/resolve`, { token: admin.token });
      await resolvedAgo(created.id, 15 * DAY);
      const reply = await server.call('POST', `/api/v1/cases/${created.id}/reopen`, { token: customer.token });
      expect(reply.status).toBe(409);
      expect(reply.headers['content-type']).toContain('application/problem+json');
      expect((await getCase(server, created.id)).status).toBe('resolved');
    });

    it('lets only the owner reopen, and only a resolved case', async () => {
      const admin = await server.admin();
      const owner = await server.signup();
      const stranger = await server.signup();
      const created = await report(server, owner);
      expect((await server.call('POST', `/api/v1/cases/${created.id}/reopen`, { token: owner.token })).status).toBe(
        409,
      );
      await server.call('POST', `/api/v1/cases/${created.id}/resolve`, { token: admin.token });
      expect((await server.call('POST', `/api/v1/cases/${created.id}/reopen`, { token: stranger.token })).status).toBe(
        404,
      );
      expect((await server.call('POST', `/api/v1/cases/${created.id}/reopen`, { token: admin.token })).status).toBe(
        403,
      );
      expect((await getCase(server, created.id)).status).toBe('resolved');
    });
  });

  describe('assigning by hand', () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer(engine);
    });
    afterAll(() => server.close());

    it('moves a case to another agent and frees the previous holder for the next case', async () => {
      const admin = await server.admin();
      const alice = await server.addAgent({ name: 'Alice', capacity: 1 });
      const customer = await server.signup();
      const created = await report(server, customer);
      expect(created.assignee?.id).toBe(alice.id);
      const bob = await server.addAgent({ name: 'Bob', capacity: 2 });

      const moved = await server.call('POST', `/api/v1/cases/${created.id}/assign`, {
        token: admin.token,
        body: { agentId: bob.id },
      });
      expect(moved.status).toBe(200);
      expect(moved.body).toMatchObject({ status: 'open', assignee: { id: bob.id, name: 'Bob' } });
      const aliceNow = await server.call('GET', `/api/v1/agents/${alice.id}`, { token: admin.token });
      expect(aliceNow.body).toMatchObject({ activeCases: 0, state: 'available' });

      // Alice has waited longest and holds fewer cases: the next report is hers.
      const next = await report(server, customer);
      expect(next.assignee?.id).toBe(alice.id);

      const log = await events(server, created.id, admin.token);
      expect(log.filter((event) => event.type === 'case.assigned').map((event) => event.agent?.name)).toEqual([
        'Alice',
        'Bob',
      ]);
      expect(log.at(-1)).toMatchObject({ type: 'case.assigned', actor: { id: admin.id } });
    });

    it('refuses an agent who is away or full (409) and leaves the case where it was', async () => {
      const admin = await server.admin();
      const customer = await server.signup();
      const alice = await server.addAgent({ name: 'Alice 2', capacity: 1 });
      const created = await report(server, customer);
      const holder = created.assignee?.id;
      expect(holder).toBeDefined();
      const cara = await server.addAgent({ name: 'Cara', capacity: 5 });
      await server.call('PATCH', `/api/v1/agents/${cara.id}`, { token: cara.token, body: { availability: 'away' } });
      const full = await server.addAgent({ name: 'Dora', capacity: 1 });
      const filler = await report(server, customer);
      expect(filler.assignee?.id).toBe(full.id);

      const assign = (agentId: number) =>
        server.call('POST', `/api/v1/cases/${created.id}/assign`, { token: admin.token, body: { agentId } });
      const toAway = await assign(cara.id);
      expect(toAway.status).toBe(409);
      expect(fieldPaths(toAway.body)).toEqual(['agentId']);
      expect((await assign(full.id)).status).toBe(409);
      expect((await assign(customer.id)).status).toBe(404);
      expect((await assign(999_999)).status).toBe(404);
      expect((await getCase(server, created.id)).assignee?.id).toBe(holder);

      const byAgent = await server.call('POST', `/api/v1/cases/${created.id}/assign`, {
        token: alice.token,
        body: { agentId: alice.id },
      });
      expect(byAgent.status).toBe(403);
    });
  });

  describe('deleting', () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer(engine);
    });
    afterAll(() => server.close());

    it('deletes a case for everyone and hands the freed slot to the next queued case', async () => {
      const admin = await server.admin();
      const alice = await server.addAgent({ name: 'Alice', capacity: 1 });
      const customer = await server.signup();
      const doomed = await report(server, customer);
      const waiting = await report(server, customer);
      expect(doomed.assignee?.id).toBe(alice.id);
      expect(waiting.status).toBe('new');

      expect((await server.call('DELETE', `/api/v1/cases/${doomed.id}`, { token: alice.token })).status).toBe(403);
      expect((await server.call('DELETE', `/api/v1/cases/${doomed.id}`, { token: customer.token })).status).toBe(403);
      const deleted = await server.call('DELETE', `/api/v1/cases/${doomed.id}`, { token: admin.token });
      expect(deleted.status).toBe(204);
      expect(deleted.body).toBeUndefined();

      for (const person of [admin, alice, customer]) {
        for (const path of ['', '/messages', '/events']) {
          const reply = await server.call('GET', `/api/v1/cases/${doomed.id}${path}`, { token: person.token });
          expect(reply.status, `${path} as ${person.email}`).toBe(404);
        }
        expect(await listIds(server, person.token)).not.toContain(doomed.id);
      }
      expect((await server.call('DELETE', `/api/v1/cases/${doomed.id}`, { token: admin.token })).status).toBe(404);
      expect((await server.call('POST', `/api/v1/cases/${doomed.id}/resolve`, { token: admin.token })).status).toBe(
        404,
      );

      expect(await getCase(server, waiting.id)).toMatchObject({ status: 'open', assignee: { id: alice.id } });
      const agent = await server.call('GET', `/api/v1/agents/${alice.id}`, { token: admin.token });
      expect(agent.body.activeCases).toBe(1);
    });
  });

  describe('activity log', () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer(engine);
    });
    afterAll(() => server.close());

    it('records creation, assignment and every status change with its actor; customers see only public events', async () => {
      const admin = await server.admin();
      const alice = await server.addAgent({ name: 'Alice' });
      const customer = await server.signup('Ann');
      const created = await report(server, customer);
      const patch = (status: string) =>
        server.call('PATCH', `/api/v1/cases/${created.id}`, { token: alice.token, body: { status } });
      await patch('pending');
      await patch('open');
      // Alice never answered, so going away puts the case back in the queue; Bob then takes it.
      await server.call('PATCH', `/api/v1/agents/${alice.id}`, { token: alice.token, body: { availability: 'away' } });
      const bob = await server.addAgent({ name: 'Bob' });
      await server.call('POST', `/api/v1/cases/${created.id}/resolve`, { token: bob.token });

      const staffView = await events(server, created.id, admin.token);
      const summary = staffView.map((event) => ({
        type: event.type,
        from: event.from,
        to: event.to,
        agent: event.agent?.name ?? null,
      }));
      expect(summary).toEqual([
        { type: 'case.created', from: null, to: 'new', agent: null },
        { type: 'case.routed', from: created.category, to: 'Support', agent: null },
        { type: 'case.assigned', from: 'new', to: 'open', agent: 'Alice' },
        { type: 'case.status_changed', from: 'open', to: 'pending', agent: null },
        { type: 'case.status_changed', from: 'pending', to: 'open', agent: null },
        { type: 'case.released', from: 'open', to: 'new', agent: 'Alice' },
        { type: 'case.status_changed', from: 'open', to: 'new', agent: null },
        { type: 'case.assigned', from: 'new', to: 'open', agent: 'Bob' },
        { type: 'case.released', from: 'open', to: 'resolved', agent: 'Bob' },
        { type: 'case.status_changed', from: 'open', to: 'resolved', agent: null },
      ]);
      expect(staffView[0]?.actor).toEqual({ id: customer.id, name: 'Ann' });
      expect(staffView[1]).toMatchObject({
        actor: null,
        reason: `routed: category ${created.category} → Support (default team)`,
      });
      expect(staffView[3]?.actor).toEqual({ id: alice.id, name: 'Alice' });
      expect(staffView[6]).toMatchObject({ actor: { id: alice.id }, reason: 'away' });
      expect(staffView[9]?.actor).toEqual({ id: bob.id, name: 'Bob' });
      for (const event of staffView) expect(Date.parse(event.createdAt)).not.toBeNaN();
      expect(await events(server, created.id, alice.token)).toEqual(staffView);

      const customerView = await events(server, created.id, customer.token);
      expect(customerView.map((event) => event.type)).toEqual([
        'case.created',
        'case.assigned',
        'case.status_changed',
        'case.status_changed',
        'case.status_changed',
        'case.assigned',
        'case.status_changed',
      ]);
      expect(customerView.map((event) => event.id)).toEqual(
        staffView
          .filter((event) => event.type !== 'case.released' && event.type !== 'case.routed')
          .map((event) => event.id),
      );

      const stranger = await server.signup();
      expect((await server.call('GET', `/api/v1/cases/${created.id}/events`, { token: stranger.token })).status).toBe(
        404,
      );
    });
  });
});
