// What the reports read besides the scale data set's cases (bench/reports.ts): teams owning categories,
// SLA stamps with the breaches the timer would have raised, reopens, CSAT ratings and help-center visits. The bulk loader
// adds them when asked; the scale benchmark's data set stays as it was.

import { type Category, categorySchema, PRIORITY_RANK, type SlaPolicy, type SlaSettings } from '@caseflow/contract';
import {
  ALERT,
  crossedBy,
  nextAlertAt,
  RISK_SHARE,
  type SlaStamps,
} from '../../apps/server/src/features/sla/sla.clock.js';
import { createSeededRandom } from '../../apps/server/src/scripts/seeded-random.js';

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** The default team, created first by migration 009; the scale database is a single-team shop. */
export const DEFAULT_TEAM_ID = 1;

/**
 * Round the clock in UTC, so a due time is the start plus the target plus the paused time (what
 * `stampsFor` computes with this calendar) and the loader needs no business-hours arithmetic per case.
 */
export const REPORT_SLA_SETTINGS: SlaSettings = {
  calendar: {
    timeZone: 'UTC',
    hours: [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, start: '00:00', end: '24:00' })),
    holidays: [],
  },
  policies: [
    { priority: 'urgent', firstResponseMinutes: 60, resolutionMinutes: 1_440 },
    { priority: 'high', firstResponseMinutes: 120, resolutionMinutes: 2_880 },
    { priority: 'normal', firstResponseMinutes: 360, resolutionMinutes: 4_320 },
    { priority: 'low', firstResponseMinutes: 480, resolutionMinutes: 5_760 },
  ],
};
const POLICY_BY_RANK = new Map<number, SlaPolicy>(
  REPORT_SLA_SETTINGS.policies.map((policy) => [PRIORITY_RANK[policy.priority], policy]),
);

const REOPEN_SHARE = 0.03;
/** Help-center visits (SPEC §10's deflection funnel): before a case was reported, and ones a suggestion answered. */
const VISIT_BEFORE_CASE_SHARE = 0.4;
const DEFLECTED_VISITS_PER_CASE = 0.15;
const ARTICLE_SLUGS = [
  'return-policy',
  'refund-timing',
  'damaged-on-arrival',
  'track-my-order',
  'change-address',
  'warranty-repairs',
];
const RATED_SHARE = 0.35;
const RATING_WEIGHTS = { 1: 0.09, 2: 0.06, 3: 0.1, 4: 0.2, 5: 0.55 } as const;

/** The SLA columns of `cases` in bulk-sink.ts's order, from `sla_first_response_due_at` to `sla_next_alert_at`. */
export type SlaColumns = [
  firstResponseDueAt: number | null,
  firstResponseRiskAt: number | null,
  resolutionDueAt: number | null,
  resolutionRiskAt: number | null,
  pausedAt: number | null,
  pausedMs: number,
  alerts: number,
  nextAlertAt: number | null,
];
export const NO_SLA: { columns: SlaColumns; breaches: Breach[] } = {
  columns: [null, null, null, null, null, 0, 0, null],
  breaches: [],
};
export interface Breach {
  target: 'first_response' | 'resolution';
  at: number;
}

/**
 * The report facts of one data set, from their own seeded generator (the scale data set's draws are
 * untouched). Agent `i` is in team `i % teams + 1`; category `k` belongs to team `k % teams + 1`.
 */
export function createReportFacts(options: { teams: number; seed: number }) {
  const random = createSeededRandom(options.seed + 7_919);
  const teams = Math.max(1, options.teams);
  const categories = categorySchema.options;
  const ownerOf = (index: number) => (index % teams) + 1;
  const categoriesByTeam = Array.from({ length: teams + 1 }, (_, team) =>
    categories.filter((_, index) => ownerOf(index) === team),
  );

  return {
    teams,
    teamOfAgent: (agentIndex: number) => ownerOf(agentIndex),
    randomTeam: () => random.integer(1, teams),
    /** A case's category among its team's, or none (one in ten: triage was not sure). */
    categoryFor(team: number): Category | null {
      const own = categoriesByTeam[team] ?? [];
      return own.length === 0 || random.chance(0.1) ? null : random.pick(own);
    },
    /** The teams besides the default one (rows of `teams`) and every category's owner (`team_categories`). */
    teamRows(at: number) {
      const rows: (string | number)[][] = [];
      for (let team = DEFAULT_TEAM_ID + 1; team <= teams; team++) {
        rows.push([team, `Team ${team}`, `Bench team ${team}`, 0, at, at]);
      }
      const owners = categories.map((category, index) => [category, ownerOf(index)]);
      return { teams: rows, teamCategories: teams > 1 ? owners : [] };
    },
    /** A resolved case its customer reopened and the same agent resolved again, or undefined (most cases). */
    reopenOf(closedAt: number, now: number) {
      if (!random.chance(REOPEN_SHARE)) return undefined;
      const reopenedAt = closedAt + random.integer(MINUTE_MS, 2 * DAY_MS);
      if (reopenedAt > now - HOUR_MS) return undefined;
      const reassignedAt = reopenedAt + random.integer(0, 5 * MINUTE_MS);
      return { reopenedAt, reassignedAt, closedAt: Math.min(now, reassignedAt + random.integer(0, DAY_MS)) };
    },
    /**
     * `kb_feedback` rows (without id) around a case reported at `createdAt`: maybe the visit of the
     * form that showed suggestions and ended in this case, maybe another visit a suggestion answered.
     */
    visitsAround(caseId: number, customerId: number, createdAt: number) {
      const rows: (string | number | null)[][] = [];
      const add = (session: string, event: string, slug: string, at: number, linkedCase: number | null = null) =>
        rows.push([session, event, slug, linkedCase, customerId, at]);
      if (random.chance(VISIT_BEFORE_CASE_SHARE)) {
        const shownAt = createdAt - random.integer(MINUTE_MS, 10 * MINUTE_MS);
        add(`bench-c${caseId}`, 'shown', '', shownAt);
        if (random.chance(0.5)) {
          const slug = random.pick(ARTICLE_SLUGS);
          add(`bench-c${caseId}`, 'opened', slug, shownAt + 30_000);
          add(`bench-c${caseId}`, 'went_on', slug, shownAt + 50_000);
        }
        add(`bench-c${caseId}`, 'created', '', createdAt, caseId);
      }
      if (random.chance(DEFLECTED_VISITS_PER_CASE)) {
        const shownAt = createdAt - random.integer(0, DAY_MS);
        const slug = random.pick(ARTICLE_SLUGS);
        add(`bench-d${caseId}`, 'shown', '', shownAt);
        add(`bench-d${caseId}`, 'opened', slug, shownAt + 30_000);
        add(`bench-d${caseId}`, 'deflected', slug, shownAt + 90_000);
      }
      return rows;
    },
    /** The customer's rating of a resolved case, or undefined (most are not rated). */
    ratingOf(resolvedAt: number, now: number) {
      if (!random.chance(RATED_SHARE)) return undefined;
      const rating = Number(random.weighted(RATING_WEIGHTS));
      return { rating, at: Math.min(now, resolvedAt + random.integer(0, DAY_MS)) };
    },
  };
}
export type ReportFacts = ReturnType<typeof createReportFacts>;

