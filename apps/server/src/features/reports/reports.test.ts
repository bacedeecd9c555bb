import type { ReportSeries, ReportSummary } from '@caseflow/contract';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { engines, type Person, startTestServer, type TestServer } from '../../testing/harness.js';
import { logRow } from '../../testing/log-rows.js';
import { summarize } from './report-figures.js';
import { freshTally } from './reports.service.js';

const at = (isoWithoutZone: string) => Date.parse(`${isoWithoutZone}Z`);
const PERIOD = 'from=2026-03-01T00:00:00.000Z&to=2026-03-08T00:00:00.000Z';

/**
 * A week of five cases with known times, written as the application writes them (cases, activity,
 * ratings, help-center feedback), and every figure of SPEC §13 worked out by hand below.
 *   A  created 03-01 10:00 (team 1, normal, agent 1), assigned 10:05, first reply 10:20 (due 11:00),
 *      resolved 14:00 (due 18:00), rated 5.
 *   B  created 03-02 09:00 (team 2, high, agent 2), assigned 09:30, first reply 11:00 (due 10:00: late),
 *      breached first response 10:00 and resolution 17:00, resolved 03-03 09:00, reopened 12:00,
 *      resolved again 13:00, rated 2.
 *   C  created 03-05 08:00 (team 1, low), never assigned or answered, no targets.
 *   D  created 02-28 23:00 (before the week; team 1, agent 1), resolved 03-01 01:00.
 *   E  created 03-07 23:30 (team 1, agent 2), assigned 03-08 00:10 (after the week).
 */
async function writeDataset(
  server: TestServer,
  ids: { customer: number; agent1: number; agent2: number; team2: number },
) {
  const db = server.ctx.database.db;
  const base = { customer_id: ids.customer, description: 'text', updated_at: at('2026-03-08T00:00:00') };
  const rows = [
    {
      key: 'A',
      subject: 'A',
      team_id: 1,
      priority: 2,
      category: 'delivery',
      status: 'resolved',
      assignee_id: ids.agent1,
      created_at: at('2026-03-01T10:00:00'),
      first_response_at: at('2026-03-01T10:20:00'),
      sla_first_response_due_at: at('2026-03-01T11:00:00'),
      sla_resolution_due_at: at('2026-03-01T18:00:00'),
    },
    {
      key: 'B',
      subject: 'B',
      team_id: ids.team2,
      priority: 1,
      category: 'product_question',
      status: 'resolved',
      assignee_id: ids.agent2,
      created_at: at('2026-03-02T09:00:00'),
      first_response_at: at('2026-03-02T11:00:00'),
      sla_first_response_due_at: at('2026-03-02T10:00:00'),
      sla_resolution_due_at: at('2026-03-02T17:00:00'),
    },
    {
      key: 'C',
      subject: 'C',
      team_id: 1,
      priority: 3,
      category: 'billing',
      status: 'new',
      assignee_id: null,
      created_at: at('2026-03-05T08:00:00'),
      first_response_at: null,
      sla_first_response_due_at: null,
      sla_resolution_due_at: null,
    },
    {
      key: 'D',
      subject: 'D',
      team_id: 1,
      priority: 2,
      category: 'delivery',
      status: 'resolved',
      assignee_id: ids.agent1,
      created_at: at('2026-02-28T23:00:00'),
      first_response_at: null,
      sla_first_response_due_at: null,
      sla_resolution_due_at: null,
    },
    {
      key: 'E',
      subject: 'E',
      team_id: 1,
      priority: 2,
      category: 'delivery',
      status: 'open',
      assignee_id: ids.agent2,
      created_at: at('2026-03-07T23:30:00'),
      first_response_at: null,
      sla_first_response_due_at: null,
      sla_resolution_due_at: null,
    },
  ] as const;
  const id: Record<string, number> = {};
  for (const { key, ...row } of rows) {
    const inserted = await db
      .insertInto('cases')
      .values({ ...base, ...row })
      .returning('id')
      .executeTakeFirstOrThrow();
    id[key] = inserted.id;
  }
  const activity = (key: string, type: string, time: string, from: string | null, to: string | null) =>
    logRow(id[key] as number, type, at(time), from, to);
  await db
    .insertInto('activity')
    .values([
      activity('A', 'case.created', '2026-03-01T10:00:00', null, 'new'),
      activity('A', 'case.assigned', '2026-03-01T10:05:00', 'new', 'open'),
      activity('A', 'case.status_changed', '2026-03-01T14:00:00', 'open', 'resolved'),
      activity('B', 'case.assigned', '2026-03-02T09:30:00', 'new', 'open'),
      activity('B', 'case.sla_breached', '2026-03-02T10:00:00', null, 'first_response'),
      activity('B', 'case.sla_breached', '2026-03-02T17:00:00', null, 'resolution'),
      activity('B', 'case.status_changed', '2026-03-03T09:00:00', 'open', 'resolved'),
      activity('B', 'case.status_changed', '2026-03-03T12:00:00', 'resolved', 'new'),
      activity('B', 'case.assigned', '2026-03-03T12:01:00', 'new', 'open'),
      activity('B', 'case.status_changed', '2026-03-03T13:00:00', 'open', 'resolved'),
      activity('D', 'case.assigned', '2026-02-28T23:10:00', 'new', 'open'),
      activity('D', 'case.status_changed', '2026-03-01T01:00:00', 'open', 'resolved'),
      activity('E', 'case.assigned', '2026-03-08T00:10:00', 'new', 'open'),
      // A pending spell is a status change that is neither a resolution nor a reopen.
      activity('A', 'case.status_changed', '2026-03-01T12:00:00', 'open', 'pending'),
    ])
    .execute();
  await db
    .insertInto('csat_ratings')
    .values([
      {
        case_id: id.A as number,
        customer_id: ids.customer,
        rating: 5,
        comment: null,
        created_at: at('2026-03-01T15:00:00'),
      },
      {
        case_id: id.B as number,
        customer_id: ids.customer,
        rating: 2,
        comment: 'slow',
        created_at: at('2026-03-03T14:00:00'),
      },
    ])
    .execute();
  const feedback = (session: string, event: 'shown' | 'deflected' | 'created', time: string) => ({
    session,
    event,
    slug: event === 'deflected' ? 'refund-timing' : '',
    case_id: null,
    user_id: ids.customer,
    created_at: at(time),
  });
  await db
    .insertInto('kb_feedback')
    .values([
      feedback('visit-0001', 'shown', '2026-03-02T08:00:00'),
      feedback('visit-0001', 'deflected', '2026-03-02T08:01:00'),
      feedback('visit-0002', 'shown', '2026-03-03T08:00:00'),
      feedback('visit-0002', 'created', '2026-03-03T08:05:00'),
      feedback('visit-0003', 'shown', '2026-03-04T08:00:00'),
      // Outside the week: not counted.
      feedback('visit-0004', 'shown', '2026-02-20T08:00:00'),
      feedback('visit-0004', 'deflected', '2026-02-20T08:01:00'),
    ])
    .execute();
}

