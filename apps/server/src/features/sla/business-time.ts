import type { SlaCalendar } from '@caseflow/contract';
import { Temporal } from 'temporal-polyfill';

const DAY_MS = 86_400_000;
const MINUTES_PER_DAY = 1_440;
const EPOCH_DATE = new Temporal.PlainDate(1970, 1, 1);

/** `add` gives up after this many days in a row without working time (holidays covering every working weekday). */
export const MAX_SEARCH_DAYS = 3 * 366;

// Per clock and per cache; clearing a full cache is simpler than eviction and a walk rarely spans that many days.
const MAX_CACHED_DAYS = 4_000;
const MAX_CACHED_CALENDARS = 64;

export interface BusinessClock {
  /** The instant (epoch ms) at which `businessMs` of working time has passed since `startMs`; startMs itself when businessMs is 0 and startMs is inside working time, else the next start of working time when 0. Returns null if no working time is found within MAX_SEARCH_DAYS (e.g. holidays cover everything). */
  add(startMs: number, businessMs: number): number | null;
  /** Working time (ms) between a and b (0 if b <= a). */
  between(aMs: number, bMs: number): number;
}

/** Working wall-clock minutes of one local day, end exclusive; 1440 is the next day's midnight. */
interface MinuteRange {
  start: number;
  end: number;
}

const NO_INTERVALS: readonly number[] = [];

const clocksByCalendar = new WeakMap<SlaCalendar, BusinessClock>();
const clocksByJson = new Map<string, BusinessClock>();

/**
 * The calendar's clock, memoized here: by the calendar object (so the intake path pays no JSON.stringify when it
 * keeps its settings object) and then by the calendar's JSON. Treat a calendar as immutable once passed in.
 * Throws a RangeError for a time zone Temporal does not know.
 */
export function businessClock(calendar: SlaCalendar): BusinessClock {
  const known = clocksByCalendar.get(calendar);
  if (known) return known;
  const key = JSON.stringify(calendar);
  let clock = clocksByJson.get(key);
  if (!clock) {
    clock = new CachedBusinessClock(calendar);
    remember(clocksByJson, MAX_CACHED_CALENDARS, key, clock);
  }
  clocksByCalendar.set(calendar, clock);
  return clock;
}

/**
 * Working time is a list of instant intervals per local date (day number = days since 1970-01-01), built with
 * Temporal the first time a date is seen and then read from a map, so a warm `add` does no Temporal work.
 */
class CachedBusinessClock implements BusinessClock {
  readonly #timeZone: string;
  readonly #rangesByWeekday: MinuteRange[][];
  readonly #holidays: Set<number>;
  readonly #hasHours: boolean;
  readonly #dayStarts = new Map<number, number>();
  readonly #dayIntervals = new Map<number, readonly number[]>();
  // Wall time minus instant at the last day located: the next lookup then usually lands on the right day at once.
  #wallShiftMs = 0;

  constructor(calendar: SlaCalendar) {
    this.#timeZone = new Temporal.ZonedDateTime(0n, calendar.timeZone).timeZoneId;
    this.#rangesByWeekday = groupByWeekday(calendar.hours);
    this.#holidays = new Set(calendar.holidays.map((date) => Temporal.PlainDate.from(date).since(EPOCH_DATE).days));
    this.#hasHours = this.#rangesByWeekday.some((ranges) => ranges.length > 0);
  }

