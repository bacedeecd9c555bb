import type { Webhook } from '@caseflow/contract';
import { Select, type SelectProps } from '@mantine/core';
import { errorMessage } from '../../lib/api-client';
import { useWebhooks } from './api';

/** How people recognise an endpoint: its description if it has one, with its URL. */
export const webhookLabel = (webhook: Webhook) =>
  webhook.description ? `${webhook.description} (${webhook.url})` : webhook.url;

/** Chooses one endpoint (admins only: agents may not list them); values are webhook ids as strings. */
export function WebhookSelect(props: Omit<SelectProps, 'data'>) {
  const webhooks = useWebhooks();
  // A disabled endpoint gets no deliveries, so a notice sent there would only wait in its log.
  const options = (webhooks.data ?? []).map((webhook) => ({
    value: String(webhook.id),
    label: webhook.enabled ? webhookLabel(webhook) : `${webhookLabel(webhook)} (disabled)`,
    disabled: !webhook.enabled,
  }));
  const loadError = webhooks.isError ? `Could not load endpoints: ${errorMessage(webhooks.error)}` : undefined;
  return (
    <Select
      nothingFoundMessage={webhooks.isPending ? 'Loading endpoints…' : 'No endpoint yet'}
      {...props}
      data={options}
      error={props.error ?? loadError}
    />
  );
}
