import {
  PRIORITY_RANK,
  type ReportQuery,
  type ReportSeries,
  type ReportSeriesQuery,
  type ReportSummary,
} from '@caseflow/contract';
import type { AppContext } from '../../context.js';
import { toIso } from '../../http/time.js';
import { visitsIn } from '../kb/index.js';
import { closedDayTallies, DAY_MS, filterKey, SETTLE_MS, splitPeriod } from './report-days.js';
import {
  averageRating,
  durationFigures,
  mergeTallies,
  type ReportFacts,
  summarize,
  tallyOf,
} from './report-figures.js';
import * as repository from './reports.repository.js';

function filterOf(query: ReportQuery): repository.ReportFilter {
  return {
    from: Date.parse(query.from),
    to: Date.parse(query.to),
    teamId: query.team,
    agentId: query.agent,
    category: query.category,
    priorityRank: query.priority === undefined ? undefined : PRIORITY_RANK[query.priority],
  };
}

const metBy = (at: number | null, due: number | null) => (due === null || at === null ? null : at <= due);

/**
 * The facts of a period, read from the activity log (resolutions, reopens, breaches, first
 * assignments) and the rows it stamps once (creation, first reply, ratings): the summary, the
 * series and the CSV are all computed from this one read, so they cannot disagree.
 */
async function loadFacts(ctx: AppContext, filter: repository.ReportFilter): Promise<ReportFacts> {
  const db = ctx.database.db;
  const [created, changes, breaches, ratings] = await Promise.all([
    repository.createdCases(db, filter),
    repository.statusChanges(db, filter),
    repository.breaches(db, filter),
    repository.ratings(db, filter),
  ]);
  const assignedAt = (row: (typeof created)[number]) => (row.assigned_at === null ? null : Number(row.assigned_at));
  return {
    created: created.map((row) => ({
      at: row.created_at,
      firstResponseMs: row.first_response_at === null ? null : row.first_response_at - row.created_at,
      waitMs: assignedAt(row) === null ? null : (assignedAt(row) as number) - row.created_at,
      firstResponseMet: metBy(row.first_response_at, row.sla_first_response_due_at),
    })),
    resolutions: changes
      .filter((row) => row.to_value === 'resolved')
      .map((row) => ({
        at: row.at,
        durationMs: row.at - row.case_created_at,
        met: metBy(row.at, row.sla_resolution_due_at),
      })),
    reopens: changes.filter((row) => row.from_value === 'resolved' && row.to_value === 'new').map((row) => row.at),
    breaches: breaches.map((row) => row.at),
    ratings: ratings.map((row) => ({ at: row.at, rating: row.rating })),
  };
}

/** A period's (or a part's) tally read afresh from the log and the help center's feedback. */
export async function freshTally(ctx: AppContext, filter: repository.ReportFilter) {
  const [facts, visits] = await Promise.all([loadFacts(ctx, filter), visitsIn(ctx, filter)]);
  return tallyOf(facts, visits);
}

/**
 * SPEC §13 `GET /reports/summary` (and its CSV): the tally of the period's closed UTC days, each kept
 * once made (report-days.ts), merged with a fresh tally of the hours around them (today's included).
 */
export async function reportSummary(ctx: AppContext, query: ReportQuery): Promise<ReportSummary> {
  const filter = filterOf(query);
  const { days, rest } = splitPeriod(filter.from, filter.to, Date.now() - SETTLE_MS);
  const [closed, fresh] = await Promise.all([
    closedDayTallies(ctx.database.db, days, filterKey(filter), (day) =>
      freshTally(ctx, { ...filter, from: day * DAY_MS, to: (day + 1) * DAY_MS }),
    ),
    Promise.all(rest.map((part) => freshTally(ctx, { ...filter, ...part }))),
  ]);
  return summarize(mergeTallies([...closed, ...fresh]), { from: toIso(filter.from), to: toIso(filter.to) });
}

/** The starts of the days or hours that cover [from, to), on the shop's clock (a DST day has 23 or 25 hours). */
async function bucketStarts(from: number, to: number, interval: 'day' | 'hour', timeZone: string) {
  // Loaded on first use, like the SLA clocks: a server that never draws a chart never pays for it.
  const { Temporal } = await import('temporal-polyfill');
  const first = Temporal.Instant.fromEpochMilliseconds(from).toZonedDateTimeISO(timeZone);
  let cursor = interval === 'day' ? first.startOfDay() : first.round({ smallestUnit: 'hour', roundingMode: 'floor' });
  const starts: number[] = [];
  while (cursor.epochMilliseconds < to) {
    starts.push(cursor.epochMilliseconds);
    cursor = interval === 'day' ? cursor.add({ days: 1 }).startOfDay() : cursor.add({ hours: 1 });
  }
  return starts;
}

/** Puts each fact in the bucket it happened in. */
function bucketed<T>(starts: readonly number[], items: readonly T[], timeOf: (item: T) => number): T[][] {
  const buckets = starts.map((): T[] => []);
  for (const item of items) {
    const at = timeOf(item);
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((starts[middle] as number) <= at) low = middle;
      else high = middle - 1;
    }
    buckets[low]?.push(item);
  }
  return buckets;
}

/** SPEC §13 `GET /reports/series`: the summary's facts per day or hour, for the charts. */
export async function reportSeries(ctx: AppContext, query: ReportSeriesQuery): Promise<ReportSeries> {
  const filter = filterOf(query);
  const [facts, { settings }] = await Promise.all([loadFacts(ctx, filter), ctx.sla.current()]);
  const timeZone = settings.calendar.timeZone;
  const starts = await bucketStarts(filter.from, filter.to, query.interval, timeZone);
  const created = bucketed(starts, facts.created, (item) => item.at);
  const resolved = bucketed(starts, facts.resolutions, (item) => item.at);
  const breached = bucketed(starts, facts.breaches, (at) => at);
  const rated = bucketed(starts, facts.ratings, (item) => item.at);
  return {
    interval: query.interval,
    timeZone,
    points: starts.map((start, index) => ({
      start: toIso(start),
      created: created[index]?.length ?? 0,
      resolved: resolved[index]?.length ?? 0,
      breached: breached[index]?.length ?? 0,
      firstResponseMedianMinutes: durationFigures((created[index] ?? []).map((item) => item.firstResponseMs))
        .medianMinutes,
      csatAverage: averageRating(rated[index] ?? []),
    })),
  };
}
