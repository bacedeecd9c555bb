import { Alert, Button, CopyButton, Group, Stack, TextInput, VisuallyHidden } from '@mantine/core';
import type { CreatedWebhook } from '../webhooks';
import { MUTED } from './feedback';

/** The signing secret, shown once after creation: the API never returns it again. */
export function WebhookSecret({ webhook, onDone }: { webhook: CreatedWebhook; onDone: () => void }) {
  return (
    <Stack>
      <Alert color="yellow" title="Copy the signing secret now">
        You won’t see it again: Caseflow shows it only this once. Keep it where only your receiver reads it; if it is
        lost, delete the endpoint and add it again.
      </Alert>
      <TextInput
        label="Signing secret"
        description={`The receiver at ${webhook.url} checks each delivery's webhook-signature header with it.`}
        descriptionProps={{ c: MUTED }}
        value={webhook.secret}
        readOnly
        data-autofocus
        styles={{ input: { fontFamily: 'monospace' } }}
        onFocus={(event) => event.currentTarget.select()}
      />
      <Group justify="space-between">
        <CopyButton value={webhook.secret} timeout={3000}>
          {({ copied, copy }) => (
            <>
              <Button variant={copied ? 'filled' : 'light'} color={copied ? 'teal.9' : undefined} onClick={copy}>
                {copied ? 'Copied' : 'Copy secret'}
              </Button>
              <VisuallyHidden aria-live="polite">
                {copied ? 'The secret is copied to the clipboard.' : ''}
              </VisuallyHidden>
            </>
          )}
        </CopyButton>
        <Button onClick={onDone}>Done</Button>
      </Group>
    </Stack>
  );
}
