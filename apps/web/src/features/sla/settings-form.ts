import { type Priority, prioritySchema, type SlaSettings, slaSettingsSchema } from '@caseflow/contract';
import type { UseFormReturnType } from '@mantine/form';
import { zodErrors } from '../../lib/forms';

/** One range of working hours; `key` keeps React's rows apart when one is removed. */
export type HoursRow = { key: string; day: number; start: string; end: string };
export type Duration = { hours: number | string; minutes: number | string };
export type Target = { enabled: boolean; firstResponse: Duration; resolution: Duration };

/**
 * The form mirrors the body (`calendar.hours.2.end` is a field's path in both), so the server's field
 * errors land on the field they name; only the policies differ: one row per priority, on or off.
 */
export type SettingsValues = {
  calendar: { timeZone: string; hours: HoursRow[]; holidays: string[] };
  targets: Record<Priority, Target>;
};
export type SettingsForm = UseFormReturnType<SettingsValues>;

export const priorities = prioritySchema.options;

/** Offered when a priority is switched on: business hours, tighter for the more urgent. */
const suggestedMinutes: Record<Priority, { firstResponse: number; resolution: number }> = {
  urgent: { firstResponse: 60, resolution: 4 * 60 },
  high: { firstResponse: 2 * 60, resolution: 8 * 60 },
  normal: { firstResponse: 4 * 60, resolution: 24 * 60 },
  low: { firstResponse: 8 * 60, resolution: 40 * 60 },
};

let nextKey = 0;
export const hoursRow = (day: number, start: string, end: string): HoursRow => ({
  key: `hours-${nextKey++}`,
  day,
  start,
  end,
});

const split = (minutes: number): Duration => ({ hours: Math.floor(minutes / 60), minutes: minutes % 60 });
const asNumber = (value: number | string) => (typeof value === 'number' ? value : value.trim() ? Number(value) : 0);
export const totalMinutes = (duration: Duration) => asNumber(duration.hours) * 60 + asNumber(duration.minutes);

export function toValues(settings: SlaSettings): SettingsValues {
  const targets = {} as Record<Priority, Target>;
  for (const priority of priorities) {
    const policy = settings.policies.find((candidate) => candidate.priority === priority);
    const minutes = policy ?? {
      firstResponseMinutes: suggestedMinutes[priority].firstResponse,
      resolutionMinutes: suggestedMinutes[priority].resolution,
    };
    targets[priority] = {
      enabled: policy !== undefined,
      firstResponse: split(minutes.firstResponseMinutes),
      resolution: split(minutes.resolutionMinutes),
    };
  }
  return {
    calendar: {
      timeZone: settings.calendar.timeZone,
      hours: settings.calendar.hours.map((range) => hoursRow(range.day, range.start, range.end)),
      holidays: [...settings.calendar.holidays].sort(),
    },
    targets,
  };
}

/** The PUT body, in the form's order: `calendar.hours.N` and `policies.N` index the rows as shown. */
export function toBody(values: SettingsValues): SlaSettings {
  return {
    calendar: {
      timeZone: values.calendar.timeZone,
      hours: values.calendar.hours.map(({ day, start, end }) => ({ day, start, end })),
      holidays: values.calendar.holidays,
    },
    policies: priorities
      .filter((priority) => values.targets[priority].enabled)
      .map((priority) => ({
        priority,
        firstResponseMinutes: totalMinutes(values.targets[priority].firstResponse),
        resolutionMinutes: totalMinutes(values.targets[priority].resolution),
      })),
  };
}

const policyField: Record<string, keyof Target> = {
  firstResponseMinutes: 'firstResponse',
  resolutionMinutes: 'resolution',
  priority: 'enabled',
};

/** Errors keyed by the body's paths (the server's or the schema's), re-keyed to the form's fields. */
export function toFormErrors(errors: Record<string, string>, values: SettingsValues): Record<string, string> {
  const sent = priorities.filter((priority) => values.targets[priority].enabled);
  const mapped: Record<string, string> = {};
  for (const [path, message] of Object.entries(errors)) {
    const policy = /^policies\.(\d+)(?:\.(\w+))?$/.exec(path);
    const priority = policy && sent[Number(policy[1])];
    const key = priority ? `targets.${priority}.${policyField[policy[2] ?? 'priority'] ?? 'enabled'}` : path;
    mapped[key] ??= message;
  }
  return mapped;
}

/** The contract's own schema, checked before sending (the server checks it again). */
const checkBody = zodErrors(slaSettingsSchema);
export const validateSettings = (values: SettingsValues) => toFormErrors(checkBody(toBody(values)), values);

/** Paths the form shows beside a field; anything else goes in the alert above the form. */
export const isShownOnField = (path: string) =>
  /^(calendar\.timeZone|calendar\.hours(\.\d+(\.\w+)?)?|calendar\.holidays(\.\d+)?|policies|targets\.\w+\.\w+)$/.test(
    path,
  );
