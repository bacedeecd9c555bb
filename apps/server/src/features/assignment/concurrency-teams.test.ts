import { describe, expect, it } from 'vitest';
import { createSeededRandom } from '../../scripts/seeded-random.js';
import { engines, type Person, startTestServer, type TestServer } from '../../testing/harness.js';
import { naiveCreateCase } from '../../testing/naive-assignment.js';
import { createOperationLog } from '../../testing/operation-log.js';
import { checkInvariants } from './invariant-checker.js';

const ROUNDS = 6;
const CREATES_PER_ROUND = 50;
const CATEGORIES = [undefined, 'damaged_item', 'wrong_item', 'billing', 'delivery', 'order_change', 'account'];

describe.each(engines)('assignment with teams under concurrency on %s', (engine) => {
  it('keeps SPEC §2 and §8 invariants through parallel creates in several teams, membership changes, transfers and resolves', async () => {
    const server = await startTestServer(engine);
    const peer = engine === 'postgres' ? await server.startPeer() : server;
    const nodes: TestServer[] = [server, peer];
    try {
      // Seeded, so that a failing run can be replayed.
      const random = createSeededRandom(7);
      const rand = random.next;
      const pick = random.pick;
      const admin = await server.admin();
      const api = (method: string, url: string, body?: unknown) =>
        pick(nodes).call(method, `/api/v1${url}`, { token: admin.token, body });
      const agents: Person[] = [];
      for (let i = 0; i < 10; i++) agents.push(await server.addAgent({ capacity: 1 + (i % 3), name: `Agent ${i}` }));
      const customers: Person[] = [];
      for (let i = 0; i < 12; i++) customers.push(await server.signup(`Customer ${i}`));
      const defaultTeam = (await api('GET', '/teams')).body.items.find(
        (team: { isDefault: boolean }) => team.isDefault,
      );
      const made = await Promise.all(
        [
          { name: 'Returns desk', categories: ['damaged_item', 'wrong_item'] },
          { name: 'Billing', categories: ['billing'] },
          { name: 'Delivery & orders', categories: ['delivery', 'order_change'] },
        ].map((body) => api('POST', '/teams', body)),
      );
      const teams: number[] = [defaultTeam.id, ...made.map((reply) => reply.body.id)];
      // Agents in one or two teams: the default keeps the first half, every agent joins one other team.
      const membersOf = (teamId: number) =>
        agents
          .filter((_, i) => (teamId === defaultTeam.id ? i < 5 : teams.indexOf(teamId) === 1 + (i % 3)))
          .map((agent) => agent.id);
      for (const teamId of teams)
        expect((await api('PUT', `/teams/${teamId}/members`, { agentIds: membersOf(teamId) })).status).toBe(200);

      const log = createOperationLog();
      const { acknowledged, replies, run } = log;

      for (let round = 0; round < ROUNDS; round++) {
        const active = await api('GET', '/cases?status=open&limit=100');
        const queued = await api('GET', '/cases?status=new&limit=100');
        const batch: Promise<void>[] = [];
        for (let i = 0; i < CREATES_PER_ROUND; i++) {
          const category = pick(CATEGORIES);
          const body = {
            subject: `Round ${round} case ${i}`,
            description: 'It broke.',
            ...(category ? { category } : {}),
          };
          batch.push(run('create', pick(nodes).call('POST', '/api/v1/cases', { token: pick(customers).token, body })));
        }
        for (const item of active.body.items.slice(0, 12))
          batch.push(run('resolve', api('POST', `/cases/${item.id}/resolve`)));
        for (const item of [...active.body.items.slice(12, 16), ...queued.body.items.slice(0, 4)]) {
          batch.push(
            run('transfer', api('POST', `/cases/${item.id}/transfer`, { teamId: pick(teams), note: 'Moving it' })),
          );
        }
        const bulk = queued.body.items.slice(4, 8).map((item: { id: number }) => item.id);
        if (bulk.length > 0)
          batch.push(run('bulk transfer', api('POST', '/cases/transfer', { caseIds: bulk, teamId: pick(teams) })));
        for (let i = 0; i < 2; i++) {
          const teamId = pick(teams);
          const agentIds = agents.filter(() => rand() < 0.4).map((agent) => agent.id);
          batch.push(run('members', api('PUT', `/teams/${teamId}/members`, { agentIds })));
        }
        for (let i = 0; i < 3; i++) {
          const agent = pick(agents);
          const body = { availability: rand() < 0.5 ? 'away' : 'available' };
          batch.push(
            run('availability', pick(nodes).call('PATCH', `/api/v1/agents/${agent.id}`, { token: agent.token, body })),
          );
        }
        for (const item of active.body.items.slice(16, 19)) {
          batch.push(run('reassign', api('POST', `/cases/${item.id}/assign`, { agentId: pick(agents).id })));
        }
        await Promise.all(batch);
      }

      expect(log.unexpected()).toEqual([]);
      const report = await checkInvariants(server.ctx.database.db, { acknowledgedCaseIds: acknowledged });
      const count = log.succeeded;
      console.info(
        `[${engine}] teams: ${replies.length} operations (${count('transfer')} transfers, ${count('members')} membership changes), ${JSON.stringify(report.stats)}, ${report.violations.length} violations`,
      );
      expect(report.violations).toEqual([]);
      expect(acknowledged).toHaveLength(ROUNDS * CREATES_PER_ROUND);
      expect(count('transfer')).toBeGreaterThan(10);
      expect(count('members')).toBeGreaterThan(5);
      expect(report.stats.assignments).toBeGreaterThan(40);
    } finally {
      if (peer !== server) await peer.close();
      await server.close();
    }
  });

  it('catches a naive variant that ignores teams with the same checker', async () => {
    const server = await startTestServer(engine);
    try {
      const admin = await server.admin();
      const agents = [];
      for (let i = 0; i < 3; i++) agents.push(await server.addAgent({ capacity: 50 }));
      const teams = await server.call('GET', '/api/v1/teams', { token: admin.token });
      const defaultId = teams.body.items[0].id;
      const billing = await server.call('POST', '/api/v1/teams', { token: admin.token, body: { name: 'Billing' } });
      // Every agent works Billing only, so nobody may take a case of the default team.
      await server.call('PUT', `/api/v1/teams/${billing.body.id}/members`, {
        token: admin.token,
        body: { agentIds: agents.map((agent) => agent.id) },
      });
      await server.call('PUT', `/api/v1/teams/${defaultId}/members`, { token: admin.token, body: { agentIds: [] } });
      const customer = await server.signup();
      const ids = await Promise.all(
        Array.from({ length: 10 }, () => naiveCreateCase(server.ctx.database, customer.id, defaultId)),
      );
      const report = await checkInvariants(server.ctx.database.db, { acknowledgedCaseIds: ids });
      expect(report.violations.some((violation) => /not a member/.test(violation))).toBe(true);
    } finally {
      await server.close();
    }
  });
});
