import '@mantine/charts/styles.css';
import type { ReportSeries } from '@caseflow/contract';
import { BarChart, LineChart } from '@mantine/charts';
import { Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { type ReactNode, useId } from 'react';
import { formatMinutes } from '../../lib/format';

type Point = ReportSeries['points'][number];

/** Labels in the zone the server counted the days in (the SLA calendar's), so a day reads as the shop's day. */
function labeller(series: ReportSeries) {
  const options: Intl.DateTimeFormatOptions =
    series.interval === 'hour' ? { weekday: 'short', hour: 'numeric' } : { month: 'short', day: 'numeric' };
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat(undefined, { ...options, timeZone: series.timeZone });
  } catch {
    format = new Intl.DateTimeFormat(undefined, options);
  }
  return (point: Point) => format.format(new Date(point.start));
}

const sum = (points: Point[], key: 'created' | 'resolved' | 'breached') =>
  points.reduce((total, point) => total + point[key], 0);

/** The chart is for the eye (hidden from screen readers); the sentence above it and the table below say the same. */
function ChartCard({ title, summary, children }: { title: string; summary: string; children: ReactNode }) {
  const titleId = useId();
  return (
    <Paper withBorder p={{ base: 'sm', sm: 'md' }} component="figure" m={0} aria-labelledby={titleId}>
      <Stack gap="xs">
        <Stack gap={4} component="figcaption">
          <Title order={3} size="h5" id={titleId}>
            {title}
          </Title>
          <Text size="sm" c="gray.7">
            {summary}
          </Text>
        </Stack>
        <div aria-hidden="true">{children}</div>
      </Stack>
    </Paper>
  );
}

function busiest(points: Point[], key: 'created' | 'breached', label: (point: Point) => string) {
  const top = points.reduce<Point | undefined>(
    (best, point) => (best && best[key] >= point[key] ? best : point),
    undefined,
  );
  return top && top[key] > 0 ? `; the most on ${label(top)} (${top[key]})` : '';
}

export function SeriesCharts({ series }: { series: ReportSeries }) {
  const unit = series.interval === 'hour' ? 'hour' : 'day';
  const label = labeller(series);
  const data = series.points.map((point) => ({ ...point, label: label(point) }));
  const measured = series.points.filter((point) => point.firstResponseMedianMinutes !== null);
  const fastest = Math.min(...measured.map((point) => point.firstResponseMedianMinutes as number));
  const slowest = Math.max(...measured.map((point) => point.firstResponseMedianMinutes as number));
  const axis = {
    tickLine: 'y' as const,
    xAxisProps: { minTickGap: 16 },
    yAxisProps: { allowDecimals: false, width: 40 },
    accessibilityLayer: false,
  };
  return (
    <SimpleGrid cols={{ base: 1, lg: 3 }} spacing="sm">
      <ChartCard
        title={`Created and resolved per ${unit}`}
        summary={`${sum(series.points, 'created')} created and ${sum(series.points, 'resolved')} resolved${busiest(series.points, 'created', label)}.`}
      >
        <BarChart
          h={220}
          data={data}
          dataKey="label"
          series={[
            { name: 'created', label: 'Created', color: 'indigo.6' },
            { name: 'resolved', label: 'Resolved', color: 'teal.6' },
          ]}
          withLegend
          legendProps={{ verticalAlign: 'top', height: 32 }}
          maxBarWidth={14}
          {...axis}
        />
      </ChartCard>
      <ChartCard
        title={`First response, median per ${unit}`}
        summary={
          measured.length
            ? `Between ${formatMinutes(fastest)} and ${formatMinutes(slowest)} over the ${measured.length} ${unit}s with a first response.`
            : 'No first response in this period.'
        }
      >
        <LineChart
          h={220}
          data={data}
          dataKey="label"
          series={[{ name: 'firstResponseMedianMinutes', label: 'Median minutes', color: 'indigo.6' }]}
          connectNulls={false}
          valueFormatter={(value) => formatMinutes(value)}
          {...axis}
          yAxisProps={{ width: 64 }}
        />
      </ChartCard>
      <ChartCard
        title={`SLA breaches per ${unit}`}
        summary={`${sum(series.points, 'breached')} targets missed${busiest(series.points, 'breached', label)}.`}
      >
        <BarChart
          h={220}
          data={data}
          dataKey="label"
          series={[{ name: 'breached', label: 'Breaches', color: 'red.7' }]}
          maxBarWidth={14}
          {...axis}
        />
      </ChartCard>
    </SimpleGrid>
  );
}

/** Every point of the series, for reading the figures (and the charts' text alternative). */
export function SeriesTable({ series }: { series: ReportSeries }) {
  const unit = series.interval === 'hour' ? 'Hour' : 'Day';
  const label = labeller(series);
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table striped verticalSpacing="xs">
        <Table.Caption>
          Per {unit.toLowerCase()} ({series.timeZone}), oldest first
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{unit}</Table.Th>
            <Table.Th scope="col">Created</Table.Th>
            <Table.Th scope="col">Resolved</Table.Th>
            <Table.Th scope="col">Breaches</Table.Th>
            <Table.Th scope="col">First response, median</Table.Th>
            <Table.Th scope="col">CSAT, average</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {series.points.map((point) => (
            <Table.Tr key={point.start}>
              <Table.Th scope="row" fw={400}>
                <time dateTime={point.start}>{label(point)}</time>
              </Table.Th>
              <Table.Td>{point.created}</Table.Td>
              <Table.Td>{point.resolved}</Table.Td>
              <Table.Td>{point.breached}</Table.Td>
              <Table.Td>{formatMinutes(point.firstResponseMedianMinutes)}</Table.Td>
              <Table.Td>{point.csatAverage === null ? '—' : point.csatAverage.toFixed(1)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
