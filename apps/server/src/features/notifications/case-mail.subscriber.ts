import type { Trx } from '../../db/transaction.js';
import { listAgentsNotifiedOnAssignment } from '../agents/agents.service.js';
import { enqueueJobs, type NewJob } from '../jobs/index.js';
import type { OutboxEvent } from '../outbox/index.js';
import { CASE_MAIL_JOBS, returnMailPayload } from './case-mail.jobs.js';

/** A case's customer mail goes out one at a time, in order: a reply's mail before the resolution's. */
const caseQueue = (caseId: number) => `mail:case:${caseId}`;

function customerJob(event: OutboxEvent): NewJob | undefined {
  const caseId = event.caseId;
  if (caseId === undefined) return undefined;
  if (event.name === 'message.created' && event.internal !== true && event.messageId !== undefined) {
    return { kind: CASE_MAIL_JOBS.reply, payload: { caseId, messageId: event.messageId }, queueKey: caseQueue(caseId) };
  }
  if (event.name === 'case.resolved') {
    return { kind: CASE_MAIL_JOBS.resolved, payload: { caseId }, queueKey: caseQueue(caseId) };
  }
  if (event.name === 'return.updated') {
    // Each move is its own mail, saying the state it moved to (not whatever the return is in by then).
    const move = returnMailPayload.omit({ caseId: true }).safeParse(event.data);
    if (!move.success) return undefined;
    return { kind: CASE_MAIL_JOBS.returnUpdated, payload: { caseId, ...move.data }, queueKey: caseQueue(caseId) };
  }
  return undefined;
}

/**
 * The outbox's mail subscriber (SPEC §11), in the dispatcher's transaction: a public message, a
 * resolution or a return's move becomes a job that mails the customer, an assignment a job that mails the agent if they
 * opted in. Nothing is sent here; each job reads the case again and sends after the commit, so an
 * internal note, the customer's own message, an unsubscribe or a closed account is honoured then.
 */
export async function enqueueCaseMail(trx: Trx, rows: readonly { events: OutboxEvent[] }[]) {
  const events = rows.flatMap((row) => row.events);
  const jobs = events.flatMap((event) => customerJob(event) ?? []);
  const assignments = events.filter((event) => event.name === 'case.assigned' && event.agentId !== undefined);
  // Intake assigns many cases per batch and few agents opt in: read the few, not an agent per event.
  if (assignments.length > 0) {
    const notified = await listAgentsNotifiedOnAssignment(trx);
    for (const { caseId, agentId } of assignments) {
      if (caseId !== undefined && agentId !== undefined && notified.has(agentId)) {
        jobs.push({ kind: CASE_MAIL_JOBS.assigned, payload: { caseId, agentId } });
      }
    }
  }
  await enqueueJobs(trx, jobs, Date.now());
}
