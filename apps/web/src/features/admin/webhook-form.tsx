import { createWebhookBody, updateWebhookBody, type Webhook, type WebhookEventName } from '@caseflow/contract';
import { Button, Group, Modal, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { serverFieldErrors, zodErrors } from '../../lib/forms';
import { allEvents, type CreatedWebhook, useCreateWebhook, useUpdateWebhook } from '../webhooks';
import { MUTED, modalCloseProps, notifySuccess } from './feedback';
import { FormError } from './form-error';
import { WebhookEventsField } from './webhook-events-field';
import { WebhookSecret } from './webhook-secret';

type Values = { url: string; description: string; events: WebhookEventName[] };
const FIELDS = ['url', 'description', 'events'];

function WebhookForm({
  webhook,
  onCreated,
  onClose,
}: {
  webhook: Webhook | null;
  onCreated: (created: CreatedWebhook) => void;
  onClose: () => void;
}) {
  const create = useCreateWebhook();
  const update = useUpdateWebhook();
  const mutation = webhook ? update : create;
  const form = useForm<Values>({
    initialValues: {
      url: webhook?.url ?? '',
      description: webhook?.description ?? '',
      events: webhook?.events ?? [...allEvents],
    },
    validate: zodErrors(createWebhookBody),
  });
  // A refused URL (SSRF: a private or loopback address) comes back as a 422 on `url`.
  const onError = (error: unknown) => form.setErrors(serverFieldErrors(error));
  const submit = form.onSubmit((values) =>
    webhook
      ? update.mutate(
          { id: webhook.id, body: updateWebhookBody.parse(values) },
          {
            onSuccess: () => {
              notifySuccess('The endpoint is saved.');
              onClose();
            },
            onError,
          },
        )
      : create.mutate(createWebhookBody.parse(values), { onSuccess: onCreated, onError }),
  );
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormError error={mutation.error} fields={FIELDS} />
        <TextInput
          label="URL"
          description="Caseflow POSTs each event here as signed JSON. Private and loopback addresses are refused."
          descriptionProps={{ c: MUTED }}
          type="url"
          placeholder="https://example.com/caseflow-events"
          autoComplete="off"
          required
          data-autofocus
          {...form.getInputProps('url')}
        />
        <Textarea label="Description" autosize minRows={2} {...form.getInputProps('description')} />
        <WebhookEventsField
          value={form.values.events}
          onChange={(events) => form.setFieldValue('events', events)}
          error={form.errors.events as string | undefined}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={mutation.isPending}>
            {webhook ? 'Save' : 'Add endpoint'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Adds an endpoint (`webhook` null), then shows its secret once; or edits one. */
export function WebhookFormModal({
  webhook,
  opened,
  onClose,
}: {
  webhook: Webhook | null;
  opened: boolean;
  onClose: () => void;
}) {
  // Held only while the dialog is open: closing it forgets the secret for good.
  const [created, setCreated] = useState<CreatedWebhook | null>(null);
  const close = () => {
    setCreated(null);
    onClose();
  };
  const title = created ? 'Endpoint added' : webhook ? 'Edit endpoint' : 'Add an endpoint';
  return (
    <Modal
      {...modalCloseProps}
      opened={opened}
      onClose={close}
      title={title}
      size="lg"
      // A stray click must not throw away the only view of the secret.
      closeOnClickOutside={created === null}
    >
      {created ? (
        <WebhookSecret webhook={created} onDone={close} />
      ) : (
        <WebhookForm key={webhook?.id ?? 'new'} webhook={webhook} onCreated={setCreated} onClose={close} />
      )}
    </Modal>
  );
}
