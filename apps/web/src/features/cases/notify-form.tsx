import { type Case, notifyBody, type Team, type Webhook } from '@caseflow/contract';
import { Alert, Button, Group, Modal, Radio, Stack, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { errorMessage } from '../../lib/api-client';
import { serverFieldErrors, zodErrors } from '../../lib/forms';
import { TeamSelect, useTeams } from '../teams';
import { useWebhooks, WebhookSelect, webhookLabel } from '../webhooks';
import { type NotifyResult, useNotifyCase } from './api';

type Target = 'team' | 'webhook';
type Values = { target: Target; teamId: string | null; webhookId: string | null; note: string };

const initialValues: Values = { target: 'team', teamId: null, webhookId: null, note: '' };

const idOf = (value: string | null) => (value ? Number(value) : undefined);

/** Only the chosen target's id goes out: the API wants exactly one of teamId and webhookId. */
const toBody = (values: Values) =>
  values.target === 'team'
    ? { teamId: idOf(values.teamId), note: values.note }
    : { webhookId: idOf(values.webhookId), note: values.note };

function validate(values: Values): Record<string, string> {
  // With nothing chosen the schema says "give exactly one of…"; people get a plainer word on the field they see.
  const { teamId, webhookId, ...errors } = zodErrors(notifyBody)(toBody(values));
  const [field, error] =
    values.target === 'team'
      ? (['teamId', values.teamId ? teamId : 'Choose a team'] as const)
      : (['webhookId', values.webhookId ? webhookId : 'Choose an endpoint'] as const);
  return error ? { ...errors, [field]: error } : errors;
}

/** "Billing (3 members)": who a notice to that team reaches. */
function membersOf(team: Team) {
  if (team.memberCount === 0) return `${team.name} (no members)`;
  return `${team.name} (${team.memberCount} ${team.memberCount === 1 ? 'member' : 'members'})`;
}

function sentMessage(result: NotifyResult, team: Team | undefined, webhook: Webhook | undefined) {
  if (result.notified === 'webhook') return `Sent to ${webhook ? webhookLabel(webhook) : 'the endpoint'}.`;
  const who = `${result.recipients} ${result.recipients === 1 ? 'recipient' : 'recipients'}`;
  return team ? `Sent to ${who} in ${team.name}.` : `Sent to ${who}.`;
}

/** Sends the case, with a note, to a team's members (mail and in-app) or, for admins, to a webhook endpoint. */
export function NotifyForm({ item, isAdmin, onDone }: { item: Case; isAdmin: boolean; onDone: () => void }) {
  const notify = useNotifyCase(item.id);
  const teams = useTeams();
  const webhooks = useWebhooks({ enabled: isAdmin });
  const form = useForm<Values>({ initialValues, validate });
  const submit = form.onSubmit((values) =>
    notify.mutate(notifyBody.parse(toBody(values)), {
      onSuccess: (result) => {
        const team = teams.data?.find((candidate) => String(candidate.id) === values.teamId);
        const webhook = webhooks.data?.find((candidate) => String(candidate.id) === values.webhookId);
        notifications.show({ color: 'teal', message: sentMessage(result, team, webhook) });
        onDone();
      },
      onError: (error) => form.setErrors(serverFieldErrors(error)),
    }),
  );
  const hasFieldError = Object.keys(serverFieldErrors(notify.error)).some((path) => path in form.values);
  const isTeam = form.values.target === 'team';
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {notify.isError && !hasFieldError && (
          <Alert color="red" role="alert">
            {errorMessage(notify.error)}
          </Alert>
        )}
        {/* Agents may not list webhook endpoints, so they notify teams only. */}
        {isAdmin && (
          <Radio.Group label="Send to" {...form.getInputProps('target')}>
            <Group mt="xs">
              <Radio value="team" label="A team" />
              <Radio value="webhook" label="A webhook endpoint" />
            </Group>
          </Radio.Group>
        )}
        {isTeam ? (
          <TeamSelect
            key="team"
            label="Team"
            description="Its members get the case by mail and in the app."
            placeholder="Choose a team"
            optionLabel={membersOf}
            required
            data-autofocus
            comboboxProps={{ withinPortal: true }}
            {...form.getInputProps('teamId')}
          />
        ) : (
          <WebhookSelect
            key="webhook"
            label="Endpoint"
            description="It gets a case.notified event with the case, its link and your note, whatever its event filter."
            placeholder="Choose an endpoint"
            required
            comboboxProps={{ withinPortal: true }}
            {...form.getInputProps('webhookId')}
          />
        )}
        <Textarea
          label="Note"
          description={`Why they should look at ${item.number}. It is sent with the case and logged on it.`}
          required
          autosize
          minRows={3}
          {...form.getInputProps('note')}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={notify.isPending}>
            Send
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The case page's Notify button and its dialog (staff only). */
export function NotifyAction({ item, isAdmin }: { item: Case; isAdmin: boolean }) {
  const [opened, { open, close }] = useDisclosure();
  return (
    <>
      <Button variant="default" onClick={open}>
        Notify…
      </Button>
      {/* The modal unmounts its content once closed, so each opening starts from an empty form. */}
      <Modal
        opened={opened}
        onClose={close}
        title={`Notify about ${item.number}`}
        closeButtonProps={{ 'aria-label': 'Close' }}
      >
        <NotifyForm item={item} isAdmin={isAdmin} onDone={close} />
      </Modal>
    </>
  );
}
