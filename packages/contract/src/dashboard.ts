import { z } from 'zod';
import { agentSchema } from './agents.js';
import { nullableTimestamp, timestampSchema } from './common.js';

export const dashboardSchema = z.object({
  queue: z.object({
    size: z.number().int(),
    oldestCreatedAt: nullableTimestamp,
    oldestWaitSeconds: z.number().int().nullable(),
  }),
  cases: z.object({ new: z.number().int(), open: z.number().int(), pending: z.number().int() }),
  agents: z.array(agentSchema),
  /** The last 24 hours, oldest first; `hour` is the start of each hour and the last one is the current hour. */
  hourly: z.array(z.object({ hour: timestampSchema, created: z.number().int(), resolved: z.number().int() })),
  generatedAt: timestampSchema,
});
export type Dashboard = z.infer<typeof dashboardSchema>;
