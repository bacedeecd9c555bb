import { z } from 'zod';
import { nullableTimestamp, optionalTextSchema, timestampSchema } from './common.js';
import { prioritySchema } from './priority.js';

/** "09:00" … "23:59", and "24:00" for the end of a day. */
const clockTime = z
  .string()
  .regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'must be a time like 09:00 (24:00 ends a day)');
const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

const isTimeZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

export const businessHoursSchema = z
  .object({
    /** 0 = Sunday … 6 = Saturday. */
    day: z.number().int().min(0).max(6),
    start: clockTime,
    end: clockTime,
  })
  .refine((range) => minutesOf(range.end) > minutesOf(range.start), {
    path: ['end'],
    message: 'must be later than start',
  });
export type BusinessHours = z.infer<typeof businessHoursSchema>;

/** A holiday is a date in the calendar's own time zone. */
const holidaySchema = z.iso.date('must be a date like 2026-12-25');

export const slaCalendarSchema = z
  .object({
    timeZone: z.string().max(100).refine(isTimeZone, 'not a time zone (use an IANA name like Europe/Berlin)'),
    hours: z.array(businessHoursSchema).min(1, 'needs at least one range of working hours').max(70),
    holidays: z.array(holidaySchema).max(1_000).default([]),
  })
  .superRefine((calendar, context) => {
    const sorted = calendar.hours
      .map((range, index) => ({ ...range, index }))
      .sort((a, b) => a.day - b.day || minutesOf(a.start) - minutesOf(b.start));
    for (let i = 1; i < sorted.length; i++) {
      const previous = sorted[i - 1];
      const range = sorted[i];
      if (previous && range && previous.day === range.day && minutesOf(range.start) < minutesOf(previous.end)) {
        context.addIssue({
          code: 'custom',
          path: ['hours', range.index],
          message: `overlaps another range on day ${range.day}`,
        });
      }
    }
  });
export type SlaCalendar = z.infer<typeof slaCalendarSchema>;

export const SLA_TARGET_MAX_MINUTES = 525_600; // a year
const targetMinutes = z.number().int().min(1, 'must be at least 1 minute').max(SLA_TARGET_MAX_MINUTES);
export const slaPolicySchema = z.object({
  priority: prioritySchema,
  firstResponseMinutes: targetMinutes,
  resolutionMinutes: targetMinutes,
});
export type SlaPolicy = z.infer<typeof slaPolicySchema>;

/** SPEC §13: one calendar and at most one policy per priority; a priority without a policy has no SLA. */
export const slaSettingsSchema = z.object({
  calendar: slaCalendarSchema,
  policies: z
    .array(slaPolicySchema)
    .max(prioritySchema.options.length)
    .refine(
      (policies) => new Set(policies.map((policy) => policy.priority)).size === policies.length,
      'lists a priority twice',
    ),
});
export type SlaSettings = z.infer<typeof slaSettingsSchema>;
export const slaSettingsResponse = slaSettingsSchema.extend({ updatedAt: nullableTimestamp });

/** Targets counted in business hours; `at_risk` from 80 % of a target; `paused` while the case waits on the customer. */
export const slaStateSchema = z.enum(['ok', 'at_risk', 'breached', 'met', 'paused']);
export type SlaState = z.infer<typeof slaStateSchema>;
export const caseSlaSchema = z.object({
  firstResponseDueAt: timestampSchema,
  resolutionDueAt: timestampSchema,
  state: slaStateSchema,
});
export type CaseSla = z.infer<typeof caseSlaSchema>;

/** SPEC §13: the case's customer rates it once, after it is resolved. */
export const csatBody = z.object({
  rating: z.number().int().min(1, 'must be 1 to 5').max(5, 'must be 1 to 5'),
  comment: optionalTextSchema(2_000).optional(),
});
export type CsatBody = z.infer<typeof csatBody>;
export const csatSchema = z.object({
  rating: z.number().int(),
  comment: z.string().nullable(),
  createdAt: timestampSchema,
});
export type Csat = z.infer<typeof csatSchema>;
/** The mail's single-use link: no sign-in, the token names the case. */
export const csatTokenQuery = z.object({ token: z.string().min(16).max(300) });
export const csatByTokenBody = csatBody.extend({ token: csatTokenQuery.shape.token });
export const csatLinkSchema = z.object({
  case: z.object({ number: z.string(), subject: z.string(), resolved: z.boolean() }),
  csat: csatSchema.nullable(),
});
