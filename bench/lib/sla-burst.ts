// The SLA timer under a burst (SPEC §13): the newest running cases get fresh due times, a chunk of them
// due within the next seconds, and the live server's durable timer is watched raising them. Stamps are
// written as `stampsFor` would leave them; the counts come from the activity log and the outbox.

import type { Db } from '../../apps/server/src/db/database.js';
import { ALERT, nextAlertAt } from '../../apps/server/src/features/sla/sla.clock.js';

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

export interface SlaBurst {
  startedAt: number;
  /** Case id → when its resolution is due (the cases that must breach now). */
  dueAt: Map<number, number>;
  /** The other chosen cases: nothing of theirs is due for an hour. */
  quiet: Set<number>;
  activityAfter: number;
  outboxAfter: number;
}

/**
 * Restamps the `active` newest running cases (new or open, clock not paused): `due` of them, spread
 * evenly, breach their resolution target one by one over `windowMs` from `leadMs` on (their risk and
 * first-response alerts already raised, so each owes exactly one `sla.breached`); the rest are due
 * hours from now.
 */
export async function prepareSlaBurst(
  db: Db,
  options: { active: number; due: number; windowMs: number; leadMs: number },
): Promise<SlaBurst> {
  const chosen = await db
    .selectFrom('cases')
    .select(['id', 'first_response_at'])
    .where('status', 'in', ['new', 'open'])
    .where('sla_paused_at', 'is', null)
    .where('sla_resolution_due_at', 'is not', null)
    .orderBy('id', 'desc')
    .limit(options.active)
    .execute();
  if (chosen.length < options.active) throw new Error(`only ${chosen.length} running cases to restamp`);
  const maxId = async (table: 'activity' | 'outbox') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.max('id').as('id'))
          .executeTakeFirst()
      )?.id ?? 0,
    );
  const [activityAfter, outboxAfter] = [await maxId('activity'), await maxId('outbox')];
  const startedAt = Date.now() + options.leadMs;
  const stride = Math.max(1, Math.floor(chosen.length / options.due));
  const dueAt = new Map<number, number>();
  const quiet = new Set<number>();
  await db.transaction().execute(async (trx) => {
    for (const [index, row] of chosen.entries()) {
      const dueRank = index / stride;
      const isDue = index % stride === 0 && dueRank < options.due;
      const at = isDue ? startedAt + Math.round((dueRank * options.windowMs) / options.due) : 0;
      const stamps = isDue
        ? {
            sla_first_response_risk_at: startedAt - 4 * HOUR_MS,
            sla_first_response_due_at: startedAt - 3 * HOUR_MS,
            sla_resolution_risk_at: startedAt - MINUTE_MS,
            sla_resolution_due_at: at,
            sla_next_alert_at: null,
          }
        : {
            sla_first_response_risk_at: startedAt + HOUR_MS,
            sla_first_response_due_at: startedAt + 2 * HOUR_MS,
            sla_resolution_risk_at: startedAt + 20 * HOUR_MS,
            sla_resolution_due_at: startedAt + 24 * HOUR_MS,
            sla_next_alert_at: null,
          };
      const alerts = isDue ? ALERT.firstResponseRisk | ALERT.firstResponseBreach | ALERT.resolutionRisk : 0;
      const next = nextAlertAt(stamps, { firstResponded: row.first_response_at !== null, alerts });
      await trx
        .updateTable('cases')
        .set({ ...stamps, sla_next_alert_at: next, sla_alerts: alerts, sla_paused_ms: 0 })
        .where('id', '=', row.id)
        .execute();
      if (isDue) dueAt.set(row.id, at);
      else quiet.add(row.id);
    }
  });
  if (Date.now() > startedAt) throw new Error('restamping took longer than the lead time; give a longer --lead');
  return { startedAt, dueAt, quiet, activityAfter, outboxAfter };
}

export interface BurstOutcome {
  raised: number;
  missing: number;
  duplicates: number;
  quietRaised: number;
  /** Breaches of other cases the timer raised meanwhile (their loaded clocks came due). */
  othersRaised: number;
  outboxEvents: number;
  outboxDuplicates: number;
  lagMs: { p50: number; p95: number; max: number };
  /** From the first due time to the last breach raised. */
  drainMs: number;
  raisedPerSecond: number;
}

const percentile = (sorted: number[], p: number) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

/**
 * Polls the activity log until every due case has its breach (or `timeoutMs`, or `isWatched` turns
 * false), then `settleMs` more for late duplicates.
 */
export async function watchSlaBurst(
  db: Db,
  burst: SlaBurst,
  options: { timeoutMs: number; settleMs: number; isWatched?: () => boolean },
): Promise<BurstOutcome> {
  const readBreaches = () =>
    db
      .selectFrom('activity')
      .select(['case_id', 'created_at', 'to_value'])
      .where('id', '>', burst.activityAfter)
      .where('type', '=', 'case.sla_breached')
      .execute();
  const deadline = burst.startedAt + options.timeoutMs;
  let rows = await readBreaches();
  const countDue = () =>
    new Set(rows.flatMap((row) => (burst.dueAt.has(Number(row.case_id)) ? [row.case_id] : []))).size;
  const isWatched = options.isWatched ?? (() => true);
  while (countDue() < burst.dueAt.size && Date.now() < deadline && isWatched()) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    rows = await readBreaches();
  }
  await new Promise((resolve) => setTimeout(resolve, options.settleMs));
  rows = await readBreaches();

  const raisedAt = new Map<number, number[]>();
  let quietRaised = 0;
  let othersRaised = 0;
  for (const row of rows) {
    const caseId = Number(row.case_id);
    if (burst.dueAt.has(caseId)) raisedAt.set(caseId, [...(raisedAt.get(caseId) ?? []), Number(row.created_at)]);
    else if (burst.quiet.has(caseId)) quietRaised++;
    else othersRaised++;
  }
  const outbox = await db.selectFrom('outbox').select('events').where('id', '>', burst.outboxAfter).execute();
  const outboxPerCase = new Map<number, number>();
  for (const { events } of outbox) {
    for (const event of JSON.parse(events) as { name: string; caseId?: number }[]) {
      if (event.name === 'sla.breached' && event.caseId !== undefined && burst.dueAt.has(event.caseId)) {
        outboxPerCase.set(event.caseId, (outboxPerCase.get(event.caseId) ?? 0) + 1);
      }
    }
  }
  const lags = [...raisedAt].map(([caseId, times]) => Math.min(...times) - (burst.dueAt.get(caseId) as number));
  lags.sort((a, b) => a - b);
  const lastRaised = Math.max(burst.startedAt, ...[...raisedAt.values()].map((times) => Math.min(...times)));
  const drainMs = lastRaised - burst.startedAt;
  const sum = (values: Iterable<number>) => [...values].reduce((total, value) => total + value, 0);
  return {
    raised: raisedAt.size,
    missing: burst.dueAt.size - raisedAt.size,
    duplicates: sum([...raisedAt.values()].map((times) => times.length - 1)),
    quietRaised,
    othersRaised,
    outboxEvents: sum(outboxPerCase.values()),
    outboxDuplicates: sum([...outboxPerCase.values()].map((count) => count - 1)),
    lagMs: { p50: percentile(lags, 50), p95: percentile(lags, 95), max: lags.at(-1) ?? 0 },
    drainMs,
    raisedPerSecond: drainMs === 0 ? raisedAt.size : Math.round((raisedAt.size * 1000) / drainMs),
  };
}
