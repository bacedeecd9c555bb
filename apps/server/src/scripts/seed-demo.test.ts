import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OUTCOME_STATE_OF } from '@caseflow/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../bootstrap.js';
import { loadConfig } from '../config.js';
import type { AppContext } from '../context.js';
import { listAgents } from '../features/agents/agents.service.js';
import { checkInvariants } from '../features/assignment/invariant-checker.js';
import { reportSeries, reportSummary } from '../features/reports/reports.service.js';
import { listTeams } from '../features/teams/teams.service.js';
import { DEMO_CUSTOMERS } from './demo-accounts.js';
import { seedDemo } from './demo-shop.js';

describe('seedDemo', () => {
  let dataDir: string;
  let ctx: AppContext;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'caseflow-seed-'));
    // No ADMIN_EMAIL: the seeder must bring its own admin.
    ctx = await createContext(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), { log: { error: () => {} } });
  });

  afterAll(async () => {
    await ctx.database.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('leaves cases in every status through the real services, and a second run adds nothing', async () => {
    const first = await seedDemo(ctx);
    expect(first.alreadySeeded).toBe(false);
    const counts = first.statusCounts;
    expect(counts.new).toBeGreaterThan(0);
    expect(counts.open).toBeGreaterThan(0);
    expect(counts.pending).toBeGreaterThan(0);
    expect(counts.resolved).toBeGreaterThan(0);
    expect(counts.new + counts.open + counts.pending + counts.resolved).toBe(80 + first.created.pastCases);

    // Thirty days of history (SPEC §13): every day has cases, and every report figure has something to show.
    const now = Date.now();
    const period = { from: new Date(now - 31 * 86_400_000).toISOString(), to: new Date(now).toISOString() };
    const summary = await reportSummary(ctx, period);
    expect(first.created.pastCases).toBeGreaterThan(150);
    expect(summary.cases.resolved).toBeGreaterThanOrEqual(first.created.pastCases);
    expect(summary.cases.reopened).toBeGreaterThan(0);
    expect(summary.sla.breached).toBeGreaterThan(0);
    expect(summary.sla.firstResponseMet).toBeGreaterThan(summary.sla.breached);
    expect(summary.csat.count).toBeGreaterThan(50);
    expect(summary.deflection.shown).toBeGreaterThan(50);
    expect(summary.firstResponse.medianMinutes).toBeGreaterThan(10);
    const series = await reportSeries(ctx, { ...period, interval: 'day' });
    expect(series.points.filter((point) => point.created > 0).length).toBeGreaterThanOrEqual(30);

    const { items: agents } = await listAgents(ctx);
    expect(agents).toHaveLength(6);
    expect(agents.filter((agent) => agent.state === 'away')).toHaveLength(2);
    // Teams (SPEC §8): the demo's four, every one staffed, cases spread over them, agents in one or two.
    const teams = await listTeams(ctx);
    expect(teams.map((team) => team.name).sort()).toEqual(['Billing', 'Delivery & orders', 'Returns desk', 'Support']);
    for (const team of teams) expect(team.memberCount).toBeGreaterThan(0);
    expect(new Set(agents.map((agent) => agent.teams.length))).toEqual(new Set([1, 2]));
    const caseTeams = await ctx.database.db.selectFrom('cases').select('team_id').distinct().execute();
    expect(caseTeams.length).toBeGreaterThanOrEqual(3);
    // Returns (SPEC §12): the demo's stand in every state of the workflow, each with its label once sent.
    const returns = await ctx.database.db.selectFrom('returns').select(['state', 'label_attachment_id']).execute();
    const states = new Set(returns.map((row) => row.state));
    for (const state of ['requested', 'approved', 'rejected', 'label_sent', 'received'] as const) {
      expect(states, state).toContain(state);
    }
    const outcomes = Object.values(OUTCOME_STATE_OF).filter((state) => states.has(state));
    expect(outcomes.length).toBeGreaterThanOrEqual(2);
    expect(first.created.returns).toBe(returns.filter((row) => row.state !== 'requested').length);
    for (const row of returns) {
      const labelled = !['requested', 'approved', 'rejected'].includes(row.state);
      expect(row.label_attachment_id !== null, `a ${row.state} return's label`).toBe(labelled);
    }
    const customers = await ctx.database.db.selectFrom('users').select('id').where('role', '=', 'customer').execute();
    expect(customers).toHaveLength(DEMO_CUSTOMERS.length);
    expect((await checkInvariants(ctx.database.db)).violations).toEqual([]);

    const second = await seedDemo(ctx);
    expect(second.alreadySeeded).toBe(true);
    expect(second.statusCounts).toEqual(first.statusCounts);
    expect((await listAgents(ctx)).items).toHaveLength(6);
  });
});
