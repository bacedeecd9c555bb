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
export function percentile(sorted: readonly number[], share: number): number | null {
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

/** Every figure of SPEC §13's summary from the facts; deflection comes from the help center's own log. */
export function summarize(
  facts: ReportFacts,
  period: { from: string; to: string },
  deflection: ReportSummary['deflection'],
): ReportSummary {
  const firstResponseMet = facts.created.filter((item) => item.firstResponseMet === true).length;
  const resolutionMet = facts.resolutions.filter((item) => item.met === true).length;
  const breached = facts.breaches.length;
  return {
    ...period,
    cases: { created: facts.created.length, resolved: facts.resolutions.length, reopened: facts.reopens.length },
    reopenRate: ratio(facts.reopens.length, facts.resolutions.length),
    firstResponse: durationFigures(facts.created.map((item) => item.firstResponseMs)),
    resolution: durationFigures(facts.resolutions.map((item) => item.durationMs)),
    wait: { medianMinutes: durationFigures(facts.created.map((item) => item.waitMs)).medianMinutes },
    sla: {
      firstResponseMet,
      resolutionMet,
      breached,
      attainment: ratio(firstResponseMet + resolutionMet, firstResponseMet + resolutionMet + breached),
    },
    csat: { count: facts.ratings.length, average: averageRating(facts.ratings) },
    deflection,
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