  add(startMs: number, businessMs: number): number | null {
    assertInstant(startMs);
    if (!Number.isFinite(businessMs) || businessMs < 0) throw new RangeError(`not a duration: ${businessMs}`);
    if (!this.#hasHours) return null;
    let remaining = businessMs;
    let cursor = startMs;
    let idleDays = 0;
    for (let day = this.#dayOf(startMs); idleDays < MAX_SEARCH_DAYS; day++) {
      const intervals = this.#intervalsOf(day);
      let isIdle = true;
      for (let i = 0; i < intervals.length; i += 2) {
        const end = intervals[i + 1]!;
        if (end <= cursor) continue;
        const from = Math.max(intervals[i]!, cursor);
        if (remaining <= end - from) return from + remaining;
        remaining -= end - from;
        cursor = end;
        isIdle = false;
      }
      idleDays = isIdle ? idleDays + 1 : 0;
    }
    return null;
  }

  between(aMs: number, bMs: number): number {
    assertInstant(aMs);
    assertInstant(bMs);
    if (bMs <= aMs || !this.#hasHours) return 0;
    const lastDay = this.#dayOf(bMs);
    let total = 0;
    for (let day = this.#dayOf(aMs); day <= lastDay; day++) {
      const intervals = this.#intervalsOf(day);
      for (let i = 0; i < intervals.length; i += 2) {
        const overlap = Math.min(intervals[i + 1]!, bMs) - Math.max(intervals[i]!, aMs);
        if (overlap > 0) total += overlap;
      }
    }
    return total;
  }

  /** The local date holding the instant: [start of day, start of next day), stepping from a guess. */
  #dayOf(ms: number): number {
    let day = Math.floor((ms + this.#wallShiftMs) / DAY_MS);
    while (ms < this.#startOfDay(day)) day--;
    // A day the zone skipped (Pacific/Apia, 2011-12-30) has zero length and is stepped over here.
    while (ms >= this.#startOfDay(day + 1)) day++;
    this.#wallShiftMs = day * DAY_MS - this.#startOfDay(day);
    return day;
  }

  #startOfDay(day: number): number {
    const cached = this.#dayStarts.get(day);
    if (cached !== undefined) return cached;
    // Temporal's start of day is the first instant of the date, also where midnight falls in a DST gap.
    const start = dateOf(day).toZonedDateTime(this.#timeZone).epochMilliseconds;
    return remember(this.#dayStarts, MAX_CACHED_DAYS, day, start);
  }

  /** Sorted, disjoint [start, end) instant pairs, flattened; adjacent ranges are merged into one stretch. */
  #intervalsOf(day: number): readonly number[] {
    const cached = this.#dayIntervals.get(day);
    if (cached) return cached;
    const ranges = this.#holidays.has(day) ? [] : (this.#rangesByWeekday[weekdayOf(day)] ?? []);
    if (ranges.length === 0) return remember(this.#dayIntervals, MAX_CACHED_DAYS, day, NO_INTERVALS);
    const date = dateOf(day);
    const intervals: number[] = [];
    for (const range of ranges) {
      const start = this.#instantOf(date, day, range.start);
      const end = this.#instantOf(date, day, range.end);
      if (end <= start) continue; // the whole range lies in a DST gap
      const last = intervals.length - 1;
      if (last > 0 && start <= intervals[last]!) intervals[last] = Math.max(intervals[last]!, end);
      else intervals.push(start, end);
    }
    return remember(this.#dayIntervals, MAX_CACHED_DAYS, day, intervals);
  }

  /**
   * The instant a wall time of the date begins. A repeated wall time (fall-back) takes its first occurrence
   * ('compatible'). A wall time skipped by a gap (spring-forward) maps to the jump itself: 'compatible' would push
   * it later by the gap's length, so 02:30–03:30 on Berlin's spring-forward day would count nothing instead of
   * the 30 minutes the clock shows from 03:00.
   */
  #instantOf(date: Temporal.PlainDate, day: number, minute: number): number {
    if (minute === 0) return this.#startOfDay(day);
    if (minute === MINUTES_PER_DAY) return this.#startOfDay(day + 1);
    const wall = date.toPlainDateTime({ hour: Math.floor(minute / 60), minute: minute % 60 });
    const zoned = wall.toZonedDateTime(this.#timeZone, { disambiguation: 'compatible' });
    if (Temporal.PlainDateTime.compare(zoned.toPlainDateTime(), wall) === 0) return zoned.epochMilliseconds;
    const jump = wall.toZonedDateTime(this.#timeZone, { disambiguation: 'earlier' }).getTimeZoneTransition('next');
    return jump?.epochMilliseconds ?? zoned.epochMilliseconds;
  }
}

function groupByWeekday(hours: SlaCalendar['hours']): MinuteRange[][] {
  const byWeekday: MinuteRange[][] = [[], [], [], [], [], [], []];
  for (const range of hours) {
    const start = minutesOf(range.start);
    const end = minutesOf(range.end);
    if (start >= 0 && end > start && end <= MINUTES_PER_DAY) byWeekday[range.day]?.push({ start, end });
  }
  return byWeekday.map((ranges) => {
    const merged: MinuteRange[] = [];
    for (const range of ranges.sort((a, b) => a.start - b.start)) {
      const last = merged.at(-1);
      if (last && range.start <= last.end) last.end = Math.max(last.end, range.end);
      else merged.push({ ...range });
    }
    return merged;
  });
}

const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

const dateOf = (day: number) => EPOCH_DATE.add({ days: day });

// 0 = Sunday, as in the calendar's hours; 1970-01-01 was a Thursday. Plain day counting, no time zone involved.
const weekdayOf = (day: number) => (((day + 4) % 7) + 7) % 7;

function assertInstant(ms: number): void {
  if (!Number.isFinite(ms)) throw new RangeError(`not an instant: ${ms}`);
}

function remember<K, V>(cache: Map<K, V>, limit: number, key: K, value: V): V {
  if (cache.size >= limit) cache.clear();
  cache.set(key, value);
  return value;
}
