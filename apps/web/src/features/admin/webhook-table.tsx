import type { Webhook } from '@caseflow/contract';
import { Badge, Button, Group, Stack, Switch, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { formatDateTime } from '../../lib/format';
import { eventsSummary } from '../webhooks';
import { DANGER, MUTED } from './feedback';

export type WebhookDialogKind = 'edit' | 'delete';

export type WebhookRowActions = {
  onOpen: (kind: WebhookDialogKind, webhook: Webhook) => void;
  onToggle: (webhook: Webhook, enabled: boolean) => void;
  onSendTest: (webhook: Webhook) => void;
  /** The endpoint a toggle or test is being sent for, whose buttons wait. */
  pendingId: number | null;
};

/** Why it is off, or since when it fails; nothing for an endpoint that works. */
function Health({ webhook }: { webhook: Webhook }) {
  const since = webhook.failingSince && `Every delivery has failed since ${formatDateTime(webhook.failingSince)}.`;
  if (webhook.disabledReason === 'failing')
    return (
      <Stack gap={2}>
        <Badge color="red.9" size="sm">
          Turned off: failing
        </Badge>
        <Text size="xs" c={MUTED}>
          Turned off automatically after days of failed deliveries. {since} Turn it on to try again.
        </Text>
      </Stack>
    );
  if (webhook.disabledReason === 'admin')
    return (
      <Text size="xs" c={MUTED}>
        Turned off by an admin: events are not sent.
      </Text>
    );
  if (since)
    return (
      <Stack gap={2}>
        <Badge color="orange.9" size="sm">
          Failing
        </Badge>
        <Text size="xs" c={MUTED}>
          {since}
        </Text>
      </Stack>
    );
  return null;
}

function RowButtons({ webhook, actions }: { webhook: Webhook; actions: WebhookRowActions }) {
  const isPending = actions.pendingId === webhook.id;
  return (
    <Group gap="xs">
      <Button
        size="compact-sm"
        variant="default"
        component={Link}
        to={`/admin/webhooks/${webhook.id}`}
        aria-label={`Deliveries to ${webhook.url}`}
      >
        Deliveries
      </Button>
      <Button
        size="compact-sm"
        variant="default"
        aria-label={`Send a test event to ${webhook.url}`}
        // A turned-off endpoint is sent nothing, a test included; turn it on first.
        disabled={!webhook.enabled || isPending}
        onClick={() => actions.onSendTest(webhook)}
      >
        Send test
      </Button>
      <Button
        size="compact-sm"
        variant="default"
        aria-label={`Edit ${webhook.url}`}
        onClick={() => actions.onOpen('edit', webhook)}
      >
        Edit
      </Button>
      <Button
        size="compact-sm"
        variant="outline"
        color={DANGER}
        aria-label={`Delete ${webhook.url}`}
        onClick={() => actions.onOpen('delete', webhook)}
      >
        Delete
      </Button>
    </Group>
  );
}

export function WebhookTable({ webhooks, actions }: { webhooks: Webhook[]; actions: WebhookRowActions }) {
  return (
    <Table.ScrollContainer minWidth={860}>
      <Table striped highlightOnHover verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Endpoint</Table.Th>
            <Table.Th>Events</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Actions</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {webhooks.map((webhook) => (
            <Table.Tr key={webhook.id}>
              <Table.Td maw={320}>
                <Text size="sm" fw={600} ff="monospace" style={{ overflowWrap: 'anywhere' }}>
                  {webhook.url}
                </Text>
                {webhook.description && (
                  <Text size="xs" c={MUTED}>
                    {webhook.description}
                  </Text>
                )}
              </Table.Td>
              <Table.Td maw={240}>
                <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                  {eventsSummary(webhook.events)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Stack gap={4}>
                  <Switch
                    label="Enabled"
                    aria-label={`Enabled: ${webhook.url}`}
                    checked={webhook.enabled}
                    disabled={actions.pendingId === webhook.id}
                    onChange={(event) => actions.onToggle(webhook, event.currentTarget.checked)}
                  />
                  <Health webhook={webhook} />
                </Stack>
              </Table.Td>
              <Table.Td>
                <RowButtons webhook={webhook} actions={actions} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
