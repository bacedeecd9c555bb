import type { ReportQuery, ReportSeries, ReportSummary } from '@caseflow/contract';
import { skipToken, useQuery } from '@tanstack/react-query';
import { API_BASE, api } from '../../lib/api-client';

export const reportKeys = {
  summary: (query: ReportQuery | null) => ['reports', 'summary', query] as const,
  series: (query: ReportQuery | null, interval: ReportSeries['interval']) =>
    ['reports', 'series', query, interval] as const,
};

/** The query string every report URL shares (the page, the series and the CSV say the same thing). */
export function reportSearch(query: ReportQuery): string {
  const params = new URLSearchParams({ from: query.from, to: query.to });
  for (const key of ['team', 'agent', 'category', 'priority'] as const) {
    const value = query[key];
    if (value !== undefined) params.set(key, String(value));
  }
  return params.toString();
}

/** The CSV of the summary; a plain link: the session cookie authenticates the download. */
export const summaryCsvHref = (query: ReportQuery) => `${API_BASE}/reports/summary.csv?${reportSearch(query)}`;

/** Null (a custom period that makes no sense yet) asks for nothing. */
export function useReportSummary(query: ReportQuery | null) {
  return useQuery({
    queryKey: reportKeys.summary(query),
    queryFn: query ? () => api<ReportSummary>('GET', `/reports/summary?${reportSearch(query)}`) : skipToken,
  });
}

export function useReportSeries(query: ReportQuery | null, interval: ReportSeries['interval']) {
  return useQuery({
    queryKey: reportKeys.series(query, interval),
    queryFn: query
      ? () => api<ReportSeries>('GET', `/reports/series?${reportSearch(query)}&interval=${interval}`)
      : skipToken,
  });
}
