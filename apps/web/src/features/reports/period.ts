import { REPORT_MAX_DAYS } from '@caseflow/contract';

export const PRESETS = [
  { value: '7', label: 'Last 7 days' },
  { value: '30', label: 'Last 30 days' },
  { value: '90', label: 'Last 90 days' },
] as const;
export const CUSTOM = 'custom';
export const DEFAULT_PRESET = '30';

/** A period as the admin chose it: whole local days, `toDate` included. */
export type Period = { fromDate: string; toDate: string; from: string; to: string; days: number };

const pad = (value: number) => String(value).padStart(2, '0');
/** "2025-01-31" in the browser's own time zone. */
export const localDate = (date: Date) => `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;

/** Local midnight of `date` plus `days` (the Date constructor handles month ends and DST). */
function midnight(date: string, days = 0): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]) - 1, Number(match[3])];
  const given = new Date(year, month, day);
  if (given.getFullYear() !== year || given.getMonth() !== month || given.getDate() !== day) return null;
  return new Date(year, month, day + days);
}

function periodBetween(fromDate: string, toDate: string): Period | { error: string } {
  const start = midnight(fromDate);
  const end = midnight(toDate, 1);
  if (!start || !end) return { error: 'Choose both dates.' };
  const days = Math.round((end.getTime() - start.getTime()) / 86_400_000);
  if (days < 1) return { error: 'The first day must not be after the last.' };
  if (days > REPORT_MAX_DAYS) return { error: `A report covers at most ${REPORT_MAX_DAYS} days.` };
  return { fromDate, toDate, from: start.toISOString(), to: end.toISOString(), days };
}

/**
 * The period a preset ("7": the last 7 days, today included) or two custom dates stand for, as the
 * API's half-open [from, to) between local midnights; an error in words for dates that make none.
 */
export function periodOf(
  preset: string,
  custom: { fromDate: string; toDate: string },
  today = new Date(),
): Period | { error: string } {
  if (preset === CUSTOM) return periodBetween(custom.fromDate, custom.toDate);
  const days = Number(PRESETS.some((option) => option.value === preset) ? preset : DEFAULT_PRESET);
  const todayDate = localDate(today);
  const first = new Date(today.getFullYear(), today.getMonth(), today.getDate() - (days - 1));
  return periodBetween(localDate(first), todayDate);
}

/** Hours for a day or two (a day's 24 points), days for anything longer (the API allows hours up to 31 days). */
export const intervalOf = (period: Period) => (period.days <= 2 ? ('hour' as const) : ('day' as const));
