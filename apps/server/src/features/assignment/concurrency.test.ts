import { describe, expect, it } from 'vitest';
import { createSeededRandom } from '../../scripts/seeded-random.js';
import { engines, type Person, startTestServer, type TestServer } from '../../testing/harness.js';
import { naiveCreateCase } from '../../testing/naive-assignment.js';
import { createOperationLog } from '../../testing/operation-log.js';
import { checkInvariants } from './invariant-checker.js';

const ROUNDS = 6;
const CREATES_PER_ROUND = 60;

describe.each(engines)('assignment under concurrency on %s', (engine) => {
  it('keeps every SPEC §2 invariant through hundreds of parallel creates, resolves, availability and capacity changes', async () => {
    const server = await startTestServer(engine);
    // On PostgreSQL a second app instance on the same database plays a second server process.
    const peer = engine === 'postgres' ? await server.startPeer() : server;
    const nodes: TestServer[] = [server, peer];
    try {
      // Seeded, so that a failing run can be replayed.
      const random = createSeededRandom(42);
      const rand = random.next;
      const pick = random.pick;
      const admin = await server.admin();
      const agents: Person[] = [];
      for (let i = 0; i < 8; i++) agents.push(await server.addAgent({ capacity: 1 + (i % 3), name: `Agent ${i}` }));
      const customers: Person[] = [];
      for (let i = 0; i < 20; i++) customers.push(await server.signup(`Customer ${i}`));

      const log = createOperationLog();
      const { acknowledged, replies, run } = log;

      for (let round = 0; round < ROUNDS; round++) {
        const node = () => pick(nodes);
        const active = await server.call('GET', '/api/v1/cases?status=open&limit=100', { token: admin.token });
        const batch: Promise<void>[] = [];
        for (let i = 0; i < CREATES_PER_ROUND; i++) {
          const customer = pick(customers);
          const body = { subject: `Round ${round} case ${i}`, description: 'It broke.', reason: 'defective' };
          batch.push(run('create', node().call('POST', '/api/v1/cases', { token: customer.token, body })));
        }
        for (const item of active.body.items.slice(0, 15)) {
          batch.push(run('resolve', node().call('POST', `/api/v1/cases/${item.id}/resolve`, { token: admin.token })));
        }
        for (let i = 0; i < 4; i++) {
          const agent = pick(agents);
          const availability = rand() < 0.5 ? 'away' : 'available';
          batch.push(
            run(
              'availability',
              node().call('PATCH', `/api/v1/agents/${agent.id}`, { token: agent.token, body: { availability } }),
            ),
          );
        }
        for (let i = 0; i < 3; i++) {
          const body = { capacity: 1 + Math.floor(rand() * 4) };
          batch.push(
            run('capacity', node().call('PATCH', `/api/v1/agents/${pick(agents).id}`, { token: admin.token, body })),
          );
        }
        for (const item of active.body.items.slice(15, 18)) {
          const body = { agentId: pick(agents).id };
          batch.push(
            run('reassign', node().call('POST', `/api/v1/cases/${item.id}/assign`, { token: admin.token, body })),
          );
        }
        await Promise.all(batch);
      }

      expect(log.unexpected()).toEqual([]);
      expect(replies.length).toBeGreaterThan(ROUNDS * CREATES_PER_ROUND);

      const report = await checkInvariants(server.ctx.database.db, { acknowledgedCaseIds: acknowledged });
      console.info(
        `[${engine}] ${replies.length} operations, ${JSON.stringify(report.stats)}, ${report.violations.length} violations`,
      );
      expect(report.violations).toEqual([]);
      expect(acknowledged).toHaveLength(ROUNDS * CREATES_PER_ROUND);
      expect(report.stats.assignments).toBeGreaterThan(40);
      expect(report.stats.releases).toBeGreaterThan(25);
    } finally {
      if (peer !== server) await peer.close();
      await server.close();
    }
  });

  it('catches the naive read-then-write variant with the same checker', async () => {
    const server = await startTestServer(engine);
    try {
      for (let i = 0; i < 3; i++) await server.addAgent({ capacity: 1 });
      const customer = await server.signup();
      const ids = await Promise.all(
        Array.from({ length: 60 }, () => naiveCreateCase(server.ctx.database, customer.id)),
      );
      const report = await checkInvariants(server.ctx.database.db, { acknowledgedCaseIds: ids });
      console.info(`[${engine}] naive variant: ${ids.length} creates, ${report.violations.length} violations`);
      expect(report.violations.some((violation) => /active cases, capacity|over capacity/.test(violation))).toBe(true);
    } finally {
      await server.close();
    }
  });
});
