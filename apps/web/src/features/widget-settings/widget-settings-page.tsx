import { type WidgetSettings, widgetSettingsSchema } from '@caseflow/contract';
import { Alert, Anchor, Button, Code, ColorInput, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { PageTitle } from '../../components/page-title';
import { QueryState } from '../../components/query-state';
import { errorMessage } from '../../lib/api-client';
import { serverFieldErrors, zodErrors } from '../../lib/forms';
import { useSaveWidgetSettings, useWidgetSettings } from './api';

/** The one line a shop adds to its pages (SPEC §14); the script's own address tells it where Caseflow is. */
export const embedSnippet = (origin: string) => `<script src="${origin}/widget.js" data-caseflow defer></script>`;

function SettingsForm({ settings }: { settings: WidgetSettings }) {
  const save = useSaveWidgetSettings();
  const form = useForm<WidgetSettings>({ initialValues: settings, validate: zodErrors(widgetSettingsSchema) });
  const submit = form.onSubmit((values) =>
    save.mutate(values, {
      onSuccess: (saved) => {
        form.setInitialValues(saved);
        form.setValues(saved);
        notifications.show({ color: 'teal', message: 'Widget settings saved: the shops show them from now on.' });
      },
      onError: (error) => form.setErrors(serverFieldErrors(error)),
    }),
  );
  const hasFieldError = Object.keys(serverFieldErrors(save.error)).length > 0;
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <ColorInput
          label="Colour"
          description="The launcher's and the chat header's colour; the text on it is chosen to stay readable."
          format="hex"
          eyeDropperButtonProps={{ 'aria-label': 'Pick the colour from the screen' }}
          maw={240}
          {...form.getInputProps('color')}
        />
        <Textarea
          label="Greeting"
          description="The first thing a visitor reads when the chat opens."
          autosize
          minRows={2}
          maxLength={300}
          {...form.getInputProps('greeting')}
        />
        {save.isError && !hasFieldError && (
          <Alert color="red" role="alert" title="The settings were not saved">
            {errorMessage(save.error)}
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={save.isPending}>
            Save
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** SPEC §14: how a shop embeds the chat widget, and its colour and greeting. */
export default function WidgetSettingsPage() {
  const settings = useWidgetSettings();
  const origin = window.location.origin;
  return (
    <Stack maw={760}>
      <PageTitle title="Chat widget">Chat widget</PageTitle>
      <Paper withBorder p="md" component="section" aria-labelledby="widget-embed">
        <Stack gap="xs">
          <Title order={2} size="h4" id="widget-embed">
            Put it on your shop
          </Title>
          <Text size="sm">Add this line to every page of the shop, before the closing body tag:</Text>
          <Code block>{embedSnippet(origin)}</Code>
          <Text size="sm" c="gray.7">
            The shop's address must be listed in the server's <Code>WIDGET_ORIGINS</Code> setting (for example{' '}
            <Code>WIDGET_ORIGINS=https://shop.example</Code>); other sites are refused. See it working on the{' '}
            <Anchor href="/demo/shop" c="indigo.8" underline="always">
              demo shop
            </Anchor>
            .
          </Text>
        </Stack>
      </Paper>
      <Paper withBorder p="md" component="section" aria-labelledby="widget-look">
        <Stack gap="sm">
          <Title order={2} size="h4" id="widget-look">
            Look and greeting
          </Title>
          <QueryState query={settings}>{(data) => <SettingsForm settings={data} />}</QueryState>
        </Stack>
      </Paper>
    </Stack>
  );
}
