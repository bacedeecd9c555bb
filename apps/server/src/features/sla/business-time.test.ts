import type { SlaCalendar } from '@caseflow/contract';
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { businessClock, MAX_SEARCH_DAYS } from './business-time.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const MINUTES_PER_DAY = 1_440;
const ZONES = ['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata', 'Pacific/Chatham', 'UTC'];
const WEEKDAYS = [1, 2, 3, 4, 5];

/** A local wall time as an instant, the way a person reads a calendar. */
const at = (wall: string, timeZone: string) =>
  Temporal.PlainDateTime.from(wall).toZonedDateTime(timeZone).epochMilliseconds;

/** The local wall time with its offset, so an answer on a DST day says which of two 02:00s it is. */
const wallOf = (ms: number | null, timeZone: string) =>
  ms === null
    ? null
    : Temporal.Instant.fromEpochMilliseconds(ms)
        .toZonedDateTimeISO(timeZone)
        .toString({ smallestUnit: 'minute', timeZoneName: 'never' });

const calendar = (timeZone: string, days: number[], ranges: [string, string][], holidays: string[] = []) =>
  ({
    timeZone,
    hours: days.flatMap((day) => ranges.map(([start, end]) => ({ day, start, end }))),
    holidays,
  }) satisfies SlaCalendar;

const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** Up to two ranges per weekday from sorted cut points, biased towards midnight, whole hours and DST hours. */
const calendarArbitrary = (zones: string[], minuteStep: number) => {
  const steps = MINUTES_PER_DAY / minuteStep;
  const cut = fc.oneof(
    fc.constantFrom(0, steps),
    fc.integer({ min: 0, max: steps }),
    fc.integer({ min: 60 / minuteStep, max: 240 / minuteStep }),
  );
  const day = fc.uniqueArray(cut, { maxLength: 4 }).map((cuts) => {
    const sorted = cuts.sort((a, b) => a - b).map((step) => step * minuteStep);
    const ranges: { start: string; end: string }[] = [];
    for (let i = 0; i + 1 < sorted.length; i += 2) ranges.push({ start: hhmm(sorted[i]!), end: hhmm(sorted[i + 1]!) });
    return ranges;
  });
  const holiday = fc
    .integer({ min: 0, max: 4 * 366 })
    .map((offset) => new Temporal.PlainDate(2025, 1, 1).add({ days: offset }).toString());
  return fc
    .record({
      timeZone: fc.constantFrom(...zones),
      week: fc.array(day, { minLength: 7, maxLength: 7 }),
      holidays: fc.uniqueArray(holiday, { maxLength: 20 }),
    })
    .map(({ timeZone, week, holidays }) => ({
      timeZone,
      hours: week.flatMap((ranges, weekday) => ranges.map((range) => ({ day: weekday, ...range }))),
      holidays,
    }))
    .filter((generated) => generated.hours.length > 0);
};
const weeklyWorkingMs = (generated: SlaCalendar) =>
  generated.hours.reduce((sum, range) => {
    const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3));
    return sum + (minutes(range.end) - minutes(range.start)) * MINUTE;
  }, 0);

function transitionsOf(timeZone: string): number[] {
  const found: number[] = [];
  let zoned = Temporal.ZonedDateTime.from({ year: 2025, month: 1, day: 1, timeZone }).getTimeZoneTransition('next');
  while (zoned && zoned.year < 2029) {
    found.push(zoned.epochMilliseconds);
    zoned = zoned.getTimeZoneTransition('next');
  }
  return found;
}
const YEAR_ENDS = ZONES.flatMap((zone) => [2026, 2027, 2028].map((year) => at(`${year}-01-01T00:00`, zone)));
const SPECIAL_INSTANTS = [...ZONES.flatMap(transitionsOf), ...YEAR_ENDS];

/** Uniform over 2025–2028, or within two days of a DST change or a new year in one of the zones. */
const instantArbitrary = fc.oneof(
  fc.integer({ min: at('2025-01-01T00:00', 'UTC'), max: at('2028-12-31T00:00', 'UTC') }),
  fc
    .tuple(fc.constantFrom(...SPECIAL_INSTANTS), fc.integer({ min: -2 * DAY, max: 2 * DAY }))
    .map(([instant, shift]) => instant + shift),
);

/** A target from a moment to about three working weeks of this calendar. */
const durationArbitrary = (generated: SlaCalendar) =>
  fc.oneof(
    fc.constant(0),
    fc.integer({ min: 0, max: 3 * HOUR }),
    fc.integer({ min: 0, max: 3 * weeklyWorkingMs(generated) }),
  );

