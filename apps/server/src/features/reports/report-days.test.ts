import { PRIORITY_RANK, type ReportSummary } from '@caseflow/contract';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSeededRandom } from '../../scripts/seeded-random.js';
import { engines, startTestServer, type TestServer } from '../../testing/harness.js';
import { logRow } from '../../testing/log-rows.js';
import { DAY_MS, splitPeriod } from './report-days.js';
import { summarize } from './report-figures.js';
import { freshTally } from './reports.service.js';

const START = Date.parse('2026-03-01T00:00:00Z');
const SPAN_DAYS = 6;
const MINUTE = 60_000;

describe('splitPeriod', () => {
  it('keeps only the UTC days wholly inside the period and over by now', () => {
    const from = START + 5 * 3_600_000;
    const to = START + 3 * DAY_MS + 7 * 3_600_000;
    const day = START / DAY_MS;
    expect(splitPeriod(from, to, Date.now())).toEqual({
      days: [day + 1, day + 2],
      rest: [
        { from, to: START + DAY_MS },
        { from: START + 3 * DAY_MS, to },
      ],
    });
    // Today is never kept: it is not over.
    expect(splitPeriod(from, to, START + 2 * DAY_MS + 1).days).toEqual([day + 1]);
    expect(splitPeriod(START + 1, START + DAY_MS - 1, Date.now())).toEqual({
      days: [],
      rest: [{ from: START + 1, to: START + DAY_MS - 1 }],
    });
  });
});

/**
 * Random cases over six days (replies, assignments, resolutions, reopens, breaches, ratings, help-center
 * visits at random minutes): the summary from kept days and fresh hours must be, figure for figure,
 * the summary of one fresh read of the whole period, for periods that start and end mid-day.
 */
describe.each(engines)('kept days on %s', (engine) => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer(engine);
  });
  afterEach(() => server.close());

  it('give the same figures as one read of the whole period, for any period and filter', async () => {
    const admin = await server.admin();
    const customer = await server.signup('Ann');
    const db = server.ctx.database.db;
    const random = createSeededRandom(16);
    const at = () => START + random.integer(0, SPAN_DAYS * 24 * 60) * MINUTE;
    for (let i = 0; i < 120; i++) {
      const created = at();
      const answered = random.next() < 0.8 ? created + random.integer(1, 3_000) * MINUTE : null;
      const row = await db
        .insertInto('cases')
        .values({
          customer_id: customer.id,
          subject: `Case ${i}`,
          description: 'text',
          team_id: 1,
          priority: random.integer(0, 3),
          category: random.pick(['delivery', 'billing', 'defective']),
          status: 'resolved',
          assignee_id: null,
          created_at: created,
          first_response_at: answered,
          sla_first_response_due_at: created + 120 * MINUTE,
          sla_resolution_due_at: created + 1_440 * MINUTE,
          updated_at: created,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const line = (type: string, time: number, from: string | null, to: string | null) =>
        logRow(row.id, type, time, from, to);
      const lines = [line('case.assigned', created + random.integer(0, 600) * MINUTE, 'new', 'open')];
      if (random.next() < 0.7) {
        const resolved = created + random.integer(10, 4_000) * MINUTE;
        lines.push(line('case.status_changed', resolved, 'open', 'resolved'));
        if (random.next() < 0.3) lines.push(line('case.status_changed', resolved + 90 * MINUTE, 'resolved', 'new'));
        if (random.next() < 0.5) {
          await db
            .insertInto('csat_ratings')
            .values({
              case_id: row.id,
              customer_id: customer.id,
              rating: random.integer(1, 5),
              comment: null,
              created_at: resolved + 30 * MINUTE,
            })
            .execute();
        }
      }
      if (random.next() < 0.4) lines.push(line('case.sla_breached', created + 120 * MINUTE, null, 'first_response'));
      await db.insertInto('activity').values(lines).execute();
      // A help-center visit, some of whose events fall on the next day.
      const visit = created - random.integer(1, 2_000) * MINUTE;
      const event = (name: 'shown' | 'deflected' | 'created', time: number, slug = '') => ({
        session: `visit-${i}`,
        event: name,
        slug,
        case_id: null,
        user_id: customer.id,
        created_at: time,
      });
      await db
        .insertInto('kb_feedback')
        .values([
          event('shown', visit, 'a'),
          event('shown', visit + random.integer(0, 1_500) * MINUTE, 'b'),
          random.next() < 0.4 ? event('deflected', visit + 5 * MINUTE, 'a') : event('created', visit + 7 * MINUTE),
        ])
        .execute();
    }

    const filters: Record<string, string>[] = [
      {},
      { priority: 'urgent' },
      { category: 'billing' },
      { category: 'delivery', priority: 'urgent' },
    ];
    for (let round = 0; round < 6; round++) {
      const from = START - DAY_MS + random.integer(0, 3 * 24 * 60) * MINUTE;
      const to = from + random.integer(1, 5 * 24 * 60) * MINUTE;
      for (const filter of filters) {
        const query = new URLSearchParams({
          from: new Date(from).toISOString(),
          to: new Date(to).toISOString(),
          ...filter,
        });
        // Twice: the first makes and keeps the days' tallies, the second reads them back.
        for (const pass of ['made', 'kept']) {
          const reply = await server.call('GET', `/api/v1/reports/summary?${query}`, { token: admin.token });
          expect(reply.status).toBe(200);
          const whole = await freshTally(server.ctx, {
            from,
            to,
            category: filter.category,
            priorityRank: filter.priority === undefined ? undefined : PRIORITY_RANK.urgent,
          });
          const expected = summarize(whole, { from: new Date(from).toISOString(), to: new Date(to).toISOString() });
          expect(reply.body as ReportSummary, `${pass} ${query}`).toEqual(expected);
        }
      }
    }
    const kept = await db.selectFrom('report_days').select('day').execute();
    expect(kept.length).toBeGreaterThan(0);
  });
});
