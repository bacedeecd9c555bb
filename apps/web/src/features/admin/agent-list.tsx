import type { Agent } from '@caseflow/contract';
import { Button, Group, Paper, Stack, Switch, Table, Text } from '@mantine/core';
import { AgentStateBadge } from '../../components/badges';
import { useSetAvailability } from '../agent/api';
import { DANGER, MUTED, notifyError, notifySuccess } from './feedback';

function AvailabilityToggle({ agent }: { agent: Agent }) {
  const setAvailability = useSetAvailability(agent.id);
  const isAvailable = agent.availability === 'available';
  return (
    <Switch
      label={isAvailable ? 'Available' : 'Away'}
      aria-label={`${agent.name} available`}
      checked={isAvailable}
      disabled={setAvailability.isPending}
      color="teal"
      onChange={(event) =>
        setAvailability.mutate(event.currentTarget.checked ? 'available' : 'away', {
          onSuccess: (updated) =>
            notifySuccess(
              updated.availability === 'away'
                ? `${updated.name} is away; unanswered cases went back to the queue.`
                : `${updated.name} is available and takes queued cases.`,
            ),
          onError: notifyError,
        })
      }
    />
  );
}

/** "Billing, Returns desk"; an agent in no team is never assigned a case, which an admin should see. */
const teamNames = (agent: Agent) => (agent.teams.length ? agent.teams.map((team) => team.name).join(', ') : 'No team');

export type DialogKind = 'edit' | 'remove' | 'history';
export type OpenDialog = (kind: DialogKind, agent: Agent) => void;

/** Each row's actions: the dialog it opens, its text, and the name a screen reader hears. */
const ROW_ACTIONS: { kind: DialogKind; text: string; label: (name: string) => string }[] = [
  { kind: 'history', text: 'History', label: (name) => `History of ${name}` },
  { kind: 'edit', text: 'Edit', label: (name) => `Edit ${name}` },
  { kind: 'remove', text: 'Remove', label: (name) => `Remove ${name}` },
];

function RowButtons({ agent, onOpen }: { agent: Agent; onOpen: OpenDialog }) {
  return (
    <Group gap="xs" wrap="nowrap">
      {ROW_ACTIONS.map(({ kind, text, label }) => (
        <Button
          key={kind}
          size="compact-sm"
          variant={kind === 'remove' ? 'outline' : 'default'}
          color={kind === 'remove' ? DANGER : undefined}
          aria-label={label(agent.name)}
          onClick={() => onOpen(kind, agent)}
        >
          {text}
        </Button>
      ))}
    </Group>
  );
}

/** Phones get one card per agent: a five-column table would hide the actions off-screen. */
export function AgentCards({ agents, onOpen }: { agents: Agent[]; onOpen: OpenDialog }) {
  return (
    <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
      {agents.map((agent) => (
        <Paper key={agent.id} withBorder p="sm" component="li">
          <Stack gap="xs">
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <div style={{ minWidth: 0 }}>
                <Text size="sm" fw={600}>
                  {agent.name}
                </Text>
                <Text size="xs" c={MUTED} style={{ overflowWrap: 'anywhere' }}>
                  {agent.email}
                </Text>
              </div>
              <AgentStateBadge state={agent.state} />
            </Group>
            <Text size="sm">
              {agent.activeCases} of {agent.capacity} active cases · {teamNames(agent)}
            </Text>
            <Group justify="space-between">
              <AvailabilityToggle agent={agent} />
              <RowButtons agent={agent} onOpen={onOpen} />
            </Group>
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}

export function AgentsTable({ agents, onOpen }: { agents: Agent[]; onOpen: OpenDialog }) {
  return (
    <Table.ScrollContainer minWidth={800}>
      <Table striped highlightOnHover verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Agent</Table.Th>
            <Table.Th>State</Table.Th>
            <Table.Th>Load</Table.Th>
            <Table.Th>Teams</Table.Th>
            <Table.Th>Availability</Table.Th>
            <Table.Th>Actions</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {agents.map((agent) => (
            <Table.Tr key={agent.id}>
              <Table.Td>
                <Text size="sm" fw={600}>
                  {agent.name}
                </Text>
                <Text size="xs" c={MUTED}>
                  {agent.email}
                </Text>
              </Table.Td>
              <Table.Td>
                <AgentStateBadge state={agent.state} />
              </Table.Td>
              <Table.Td>
                {agent.activeCases} of {agent.capacity}
              </Table.Td>
              <Table.Td>
                <Text size="sm" c={agent.teams.length ? undefined : MUTED}>
                  {teamNames(agent)}
                </Text>
              </Table.Td>
              <Table.Td>
                <AvailabilityToggle agent={agent} />
              </Table.Td>
              <Table.Td>
                <RowButtons agent={agent} onOpen={onOpen} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
