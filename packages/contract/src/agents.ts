import { z } from 'zod';
import {
  emailSchema,
  nameSchema,
  nullableTimestamp,
  optionalTextSchema,
  pageOf,
  pageQuery,
  passwordSchema,
} from './common.js';
import { teamRefSchema } from './teams.js';

export const availabilitySchema = z.enum(['available', 'away']);
export type Availability = z.infer<typeof availabilitySchema>;
export const agentStateSchema = z.enum(['available', 'busy', 'away']);
export type AgentState = z.infer<typeof agentStateSchema>;
export const capacitySchema = z.number().int().min(1).max(50);

export const agentSchema = z.object({
  id: z.number().int(),
  email: z.string(),
  name: z.string(),
  capacity: z.number().int(),
  availability: availabilitySchema,
  state: agentStateSchema,
  activeCases: z.number().int(),
  lastAssignedAt: nullableTimestamp,
  teams: z.array(teamRefSchema),
  /** Whether the agent asked for an email on each new assignment (SPEC §11); off by default. */
  notifyOnAssignment: z.boolean(),
});
export type Agent = z.infer<typeof agentSchema>;

export const createAgentBody = z.object({
  email: emailSchema,
  name: nameSchema,
  password: passwordSchema.optional(),
  capacity: capacitySchema.default(1),
});
export const updateAgentBody = z
  .object({
    name: nameSchema,
    capacity: capacitySchema,
    availability: availabilitySchema,
    notifyOnAssignment: z.boolean(),
  })
  .partial()
  .refine(
    (body) => Object.keys(body).length > 0,
    'give at least one of name, capacity, availability, notifyOnAssignment',
  );

/** An agent cursor carries the last name seen (up to 300 bytes of UTF-8), so it outgrows the case cursor's 200. */
export const agentCursorSchema = z.base64url('not a cursor returned by this API').max(600);
export const listAgentsQuery = pageQuery.extend({
  cursor: agentCursorSchema.optional(),
  q: optionalTextSchema(254).optional().describe('Part of a name or email, in any case; empty means every agent'),
});
export type ListAgentsQuery = z.infer<typeof listAgentsQuery>;
export const agentPage = pageOf(agentSchema);
export type AgentPage = z.infer<typeof agentPage>;

export type CreateAgentBody = z.infer<typeof createAgentBody>;
export type UpdateAgentBody = z.infer<typeof updateAgentBody>;
