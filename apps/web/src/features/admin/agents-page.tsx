import { type Agent, createAgentBody, updateAgentBody } from '@caseflow/contract';
import {
  Button,
  Center,
  Group,
  Loader,
  Modal,
  NumberInput,
  PasswordInput,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue, useDisclosure, useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import { PageTitle } from '../../components/page-title';
import { QueryState } from '../../components/query-state';
import { serverFieldErrors, zodErrors } from '../../lib/forms';
import { useAgentList } from '../agent/api';
import { AgentHistoryModal } from './agent-history';
import { AgentCards, AgentsTable, type DialogKind, type OpenDialog } from './agent-list';
import { useCreateAgent, useRemoveAgent, useUpdateAgent } from './api';
import { ConfirmModal, countOf } from './confirm-modal';
import { MUTED, modalCloseProps, notifySuccess } from './feedback';
import { FormError } from './form-error';

const CAPACITY = { min: 1, max: 50 };

/** NumberInput gives '' when cleared; the schema would say "expected number", which helps nobody. */
function capacityError(capacity: number | string): Record<string, string> {
  return typeof capacity === 'number' ? {} : { capacity: `enter a number from ${CAPACITY.min} to ${CAPACITY.max}` };
}

const newAgentValues = { name: '', email: '', capacity: 1 as number | string, password: '' };

/** Empty password means "send an invitation", so it is left out rather than sent as ''. */
function toCreateBody(values: typeof newAgentValues) {
  return { ...values, password: values.password === '' ? undefined : values.password };
}

function AddAgentModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const create = useCreateAgent();
  const form = useForm({
    initialValues: newAgentValues,
    validate: (values) => ({ ...zodErrors(createAgentBody)(toCreateBody(values)), ...capacityError(values.capacity) }),
  });
  const close = () => {
    form.reset();
    create.reset();
    onClose();
  };
  const submit = form.onSubmit((values) =>
    create.mutate(createAgentBody.parse(toCreateBody(values)), {
      onSuccess: (agent) => {
        notifySuccess(
          values.password
            ? `${agent.name} can sign in now.`
            : `${agent.name} is added; an invitation to choose a password was sent to ${agent.email}.`,
        );
        close();
      },
      onError: (error) => form.setErrors(serverFieldErrors(error)),
    }),
  );
  return (
    <Modal {...modalCloseProps} opened={opened} onClose={close} title="Add an agent">
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormError error={create.error} />
          <TextInput label="Name" autoComplete="off" required data-autofocus {...form.getInputProps('name')} />
          <TextInput label="Email" type="email" autoComplete="off" required {...form.getInputProps('email')} />
          <NumberInput
            label="Capacity"
            description="How many active cases they may hold at once"
            descriptionProps={{ c: MUTED }}
            required
            allowDecimal={false}
            {...CAPACITY}
            {...form.getInputProps('capacity')}
          />
          <PasswordInput
            label="Password"
            description="Leave empty to email them an invitation to choose their own"
            descriptionProps={{ c: MUTED }}
            autoComplete="new-password"
            {...form.getInputProps('password')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Add agent
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function EditAgentForm({ agent, onClose }: { agent: Agent; onClose: () => void }) {
  const update = useUpdateAgent();
  const form = useForm({
    initialValues: { name: agent.name, capacity: agent.capacity as number | string },
    validate: (values) => ({ ...zodErrors(updateAgentBody)(values), ...capacityError(values.capacity) }),
  });
  const submit = form.onSubmit((values) =>
    update.mutate(
      { id: agent.id, body: updateAgentBody.parse(values) },
      {
        onSuccess: (updated) => {
          notifySuccess(`${updated.name} is saved.`);
          onClose();
        },
        onError: (error) => form.setErrors(serverFieldErrors(error)),
      },
    ),
  );
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormError error={update.error} />
        <TextInput label="Name" autoComplete="off" required data-autofocus {...form.getInputProps('name')} />
        <NumberInput
          label="Capacity"
          description={`Holds ${countOf(agent.activeCases, 'active case')} now; capacity cannot go below that`}
          descriptionProps={{ c: MUTED }}
          required
          allowDecimal={false}
          {...CAPACITY}
          {...form.getInputProps('capacity')}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={update.isPending}>
            Save
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

// The dialogs stay mounted (agent null until first opened) so Mantine sees them open and close and returns focus.
type DialogProps = { agent: Agent | null; opened: boolean; onClose: () => void };

function EditAgentModal({ agent, opened, onClose }: DialogProps) {
  return (
    <Modal {...modalCloseProps} opened={opened} onClose={onClose} title={`Edit ${agent?.name ?? 'agent'}`}>
      {agent && <EditAgentForm key={agent.id} agent={agent} onClose={onClose} />}
    </Modal>
  );
}

function whatHappensToCases(activeCases: number) {
  if (activeCases === 0) return 'They hold no active cases';
  const [verb, passive] = activeCases === 1 ? ['goes', 'is'] : ['go', 'are'];
  return `Their ${countOf(activeCases, 'active case')} ${verb} back to the queue and ${passive} reassigned to free agents`;
}

function RemoveAgentModal({ agent, opened, onClose }: DialogProps) {
  const remove = useRemoveAgent();
  return (
    <ConfirmModal
      opened={opened}
      title={`Remove ${agent?.name ?? 'agent'}?`}
      confirmLabel="Remove agent"
      isPending={remove.isPending}
      error={remove.error}
      onClose={() => {
        remove.reset();
        onClose();
      }}
      onConfirm={() =>
        agent &&
        remove.mutate(agent.id, {
          onSuccess: () => {
            notifySuccess(`${agent.name} is removed.`);
            remove.reset();
            onClose();
          },
        })
      }
    >
      <Text size="sm">
        {whatHappensToCases(agent?.activeCases ?? 0)}; they can no longer sign in; their name stays in case history.
      </Text>
    </ConfirmModal>
  );
}

type Dialog = { kind: DialogKind; agent: Agent; opened: boolean };

/** Admins add agents, set their capacity and availability, and remove them with their cases requeued. */
export default function AgentsPage() {
  const [search, setSearch] = useState('');
  // One request when typing pauses, not one per keystroke.
  const [searched] = useDebouncedValue(search.trim(), 300);
  const agents = useAgentList(searched);
  const [isAdding, adding] = useDisclosure();
  // The dialog's agent outlives its closing (the modal animates out); counts come from the live list.
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const close = () => setDialog((current) => current && { ...current, opened: false });
  const openDialog: OpenDialog = (kind, item) => setDialog({ kind, agent: item, opened: true });
  const isPhone = useMediaQuery('(max-width: 48em)');
  const agent = dialog ? (agents.data?.find((item) => item.id === dialog.agent.id) ?? dialog.agent) : null;

  return (
    <Stack>
      <PageTitle title="Agents" actions={<Button onClick={adding.open}>Add agent</Button>}>
        Agents
      </PageTitle>
      <TextInput
        label="Search agents"
        placeholder="Name or email"
        type="search"
        maw={360}
        value={search}
        onChange={(event) => setSearch(event.currentTarget.value)}
        rightSection={agents.isPlaceholderData ? <Loader size="xs" aria-label="Searching" /> : null}
      />
      <QueryState
        query={agents}
        isEmpty={(items) => items.length === 0}
        empty={
          searched
            ? `No agent matches “${searched}”.`
            : 'No agents yet. Add your first agent; queued cases go to them at once.'
        }
      >
        {(items) =>
          isPhone ? (
            <AgentCards agents={items} onOpen={openDialog} />
          ) : (
            <AgentsTable agents={items} onOpen={openDialog} />
          )
        }
      </QueryState>
      {agents.hasNextPage && (
        <Center>
          <Button variant="light" onClick={() => void agents.fetchNextPage()} loading={agents.isFetchingNextPage}>
            Load more agents
          </Button>
        </Center>
      )}
      <AddAgentModal opened={isAdding} onClose={adding.close} />
      <EditAgentModal agent={agent} opened={dialog?.opened === true && dialog.kind === 'edit'} onClose={close} />
      <RemoveAgentModal agent={agent} opened={dialog?.opened === true && dialog.kind === 'remove'} onClose={close} />
      <AgentHistoryModal agent={agent} opened={dialog?.opened === true && dialog.kind === 'history'} onClose={close} />
    </Stack>
  );
}
