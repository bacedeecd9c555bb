import type { TriageStats } from '@caseflow/contract';
import { Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { formatPercent } from '../../lib/format';
import { categoryLabels } from '../cases/options';
import { AccuracyChart } from './accuracy-chart';
import { MUTED } from './feedback';

function AccuracyCard({ label, count }: { label: string; count: TriageStats['priority'] }) {
  return (
    <Paper withBorder p={{ base: 'sm', sm: 'md' }}>
      <Text size="xs" c={MUTED} tt="uppercase" fw={700}>
        {label}
      </Text>
      <Text fz={{ base: 22, sm: 28 }} fw={700} lh={1.3}>
        {formatPercent(count.accuracy)}
      </Text>
      <Text size="xs" c={MUTED}>
        {count.corrected} of {count.triaged} triaged cases corrected by staff
      </Text>
    </Paper>
  );
}

function PerCategoryTable({ rows }: { rows: TriageStats['category']['perCategory'] }) {
  return (
    <Table.ScrollContainer minWidth={420}>
      <Table verticalSpacing="xs" striped>
        <Table.Caption>Per category triage chose: cases, how many staff moved elsewhere, accuracy</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Category</Table.Th>
            <Table.Th scope="col">Triaged</Table.Th>
            <Table.Th scope="col">Corrected</Table.Th>
            <Table.Th scope="col">Accuracy</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.category}>
              <Table.Th scope="row" fw={400}>
                {categoryLabels[row.category]}
              </Table.Th>
              <Table.Td>{row.triaged}</Table.Td>
              <Table.Td>{row.corrected}</Table.Td>
              <Table.Td>{formatPercent(row.accuracy)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** How often staff left triage's choice as it was: overall, and per category as a chart and a table. */
export function TriageAccuracy({ stats }: { stats: TriageStats }) {
  if (stats.category.triaged === 0) {
    return (
      <Text c={MUTED} py="md">
        Nothing triaged yet. Accuracy shows here once new cases come in and staff review what triage chose.
      </Text>
    );
  }
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
        <AccuracyCard label="Category accuracy" count={stats.category} />
        <AccuracyCard label="Priority accuracy" count={stats.priority} />
      </SimpleGrid>
      <Title order={3} size="h5">
        Accuracy per category
      </Title>
      <AccuracyChart rows={stats.category.perCategory} />
      <PerCategoryTable rows={stats.category.perCategory} />
    </Stack>
  );
}
