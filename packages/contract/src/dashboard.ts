import { z } from 'zod';
import { agentSchema } from './agents.js';
import { nullableTimestamp, timestampSchema } from './common.js';
import { teamQueueSchema } from './teams.js';

export const DASHBOARD_AGENTS = 50;

export const dashboardSchema = z.object({
  queue: z.object({
    size: z.number().int(),
    oldestCreatedAt: nullableTimestamp,
    oldestWaitSeconds: z.number().int().nullable(),
  }),
  cases: z.object({ new: z.number().int(), open: z.number().int(), pending: z.number().int() }),
  /** Every current agent, counted by state (`available` = has spare capacity). */
  agentTotals: z.object({
    total: z.number().int(),
    available: z.number().int(),
    busy: z.number().int(),
    away: z.number().int(),
    activeCases: z.number().int(),
    capacity: z.number().int(),
  }),
  /** The busiest agents first, at most DASHBOARD_AGENTS of them (the agents page lists everyone). */
  agents: z.array(agentSchema),
  /** The last 24 hours, oldest first; `hour` is the start of each hour and the last one is the current hour. */
  hourly: z.array(z.object({ hour: timestampSchema, created: z.number().int(), resolved: z.number().int() })),
  /** Each team's queue and free capacity, by name. */
  teams: z.array(teamQueueSchema),
  generatedAt: timestampSchema,
});
export type Dashboard = z.infer<typeof dashboardSchema>;
