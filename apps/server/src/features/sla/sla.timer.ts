import type { AppContext } from '../../context.js';
import { toIso } from '../../http/time.js';
import { type AssignmentScope, commitAssignment } from '../assignment/assignment.engine.js';
import { ALERT, crossedBy, nextAlertAt } from './sla.clock.js';
import { type ClockRow, findDueClocks, hasDueClock, updateClock } from './sla.repository.js';

/** Breaches are announced within about this long of their due time. */
const TICK_MS = 1_000;
const BATCH = 500;

const BREACHES = [
  { bit: ALERT.firstResponseBreach, target: 'first_response', dueAt: 'sla_first_response_due_at' },
  { bit: ALERT.resolutionBreach, target: 'resolution', dueAt: 'sla_resolution_due_at' },
] as const;

/**
 * Raises what the clock of one case has crossed since the timer last looked: at risk or breached
 * becomes `case.updated` (the workspace and dashboard redraw it), a breach is also `sla.breached`
 * for integrations and a line in the case's activity. The row's alert bits make each crossing raise once.
 */
async function raiseCrossings(scope: AssignmentScope, row: ClockRow) {
  const running = (row.status === 'new' || row.status === 'open') && row.sla_paused_at === null;
  if (!running) {
    await updateClock(scope.trx, row, { sla_next_alert_at: null });
    return;
  }
  const firstResponded = row.first_response_at !== null;
  const fresh = crossedBy(row, firstResponded, scope.now) & ~row.sla_alerts;
  const alerts = row.sla_alerts | fresh;
  const written = await updateClock(scope.trx, row, {
    sla_alerts: alerts,
    sla_next_alert_at: nextAlertAt(row, { firstResponded, alerts }),
  });
  if (!written || fresh === 0) return;
  for (const { bit, target, dueAt } of BREACHES) {
    const due = row[dueAt];
    if ((fresh & bit) === 0 || due === null) continue;
    scope.record({ type: 'case.sla_breached', caseId: row.id, to: target });
    scope.emit({ name: 'sla.breached', caseId: row.id, data: { target, dueAt: toIso(due) } });
  }
  scope.publish({ name: 'case.updated', caseId: row.id, customerId: row.customer_id });
}

/**
 * SPEC §13's durable timer, a background pump in every process: due times live in the cases' rows,
 * so a restart loses nothing, and one partial index finds the crossings due (rows held by another
 * process's timer are skipped). True when a full batch was found, so the runner comes back at once.
 */
export function createSlaTimer(ctx: AppContext) {
  let lastRunAt = 0;
  return async () => {
    const now = Date.now();
    if (now - lastRunAt < TICK_MS) return false;
    lastRunAt = now;
    // Most ticks find nothing: one indexed read, no write transaction.
    if (!(await hasDueClock(ctx.database.db, now))) return false;
    const more = await commitAssignment(ctx, { actorId: null, trigger: 'sla_timer' }, async (scope) => {
      const rows = await findDueClocks(scope.trx, scope.engine, scope.now, BATCH);
      for (const row of rows) await raiseCrossings(scope, row);
      return rows.length === BATCH;
    });
    if (more) lastRunAt = 0;
    return more;
  };
}
