import type { WebhookDelivery } from '@caseflow/contract';
import { Anchor, Button, Center, Group, Select, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { PageTitle } from '../../components/page-title';
import { QueryState } from '../../components/query-state';
import {
  type DeliveryStatus,
  eventsSummary,
  useDeliveries,
  useRedeliver,
  useSendTestEvent,
  useWebhooks,
} from '../webhooks';
import { DeliveryTable, deliveryStatusOptions } from './delivery-table';
import { LINK, MUTED, notifyError, notifySuccess } from './feedback';

const ANY = 'any';
const filterOptions = [{ value: ANY, label: 'Any status' }, ...deliveryStatusOptions];

/** One endpoint's delivery log: what was sent, each attempt's answer, and redelivery by hand. */
export default function WebhookDeliveriesPage() {
  const webhookId = Number(useParams().id);
  const webhook = useWebhooks().data?.find((item) => item.id === webhookId);
  const [status, setStatus] = useState<DeliveryStatus | undefined>(undefined);
  const deliveries = useDeliveries(webhookId, status);
  const redeliver = useRedeliver();
  const sendTest = useSendTestEvent();

  const onRedeliver = (delivery: WebhookDelivery) =>
    redeliver.mutate(
      { webhookId, deliveryId: delivery.id },
      {
        onSuccess: () => notifySuccess(`${delivery.event} (${delivery.eventId}) is queued for redelivery.`),
        onError: notifyError,
      },
    );
  const testButton = (
    <Button
      variant="default"
      loading={sendTest.isPending}
      disabled={webhook?.enabled === false}
      onClick={() =>
        sendTest.mutate(webhookId, {
          onSuccess: () => notifySuccess('A test event is on its way; it shows here in a moment.'),
          onError: notifyError,
        })
      }
    >
      Send test event
    </Button>
  );

  return (
    <Stack>
      <PageTitle title="Webhook deliveries" actions={testButton}>
        Deliveries
      </PageTitle>
      <Anchor component={Link} to="/admin/webhooks" c={LINK} size="sm" w="fit-content">
        ← All endpoints
      </Anchor>
      {webhook && (
        <Stack gap={2}>
          <Text fw={600} ff="monospace" style={{ overflowWrap: 'anywhere' }}>
            {webhook.url}
          </Text>
          <Text size="sm" c={MUTED}>
            {webhook.description ? `${webhook.description} · ` : ''}
            {eventsSummary(webhook.events)}
            {webhook.enabled ? '' : ' · turned off'}
          </Text>
        </Stack>
      )}
      <Group>
        <Select
          label="Status"
          data={filterOptions}
          value={status ?? ANY}
          allowDeselect={false}
          w={200}
          onChange={(value) => setStatus(value && value !== ANY ? (value as DeliveryStatus) : undefined)}
        />
      </Group>
      <QueryState
        query={deliveries}
        isEmpty={(items) => items.length === 0}
        empty={status ? 'No delivery has this status.' : 'No deliveries yet. Send a test event to see one here.'}
      >
        {(items) => (
          <Stack>
            <DeliveryTable
              deliveries={items}
              redeliver={{
                onRedeliver,
                pendingId: redeliver.isPending ? (redeliver.variables?.deliveryId ?? null) : null,
              }}
            />
            {deliveries.hasNextPage && (
              <Center>
                <Button
                  variant="light"
                  onClick={() => void deliveries.fetchNextPage()}
                  loading={deliveries.isFetchingNextPage}
                >
                  Load more
                </Button>
              </Center>
            )}
          </Stack>
        )}
      </QueryState>
    </Stack>
  );
}
