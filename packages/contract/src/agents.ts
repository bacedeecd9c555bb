import { z } from 'zod';
import { emailSchema, nameSchema, nullableTimestamp, passwordSchema } from './common.js';

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
});
export type Agent = z.infer<typeof agentSchema>;

export const createAgentBody = z.object({
  email: emailSchema,
  name: nameSchema,
  password: passwordSchema.optional(),
  capacity: capacitySchema.default(1),
});
export const updateAgentBody = z
  .object({ name: nameSchema, capacity: capacitySchema, availability: availabilitySchema })
  .partial()
  .refine((body) => Object.keys(body).length > 0, 'give at least one of name, capacity, availability');
export const agentListResponse = z.object({ items: z.array(agentSchema) });

export type CreateAgentBody = z.infer<typeof createAgentBody>;
export type UpdateAgentBody = z.infer<typeof updateAgentBody>;