describe.each(engines)('reports on %s', (engine) => {
  let server: TestServer;
  let admin: Person;
  let agent1: Person;
  let agent2: Person;
  let team2: number;

  beforeEach(async () => {
    server = await startTestServer(engine);
    admin = await server.admin();
    agent1 = await server.addAgent({ name: 'Ada' });
    agent2 = await server.addAgent({ name: 'Bo' });
    const customer = await server.signup('Ann');
    const team = await server.call('POST', '/api/v1/teams', { token: admin.token, body: { name: 'Returns' } });
    expect(team.status).toBe(201);
    team2 = team.body.id;
    await writeDataset(server, { customer: customer.id, agent1: agent1.id, agent2: agent2.id, team2 });
  });
  afterEach(() => server.close());

  const get = (query: string, path = '/reports/summary', token = admin.token) =>
    server.call('GET', `/api/v1${path}?${query}`, { token });

  it('computes every figure of the hand-worked week, the same in JSON and CSV', async () => {
    const reply = await get(PERIOD);
    expect(reply.status).toBe(200);
    const summary = reply.body as ReportSummary;
    expect(summary).toEqual({
      from: '2026-03-01T00:00:00.000Z',
      to: '2026-03-08T00:00:00.000Z',
      cases: { created: 4, resolved: 4, reopened: 1 },
      reopenRate: 0.25,
      // A 20 and B 120 minutes: median 70, p90 20 + 0.9 × 100.
      firstResponse: { medianMinutes: 70, p90Minutes: 110 },
      // D 120, A 240, B 1440 and 1680: median (240 + 1440) / 2, p90 1440 + 0.7 × 240.
      resolution: { medianMinutes: 840, p90Minutes: 1608 },
      // A 5, B 30, E 40 (C never assigned).
      wait: { medianMinutes: 30 },
      sla: { firstResponseMet: 1, resolutionMet: 1, breached: 2, attainment: 0.5 },
      csat: { count: 2, average: 3.5 },
      // Three visits shown suggestions; one answered, one reported a case anyway.
      deflection: { shown: 3, deflected: 1, rate: 0.5 },
    });

    const csv = await get(PERIOD, '/reports/summary.csv');
    expect(csv.status).toBe(200);
    expect(String(csv.headers['content-type'])).toMatch(/^text\/csv/);
    expect(String(csv.headers['content-disposition'])).toContain('caseflow-report-2026-03-01-2026-03-08.csv');
    const text = typeof csv.body === 'string' ? csv.body : JSON.stringify(csv.body);
    const figures = new Map(
      text
        .trim()
        .split('\r\n')
        .slice(1)
        .map((line: string) => line.split(',') as [string, string]),
    );
    expect(figures.get('cases.created')).toBe('4');
    expect(figures.get('resolution.p90Minutes')).toBe('1608');
    expect(figures.get('sla.attainment')).toBe('0.5');
    expect(figures.get('csat.average')).toBe('3.5');
    expect(figures.get('deflection.rate')).toBe('0.5');
    expect(figures.get('reopenRate')).toBe('0.25');
  });

  it('narrows to a team, an agent or a priority', async () => {
    const team = (await get(`${PERIOD}&team=${team2}`)).body as ReportSummary;
    expect(team).toMatchObject({
      cases: { created: 1, resolved: 2, reopened: 1 },
      reopenRate: 0.5,
      firstResponse: { medianMinutes: 120, p90Minutes: 120 },
      resolution: { medianMinutes: 1560, p90Minutes: 1656 },
      wait: { medianMinutes: 30 },
      sla: { firstResponseMet: 0, resolutionMet: 0, breached: 2, attainment: 0 },
      csat: { count: 1, average: 2 },
      deflection: { shown: 3, deflected: 1, rate: 0.5 },
    });
    const agent = (await get(`${PERIOD}&agent=${agent1.id}`)).body as ReportSummary;
    expect(agent).toMatchObject({
      cases: { created: 1, resolved: 2, reopened: 0 },
      reopenRate: 0,
      firstResponse: { medianMinutes: 20, p90Minutes: 20 },
      resolution: { medianMinutes: 180, p90Minutes: 228 },
      wait: { medianMinutes: 5 },
      sla: { firstResponseMet: 1, resolutionMet: 1, breached: 0, attainment: 1 },
      csat: { count: 1, average: 5 },
    });
    const low = (await get(`${PERIOD}&priority=low&category=billing`)).body as ReportSummary;
    expect(low).toMatchObject({
      cases: { created: 1, resolved: 0, reopened: 0 },
      reopenRate: null,
      firstResponse: { medianMinutes: null, p90Minutes: null },
      wait: { medianMinutes: null },
      sla: { attainment: null },
      csat: { count: 0, average: null },
    });
  });

  it('gives the same facts per day for the charts', async () => {
    const reply = await get(`${PERIOD}&interval=day`, '/reports/series');
    expect(reply.status).toBe(200);
    const series = reply.body as ReportSeries;
    expect(series.timeZone).toBe('UTC');
    const day = (
      date: string,
      created: number,
      resolved: number,
      breached: number,
      fr: number | null,
      csat: number | null,
    ) => ({
      start: `2026-03-0${date}T00:00:00.000Z`,
      created,
      resolved,
      breached,
      firstResponseMedianMinutes: fr,
      csatAverage: csat,
    });
    expect(series.points).toEqual([
      day('1', 1, 2, 0, 20, 5),
      day('2', 1, 0, 2, 120, null),
      day('3', 0, 2, 0, null, 2),
      day('4', 0, 0, 0, null, null),
      day('5', 1, 0, 0, null, null),
      day('6', 0, 0, 0, null, null),
      day('7', 1, 0, 0, null, null),
    ]);
    const sum = (key: 'created' | 'resolved' | 'breached') =>
      series.points.reduce((total, point) => total + point[key], 0);
    const summary = (await get(PERIOD)).body as ReportSummary;
    expect([sum('created'), sum('resolved'), sum('breached')]).toEqual([
      summary.cases.created,
      summary.cases.resolved,
      summary.sla.breached,
    ]);
    const hourly = (
      await get(`from=2026-03-01T00:00:00.000Z&to=2026-03-02T00:00:00.000Z&interval=hour`, '/reports/series')
    ).body as ReportSeries;
    expect(hourly.points).toHaveLength(24);
    expect(hourly.points[14]).toMatchObject({ start: '2026-03-01T14:00:00.000Z', resolved: 1 });
  });

  it('keeps each closed day once tallied, and tallies it again after a write changes one of its facts', async () => {
    const db = server.ctx.database.db;
    const summary = async (query = PERIOD) => (await get(query)).body as ReportSummary;
    expect((await summary()).cases).toEqual({ created: 4, resolved: 4, reopened: 1 });
    const kept = await db.selectFrom('report_days').select(['day', 'filter']).execute();
    expect(kept).toHaveLength(7);
    const idOf = async (subject: string) =>
      (await db.selectFrom('cases').select('id').where('subject', '=', subject).executeTakeFirstOrThrow()).id;

    expect((await summary(`${PERIOD}&priority=normal`)).cases).toEqual({ created: 2, resolved: 2, reopened: 0 });
    // Any write to an old case counts (here straight to the table, as any code path might): A (03-01,
    // normal, resolved) becomes urgent today.
    await db
      .updateTable('cases')
      .set({ priority: 0, updated_at: Date.now() })
      .where('id', '=', await idOf('A'))
      .execute();
    const urgent = await summary(`${PERIOD}&priority=urgent`);
    expect(urgent.cases).toEqual({ created: 1, resolved: 1, reopened: 0 });
    expect(urgent.csat).toEqual({ count: 1, average: 5 });
    expect((await summary(`${PERIOD}&priority=normal`)).cases).toEqual({ created: 1, resolved: 1, reopened: 0 });

    // A row of the log written with a time in a closed day: A resolved again on 03-04.
    await db
      .insertInto('activity')
      .values(logRow(await idOf('A'), 'case.status_changed', at('2026-03-04T10:00:00'), 'open', 'resolved'))
      .execute();
    expect((await summary()).cases.resolved).toBe(5);

    // A case deleted today leaves the figures of the day it was created on.
    await db
      .updateTable('cases')
      .set({ status: 'deleted', updated_at: Date.now() })
      .where('id', '=', await idOf('E'))
      .execute();
    const after = await summary();
    expect(after.cases.created).toBe(3);
    // A 5 and B 30 minutes (C never assigned).
    expect(after.wait).toEqual({ medianMinutes: 17.5 });

    // A rating removed, and a visit shown suggestions only today, after the case it reported on 03-03:
    // the first changes a closed day, the second none (a case counts after suggestions shown before it).
    await db
      .deleteFrom('csat_ratings')
      .where('case_id', '=', await idOf('B'))
      .execute();
    const customer = await db.selectFrom('users').select('id').where('role', '=', 'customer').executeTakeFirstOrThrow();
    await db
      .insertInto('kb_feedback')
      .values([
        {
          session: 'visit-0005',
          event: 'created',
          slug: '',
          case_id: null,
          user_id: customer.id,
          created_at: at('2026-03-03T09:00:00'),
        },
      ])
      .execute();
    await summary();
    await db
      .insertInto('kb_feedback')
      .values({
        session: 'visit-0005',
        event: 'shown',
        slug: '',
        case_id: null,
        user_id: customer.id,
        created_at: Date.now(),
      })
      .execute();
    const last = await summary();
    expect(last.csat).toEqual({ count: 1, average: 5 });
    const period = { from: Date.parse(last.from), to: Date.parse(last.to) };
    expect(last).toEqual(summarize(await freshTally(server.ctx, period), { from: last.from, to: last.to }));
  });

  it('refuses bad periods naming the field, and anyone but an admin', async () => {
    for (const [query, path, field] of [
      ['from=2026-03-08T00:00:00.000Z&to=2026-03-01T00:00:00.000Z', '/reports/summary', 'from'],
      ['from=2023-01-01T00:00:00.000Z&to=2026-03-01T00:00:00.000Z', '/reports/summary', 'to'],
      ['from=yesterday&to=2026-03-01T00:00:00.000Z', '/reports/summary', 'from'],
      [`${PERIOD}&team=abc`, '/reports/summary', 'team'],
      [`${PERIOD}&priority=asap`, '/reports/summary.csv', 'priority'],
      ['from=2026-01-01T00:00:00.000Z&to=2026-03-01T00:00:00.000Z&interval=hour', '/reports/series', 'interval'],
      [`${PERIOD}&interval=week`, '/reports/series', 'interval'],
    ] as const) {
      const reply = await get(query, path);
      expect(reply.status, query).toBe(422);
      expect(JSON.stringify(reply.body.errors), query).toContain(field);
    }
    expect((await get(PERIOD, '/reports/summary', agent1.token)).status).toBe(403);
    expect((await get(PERIOD, '/reports/summary.csv', agent1.token)).status).toBe(403);
    expect((await server.call('GET', `/api/v1/reports/series?${PERIOD}`, {})).status).toBe(401);
  });
});
