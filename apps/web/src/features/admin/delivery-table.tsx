import type { WebhookDelivery } from '@caseflow/contract';
import { Anchor, Badge, Button, Table, Text } from '@mantine/core';
import { Fragment, useState } from 'react';
import { Link } from 'react-router';
import { formatDateTime } from '../../lib/format';
import type { DeliveryStatus } from '../webhooks';
import { DeliveryAttempts } from './delivery-attempts';
import { LINK, MUTED } from './feedback';

const COLUMNS = 7;

// Explicit shades keep badge text at 4.5:1 or better.
const statusBadge: Record<DeliveryStatus, { color: string; label: string }> = {
  pending: { color: 'blue.8', label: 'Pending' },
  delivered: { color: 'teal.9', label: 'Delivered' },
  failed: { color: 'orange.9', label: 'Failed' },
  dead: { color: 'red.9', label: 'Dead' },
};

export const deliveryStatusOptions = (Object.keys(statusBadge) as DeliveryStatus[]).map((status) => ({
  value: status,
  label: statusBadge[status].label,
}));

function DeliveryStatusBadge({ status }: { status: DeliveryStatus }) {
  return (
    <Badge color={statusBadge[status].color} variant="filled" size="sm">
      {statusBadge[status].label}
    </Badge>
  );
}

function nextStep(delivery: WebhookDelivery) {
  if (delivery.status === 'delivered') return `Delivered ${formatDateTime(delivery.deliveredAt)}`;
  if (delivery.status === 'dead') return 'No more attempts';
  return delivery.nextAttemptAt ? `Next attempt ${formatDateTime(delivery.nextAttemptAt)}` : 'Waiting';
}

export type RedeliverProps = { onRedeliver: (delivery: WebhookDelivery) => void; pendingId: number | null };

function DeliveryRow({ delivery, redeliver }: { delivery: WebhookDelivery; redeliver: RedeliverProps }) {
  const [isExpanded, setExpanded] = useState(false);
  const attemptsId = `delivery-${delivery.id}-attempts`;
  const count = delivery.attempts.length;
  return (
    <Fragment>
      <Table.Tr>
        <Table.Td>
          <Text size="sm" ff="monospace">
            {delivery.event}
          </Text>
          <Text size="xs" c={MUTED} ff="monospace" style={{ overflowWrap: 'anywhere' }}>
            {delivery.eventId}
          </Text>
        </Table.Td>
        <Table.Td>
          {delivery.caseId === null ? (
            '—'
          ) : (
            <Anchor component={Link} to={`/cases/${delivery.caseId}`} c={LINK} size="sm">
              View case
            </Anchor>
          )}
        </Table.Td>
        <Table.Td>
          <DeliveryStatusBadge status={delivery.status} />
        </Table.Td>
        <Table.Td>
          <Button
            size="compact-sm"
            variant="subtle"
            aria-expanded={isExpanded}
            aria-controls={isExpanded ? attemptsId : undefined}
            onClick={() => setExpanded((current) => !current)}
          >
            {isExpanded ? 'Hide' : 'Show'} {count === 1 ? '1 attempt' : `${count} attempts`}
          </Button>
        </Table.Td>
        <Table.Td>
          <Text size="sm">{formatDateTime(delivery.createdAt)}</Text>
        </Table.Td>
        <Table.Td>
          <Text size="sm">{nextStep(delivery)}</Text>
        </Table.Td>
        <Table.Td>
          <Button
            size="compact-sm"
            variant="default"
            aria-label={`Redeliver ${delivery.event} ${delivery.eventId}`}
            loading={redeliver.pendingId === delivery.id}
            onClick={() => redeliver.onRedeliver(delivery)}
          >
            Redeliver
          </Button>
        </Table.Td>
      </Table.Tr>
      {isExpanded && (
        <Table.Tr>
          <Table.Td colSpan={COLUMNS}>
            <DeliveryAttempts delivery={delivery} id={attemptsId} />
          </Table.Td>
        </Table.Tr>
      )}
    </Fragment>
  );
}

/** One endpoint's deliveries, newest first; each row opens to show its attempts. */
export function DeliveryTable({ deliveries, redeliver }: { deliveries: WebhookDelivery[]; redeliver: RedeliverProps }) {
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Event</Table.Th>
            <Table.Th>Case</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Attempts</Table.Th>
            <Table.Th>Created</Table.Th>
            <Table.Th>Next</Table.Th>
            <Table.Th>Actions</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {deliveries.map((delivery) => (
            <DeliveryRow key={delivery.id} delivery={delivery} redeliver={redeliver} />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
