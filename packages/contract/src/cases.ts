import { z } from 'zod';
import {
  idSchema,
  nullableTimestamp,
  pageOf,
  pageQuery,
  personRefSchema,
  textSchema,
  timestampSchema,
} from './common.js';

export const returnReasonSchema = z.enum([
  'damaged',
  'defective',
  'wrong_item',
  'not_as_described',
  'no_longer_needed',
  'other',
]);
export const desiredOutcomeSchema = z.enum(['refund', 'replacement', 'repair', 'store_credit']);
/** Listed from most to least urgent: the index is the queue rank. */
export const prioritySchema = z.enum(['urgent', 'high', 'normal', 'low']);
export const caseStatusSchema = z.enum(['new', 'open', 'pending', 'resolved']);
export type Priority = z.infer<typeof prioritySchema>;
export type CaseStatus = z.infer<typeof caseStatusSchema>;

export const createCaseBody = z.object({
  subject: textSchema(200),
  description: textSchema(10_000),
  orderNumber: textSchema(64).optional(),
  product: textSchema(200).optional(),
  reason: returnReasonSchema.optional(),
  desiredOutcome: desiredOutcomeSchema.optional(),
});
export type CreateCaseBody = z.infer<typeof createCaseBody>;
/** A client-chosen key: retries with the same key return the case the first request created. */
export const createCaseHeaders = z.object({
  'idempotency-key': z.string().trim().min(1).max(255).optional(),
});

export const caseSchema = z.object({
  id: z.number().int(),
  number: z.string(),
  subject: z.string(),
  description: z.string(),
  orderNumber: z.string().nullable(),
  product: z.string().nullable(),
  reason: returnReasonSchema.nullable(),
  desiredOutcome: desiredOutcomeSchema.nullable(),
  priority: prioritySchema,
  status: caseStatusSchema,
  customer: personRefSchema,
  assignee: personRefSchema.nullable(),
  createdAt: timestampSchema,
  assignedAt: nullableTimestamp,
  firstResponseAt: nullableTimestamp,
  resolvedAt: nullableTimestamp,
  updatedAt: timestampSchema,
});
export type Case = z.infer<typeof caseSchema>;

export const listCasesQuery = pageQuery.extend({
  status: caseStatusSchema.optional(),
  priority: prioritySchema.optional(),
  assignee: z.union([z.enum(['me', 'none']), idSchema]).optional(),
});
export type ListCasesQuery = z.infer<typeof listCasesQuery>;
export const casePage = pageOf(caseSchema);

export const updateCaseBody = z
  .object({ status: z.enum(['open', 'pending']), priority: prioritySchema })
  .partial()
  .refine((body) => Object.keys(body).length > 0, 'give at least one of status, priority');
export type UpdateCaseBody = z.infer<typeof updateCaseBody>;

export const assignCaseBody = z.object({ agentId: idSchema });
