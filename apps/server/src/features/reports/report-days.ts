import type { Db } from '../../db/database.js';
import { decodeTally, encodeTally, type Tally } from './report-figures.js';
import * as repository from './reports.repository.js';

export const DAY_MS = 86_400_000;

/** The filters a kept day was tallied for, as its key (the period is the day). */
export function filterKey(filter: repository.ReportFilter): string {
  const { teamId, agentId, category, priorityRank } = filter;
  return JSON.stringify([teamId ?? null, agentId ?? null, category ?? null, priorityRank ?? null]);
}

/**
 * How long after midnight a day still counts as open: a transaction that wrote a row of the day before
 * midnight may commit after it, and the triggers judge "closed" by the time they run (and by the
 * database's clock, not this process's). A day is kept only once this has passed.
 */
export const SETTLE_MS = 10 * 60_000;

/**
 * A period as the UTC days wholly inside it that are over by `now` (their tallies can be kept) and
 * the rest (before the first such day and after the last), which is always read afresh.
 */
export function splitPeriod(from: number, to: number, now: number) {
  const firstDay = Math.ceil(from / DAY_MS);
  const endDay = Math.min(Math.floor(to / DAY_MS), Math.floor(now / DAY_MS));
  if (endDay <= firstDay) return { days: [] as number[], rest: [{ from, to }] };
  const rest = [
    { from, to: firstDay * DAY_MS },
    { from: endDay * DAY_MS, to },
  ].filter((part) => part.from < part.to);
  return { days: Array.from({ length: endDay - firstDay }, (_, index) => firstDay + index), rest };
}

/**
 * The tallies of closed days for one filter: the kept ones still valid (their version is the day's,
 * which the database's triggers raise when a fact of the day changes), the others made by `tally` and
 * kept. A day's version is read before it is tallied, so a write racing the tally leaves it invalid.
 */
export async function closedDayTallies(
  db: Db,
  days: readonly number[],
  filter: string,
  tally: (day: number) => Promise<Tally>,
): Promise<Tally[]> {
  if (days.length === 0) return [];
  const first = days[0] as number;
  const end = (days.at(-1) as number) + 1;
  const [versions, kept] = await Promise.all([
    repository.dayVersions(db, first, end),
    repository.keptDays(db, filter, first, end),
  ]);
  const versionOf = new Map(versions.map((row) => [Number(row.day), Number(row.version)]));
  const keptOf = new Map(kept.map((row) => [Number(row.day), row]));
  const tallies: Tally[] = [];
  for (const day of days) {
    const version = versionOf.get(day) ?? 0;
    const row = keptOf.get(day);
    if (row && Number(row.version) === version) {
      tallies.push(decodeTally(row.facts));
      continue;
    }
    const made = await tally(day);
    await repository.keepDay(db, { day, filter, version, facts: encodeTally(made) });
    tallies.push(made);
  }
  return tallies;
}
