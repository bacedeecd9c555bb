import type { Case, Dashboard } from '@caseflow/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, type Person, startTestServer, type TestServer } from '../../testing/harness.js';

const HOUR = 3_600_000;
const startOfHour = (millis: number) => new Date(Math.floor(millis / HOUR) * HOUR).toISOString();
const sum = (hourly: Dashboard['hourly'], key: 'created' | 'resolved') =>
  hourly.reduce((total, entry) => total + entry[key], 0);

describe.each(engines)('dashboard on %s', (engine) => {
  describe('hourly activity', () => {
    let server: TestServer;
    let admin: Person;
    let customer: Person;
    beforeAll(async () => {
      server = await startTestServer(engine);
      admin = await server.admin();
      customer = await server.signup('Dora');
    });
    afterAll(() => server.close());

    async function report(subject: string): Promise<Case> {
      const reply = await server.call('POST', '/api/v1/cases', {
        token: customer.token,
        body: { subject, description: 'The handle came off.' },
      });
      expect(reply.status, JSON.stringify(reply.body)).toBe(201);
      return reply.body;
    }

    async function dashboard(): Promise<Dashboard> {
      const reply = await server.call('GET', '/api/v1/dashboard', { token: admin.token });
      expect(reply.status, JSON.stringify(reply.body)).toBe(200);
      return reply.body;
    }

    /** Moves a case's timestamps back in time, as if it had happened earlier. */
    const shift = (caseId: number, changes: { created_at?: number; resolved_at?: number }) =>
      server.ctx.database.db.updateTable('cases').set(changes).where('id', '=', caseId).execute();

    it('has 24 empty hours, oldest first, ending with the current hour, before anything happens', async () => {
      const before = Date.now();
      const { hourly } = await dashboard();
      expect(hourly).toHaveLength(24);
      expect([startOfHour(before), startOfHour(Date.now())]).toContain(hourly.at(-1)?.hour);
      for (const [index, entry] of hourly.entries()) {
        expect(new Date(entry.hour).getTime() % HOUR).toBe(0);
        if (index > 0) expect(Date.parse(entry.hour) - Date.parse(hourly[index - 1]?.hour ?? '')).toBe(HOUR);
      }
      expect(sum(hourly, 'created')).toBe(0);
      expect(sum(hourly, 'resolved')).toBe(0);
    });

    it('counts cases created and resolved in the hour they happened, and leaves out older and deleted ones', async () => {
      const agent = await server.addAgent({ name: 'Eve', capacity: 5 });
      const recent = await report('Recent');
      const earlier = await report('Earlier');
      const resolvedEarlier = await report('Resolved earlier');
      const tooOld = await report('Too old');
      const deleted = await report('Deleted');
      for (const item of [recent, resolvedEarlier, tooOld]) {
        const reply = await server.call('POST', `/api/v1/cases/${item.id}/resolve`, { token: agent.token });
        expect(reply.status, JSON.stringify(reply.body)).toBe(200);
      }
      expect((await server.call('DELETE', `/api/v1/cases/${deleted.id}`, { token: admin.token })).status).toBe(204);

      const now = Date.now();
      const threeHoursAgo = now - 3 * HOUR;
      const twoHoursAgo = now - 2 * HOUR;
      await shift(earlier.id, { created_at: threeHoursAgo });
      await shift(resolvedEarlier.id, { created_at: threeHoursAgo, resolved_at: twoHoursAgo });
      await shift(tooOld.id, { created_at: now - 30 * HOUR, resolved_at: now - 25 * HOUR });

      const { hourly } = await dashboard();
      const at = (millis: number) => hourly.find((entry) => entry.hour === startOfHour(millis));
      expect(at(threeHoursAgo)).toMatchObject({ created: 2, resolved: 0 });
      expect(at(twoHoursAgo)).toMatchObject({ created: 0, resolved: 1 });
      // Recent was reported and resolved just now; the deleted and the 30-hour-old case count nowhere.
      expect(sum(hourly, 'created')).toBe(3);
      expect(sum(hourly, 'resolved')).toBe(2);
      expect(at(Date.parse(recent.createdAt))).toMatchObject({ created: 1, resolved: 1 });
    });
  });
});
