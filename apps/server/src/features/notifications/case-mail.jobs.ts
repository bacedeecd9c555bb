import { returnStateSchema } from '@caseflow/contract';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { findMailRecipient } from '../accounts/accounts.service.js';
import { findAssignmentMailRecipient } from '../agents/agents.service.js';
import { getCaseForNotification } from '../cases/cases.service.js';
import { getMessageForNotification } from '../conversation/conversation.service.js';
import { csatToken } from '../csat/index.js';
import type { JobDefinition } from '../jobs/index.js';
import { assignmentMail, replyMail, resolvedMail, returnMail } from './case-mail.templates.js';
import { unsubscribeToken } from './unsubscribe-token.js';

export const CASE_MAIL_JOBS = {
  reply: 'mail.case_reply',
  resolved: 'mail.case_resolved',
  assigned: 'mail.case_assigned',
  returnUpdated: 'mail.return_updated',
} as const;

const replyPayload = z.object({ caseId: z.number().int(), messageId: z.number().int() });
const resolvedPayload = z.object({ caseId: z.number().int() });
const assignedPayload = z.object({ caseId: z.number().int(), agentId: z.number().int() });
/** One move of a case's return (the `return.updated` event's data): the state it moved to and why. */
export const returnMailPayload = z.object({
  caseId: z.number().int(),
  rma: z.string(),
  to: returnStateSchema,
  reason: z.string().nullable(),
});

/** Sending goes through the mailer, which keeps a failed SMTP delivery in the mailbox: these retry only database trouble. */
const RETRY_DELAYS_MS = [30_000, 5 * 60_000, 30 * 60_000];

function linksFor(ctx: AppContext, caseId: number, userId: number) {
  const base = ctx.config.publicUrl;
  return {
    caseUrl: `${base}/cases/${caseId}`,
    rateUrl: `${base}/rate?token=${csatToken(ctx.secretKey, caseId)}`,
    unsubscribeUrl: `${base}/api/v1/mail/unsubscribe?token=${unsubscribeToken(ctx.secretKey, userId)}`,
    accountUrl: `${base}/account`,
  };
}

/** The case's customer, if mail may reach them now: an active account that has not opted out. */
async function customerOf(ctx: AppContext, customerId: number) {
  const recipient = await findMailRecipient(ctx.database.db, customerId);
  return recipient?.canReceive && recipient.role === 'customer' ? recipient : undefined;
}

/**
 * Mail about cases (SPEC §11), each job checking at send time what may have changed since the event:
 * a deleted message or case, an unsubscribe, a closed account, a reopened case, an agent's opt-out.
 * Such a job ends without mail. At-least-once: a crash between the send and the job's end sends twice.
 */
export function caseMailJobs(ctx: AppContext): [string, JobDefinition][] {
  const reply: JobDefinition = {
    retryDelaysMs: RETRY_DELAYS_MS,
    async handle(job) {
      const { caseId, messageId } = replyPayload.parse(job.payload);
      const message = await getMessageForNotification(ctx, caseId, messageId);
      // Never for internal notes, and never for what the customer wrote themselves.
      if (!message || message.internal || message.author.role === 'customer') return undefined;
      const found = await getCaseForNotification(ctx, caseId);
      const customer = found && (await customerOf(ctx, found.customerId));
      if (!found || !customer) return undefined;
      await ctx.mailer.send(
        replyMail({
          to: customer.email,
          customerName: customer.name,
          case: found,
          authorName: message.author.name,
          body: message.body,
          links: linksFor(ctx, caseId, customer.id),
        }),
      );
      return undefined;
    },
  };
  const resolved: JobDefinition = {
    retryDelaysMs: RETRY_DELAYS_MS,
    async handle(job) {
      const { caseId } = resolvedPayload.parse(job.payload);
      const found = await getCaseForNotification(ctx, caseId);
      // Reopened (or deleted) before the mail left: telling the customer it is resolved would be wrong.
      if (found?.status !== 'resolved') return undefined;
      const customer = await customerOf(ctx, found.customerId);
      if (!customer) return undefined;
      await ctx.mailer.send(
        resolvedMail({
          to: customer.email,
          customerName: customer.name,
          case: found,
          links: linksFor(ctx, caseId, customer.id),
        }),
      );
      return undefined;
    },
  };
  const assigned: JobDefinition = {
    retryDelaysMs: RETRY_DELAYS_MS,
    async handle(job) {
      const { caseId, agentId } = assignedPayload.parse(job.payload);
      const found = await getCaseForNotification(ctx, caseId);
      // Already handed on (away, transferred, reassigned): the mail would send them to someone else's case.
      if (!found || found.assigneeId !== agentId) return undefined;
      const agent = await findAssignmentMailRecipient(ctx.database.db, agentId);
      if (!agent?.canReceive) return undefined;
      await ctx.mailer.send(
        assignmentMail({
          to: agent.email,
          agentName: agent.name,
          case: found,
          links: linksFor(ctx, caseId, agentId),
        }),
      );
      return undefined;
    },
  };
  const returnUpdated: JobDefinition = {
    retryDelaysMs: RETRY_DELAYS_MS,
    async handle(job) {
      const { caseId, rma, to, reason } = returnMailPayload.parse(job.payload);
      const found = await getCaseForNotification(ctx, caseId);
      const customer = found && (await customerOf(ctx, found.customerId));
      if (!found || !customer) return undefined;
      await ctx.mailer.send(
        returnMail({
          to: customer.email,
          customerName: customer.name,
          case: found,
          rma,
          state: to,
          reason,
          links: linksFor(ctx, caseId, customer.id),
        }),
      );
      return undefined;
    },
  };
  return [
    [CASE_MAIL_JOBS.reply, reply],
    [CASE_MAIL_JOBS.resolved, resolved],
    [CASE_MAIL_JOBS.assigned, assigned],
    [CASE_MAIL_JOBS.returnUpdated, returnUpdated],
  ];
}
