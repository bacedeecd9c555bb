import type { ReportSummary } from '@caseflow/contract';

const MINUTE_MS = 60_000;

/** What a report counts, one entry per fact, each with the time it happened (epoch millis). */
export interface ReportFacts {
  created: { at: number; firstResponseMs: number | null; waitMs: number | null; firstResponseMet: boolean | null }[];
  resolutions: { at: number; durationMs: number; met: boolean | null }[];
  reopens: number[];
  breaches: number[];
  ratings: { at: number; rating: number }[];
}

/** Linear interpolation between the closest ranks (PostgreSQL's percentile_cont); null for no values. */
export function percentile(sorted: ArrayLike<number>, share: number): number | null {
  if (sorted.length === 0) return null;
  const position = (sorted.length - 1) * share;
  const below = Math.floor(position);
  const low = sorted[below] as number;
  const high = sorted[Math.min(below + 1, sorted.length - 1)] as number;
  return low + (high - low) * (position - below);
}

const toMinutes = (ms: number | null) => (ms === null ? null : Math.round((ms / MINUTE_MS) * 10) / 10);
const ascending = (values: (number | null)[]) =>
  values.filter((value): value is number => value !== null).sort((a, b) => a - b);
const ratio = (part: number, whole: number) => (whole === 0 ? null : part / whole);

export function durationFigures(values: (number | null)[]) {
  const sorted = ascending(values);
  return { medianMinutes: toMinutes(percentile(sorted, 0.5)), p90Minutes: toMinutes(percentile(sorted, 0.9)) };
}

export const averageRating = (ratings: readonly { rating: number }[]) =>
  ratings.length === 0
    ? null
    : Math.round((ratings.reduce((sum, { rating }) => sum + rating, 0) / ratings.length) * 100) / 100;

/**
 * What a summary adds up over a period: counts, and every duration (millis, ascending) its medians and
 * p90s are taken from. Parts of a period (closed days kept in report_days, the hours around them) are
 * tallied apart and merged: the merge of the parts is the tally of the whole, figure for figure.
 */
export interface Tally {
  created: number;
  firstResponseMet: number;
  resolved: number;
  resolutionMet: number;
  reopened: number;
  breached: number;
  ratings: number;
  ratingSum: number;
  shown: number;
  deflected: number;
  casesAfterSuggestions: number;
  firstResponseMs: Float64Array;
  waitMs: Float64Array;
  resolutionMs: Float64Array;
}

const COUNTS = [
  'created',
  'firstResponseMet',
  'resolved',
  'resolutionMet',
  'reopened',
  'breached',
  'ratings',
  'ratingSum',
  'shown',
  'deflected',
  'casesAfterSuggestions',
] as const;
const DURATIONS = ['firstResponseMs', 'waitMs', 'resolutionMs'] as const;

const sortedOf = (values: (number | null)[]) => Float64Array.from(ascending(values));

/** A part's tally from its facts and its help-center visits. */
export function tallyOf(
  facts: ReportFacts,
  visits: { shown: number; deflected: number; casesAfterSuggestions: number },
): Tally {
  return {
    created: facts.created.length,
    firstResponseMet: facts.created.filter((item) => item.firstResponseMet === true).length,
    resolved: facts.resolutions.length,
    resolutionMet: facts.resolutions.filter((item) => item.met === true).length,
    reopened: facts.reopens.length,
    breached: facts.breaches.length,
    ratings: facts.ratings.length,
    ratingSum: facts.ratings.reduce((sum, { rating }) => sum + rating, 0),
    ...visits,
    firstResponseMs: sortedOf(facts.created.map((item) => item.firstResponseMs)),
    waitMs: sortedOf(facts.created.map((item) => item.waitMs)),
    resolutionMs: sortedOf(facts.resolutions.map((item) => item.durationMs)),
  };
}

