import type { Case } from '@caseflow/contract';
import { Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { formatDateTime, labelOf } from '../../lib/format';
import { categoryLabels } from './options';

function Field({ label, value }: { label: string; value: string | null | undefined }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="sm">{value || '—'}</Text>
    </div>
  );
}

/** Who, what was bought, what they want, and when things happened; staff also see the team and the SLA's due times. */
export function CaseDetails({ item, isStaff }: { item: Case; isStaff: boolean }) {
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <Field label="Customer" value={item.customer.name} />
          <Field label="Assigned to" value={item.assignee?.name ?? 'Waiting for a free agent'} />
          <Field label="Category" value={item.category ? categoryLabels[item.category] : 'Not set'} />
          {isStaff && <Field label="Team" value={item.team.name} />}
          <Field label="Order number" value={item.orderNumber} />
          <Field label="Product" value={item.product} />
          <Field label="Reason" value={item.reason && labelOf(item.reason)} />
          <Field label="Wants" value={item.desiredOutcome && labelOf(item.desiredOutcome)} />
          <Field label="Reported" value={formatDateTime(item.createdAt)} />
          <Field label="First response" value={formatDateTime(item.firstResponseAt)} />
          {item.resolvedAt && <Field label="Resolved" value={formatDateTime(item.resolvedAt)} />}
          {isStaff && item.sla && (
            <>
              <Field label="First response due" value={formatDateTime(item.sla.firstResponseDueAt)} />
              <Field label="Resolution due" value={formatDateTime(item.sla.resolutionDueAt)} />
            </>
          )}
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}
