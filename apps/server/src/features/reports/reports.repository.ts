import { type SelectQueryBuilder, sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Tables } from '../../db/schema.js';

/** A period [from, to) in epoch millis and the cases it covers (their current team, category, priority and holder). */
export interface ReportFilter {
  from: number;
  to: number;
  teamId?: number | undefined;
  agentId?: number | undefined;
  category?: string | undefined;
  priorityRank?: number | undefined;
}

// biome-ignore lint/suspicious/noExplicitAny: the builder's output row is whatever the caller selected
function ofCases<Q extends SelectQueryBuilder<Tables, 'cases' | any, any>>(query: Q, filter: ReportFilter): Q {
  let scoped = query.where('cases.status', '!=', 'deleted');
  if (filter.teamId !== undefined) scoped = scoped.where('cases.team_id', '=', filter.teamId);
  if (filter.agentId !== undefined) scoped = scoped.where('cases.assignee_id', '=', filter.agentId);
  if (filter.category !== undefined) scoped = scoped.where('cases.category', '=', filter.category);
  if (filter.priorityRank !== undefined) scoped = scoped.where('cases.priority', '=', filter.priorityRank);
  return scoped as Q;
}

/** Cases created in the period, with their first reply, first assignment (from the activity log) and first-response target. */
export function createdCases(db: Db, filter: ReportFilter) {
  return ofCases(
    db
      .selectFrom('cases')
      .select((eb) => [
        'cases.created_at',
        'cases.first_response_at',
        'cases.sla_first_response_due_at',
        eb
          .selectFrom('activity')
          .select((inner) => inner.fn.min('activity.created_at').as('at'))
          .whereRef('activity.case_id', '=', 'cases.id')
          .where('activity.type', '=', sql.lit('case.assigned'))
          .as('assigned_at'),
      ])
      .where('cases.created_at', '>=', filter.from)
      .where('cases.created_at', '<', filter.to),
    filter,
  ).execute();
}

/** Resolutions and reopens in the period, from the activity log, with the case's creation and resolution target. */
export function statusChanges(db: Db, filter: ReportFilter) {
  return ofCases(
    db
      .selectFrom('activity')
      .innerJoin('cases', 'cases.id', 'activity.case_id')
      .select([
        'activity.created_at as at',
        'activity.from_value',
        'activity.to_value',
        'cases.created_at as case_created_at',
        'cases.sla_resolution_due_at',
      ])
      .where('activity.type', '=', sql.lit('case.status_changed'))
      .where('activity.created_at', '>=', filter.from)
      .where('activity.created_at', '<', filter.to)
      .where((eb) =>
        eb.or([
          eb('activity.to_value', '=', 'resolved'),
          eb.and([eb('activity.from_value', '=', 'resolved'), eb('activity.to_value', '=', 'new')]),
        ]),
      ),
    filter,
  ).execute();
}

/** SLA breaches the timer raised in the period. */
export function breaches(db: Db, filter: ReportFilter) {
  return ofCases(
    db
      .selectFrom('activity')
      .innerJoin('cases', 'cases.id', 'activity.case_id')
      .select(['activity.created_at as at'])
      .where('activity.type', '=', sql.lit('case.sla_breached'))
      .where('activity.created_at', '>=', filter.from)
      .where('activity.created_at', '<', filter.to),
    filter,
  ).execute();
}

/** Ratings given in the period. */
export function ratings(db: Db, filter: ReportFilter) {
  return ofCases(
    db
      .selectFrom('csat_ratings')
      .innerJoin('cases', 'cases.id', 'csat_ratings.case_id')
      .select(['csat_ratings.created_at as at', 'csat_ratings.rating'])
      .where('csat_ratings.created_at', '>=', filter.from)
      .where('csat_ratings.created_at', '<', filter.to),
    filter,
  ).execute();
}

/** Each UTC day's version in [first, end) (a day without a row is at version 0). */
export function dayVersions(db: Db, first: number, end: number) {
  return db
    .selectFrom('report_day_versions')
    .select(['day', 'version'])
    .where('day', '>=', first)
    .where('day', '<', end)
    .execute();
}

/** The kept tallies of the days in [first, end) for one set of filters. */
export function keptDays(db: Db, filter: string, first: number, end: number) {
  return db
    .selectFrom('report_days')
    .select(['day', 'version', 'facts'])
    .where('filter', '=', filter)
    .where('day', '>=', first)
    .where('day', '<', end)
    .execute();
}

/** Keeps (or replaces) a day's tally for one set of filters, as of the day's version it was made at. */
export async function keepDay(db: Db, row: { day: number; filter: string; version: number; facts: Uint8Array }) {
  await db
    .insertInto('report_days')
    .values(row)
    .onConflict((conflict) =>
      conflict.columns(['day', 'filter']).doUpdateSet((eb) => ({
        version: eb.ref('excluded.version'),
        facts: eb.ref('excluded.facts'),
      })),
    )
    .execute();
}
