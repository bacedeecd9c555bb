import type { Case, Team } from '@caseflow/contract';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { engines, type Person, startTestServer, type TestServer } from '../../testing/harness.js';

describe.each(engines)('teams on %s', (engine) => {
  let server: TestServer;
  let admin: Person;
  let customer: Person;
  beforeEach(async () => {
    server = await startTestServer(engine);
    admin = await server.admin();
    customer = await server.signup('Tess');
  });
  afterEach(() => server.close());

  const api = (method: string, url: string, body?: unknown, token = admin.token) =>
    server.call(method, `/api/v1${url}`, { token, body });

  async function createTeam(name: string, categories: string[] = []): Promise<Team> {
    const reply = await api('POST', '/teams', { name, categories });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    return reply.body;
  }

  async function setMembers(team: Team, agents: Person[]) {
    const reply = await api('PUT', `/teams/${team.id}/members`, { agentIds: agents.map((agent) => agent.id) });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    return reply.body as Team;
  }

  async function report(subject: string, category?: string): Promise<Case> {
    const reply = await api('POST', '/cases', { subject, description: `${subject}.`, category }, customer.token);
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    return reply.body;
  }

  const getCase = async (id: number): Promise<Case> => (await api('GET', `/cases/${id}`)).body;
  const defaultTeam = async (): Promise<Team> =>
    (await api('GET', '/teams')).body.items.find((team: Team) => team.isDefault);

  it('starts with one default team, Support, that every new agent joins', async () => {
    const ada = await server.addAgent({ name: 'Ada' });
    const support = await defaultTeam();
    expect(support).toMatchObject({ name: 'Support', isDefault: true, categories: [], memberCount: 1 });
    expect(support.members).toEqual([{ id: ada.id, name: 'Ada' }]);
    expect((await api('GET', `/agents/${ada.id}`)).body.teams).toEqual([{ id: support.id, name: 'Support' }]);
    const created = await report('Where is my parcel');
    expect(created).toMatchObject({
      team: { id: support.id, name: 'Support' },
      category: 'delivery',
      assignee: { id: ada.id },
    });
  });

  it('routes by category, assigns only to members of the case team, and never lets one team block another', async () => {
    const [rita, ben] = [await server.addAgent({ name: 'Rita' }), await server.addAgent({ name: 'Ben' })];
    const returns = await createTeam('Returns desk', ['damaged_item', 'wrong_item']);
    const billing = await createTeam('Billing', ['billing']);
    await setMembers(returns, [rita]);
    await setMembers(billing, [ben]);
    await setMembers(await defaultTeam(), []);

    const broken = await report('Bowl arrived shattered', 'damaged_item');
    expect(broken).toMatchObject({ team: { id: returns.id }, category: 'damaged_item', assignee: { id: rita.id } });
    const charged = await report('Charged twice', 'billing');
    expect(charged.assignee?.id).toBe(ben.id);
    // Both billing and returns are full now; a default-team case has nobody at all.
    const general = await report('A question', 'product_question');
    expect(general).toMatchObject({ status: 'new', team: { name: 'Support' }, assignee: null });
    const secondBill = await report('Invoice is wrong', 'billing');
    expect(secondBill.status).toBe('new');
    // Rita frees up: the older default-team case waits ahead in the global queue but she may not take it.
    await api('POST', `/cases/${broken.id}/resolve`);
    const wrongSize = await report('Wrong size sent', 'wrong_item');
    expect(wrongSize.assignee?.id).toBe(rita.id);
    // Ben frees up and takes the billing case at once, ahead of nothing of his own team.
    await api('POST', `/cases/${charged.id}/resolve`);
    expect((await getCase(secondBill.id)).assignee?.id).toBe(ben.id);
    expect((await getCase(general.id)).status).toBe('new');

    const events = (await api('GET', `/cases/${broken.id}/events`)).body.items;
    expect(events.find((event: { type: string }) => event.type === 'case.routed')).toMatchObject({
      to: 'Returns desk',
      reason: 'routed: category damaged_item → Returns desk',
    });
    const filtered = (await api('GET', `/cases?team=${billing.id}`)).body.items.map((item: Case) => item.id);
    expect(filtered.sort()).toEqual([charged.id, secondBill.id].sort());
    const byCategory = (await api('GET', '/cases?category=wrong_item')).body.items.map((item: Case) => item.id);
    expect(byCategory).toEqual([wrongSize.id]);
  });

  it('transfers a case to another team: it leaves its holder, is assigned there at once, with the note internal', async () => {
    const [rita, ben] = [await server.addAgent({ name: 'Rita' }), await server.addAgent({ name: 'Ben' })];
    const billing = await createTeam('Billing', ['billing']);
    await setMembers(billing, [ben]);
    const support = await defaultTeam();
    await setMembers(support, [rita]);
    const misrouted = await report('My refund never arrived');
    expect(misrouted.assignee?.id).toBe(rita.id);

    const moved = await api(
      'POST',
      `/cases/${misrouted.id}/transfer`,
      { teamId: billing.id, note: 'Billing owes this' },
      rita.token,
    );
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body).toMatchObject({
      team: { id: billing.id, name: 'Billing' },
      status: 'open',
      assignee: { id: ben.id },
    });
    expect((await api('GET', `/agents/${rita.id}`)).body.activeCases).toBe(0);
    const messages = (await api('GET', `/cases/${misrouted.id}/messages`)).body.items;
    expect(messages.at(-1)).toMatchObject({ body: 'Billing owes this', internal: true, author: { id: rita.id } });
    const customerMessages = (await api('GET', `/cases/${misrouted.id}/messages`, undefined, customer.token)).body
      .items;
    expect(customerMessages.some((message: { body: string }) => message.body === 'Billing owes this')).toBe(false);
    const events = (await api('GET', `/cases/${misrouted.id}/events`)).body.items;
    expect(events.find((event: { type: string }) => event.type === 'case.transferred')).toMatchObject({
      from: 'Support',
      to: 'Billing',
      actor: { id: rita.id },
    });

    const again = await api('POST', `/cases/${misrouted.id}/transfer`, { teamId: billing.id });
    expect(again.status).toBe(409);
    expect(again.body.errors).toEqual([{ path: 'teamId', message: 'the case is already in this team' }]);
    expect((await api('POST', `/cases/${misrouted.id}/transfer`, { teamId: 999_999 })).status).toBe(404);
    expect((await api('POST', `/cases/${misrouted.id}/transfer`, { teamId: support.id }, customer.token)).status).toBe(
      403,
    );
  });

  it('moves cases in bulk all or nothing, naming an unknown id', async () => {
    await server.addAgent({ name: 'Rita' });
    const billing = await createTeam('Billing', ['billing']);
    const [first, second] = [await report('One'), await report('Two')];
    const refused = await api('POST', '/cases/transfer', {
      caseIds: [first.id, 999_999, second.id],
      teamId: billing.id,
    });
    expect(refused.status).toBe(404);
    expect(refused.body.errors).toEqual([{ path: 'caseIds.1', message: 'case not found' }]);
    expect((await getCase(first.id)).team.name).toBe('Support');
    const duplicate = await api('POST', '/cases/transfer', { caseIds: [first.id, first.id], teamId: billing.id });
    expect(duplicate.status).toBe(422);

    const moved = await api('POST', '/cases/transfer', { caseIds: [first.id, second.id], teamId: billing.id });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.items.map((item: Case) => item.team.id)).toEqual([billing.id, billing.id]);
    // Nobody is in Billing: both wait in its queue.
    expect(moved.body.items.map((item: Case) => item.status)).toEqual(['new', 'new']);
    expect(
      (
        await api(
          'POST',
          '/cases/transfer',
          { caseIds: [first.id], teamId: billing.id },
          (
            await server.addAgent()
          ).token,
        )
      ).status,
    ).toBe(403);
  });

  it('leaving a team requeues the member’s unanswered cases of that team; joining drains the team’s queue', async () => {
    const [rita, ben] = [await server.addAgent({ name: 'Rita', capacity: 3 }), await server.addAgent({ name: 'Ben' })];
    const returns = await createTeam('Returns desk', ['damaged_item']);
    await setMembers(returns, [rita]);
    const support = await defaultTeam();
    await setMembers(support, [ben]);
    const [answered, unanswered] = [await report('Cracked', 'damaged_item'), await report('Dented', 'damaged_item')];
    await api('POST', `/cases/${answered.id}/messages`, { body: 'Sorry! A new one is on its way.' }, rita.token);

    await setMembers(returns, []);
    expect((await getCase(answered.id)).assignee?.id).toBe(rita.id);
    expect(await getCase(unanswered.id)).toMatchObject({ status: 'new', assignee: null });
    const events = (await api('GET', `/agents/${rita.id}/events`)).body.items.map(
      (event: { type: string; from: string | null }) => [event.type, event.from],
    );
    expect(events).toContainEqual(['agent.teams_changed', 'Returns desk']);

    await setMembers(returns, [ben]);
    expect((await getCase(unanswered.id)).assignee?.id).toBe(ben.id);
    const dashboard = (await api('GET', '/dashboard')).body;
    expect(dashboard.teams.find((line: { team: { id: number } }) => line.team.id === returns.id)).toMatchObject({
      queued: 0,
      members: 1,
      availableMembers: 0,
      freeCapacity: 0,
    });

    const unknown = await api('PUT', `/teams/${returns.id}/members`, { agentIds: [ben.id, 999_999] });
    expect(unknown.status).toBe(404);
    expect(unknown.body.errors).toEqual([{ path: 'agentIds.1', message: 'no such agent' }]);
    expect((await api('GET', `/teams/${returns.id}`)).body.members).toEqual([{ id: ben.id, name: 'Ben' }]);
    expect((await api('PUT', '/teams/999999/members', { agentIds: [] })).status).toBe(404);
  });

  it('refuses what would break a rule, as problem+json naming the field', async () => {
    const returns = await createTeam('Returns desk', ['damaged_item']);
    const clash = await api('POST', '/teams', { name: 'Second desk', categories: ['billing', 'damaged_item'] });
    expect(clash.status).toBe(409);
    expect(clash.body).toMatchObject({
      detail: 'damaged_item is already handled by Returns desk',
      errors: [{ path: 'categories' }],
    });
    expect((await api('POST', '/teams', { name: 'returns DESK' })).status).toBe(409);
    expect((await api('POST', '/teams', { name: '' })).status).toBe(422);
    expect((await api('POST', '/teams', { name: 'X', categories: ['laundry'] })).body.errors[0].path).toBe(
      'categories.0',
    );
    expect((await api('PATCH', `/teams/${returns.id}`, { isDefault: false })).status).toBe(422);
    expect((await api('GET', '/teams')).body.items).toHaveLength(2);

    const support = await defaultTeam();
    expect((await api('DELETE', `/teams/${support.id}`)).status).toBe(409);
    await server.addAgent();
    const held = await report('Broken', 'damaged_item');
    const refused = await api('DELETE', `/teams/${returns.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain('holds 1 open or queued cases');
    await api('POST', `/cases/${held.id}/resolve`);
    // Resolved cases do not hold a team back: they move to the default team with it.
    expect((await api('DELETE', `/teams/${returns.id}`)).status).toBe(204);
    expect((await getCase(held.id)).team.id).toBe(support.id);
    expect((await api('DELETE', `/teams/${returns.id}`)).status).toBe(404);
    expect((await api('GET', '/teams/999999')).status).toBe(404);
  });

  it('moves the default, renames and recategorises a team', async () => {
    const support = await defaultTeam();
    const returns = await createTeam('Returns', ['damaged_item']);
    const patched = await api('PATCH', `/teams/${returns.id}`, {
      name: 'Returns desk',
      categories: ['wrong_item'],
      isDefault: true,
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body).toMatchObject({ name: 'Returns desk', categories: ['wrong_item'], isDefault: true });
    expect((await api('GET', `/teams/${support.id}`)).body.isDefault).toBe(false);
    await server.addAgent();
    // The new default takes a case no team handles.
    expect((await report('Anything', 'account')).team.id).toBe(returns.id);
    expect((await api('DELETE', `/teams/${support.id}`)).status).toBe(204);
  });

  it('lets an admin assign a case only to a member of its team', async () => {
    const [rita, ben] = [
      await server.addAgent({ name: 'Rita', capacity: 5 }),
      await server.addAgent({ name: 'Ben', capacity: 5 }),
    ];
    const billing = await createTeam('Billing', ['billing']);
    await setMembers(billing, [ben]);
    const bill = await report('Double charge', 'billing');
    const refused = await api('POST', `/cases/${bill.id}/assign`, { agentId: rita.id });
    expect(refused.status).toBe(409);
    expect(refused.body.errors[0].path).toBe('agentId');
  });
});
