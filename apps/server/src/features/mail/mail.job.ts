import type { AppContext } from '../../context.js';
import type { JobDefinition } from '../jobs/index.js';
import type { OutgoingMail } from './mailer.js';

export const MAIL_JOB = 'mail.send';

/** Mail written by a transaction goes out after its commit, as a job (kept in the mailbox, sent if SMTP is set). */
export function mailJob(ctx: AppContext): JobDefinition {
  return {
    retryDelaysMs: [30_000, 5 * 60_000, 30 * 60_000],
    async handle(job) {
      await ctx.mailer.send(job.payload as OutgoingMail);
      return undefined;
    },
  };
}
