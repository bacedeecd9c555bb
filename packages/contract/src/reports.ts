import { z } from 'zod';
import { idSchema, timestampSchema } from './common.js';
import { prioritySchema } from './priority.js';
import { categorySchema } from './teams.js';

export const REPORT_MAX_DAYS = 731;
const DAY_MS = 86_400_000;
/** Hourly points over at most this many days (744 points). */
export const HOURLY_SERIES_MAX_DAYS = 31;

const period = z.object({
  /** The period is [from, to): from is counted, to is not. */
  from: timestampSchema,
  to: timestampSchema,
  team: idSchema.optional(),
  /** Cases the agent holds or last held (team, category and priority are the case's current ones too). */
  agent: idSchema.optional(),
  category: categorySchema.optional(),
  priority: prioritySchema.optional(),
});

type Period = z.infer<typeof period>;
const checkPeriod = (query: Period, context: z.RefinementCtx) => {
  const span = Date.parse(query.to) - Date.parse(query.from);
  if (span <= 0) context.addIssue({ code: 'custom', path: ['from'], message: 'must be before to' });
  else if (span > REPORT_MAX_DAYS * DAY_MS) {
    context.addIssue({ code: 'custom', path: ['to'], message: `the period is at most ${REPORT_MAX_DAYS} days` });
  }
};

export const reportQuery = period.superRefine(checkPeriod);
export type ReportQuery = z.infer<typeof reportQuery>;

export const reportIntervalSchema = z.enum(['day', 'hour']);
export const reportSeriesQuery = period
  .extend({ interval: reportIntervalSchema.default('day') })
  .superRefine((query, context) => {
    checkPeriod(query, context);
    const span = Date.parse(query.to) - Date.parse(query.from);
    if (query.interval === 'hour' && span > HOURLY_SERIES_MAX_DAYS * DAY_MS) {
      context.addIssue({
        code: 'custom',
        path: ['interval'],
        message: `hourly points cover at most ${HOURLY_SERIES_MAX_DAYS} days; use interval=day`,
      });
    }
  });
export type ReportSeriesQuery = z.infer<typeof reportSeriesQuery>;

/** Minutes to one decimal; percentiles interpolate between the nearest ranks (PostgreSQL's percentile_cont). */
const minutes = z.number().nullable();
/** First response and queue wait: of the cases created in the period. Resolution: of the resolutions in it. */
const duration = z.object({ medianMinutes: minutes, p90Minutes: minutes });

/** SPEC §13. Every figure comes from the activity log; null where nothing was measured. */
export const reportSummarySchema = z.object({
  from: timestampSchema,
  to: timestampSchema,
  cases: z.object({ created: z.number().int(), resolved: z.number().int(), reopened: z.number().int() }),
  /** Reopens in the period over resolutions in the period. */
  reopenRate: z.number().nullable(),
  firstResponse: duration,
  resolution: duration,
  wait: z.object({ medianMinutes: minutes }),
  sla: z.object({
    firstResponseMet: z.number().int(),
    resolutionMet: z.number().int(),
    breached: z.number().int(),
    /** Met targets over targets that came due or were met in the period. */
    attainment: z.number().nullable(),
  }),
  csat: z.object({ count: z.number().int(), average: z.number().nullable() }),
  /** Help-center visits (not cases), so the team, agent, category and priority filters leave it unchanged. */
  deflection: z.object({ shown: z.number().int(), deflected: z.number().int(), rate: z.number().nullable() }),
});
export type ReportSummary = z.infer<typeof reportSummarySchema>;

export const reportPointSchema = z.object({
  start: timestampSchema,
  created: z.number().int(),
  resolved: z.number().int(),
  breached: z.number().int(),
  firstResponseMedianMinutes: minutes,
  csatAverage: z.number().nullable(),
});
export const reportSeriesSchema = z.object({
  interval: reportIntervalSchema,
  /** Days and hours start on the SLA calendar's clock (the shop's time zone). */
  timeZone: z.string(),
  points: z.array(reportPointSchema),
});
export type ReportSeries = z.infer<typeof reportSeriesSchema>;
