import { type Case, transferCaseBody } from '@caseflow/contract';
import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { errorMessage } from '../../lib/api-client';
import { serverFieldErrors, zodErrors } from '../../lib/forms';
import { TeamSelect } from '../teams';
import { useTransferCase } from './api';

type Values = { teamId: string | null; note: string };

/** An empty note is left out rather than sent as '' (which the API would refuse as blank). */
const toBody = (values: Values) => ({
  teamId: Number(values.teamId),
  ...(values.note.trim() ? { note: values.note } : {}),
});

function validate(values: Values): Record<string, string> {
  const errors = zodErrors(transferCaseBody)(toBody(values));
  return values.teamId ? errors : { ...errors, teamId: 'Choose a team' };
}

function whatHappens(item: Case) {
  const holder = item.assignee ? `with ${item.assignee.name}` : 'waiting in its queue';
  const leaves = item.assignee ? item.assignee.name : 'that queue';
  return `${item.number} is in ${item.team.name}, ${holder}. It leaves ${leaves} for the new team's queue, where a free member takes it at once.`;
}

/** Moves a case to another team's queue, with an optional internal note saying why. */
export function TransferForm({ item, onDone }: { item: Case; onDone: () => void }) {
  const transfer = useTransferCase(item.id);
  const form = useForm<Values>({ initialValues: { teamId: null, note: '' }, validate });
  const submit = form.onSubmit((values) =>
    transfer.mutate(transferCaseBody.parse(toBody(values)), {
      onSuccess: (moved) => {
        const updated = moved as Case;
        notifications.show({
          color: 'teal',
          message: updated.assignee
            ? `${updated.number} is now in ${updated.team.name}, with ${updated.assignee.name}.`
            : `${updated.number} is in the queue of ${updated.team.name}; its next free member takes it.`,
        });
        onDone();
      },
      onError: (error) => form.setErrors(serverFieldErrors(error)),
    }),
  );
  // Only these errors sit on a field; others (a resolved case's `status`) need the alert.
  const hasFieldError = Object.keys(serverFieldErrors(transfer.error)).some((path) => path in form.values);
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text size="sm">{whatHappens(item)}</Text>
        {transfer.isError && !hasFieldError && (
          <Alert color="red" role="alert">
            {errorMessage(transfer.error)}
          </Alert>
        )}
        <TeamSelect
          label="Move to team"
          placeholder="Choose a team"
          excludeId={item.team.id}
          required
          data-autofocus
          comboboxProps={{ withinPortal: true }}
          {...form.getInputProps('teamId')}
        />
        <Textarea
          label="Internal note"
          description="Optional: why it moves. Only staff see it, in the conversation."
          autosize
          minRows={3}
          {...form.getInputProps('note')}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={transfer.isPending}>
            Transfer
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The case page's Transfer button and its dialog (staff only). */
export function TransferAction({ item }: { item: Case }) {
  const [opened, { open, close }] = useDisclosure();
  return (
    <>
      <Button variant="default" onClick={open}>
        Transfer…
      </Button>
      {/* The modal unmounts its content once closed, so each opening starts from an empty form. */}
      <Modal
        opened={opened}
        onClose={close}
        title={`Transfer ${item.number}`}
        closeButtonProps={{ 'aria-label': 'Close' }}
      >
        <TransferForm item={item} onDone={close} />
      </Modal>
    </>
  );
}