describe('business clock properties', () => {
  it('adds exactly the working time asked for, and not a millisecond later', () => {
    const cases = calendarArbitrary(ZONES, 1).chain((generated) =>
      fc.tuple(fc.constant(generated), instantArbitrary, durationArbitrary(generated)),
    );
    fc.assert(
      fc.property(cases, ([generated, start, duration]) => {
        const clock = businessClock(generated);
        const due = clock.add(start, duration);
        expect(due).not.toBeNull();
        expect(due!).toBeGreaterThanOrEqual(start);
        expect(clock.between(start, due!)).toBe(duration);
        if (duration > 0) expect(clock.between(start, due! - 1)).toBe(duration - 1);
      }),
      { numRuns: 300 },
    );
  });

  it('moves the due time later for a longer target', () => {
    const cases = calendarArbitrary(ZONES, 5).chain((generated) =>
      fc.tuple(fc.constant(generated), instantArbitrary, durationArbitrary(generated), durationArbitrary(generated)),
    );
    fc.assert(
      fc.property(cases, ([generated, start, first, second]) => {
        const clock = businessClock(generated);
        const [shorter, longer] = first <= second ? [first, second] : [second, first];
        expect(clock.add(start, shorter)!).toBeLessThanOrEqual(clock.add(start, longer)!);
      }),
      { numRuns: 200 },
    );
  });

  it('counts working time additively and never more than the time elapsed', () => {
    const span = fc.integer({ min: 0, max: 20 * DAY });
    const cases = fc.tuple(calendarArbitrary(ZONES, 1), instantArbitrary, span, span);
    fc.assert(
      fc.property(cases, ([generated, a, firstSpan, secondSpan]) => {
        const clock = businessClock(generated);
        const b = a + firstSpan;
        const c = b + secondSpan;
        expect(clock.between(a, b) + clock.between(b, c)).toBe(clock.between(a, c));
        expect(clock.between(a, b)).toBeLessThanOrEqual(b - a);
        expect(clock.between(b, a)).toBe(0);
      }),
      { numRuns: 200 },
    );
  });

  it('agrees with reading the local wall clock every half hour', () => {
    // Whole-hour ranges in zones whose offsets and changes fall on half hours, so each half hour is all in or all out.
    const zones = ZONES.filter((zone) => zone !== 'Pacific/Chatham');
    const halfHours = fc.integer({ min: 0, max: 10 * 48 });
    const alignedStart = instantArbitrary.map((instant) => instant - (instant % (30 * MINUTE)));
    fc.assert(
      fc.property(calendarArbitrary(zones, 60), alignedStart, halfHours, (generated, start, count) => {
        let expected = 0;
        for (let i = 0; i < count; i++) {
          const wall = Temporal.Instant.fromEpochMilliseconds(start + i * 30 * MINUTE).toZonedDateTimeISO(
            generated.timeZone,
          );
          const minute = wall.hour * 60 + wall.minute;
          const isWorking =
            !generated.holidays.includes(wall.toPlainDate().toString()) &&
            generated.hours.some(
              (range) =>
                range.day === wall.dayOfWeek % 7 &&
                hhmm(minute) >= range.start &&
                (range.end === '24:00' || hhmm(minute) < range.end),
            );
          if (isWorking) expected += 30 * MINUTE;
        }
        expect(businessClock(generated).between(start, start + count * 30 * MINUTE)).toBe(expected);
      }),
      { numRuns: 150 },
    );
  });

  it('is plain elapsed time on a clock that never stops, DST or not', () => {
    const allWeek = [0, 1, 2, 3, 4, 5, 6];
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        instantArbitrary,
        fc.integer({ min: 0, max: 40 * DAY }),
        (zone, start, duration) => {
          const clock = businessClock(calendar(zone, allWeek, [['00:00', '24:00']]));
          expect(clock.add(start, duration)).toBe(start + duration);
          expect(clock.between(start, start + duration)).toBe(duration);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('business clock examples', () => {
  const berlin = 'Europe/Berlin';
  const officeHours = calendar(berlin, WEEKDAYS, [['09:00', '17:00']]);

  it('skips the weekend, also when the clocks change over it', () => {
    const clock = businessClock(officeHours);
    expect(wallOf(clock.add(at('2026-03-20T16:00', berlin), 2 * HOUR), berlin)).toBe('2026-03-23T10:00+01:00');
    expect(wallOf(clock.add(at('2026-03-27T16:00', berlin), 2 * HOUR), berlin)).toBe('2026-03-30T10:00+02:00');
    expect(clock.between(at('2026-03-20T09:00', berlin), at('2026-03-23T17:00', berlin))).toBe(16 * HOUR);
  });

  it('skips holidays', () => {
    const clock = businessClock(calendar(berlin, WEEKDAYS, [['09:00', '17:00']], ['2026-12-25']));
    expect(wallOf(clock.add(at('2026-12-24T16:00', berlin), 2 * HOUR), berlin)).toBe('2026-12-28T10:00+01:00');
    expect(wallOf(businessClock(officeHours).add(at('2026-12-24T16:00', berlin), 2 * HOUR), berlin)).toBe(
      '2026-12-25T10:00+01:00',
    );
    expect(clock.between(at('2026-12-24T09:00', berlin), at('2026-12-29T09:00', berlin))).toBe(16 * HOUR);
  });

  it('treats a shift across midnight as one stretch', () => {
    const lateShift = {
      timeZone: berlin,
      hours: [
        { day: 5, start: '22:00', end: '24:00' },
        { day: 6, start: '00:00', end: '02:00' },
      ],
      holidays: [],
    };
    const clock = businessClock(lateShift);
    expect(wallOf(clock.add(at('2026-03-20T23:00', berlin), 2 * HOUR), berlin)).toBe('2026-03-21T01:00+01:00');
    expect(wallOf(clock.add(at('2026-03-21T00:00', berlin), 0), berlin)).toBe('2026-03-21T00:00+01:00');
    expect(wallOf(clock.add(at('2026-03-20T22:00', berlin), 4 * HOUR), berlin)).toBe('2026-03-21T02:00+01:00');
    expect(wallOf(clock.add(at('2026-03-20T22:00', berlin), 4 * HOUR + MINUTE), berlin)).toBe('2026-03-27T22:01+01:00');
    expect(clock.between(at('2026-03-20T21:00', berlin), at('2026-03-21T03:00', berlin))).toBe(4 * HOUR);
  });

  it('treats back-to-back ranges as one stretch', () => {
    const clock = businessClock(
      calendar(berlin, WEEKDAYS, [
        ['09:00', '12:00'],
        ['12:00', '17:00'],
      ]),
    );
    expect(wallOf(clock.add(at('2026-03-23T11:00', berlin), 2 * HOUR), berlin)).toBe('2026-03-23T13:00+01:00');
    expect(wallOf(clock.add(at('2026-03-23T12:00', berlin), 0), berlin)).toBe('2026-03-23T12:00+01:00');
    expect(wallOf(clock.add(at('2026-03-23T09:00', berlin), 8 * HOUR), berlin)).toBe('2026-03-23T17:00+01:00');
  });

  it('counts the real elapsed time on DST days in Berlin', () => {
    const night = businessClock(calendar(berlin, [0], [['01:00', '04:00']]));
    const day = businessClock(calendar(berlin, [0], [['09:00', '17:00']]));
    const whole = (clock: typeof night, date: string, next: string) =>
      clock.between(at(`${date}T00:00`, berlin), at(`${next}T00:00`, berlin));
    expect(whole(night, '2026-03-29', '2026-03-30')).toBe(2 * HOUR);
    expect(whole(night, '2026-10-25', '2026-10-26')).toBe(4 * HOUR);
    expect(whole(day, '2026-03-29', '2026-03-30')).toBe(8 * HOUR);
    expect(whole(day, '2026-10-25', '2026-10-26')).toBe(8 * HOUR);
    expect(wallOf(night.add(at('2026-03-29T01:00', berlin), 90 * MINUTE), berlin)).toBe('2026-03-29T03:30+02:00');
    expect(wallOf(night.add(at('2026-10-25T01:00', berlin), 2 * HOUR), berlin)).toBe('2026-10-25T02:00+01:00');
  });

  it('counts the real elapsed time on DST days in New York and Lord Howe', () => {
    const newYork = 'America/New_York';
    const early = businessClock(calendar(newYork, [0], [['00:00', '06:00']]));
    expect(early.between(at('2026-03-08T00:00', newYork), at('2026-03-09T00:00', newYork))).toBe(5 * HOUR);
    expect(early.between(at('2026-11-01T00:00', newYork), at('2026-11-02T00:00', newYork))).toBe(7 * HOUR);
    expect(wallOf(early.add(at('2026-11-01T00:00', newYork), 2 * HOUR), newYork)).toBe('2026-11-01T01:00-05:00');
    const lordHowe = 'Australia/Lord_Howe';
    const allDay = businessClock(calendar(lordHowe, [0], [['00:00', '24:00']]));
    expect(allDay.between(at('2026-04-05T00:00', lordHowe), at('2026-04-06T00:00', lordHowe))).toBe(24.5 * HOUR);
    expect(allDay.between(at('2026-10-04T00:00', lordHowe), at('2026-10-05T00:00', lordHowe))).toBe(23.5 * HOUR);
  });

  it('counts the part of a range the clock shows when it begins inside a DST gap', () => {
    const clock = businessClock(calendar(berlin, [0], [['02:30', '03:30']]));
    expect(clock.between(at('2026-03-29T00:00', berlin), at('2026-03-30T00:00', berlin))).toBe(30 * MINUTE);
    expect(wallOf(clock.add(at('2026-03-29T00:00', berlin), 0), berlin)).toBe('2026-03-29T03:00+02:00');
    // In the repeated hour the range starts at the first 02:30 and runs to the only 03:30.
    expect(clock.between(at('2026-10-25T00:00', berlin), at('2026-10-26T00:00', berlin))).toBe(2 * HOUR);
  });

  it('starts counting from inside, before or after working time', () => {
    const clock = businessClock(officeHours);
    const plusHour = (wall: string) => wallOf(clock.add(at(wall, berlin), HOUR), berlin);
    expect(plusHour('2026-03-23T10:00')).toBe('2026-03-23T11:00+01:00');
    expect(plusHour('2026-03-23T07:00')).toBe('2026-03-23T10:00+01:00');
    expect(plusHour('2026-03-23T18:00')).toBe('2026-03-24T10:00+01:00');
    expect(plusHour('2026-03-23T16:30')).toBe('2026-03-24T09:30+01:00');
  });

  it('adds nothing to a start inside working time and waits for the next start otherwise', () => {
    const clock = businessClock(officeHours);
    const plusNothing = (wall: string) => wallOf(clock.add(at(wall, berlin), 0), berlin);
    expect(plusNothing('2026-03-23T10:00')).toBe('2026-03-23T10:00+01:00');
    expect(plusNothing('2026-03-23T09:00')).toBe('2026-03-23T09:00+01:00');
    expect(plusNothing('2026-03-23T07:00')).toBe('2026-03-23T09:00+01:00');
    expect(plusNothing('2026-03-23T17:00')).toBe('2026-03-24T09:00+01:00');
    expect(plusNothing('2026-03-21T12:00')).toBe('2026-03-23T09:00+01:00');
  });

  it('gives up when holidays cover every working day for longer than the search reaches', () => {
    const wednesdays: string[] = [];
    for (let date = Temporal.PlainDate.from('2026-01-07'); date.year < 2030; date = date.add({ days: 7 })) {
      wednesdays.push(date.toString());
    }
    const clock = businessClock(calendar('UTC', [3], [['09:00', '17:00']], wednesdays));
    const firstFree = at('2030-01-02T09:00', 'UTC');
    expect(firstFree - at('2026-01-01T00:00', 'UTC')).toBeGreaterThan(MAX_SEARCH_DAYS * DAY);
    expect(clock.add(at('2026-01-01T00:00', 'UTC'), MINUTE)).toBeNull();
    expect(firstFree - at('2027-06-01T00:00', 'UTC')).toBeLessThan(MAX_SEARCH_DAYS * DAY);
    expect(wallOf(clock.add(at('2027-06-01T00:00', 'UTC'), HOUR), 'UTC')).toBe('2030-01-02T10:00+00:00');
  });

  it('refuses an instant or a target that is not a number of milliseconds', () => {
    const clock = businessClock(officeHours);
    expect(() => clock.add(Number.NaN, HOUR)).toThrow(RangeError);
    expect(() => clock.add(0, -1)).toThrow(RangeError);
    expect(() => clock.between(0, Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => businessClock(calendar('Mars/Olympus_Mons', WEEKDAYS, [['09:00', '17:00']]))).toThrow(RangeError);
  });

  it('hands out one clock per calendar', () => {
    expect(businessClock(officeHours)).toBe(businessClock(officeHours));
    expect(businessClock(structuredClone(officeHours))).toBe(businessClock(officeHours));
  });
});
