import { z } from 'zod';
import { attachmentIdsSchema } from './attachments.js';
import {
  idSchema,
  nullableTimestamp,
  pageOf,
  pageQuery,
  personRefSchema,
  textSchema,
  timestampSchema,
} from './common.js';
import { PRIORITY_RANK, type Priority, priorityOfRank, prioritySchema } from './priority.js';
import { caseReturnSchema, deliveredAtSchema, desiredOutcomeSchema, returnReasonSchema } from './returns.js';
import { caseSlaSchema } from './sla.js';
import { categorySchema, teamRefSchema } from './teams.js';
import { tagsSchema, triageRecordSchema } from './triage.js';

export { PRIORITY_RANK, type Priority, priorityOfRank, prioritySchema };

/** A customer may reopen a resolved case for this long after its resolution (SPEC §2). */
export const REOPEN_WINDOW_DAYS = 14;
export const REOPEN_WINDOW_MS = REOPEN_WINDOW_DAYS * 24 * 3_600_000;
export const caseStatusSchema = z.enum(['new', 'open', 'pending', 'resolved']);
export type CaseStatus = z.infer<typeof caseStatusSchema>;

/** The longest text a case's fields hold: the one definition, for the API's schema and every intake door. */
export const CASE_TEXT_LIMITS = { subject: 200, description: 10_000, orderNumber: 64, product: 200 } as const;

export const createCaseBody = z.object({
  subject: textSchema(CASE_TEXT_LIMITS.subject),
  description: textSchema(CASE_TEXT_LIMITS.description),
  orderNumber: textSchema(CASE_TEXT_LIMITS.orderNumber).optional(),
  product: textSchema(CASE_TEXT_LIMITS.product).optional(),
  reason: returnReasonSchema.optional(),
  desiredOutcome: desiredOutcomeSchema.optional(),
  /** When the order arrived (with a desiredOutcome: a return over 30 days later is flagged late). */
  deliveredAt: deliveredAtSchema.optional(),
  /** The item was sold as final sale (the shop's form or integration knows); flagged, never refused. */
  finalSale: z.boolean().optional(),
  /** What the case is about, if the customer knows; leaving it out means "not sure" (triage decides). */
  category: categorySchema.optional(),
  /** Photos or documents (POST /uploads) for the case's first message. */
  attachmentIds: attachmentIdsSchema.optional(),
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
  category: categorySchema.nullable(),
  /** Staff only (empty for the customer). */
  tags: z.array(z.string()),
  /** Staff only (null for the customer, and for cases from before triage). */
  triage: triageRecordSchema.nullable(),
  team: teamRefSchema,
  status: caseStatusSchema,
  customer: personRefSchema,
  assignee: personRefSchema.nullable(),
  createdAt: timestampSchema,
  assignedAt: nullableTimestamp,
  firstResponseAt: nullableTimestamp,
  resolvedAt: nullableTimestamp,
  updatedAt: timestampSchema,
  /** SPEC §13: due times in business hours and where the case stands; null when no policy covers its priority. */
  sla: caseSlaSchema.nullable(),
  /** SPEC §12: the return a case carries when its customer asked for a refund, replacement, repair or credit. */
  return: caseReturnSchema.nullable(),
});
export type Case = z.infer<typeof caseSchema>;

export const listCasesQuery = pageQuery
  .extend({
    /**
     * `newest` (the default): newest first. `queue`: the order the queue is served in (SPEC §2 rule 1:
     * priority, urgent first, then oldest, then id), for queued cases (`status=new`) only.
     */
    order: z.enum(['newest', 'queue']).optional(),
    status: caseStatusSchema.optional(),
    priority: prioritySchema.optional(),
    assignee: z.union([z.enum(['me', 'none']), idSchema]).optional(),
    team: idSchema.optional(),
    category: categorySchema.optional(),
    /** SPEC §13: active cases at risk (80 % of a target gone) or past a target, newest first. */
    sla: z.enum(['at_risk', 'breached']).optional(),
  })
  .refine((query) => query.order !== 'queue' || query.status === 'new', {
    path: ['order'],
    message: 'queue order lists queued cases: use it with status=new',
  });
export type ListCasesQuery = z.infer<typeof listCasesQuery>;
export const casePage = pageOf(caseSchema);

/** Staff's changes; a change of what triage decided (category, priority, tags) is logged as a correction. */
export const updateCaseBody = z
  .object({ status: z.enum(['open', 'pending']), priority: prioritySchema, category: categorySchema, tags: tagsSchema })
  .partial()
  .refine((body) => Object.keys(body).length > 0, 'give at least one of status, priority, category, tags');
export type UpdateCaseBody = z.infer<typeof updateCaseBody>;

export const assignCaseBody = z.object({ agentId: idSchema });
