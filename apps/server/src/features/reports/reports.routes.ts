import { reportQuery, reportSeriesQuery, reportSeriesSchema, reportSummarySchema } from '@caseflow/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize } from '../../http/auth.js';
import { summaryCsv } from './report-figures.js';
import { reportSeries, reportSummary } from './reports.service.js';

const tags = ['reports'];

/** SPEC §13 (admin): one computation behind the JSON, the CSV and the web page's figures. */
export const reportsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/reports/summary',
    {
      preHandler: authorize('admin'),
      schema: {
        operationId: 'getReportSummary',
        tags,
        summary: 'Volume, response and resolution times, queue wait, SLA, reopens, CSAT and deflection over a period',
        querystring: reportQuery,
        response: { 200: reportSummarySchema },
      },
    },
    async (request) => reportSummary(app.ctx, request.query),
  );
  app.get(
    '/reports/summary.csv',
    {
      preHandler: authorize('admin'),
      schema: {
        operationId: 'getReportSummaryCsv',
        tags,
        summary: 'The same summary as CSV (figure,value), for a spreadsheet',
        querystring: reportQuery,
        produces: ['text/csv'],
        response: { 200: z.string().describe('text/csv: a header row, then one row per figure and filter') },
      },
    },
    async (request, reply) => {
      const { from, to, ...filters } = request.query;
      const csv = summaryCsv(await reportSummary(app.ctx, request.query), filters);
      const day = (iso: string) => iso.slice(0, 10);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="caseflow-report-${day(from)}-${day(to)}.csv"`)
        .send(csv);
    },
  );
  app.get(
    '/reports/series',
    {
      preHandler: authorize('admin'),
      schema: {
        operationId: 'getReportSeries',
        tags,
        summary: 'The summary’s counts and medians per day or hour of the period, for charts',
        querystring: reportSeriesQuery,
        response: { 200: reportSeriesSchema },
      },
    },
    async (request) => reportSeries(app.ctx, request.query),
  );
};
