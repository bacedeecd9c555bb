import { z } from 'zod';
import { personRefSchema, timestampSchema } from './common.js';

export const activityTypeSchema = z.enum([
  'case.created',
  'case.assigned',
  'case.released',
  'case.status_changed',
  'case.priority_changed',
  'case.deleted',
  'case.routed',
  'case.transferred',
  'case.category_changed',
  'case.tags_changed',
  'case.retriaged',
  'case.notified',
  'case.sla_breached',
  'case.rated',
  'return.state_changed',
  'agent.added',
  'agent.availability_changed',
  'agent.capacity_changed',
  'agent.removed',
  'agent.teams_changed',
]);
export type ActivityType = z.infer<typeof activityTypeSchema>;

export const activityEventSchema = z.object({
  id: z.number().int(),
  type: activityTypeSchema,
  caseId: z.number().int().nullable(),
  agent: personRefSchema.nullable(),
  actor: personRefSchema.nullable(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  reason: z.string().nullable(),
  createdAt: timestampSchema,
});
export type ActivityEvent = z.infer<typeof activityEventSchema>;
export const activityList = z.object({ items: z.array(activityEventSchema) });