/** How a case's clock ran: from creation until it stopped (pending, resolved, deleted; null: still running). */
export interface ClockRun {
  priorityRank: number;
  createdAt: number;
  firstResponseAt: number | null;
  stoppedAt: number | null;
  /** Resolved, reopened (the clock runs again, the stopped time added), resolved again. */
  reopen?: { reopenedAt: number; closedAt: number } | undefined;
  now: number;
}

/**
 * A case's SLA columns under REPORT_SLA_SETTINGS as the app leaves them (`stampsFor`, the timer and
 * `SlaService.reconcile`), and the breaches the timer raised while the clock ran (each a
 * `case.sla_breached` line at its due time). A first-response crossing after the first reply is never
 * raised, as in the timer.
 */
export function slaClockOf(run: ClockRun): { columns: SlaColumns; breaches: Breach[] } {
  const policy = POLICY_BY_RANK.get(run.priorityRank);
  if (!policy) return NO_SLA;
  const stampsAfter = (pausedMs: number): SlaStamps => {
    const after = (minutes: number, share = 1) => run.createdAt + Math.round(minutes * MINUTE_MS * share) + pausedMs;
    return {
      sla_first_response_due_at: after(policy.firstResponseMinutes),
      sla_first_response_risk_at: after(policy.firstResponseMinutes, RISK_SHARE),
      sla_resolution_due_at: after(policy.resolutionMinutes),
      sla_resolution_risk_at: after(policy.resolutionMinutes, RISK_SHARE),
      sla_next_alert_at: null,
    };
  };
  const breaches: Breach[] = [];
  const raise = (stamps: SlaStamps, fresh: number) => {
    if (fresh & ALERT.firstResponseBreach)
      breaches.push({ target: 'first_response', at: stamps.sla_first_response_due_at as number });
    if (fresh & ALERT.resolutionBreach)
      breaches.push({ target: 'resolution', at: stamps.sla_resolution_due_at as number });
  };
  // First spell: from creation until the clock stopped (or now).
  let stamps = stampsAfter(0);
  const until = run.stoppedAt ?? run.now;
  const firstResponseBits = ALERT.firstResponseRisk | ALERT.firstResponseBreach;
  const unansweredUntil = run.firstResponseAt === null ? until : Math.min(until, run.firstResponseAt - 1);
  let alerts =
    (crossedBy(stamps, true, until) & ~firstResponseBits) |
    (crossedBy(stamps, false, unansweredUntil) & firstResponseBits);
  raise(stamps, alerts);
  let pausedMs = 0;
  let stoppedAt = run.stoppedAt;
  if (run.reopen && run.stoppedAt !== null) {
    // The reopen restamps with the stopped time added; what was raised stays raised (it still stands).
    pausedMs = run.reopen.reopenedAt - run.stoppedAt;
    stamps = stampsAfter(pausedMs);
    const fresh = crossedBy(stamps, run.firstResponseAt !== null, run.reopen.closedAt) & ~alerts;
    alerts |= fresh;
    raise(stamps, fresh);
    stoppedAt = run.reopen.closedAt;
  }
  const next =
    stoppedAt === null ? nextAlertAt(stamps, { firstResponded: run.firstResponseAt !== null, alerts }) : null;
  const columns: SlaColumns = [
    stamps.sla_first_response_due_at,
    stamps.sla_first_response_risk_at,
    stamps.sla_resolution_due_at,
    stamps.sla_resolution_risk_at,
    stoppedAt,
    pausedMs,
    alerts,
    next,
  ];
  return { columns, breaches };
}
