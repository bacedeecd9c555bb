import type { Webhook } from '@caseflow/contract';
import { Button, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { PageTitle } from '../../components/page-title';
import { QueryState } from '../../components/query-state';
import { useDeleteWebhook, useSendTestEvent, useUpdateWebhook, useWebhooks } from '../webhooks';
import { ConfirmModal } from './confirm-modal';
import { MUTED, notifyError, notifySuccess } from './feedback';
import { WebhookFormModal } from './webhook-form';
import { type WebhookDialogKind, type WebhookRowActions, WebhookTable } from './webhook-table';

type DialogProps = { webhook: Webhook | null; opened: boolean; onClose: () => void };

function DeleteWebhookModal({ webhook, opened, onClose }: DialogProps) {
  const remove = useDeleteWebhook();
  const close = () => {
    remove.reset();
    onClose();
  };
  return (
    <ConfirmModal
      opened={opened}
      title="Delete this endpoint?"
      confirmLabel="Delete endpoint"
      isPending={remove.isPending}
      error={remove.error}
      onClose={close}
      onConfirm={() =>
        webhook &&
        remove.mutate(webhook.id, {
          onSuccess: () => {
            notifySuccess(`${webhook.url} is deleted.`);
            close();
          },
        })
      }
    >
      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
        Caseflow stops sending events to {webhook?.url}, including deliveries still waiting for a retry. This cannot be
        undone; its secret goes with it.
      </Text>
    </ConfirmModal>
  );
}

type Dialog = { kind: WebhookDialogKind; webhook: Webhook; opened: boolean };

/** Admins register the endpoints that hear Caseflow's events, and watch whether deliveries get through. */
export default function WebhooksPage() {
  const webhooks = useWebhooks();
  const update = useUpdateWebhook();
  const sendTest = useSendTestEvent();
  const [isAdding, adding] = useDisclosure();
  // The dialog's endpoint outlives its closing (the modal animates out); its data comes from the live list.
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const close = () => setDialog((current) => current && { ...current, opened: false });
  const webhook = dialog ? (webhooks.data?.find((item) => item.id === dialog.webhook.id) ?? dialog.webhook) : null;
  const isOpen = (kind: WebhookDialogKind) => dialog?.opened === true && dialog.kind === kind;

  const actions: WebhookRowActions = {
    onOpen: (kind, chosen) => setDialog({ kind, webhook: chosen, opened: true }),
    onToggle: (chosen, enabled) =>
      update.mutate(
        { id: chosen.id, body: { enabled } },
        {
          onSuccess: (saved) =>
            notifySuccess(enabled ? `Events go to ${saved.url} again.` : `Events no longer go to ${saved.url}.`),
          onError: notifyError,
        },
      ),
    onSendTest: (chosen) =>
      sendTest.mutate(chosen.id, {
        onSuccess: () => notifySuccess(`A test event is on its way to ${chosen.url}; see its deliveries.`),
        onError: notifyError,
      }),
    pendingId: update.isPending
      ? (update.variables?.id ?? null)
      : sendTest.isPending
        ? (sendTest.variables ?? null)
        : null,
  };

  return (
    <Stack>
      <PageTitle title="Webhooks" actions={<Button onClick={adding.open}>Add endpoint</Button>}>
        Webhooks
      </PageTitle>
      <Text size="sm" c={MUTED} maw={720}>
        Caseflow sends the events each endpoint chooses as signed JSON POSTs, retrying for about a day when the receiver
        fails. An endpoint that keeps failing for days is turned off and the admins are told.
      </Text>
      <QueryState
        query={webhooks}
        isEmpty={(items) => items.length === 0}
        empty="No endpoints yet. Add one to send case events to another system."
      >
        {(items) => <WebhookTable webhooks={items} actions={actions} />}
      </QueryState>
      <WebhookFormModal webhook={null} opened={isAdding} onClose={adding.close} />
      <WebhookFormModal webhook={webhook} opened={isOpen('edit')} onClose={close} />
      <DeleteWebhookModal webhook={webhook} opened={isOpen('delete')} onClose={close} />
    </Stack>
  );
}
