import { Button, Paper, Skeleton, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { PageTitle } from '../../components/page-title';
import { QueryError } from '../../components/query-state';
import { summaryCsvHref, useReportSeries, useReportSummary } from './api';
import { intervalOf } from './period';
import { ReportFilters, useReportFilters } from './report-filters';
import { SeriesCharts, SeriesTable } from './series-charts';
import { isEmptySummary, SummaryFigures, SummarySkeleton } from './summary-figures';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
const dayOf = (date: string) => dateFormat.format(new Date(`${date}T00:00:00`));

function ReportBody({
  summary,
  series,
}: {
  summary: ReturnType<typeof useReportSummary>;
  series: ReturnType<typeof useReportSeries>;
}) {
  if (summary.isPending) {
    return (
      <Stack gap="sm" aria-busy="true">
        <VisuallyHidden role="status">Loading the report</VisuallyHidden>
        <SummarySkeleton />
        <Skeleton height={260} radius="md" />
      </Stack>
    );
  }
  if (summary.isError) return <QueryError query={summary} />;
  if (isEmptySummary(summary.data)) {
    return (
      <Paper withBorder p="xl">
        <Text ta="center" fw={600}>
          No cases in this period
        </Text>
        <Text ta="center" size="sm" c="gray.7">
          Try a longer period or fewer filters.
        </Text>
      </Paper>
    );
  }
  return (
    <Stack gap="lg">
      <SummaryFigures summary={summary.data} />
      <Stack gap="sm" component="section" aria-label="Over time">
        <Title order={2} size="h4">
          Over time
        </Title>
        {series.isPending ? (
          <Skeleton height={260} radius="md" />
        ) : series.isError ? (
          <QueryError query={series} />
        ) : (
          <>
            {series.data.timeZone !== browserZone && (
              <Text size="sm" c="gray.7">
                Days are counted in the shop's time zone, {series.data.timeZone}; the period starts and ends at midnight
                in yours, {browserZone}.
              </Text>
            )}
            <SeriesCharts series={series.data} />
            <SeriesTable series={series.data} />
          </>
        )}
      </Stack>
    </Stack>
  );
}

/**
 * SPEC §13 reports: volume, speed, SLA attainment, reopen rate, CSAT and deflection over a period, for a
 * team, an agent, a category or a priority; the same figures as `GET /reports/summary` and its CSV.
 */
export default function ReportsPage() {
  const filters = useReportFilters();
  const { query, period } = filters;
  const interval = 'error' in period ? 'day' : intervalOf(period);
  const summary = useReportSummary(query);
  const series = useReportSeries(query, interval);

  return (
    <Stack>
      <PageTitle
        title="Reports"
        actions={
          query &&
          !('error' in period) && (
            <Button
              component="a"
              href={summaryCsvHref(query)}
              download={`caseflow-report-${period.fromDate}-to-${period.toDate}.csv`}
              variant="default"
            >
              Download CSV
            </Button>
          )
        }
      >
        Reports
      </PageTitle>
      <ReportFilters {...filters} />
      {!('error' in period) && (
        <Text size="sm" c="gray.7">
          {dayOf(period.fromDate)} to {dayOf(period.toDate)} ({period.days} {period.days === 1 ? 'day' : 'days'}), in
          your time zone.
        </Text>
      )}
      {/* An impossible custom period asks for nothing; the date fields say what is wrong. */}
      {query && <ReportBody summary={summary} series={series} />}
    </Stack>
  );
}
