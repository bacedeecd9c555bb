import { Alert, Button, Group, List, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import type { ReactNode } from 'react';
import { PageTitle } from '../../components/page-title';
import { QueryState } from '../../components/query-state';
import { errorMessage } from '../../lib/api-client';
import { formatDateTime } from '../../lib/format';
import { serverFieldErrors } from '../../lib/forms';
import { type StoredSlaSettings, useSaveSlaSettings, useSlaSettings } from './api';
import { HolidaysEditor } from './holidays-editor';
import { HoursEditor } from './hours-editor';
import { PolicyTable } from './policy-table';
import { isShownOnField, type SettingsValues, toBody, toFormErrors, toValues, validateSettings } from './settings-form';

// Read once: the list is long and the form re-renders on every keystroke.
const zones = [...new Set(['UTC', ...Intl.supportedValuesOf('timeZone')])].sort();
/** The browser's IANA zones; a saved zone it does not list is kept as a choice. */
const timeZoneChoices = (current: string) => (zones.includes(current) ? zones : [current, ...zones]);

function Section({ title, hint, children }: { title: string; hint: string; children: ReactNode }) {
  return (
    <Paper withBorder p={{ base: 'sm', sm: 'md' }} component="section" aria-label={title}>
      <Stack gap="sm">
        <Title order={2} size="h4">
          {title}
        </Title>
        <Text size="sm" c="gray.7">
          {hint}
        </Text>
        {children}
      </Stack>
    </Paper>
  );
}

/** Why the save failed; errors on a path that is no field of the form are listed here rather than lost. */
function SaveError({ error, fieldErrors }: { error: unknown; fieldErrors: Record<string, unknown> }) {
  const elsewhere = Object.entries(fieldErrors).filter(([path, message]) => message && !isShownOnField(path));
  return (
    <Alert color="red" role="alert" title="The settings were not saved">
      <Text size="sm">{errorMessage(error)}</Text>
      {elsewhere.length > 0 && (
        <List size="sm" mt="xs">
          {elsewhere.map(([path, message]) => (
            <List.Item key={path}>
              {path}: {String(message)}
            </List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}

function SettingsForm({ settings }: { settings: StoredSlaSettings }) {
  const save = useSaveSlaSettings();
  const form = useForm<SettingsValues>({ initialValues: toValues(settings), validate: validateSettings });
  const submit = form.onSubmit((values) =>
    save.mutate(toBody(values), {
      onSuccess: (saved) => {
        const next = toValues(saved);
        form.setInitialValues(next);
        form.setValues(next);
        notifications.show({ color: 'teal', message: 'SLA settings saved.' });
      },
      // A 422 names each field by its path in the body (calendar.hours.2.end, policies.0.resolutionMinutes).
      onError: (error) => form.setErrors(toFormErrors(serverFieldErrors(error), values)),
    }),
  );
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="lg">
        <Text size="sm" c="gray.7">
          {settings.updatedAt
            ? `Last saved ${formatDateTime(settings.updatedAt)}.`
            : 'Not saved yet: these are the defaults, and no case has an SLA until a priority has targets.'}
        </Text>
        <Section
          title="Business hours"
          hint="Targets count only these hours. A case waiting on the customer (pending) stops its clock."
        >
          <Select
            label="Time zone"
            data={timeZoneChoices(form.values.calendar.timeZone)}
            searchable
            allowDeselect={false}
            maw={360}
            nothingFoundMessage="No such time zone"
            {...form.getInputProps('calendar.timeZone')}
          />
          <HoursEditor form={form} />
        </Section>
        <Section title="Holidays" hint="No working hours on these dates, in the calendar's time zone.">
          <HolidaysEditor form={form} />
        </Section>
        <Section
          title="Targets"
          hint="In business hours. A case is at risk once 80% of a target has passed and breached after it."
        >
          <PolicyTable form={form} />
        </Section>
        {save.isError && <SaveError error={save.error} fieldErrors={form.errors} />}
        <Group>
          <Button type="submit" loading={save.isPending}>
            Save
          </Button>
          {form.isDirty() && (
            <Button variant="default" onClick={() => form.reset()}>
              Discard changes
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}

/** SPEC §13: the business-hours calendar and the first-response and resolution targets per priority. */
export default function SlaSettingsPage() {
  const settings = useSlaSettings();
  return (
    <Stack maw={960}>
      <PageTitle title="SLA">SLA</PageTitle>
      <QueryState query={settings}>{(data) => <SettingsForm settings={data} />}</QueryState>
    </Stack>
  );
}
