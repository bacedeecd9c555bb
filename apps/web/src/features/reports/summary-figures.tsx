import type { ReportSummary } from '@caseflow/contract';
import { Paper, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { formatMinutes, formatPercent } from '../../lib/format';

type Figure = { label: string; value: string; hint?: string };

const count = (value: number) => value.toLocaleString();
const average = (value: number | null) => (value === null ? '—' : `${value.toFixed(1)} / 5`);
const plural = (value: number, one: string, many: string) => `${count(value)} ${value === 1 ? one : many}`;

/** Every figure of the summary, grouped as the SPEC lists them; null (nothing measured) shows as a dash. */
export function summaryGroups(summary: ReportSummary): { title: string; note?: string; figures: Figure[] }[] {
  const { cases, firstResponse, resolution, wait, sla, csat, deflection } = summary;
  return [
    {
      title: 'Volume',
      figures: [
        { label: 'Created', value: count(cases.created), hint: 'cases reported' },
        { label: 'Resolved', value: count(cases.resolved) },
        { label: 'Reopened', value: count(cases.reopened) },
        { label: 'Reopen rate', value: formatPercent(summary.reopenRate), hint: 'of the resolutions, later reopened' },
      ],
    },
    {
      title: 'Speed',
      figures: [
        { label: 'First response, median', value: formatMinutes(firstResponse.medianMinutes) },
        { label: 'First response, 90th percentile', value: formatMinutes(firstResponse.p90Minutes) },
        { label: 'Resolution, median', value: formatMinutes(resolution.medianMinutes) },
        { label: 'Resolution, 90th percentile', value: formatMinutes(resolution.p90Minutes) },
        { label: 'Queue wait, median', value: formatMinutes(wait.medianMinutes), hint: 'before an agent took it' },
      ],
    },
    {
      title: 'SLA',
      figures: [
        { label: 'SLA attainment', value: formatPercent(sla.attainment), hint: 'of the targets due, met' },
        { label: 'First responses in time', value: count(sla.firstResponseMet) },
        { label: 'Resolutions in time', value: count(sla.resolutionMet) },
        { label: 'Breaches', value: count(sla.breached), hint: 'targets missed' },
      ],
    },
    {
      title: 'Satisfaction',
      figures: [
        { label: 'CSAT, average', value: average(csat.average), hint: plural(csat.count, 'rating', 'ratings') },
        { label: 'Ratings', value: count(csat.count) },
      ],
    },
    {
      title: 'Deflection',
      note: 'Help-center visits, not cases: the team, agent, category and priority filters do not apply.',
      figures: [
        { label: 'Deflection rate', value: formatPercent(deflection.rate), hint: 'of those shown articles' },
        { label: 'Saw suggestions', value: count(deflection.shown), hint: 'while reporting a case' },
        { label: 'Deflected', value: count(deflection.deflected), hint: 'answered by an article' },
      ],
    },
  ];
}

/** Nothing happened in the period: no case, no rating, no suggestion shown. */
export const isEmptySummary = ({ cases, sla, csat, deflection }: ReportSummary) =>
  cases.created + cases.resolved + cases.reopened + sla.breached + csat.count + deflection.shown === 0;

/** Each group a heading and a description list of cards (label, figure, what it counts). */
export function SummaryFigures({ summary }: { summary: ReportSummary }) {
  return (
    <Stack gap="lg">
      {summaryGroups(summary).map((group) => (
        <Stack key={group.title} gap="xs" component="section" aria-label={group.title}>
          <Title order={2} size="h4">
            {group.title}
          </Title>
          {group.note && (
            <Text size="sm" c="gray.7">
              {group.note}
            </Text>
          )}
          <SimpleGrid component="dl" m={0} cols={{ base: 2, sm: 3, lg: 5 }} spacing="sm">
            {group.figures.map((figure) => (
              <Paper key={figure.label} withBorder p="sm">
                <Text component="dt" size="xs" c="gray.7" tt="uppercase" fw={700}>
                  {figure.label}
                </Text>
                <Text component="dd" m={0} fz={24} fw={700} lh={1.3}>
                  {figure.value}
                </Text>
                {figure.hint && (
                  <Text component="dd" m={0} size="xs" c="gray.7">
                    {figure.hint}
                  </Text>
                )}
              </Paper>
            ))}
          </SimpleGrid>
        </Stack>
      ))}
    </Stack>
  );
}

export function SummarySkeleton() {
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} spacing="sm" aria-hidden="true">
      {Array.from({ length: 10 }, (_, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: placeholders with nothing else to tell them apart
        <Skeleton key={index} height={84} radius="md" />
      ))}
    </SimpleGrid>
  );
}
