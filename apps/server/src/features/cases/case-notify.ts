import type { NotifyBody } from '@caseflow/contract';
import type { AppContext, Caller } from '../../context.js';
import { notFound } from '../../http/app-error.js';
import { runAssignment } from '../assignment/assignment.engine.js';
import { enqueueJobs } from '../jobs/index.js';
import { MAIL_JOB } from '../mail/index.js';
import { teamContacts } from '../teams/index.js';
import { requireWebhookFor } from '../webhooks/index.js';
import * as repository from './cases.repository.js';
import { caseNumber } from './cases.service.js';

/**
 * SPEC §11: sends the case (its summary, link and the note) to one webhook endpoint, whatever that
 * endpoint's event filter, or to a team's members by mail and in the app. Logged on the case. All of
 * it leaves through the outbox and the jobs table after the commit.
 */
export async function notifyAboutCase(ctx: AppContext, caller: Caller, caseId: number, body: NotifyBody) {
  return runAssignment(ctx, { actorId: caller.userId, trigger: 'case_notified' }, async (scope) => {
    const row = await repository.findCaseRow(scope.trx, caseId, { customerId: null });
    if (!row) throw notFound('case');
    const link = `${ctx.config.publicUrl}/cases/${caseId}`;
    const summary = {
      number: caseNumber(caseId),
      subject: row.subject,
      status: row.status,
      team: row.team_name,
      assignee: row.assignee_name,
      customer: row.customer_name,
    };
    const data = { note: body.note, summary, link, notifiedBy: caller.userId };
    if (body.webhookId !== undefined) {
      const webhook = await requireWebhookFor(scope.trx, body.webhookId);
      scope.emit({ name: 'case.notified', caseId, webhookId: webhook.id, data });
      scope.record({ type: 'case.notified', caseId, to: webhook.description || webhook.url, reason: body.note });
      return { notified: 'webhook' as const, recipients: 1 };
    }
    const { team, members } = await teamContacts(scope.trx, scope.engine, body.teamId ?? 0);
    const subject = `${summary.number}: ${row.subject} — your team was asked to look`;
    const text = `${body.note}\n\n${summary.number} · ${row.subject}\nStatus: ${row.status} · Team: ${row.team_name} · Customer: ${row.customer_name}\n\nOpen the case: ${link}`;
    await enqueueJobs(
      scope.trx,
      members.map((member) => ({ kind: MAIL_JOB, payload: { to: member.email, subject, text } })),
      scope.now,
    );
    scope.publish({ name: 'case.notified', caseId, recipients: members.map((member) => member.id) });
    scope.emit({ name: 'case.notified', caseId, data: { ...data, teamId: team.id } });
    scope.record({ type: 'case.notified', caseId, to: team.name, reason: body.note });
    return { notified: 'team' as const, recipients: members.length };
  });
}
