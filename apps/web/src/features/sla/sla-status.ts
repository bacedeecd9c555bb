import type { Case, SlaState } from '@caseflow/contract';
import { formatMinutes } from '../../lib/format';

/** What the badge needs from a case. */
export type SlaSubject = Pick<Case, 'sla' | 'status' | 'firstResponseAt' | 'resolvedAt'>;

export type SlaView = { state: SlaState; label: string; detail: string };

const labels: Record<SlaState, string> = {
  ok: 'On track',
  at_risk: 'At risk',
  breached: 'Breached',
  paused: 'Paused',
  met: 'Met',
};

// At least a minute: "due in 0 min" reads like a mistake.
const span = (ms: number) => formatMinutes(Math.max(1, Math.round(Math.abs(ms) / 60_000)));

const dueIn = (target: string, dueAt: number, now: number) =>
  dueAt >= now ? `${target} due in ${span(dueAt - now)}` : `${target} overdue by ${span(now - dueAt)}`;

/** A breached case: which target was missed and, while its clock runs, by how much. */
function breachDetail(item: SlaSubject, firstReplyDue: number, resolutionDue: number, now: number) {
  const repliedAt = item.firstResponseAt === null ? null : Date.parse(item.firstResponseAt);
  if (item.status === 'resolved') {
    const resolvedAt = item.resolvedAt === null ? now : Date.parse(item.resolvedAt);
    const isReplyLate = (repliedAt ?? resolvedAt) > firstReplyDue;
    const isResolvedLate = resolvedAt > resolutionDue;
    if (isReplyLate && isResolvedLate) return 'first reply and resolution were late';
    return isResolvedLate ? 'resolved late' : 'first reply was late';
  }
  // Pending: the clock stopped, so no amount that keeps growing while the customer is asked.
  if (item.status === 'pending') {
    if (repliedAt === null) return 'first reply target missed';
    return repliedAt > firstReplyDue ? 'first reply was late' : 'resolution target missed';
  }
  if (repliedAt === null) return dueIn('first reply', firstReplyDue, now);
  if (now > resolutionDue) return dueIn('resolution', resolutionDue, now);
  return repliedAt > firstReplyDue
    ? `first reply was late; ${dueIn('resolution', resolutionDue, now)}`
    : 'a target was missed';
}

/**
 * The case's SLA in words, for staff: the state and the due time that matters now (the first reply until
 * there is one, then the resolution). Due times are wall-clock instants; the server already counted them
 * in business hours. Null when no policy covers the case.
 */
export function describeSla(item: SlaSubject, now: number): SlaView | null {
  const { sla } = item;
  if (!sla) return null;
  const firstReplyDue = Date.parse(sla.firstResponseDueAt);
  const resolutionDue = Date.parse(sla.resolutionDueAt);
  const view = (detail: string): SlaView => ({ state: sla.state, label: labels[sla.state], detail });
  switch (sla.state) {
    case 'ok':
    case 'at_risk':
      return view(
        item.firstResponseAt === null
          ? dueIn('first reply', firstReplyDue, now)
          : dueIn('resolution', resolutionDue, now),
      );
    case 'breached':
      return view(breachDetail(item, firstReplyDue, resolutionDue, now));
    case 'paused':
      return view('waiting on the customer');
    case 'met':
      return view('every target met');
  }
}
