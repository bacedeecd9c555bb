import { DASHBOARD_AGENTS, type Dashboard } from '@caseflow/contract';
import type { AppContext } from '../../context.js';
import { toIso, toIsoOrNull } from '../../http/time.js';
import { summarizeAgents } from '../agents/agents.service.js';
import { countCasesPerHour, dashboardCounts } from '../cases/cases.service.js';
import { teamQueues } from '../teams/index.js';

const HOUR_MS = 3_600_000;
const HOURS = 24;

/** 24 hourly buckets ending with the current (partial) hour, oldest first, empty hours included. */
async function hourlyActivity(ctx: AppContext, now: number): Promise<Dashboard['hourly']> {
  const firstHour = Math.floor(now / HOUR_MS) * HOUR_MS - (HOURS - 1) * HOUR_MS;
  const { created, resolved } = await countCasesPerHour(ctx, firstHour);
  return Array.from({ length: HOURS }, (_, index) => {
    const hour = firstHour + index * HOUR_MS;
    return { hour: toIso(hour), created: created.get(hour) ?? 0, resolved: resolved.get(hour) ?? 0 };
  });
}

export async function getDashboard(ctx: AppContext): Promise<Dashboard> {
  const now = Date.now();
  const [{ counts, oldestQueuedAt }, agents, hourly, teams] = await Promise.all([
    dashboardCounts(ctx),
    summarizeAgents(ctx, DASHBOARD_AGENTS),
    hourlyActivity(ctx, now),
    teamQueues(ctx, now),
  ]);
  // Every open or pending case is held by an agent and counted in its load (the assignment engine
  // keeps both in one transaction), so the open ones need no count of their own: at a million cases,
  // counting ~75,000 active ones was PostgreSQL's slowest part of the dashboard (RESULTS.md, session 7).
  // The two reads are not one snapshot: a case resolved between them must not make the figure negative.
  const open = Math.max(0, agents.totals.activeCases - counts.pending);
  return {
    queue: {
      size: counts.queued,
      oldestCreatedAt: toIsoOrNull(oldestQueuedAt),
      oldestWaitSeconds: oldestQueuedAt === null ? null : Math.max(0, Math.round((now - oldestQueuedAt) / 1000)),
    },
    cases: { new: counts.queued, open, pending: counts.pending },
    agentTotals: agents.totals,
    agents: agents.busiest,
    hourly,
    teams,
    generatedAt: toIso(now),
  };
}