/** The tallies of the parts of a period as the tally of the whole. */
export function mergeTallies(parts: readonly Tally[]): Tally {
  const merged: Record<string, number | Float64Array> = Object.fromEntries(
    COUNTS.map((key) => [key, parts.reduce((sum, part) => sum + part[key], 0)]),
  );
  for (const key of DURATIONS) {
    const values = new Float64Array(parts.reduce((sum, part) => sum + part[key].length, 0));
    let at = 0;
    for (const part of parts) {
      values.set(part[key], at);
      at += part[key].length;
    }
    merged[key] = parts.length === 1 ? values : values.sort();
  }
  return merged as unknown as Tally;
}

/** A tally as bytes (report_days.facts): the counts, the three lengths, then the durations. */
export function encodeTally(tally: Tally): Uint8Array {
  const head = [...COUNTS.map((key) => tally[key]), ...DURATIONS.map((key) => tally[key].length)];
  const numbers = new Float64Array(head.length + DURATIONS.reduce((sum, key) => sum + tally[key].length, 0));
  numbers.set(head);
  let at = head.length;
  for (const key of DURATIONS) {
    numbers.set(tally[key], at);
    at += tally[key].length;
  }
  return Buffer.from(numbers.buffer);
}

export function decodeTally(bytes: Uint8Array): Tally {
  // A copy: a driver's buffer need not start on an 8-byte boundary.
  const numbers = new Float64Array(Uint8Array.from(bytes).buffer);
  const tally: Record<string, number | Float64Array> = Object.fromEntries(
    COUNTS.map((key, index) => [key, numbers[index] as number]),
  );
  let at = COUNTS.length + DURATIONS.length;
  DURATIONS.forEach((key, index) => {
    const length = numbers[COUNTS.length + index] as number;
    tally[key] = numbers.slice(at, at + length);
    at += length;
  });
  return tally as unknown as Tally;
}

const minutesAt = (sorted: Float64Array, share: number) => toMinutes(percentile(sorted, share));

/** Every figure of SPEC §13's summary from a period's tally. */
export function summarize(tally: Tally, period: { from: string; to: string }): ReportSummary {
  const { firstResponseMet, resolutionMet, breached } = tally;
  const outcomes = tally.deflected + tally.casesAfterSuggestions;
  return {
    ...period,
    cases: { created: tally.created, resolved: tally.resolved, reopened: tally.reopened },
    reopenRate: ratio(tally.reopened, tally.resolved),
    firstResponse: {
      medianMinutes: minutesAt(tally.firstResponseMs, 0.5),
      p90Minutes: minutesAt(tally.firstResponseMs, 0.9),
    },
    resolution: { medianMinutes: minutesAt(tally.resolutionMs, 0.5), p90Minutes: minutesAt(tally.resolutionMs, 0.9) },
    wait: { medianMinutes: minutesAt(tally.waitMs, 0.5) },
    sla: {
      firstResponseMet,
      resolutionMet,
      breached,
      attainment: ratio(firstResponseMet + resolutionMet, firstResponseMet + resolutionMet + breached),
    },
    csat: {
      count: tally.ratings,
      average: tally.ratings === 0 ? null : Math.round((tally.ratingSum / tally.ratings) * 100) / 100,
    },
    deflection: {
      shown: tally.shown,
      deflected: tally.deflected,
      rate: outcomes === 0 ? null : tally.deflected / outcomes,
    },
  };
}

/** The summary as CSV rows (`figure,value`): the same object the JSON answer is, flattened. */
export function summaryCsv(summary: ReportSummary, filters: Record<string, string | number | undefined>): string {
  const rows: [string, string][] = [];
  const add = (prefix: string, value: unknown) => {
    if (value !== null && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) add(prefix ? `${prefix}.${key}` : key, inner);
    } else rows.push([prefix, value === null || value === undefined ? '' : String(value)]);
  };
  add('', summary);
  for (const [key, value] of Object.entries(filters))
    if (value !== undefined) rows.push([`filter.${key}`, String(value)]);
  const cell = (text: string) => (/[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);
  return `${['figure,value', ...rows.map(([figure, value]) => `${cell(figure)},${cell(value)}`)].join('\r\n')}\r\n`;
}
