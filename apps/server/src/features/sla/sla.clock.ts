import type { CaseSla, SlaPolicy } from '@caseflow/contract';
import type { CasesTable } from '../../db/schema.js';
import { toIso } from '../../http/time.js';
import type { BusinessClock } from './business-time.js';

/** What the timer has raised already, as the bits of `cases.sla_alerts` (migration 016). */
export const ALERT = { firstResponseRisk: 1, resolutionRisk: 2, firstResponseBreach: 4, resolutionBreach: 8 } as const;
/** A case is at risk once this share of a target's business time has gone. */
export const RISK_SHARE = 0.8;
const MINUTE_MS = 60_000;

export type SlaStamps = Pick<
  CasesTable,
  | 'sla_first_response_due_at'
  | 'sla_first_response_risk_at'
  | 'sla_resolution_due_at'
  | 'sla_resolution_risk_at'
  | 'sla_next_alert_at'
>;

export const NO_STAMPS: SlaStamps = {
  sla_first_response_due_at: null,
  sla_first_response_risk_at: null,
  sla_resolution_due_at: null,
  sla_resolution_risk_at: null,
  sla_next_alert_at: null,
};

/** The columns of a case its SLA is read from. */
export type SlaRow = Pick<
  CasesTable,
  | 'status'
  | 'first_response_at'
  | 'resolved_at'
  | 'sla_first_response_due_at'
  | 'sla_first_response_risk_at'
  | 'sla_resolution_due_at'
  | 'sla_resolution_risk_at'
  | 'sla_paused_at'
>;

/**
 * Due times of a clock that started at `startedAt` and has been stopped for `pausedMs` of business
 * time: a target is due when its business time has run, on top of the time it stood still.
 */
export function stampsFor(
  policy: SlaPolicy | undefined,
  clock: BusinessClock | undefined,
  startedAt: number,
  pausedMs: number,
  state: { firstResponded: boolean; alerts: number } = { firstResponded: false, alerts: 0 },
): SlaStamps {
  if (!policy || !clock) return NO_STAMPS;
  const firstResponse = policy.firstResponseMinutes * MINUTE_MS;
  const resolution = policy.resolutionMinutes * MINUTE_MS;
  const times = [firstResponse, firstResponse * RISK_SHARE, resolution, resolution * RISK_SHARE].map((ms) =>
    clock.add(startedAt, Math.round(ms) + pausedMs),
  );
  const [frDue, frRisk, resDue, resRisk] = times;
  if (frDue == null || frRisk == null || resDue == null || resRisk == null) return NO_STAMPS;
  const stamps = {
    sla_first_response_due_at: frDue,
    sla_first_response_risk_at: frRisk,
    sla_resolution_due_at: resDue,
    sla_resolution_risk_at: resRisk,
    sla_next_alert_at: null,
  };
  return { ...stamps, sla_next_alert_at: nextAlertAt(stamps, state) };
}

/** The crossings of a running clock, each with its alert bit. */
function crossings(stamps: SlaStamps, firstResponded: boolean) {
  const all: { at: number | null; bit: number }[] = [
    { at: stamps.sla_resolution_risk_at, bit: ALERT.resolutionRisk },
    { at: stamps.sla_resolution_due_at, bit: ALERT.resolutionBreach },
  ];
  if (!firstResponded) {
    all.push(
      { at: stamps.sla_first_response_risk_at, bit: ALERT.firstResponseRisk },
      { at: stamps.sla_first_response_due_at, bit: ALERT.firstResponseBreach },
    );
  }
  return all.filter((crossing): crossing is { at: number; bit: number } => crossing.at !== null);
}

/** When the timer must look next: the earliest crossing not yet raised; null when none is left. */
export function nextAlertAt(stamps: SlaStamps, state: { firstResponded: boolean; alerts: number }) {
  let next: number | null = null;
  for (const { at, bit } of crossings(stamps, state.firstResponded)) {
    if ((state.alerts & bit) === 0 && (next === null || at < next)) next = at;
  }
  return next;
}

/** The crossings that have happened by `now` (their bits), for the timer to raise the ones not yet raised. */
export function crossedBy(stamps: SlaStamps, firstResponded: boolean, now: number) {
  let bits = 0;
  for (const { at, bit } of crossings(stamps, firstResponded)) if (at <= now) bits |= bit;
  return bits;
}

/**
 * Where a case stands (SPEC §13), from its stamps and `now`. A stopped clock (pending, resolved) is
 * judged at the moment it stopped; a breach stays a breach, whatever happens after.
 */
export function slaOf(row: SlaRow, now: number): CaseSla | null {
  const frDue = row.sla_first_response_due_at;
  const resDue = row.sla_resolution_due_at;
  if (frDue === null || resDue === null) return null;
  const stoppedAt = row.status === 'resolved' ? (row.resolved_at ?? row.sla_paused_at) : row.sla_paused_at;
  const at = stoppedAt ?? now;
  const breached = (row.first_response_at ?? at) > frDue || at > resDue;
  const dueTimes = { firstResponseDueAt: toIso(frDue), resolutionDueAt: toIso(resDue) };
  if (breached) return { ...dueTimes, state: 'breached' };
  if (row.status === 'resolved') return { ...dueTimes, state: 'met' };
  if (stoppedAt !== null) return { ...dueTimes, state: 'paused' };
  const atRisk =
    (row.first_response_at === null &&
      row.sla_first_response_risk_at !== null &&
      now >= row.sla_first_response_risk_at) ||
    (row.sla_resolution_risk_at !== null && now >= row.sla_resolution_risk_at);
  return { ...dueTimes, state: atRisk ? 'at_risk' : 'ok' };
}
