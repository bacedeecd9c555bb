import '@mantine/charts/styles.css';
import type { Agent, Dashboard } from '@caseflow/contract';
import { BarChart } from '@mantine/charts';
import { Anchor, Group, Paper, Progress, SimpleGrid, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { Link } from 'react-router';
import { AgentStateBadge } from '../../components/badges';
import { PageTitle } from '../../components/page-title';
import { QueryState } from '../../components/query-state';
import { formatDuration } from '../../lib/format';
import { DeflectionStats } from '../kb';
import { useDashboard } from './api';
import { LINK, MUTED } from './feedback';
import { SlaWatch } from './sla-watch';
import { TeamQueues } from './team-queues';

const hourFormat = new Intl.DateTimeFormat(undefined, { hour: 'numeric' });

function StatCard({ label, value, hint }: { label: string; value: string | number; hint?: string }) {
  return (
    <Paper withBorder p={{ base: 'sm', sm: 'md' }}>
      <Text size="xs" c={MUTED} tt="uppercase" fw={700}>
        {label}
      </Text>
      <Text fz={{ base: 22, sm: 28 }} fw={700} lh={1.3}>
        {value}
      </Text>
      {hint && (
        <Text size="xs" c={MUTED}>
          {hint}
        </Text>
      )}
    </Paper>
  );
}

function Stats({ data }: { data: Dashboard }) {
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="sm">
      <StatCard label="Queue" value={data.queue.size} hint="cases waiting for an agent" />
      <StatCard
        label="Oldest wait"
        value={formatDuration(data.queue.oldestWaitSeconds)}
        hint={data.queue.size ? 'in the queue' : 'nobody is waiting'}
      />
      <StatCard label="New" value={data.cases.new} hint="not assigned yet" />
      <StatCard label="Open" value={data.cases.open} hint="with an agent" />
      <StatCard label="Pending" value={data.cases.pending} hint="waiting on the customer" />
      <StatCard
        label="Free agents"
        value={`${data.agentTotals.available} / ${data.agentTotals.total}`}
        hint="with spare capacity"
      />
    </SimpleGrid>
  );
}

function LoadBar({ agent }: { agent: Agent }) {
  const percent = agent.capacity ? Math.min(100, (agent.activeCases / agent.capacity) * 100) : 0;
  return (
    <Group gap="sm" wrap="nowrap">
      <Text size="sm" style={{ flexShrink: 0 }}>
        {agent.activeCases}/{agent.capacity}
      </Text>
      <Progress.Root size="md" w="100%" miw={48}>
        <Progress.Section
          value={percent}
          color={agent.state === 'busy' ? 'orange' : agent.state === 'away' ? 'gray' : 'teal'}
          withAria={false}
          role="progressbar"
          aria-label={`Load of ${agent.name}`}
          aria-valuemin={0}
          aria-valuemax={agent.capacity}
          aria-valuenow={agent.activeCases}
          aria-valuetext={`${agent.activeCases} of ${agent.capacity} active cases`}
        />
      </Progress.Root>
    </Group>
  );
}

function AgentsTable({ agents }: { agents: Agent[] }) {
  if (agents.length === 0) {
    return (
      <Text c={MUTED}>
        No agents yet.{' '}
        <Anchor component={Link} to="/admin/agents" c={LINK}>
          Add an agent
        </Anchor>{' '}
        and the queue drains to them at once.
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={300}>
      <Table verticalSpacing="xs" striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Agent</Table.Th>
            <Table.Th>State</Table.Th>
            <Table.Th w="40%">Load</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {agents.map((agent) => (
            <Table.Tr key={agent.id}>
              <Table.Td>{agent.name}</Table.Td>
              <Table.Td>
                <AgentStateBadge state={agent.state} />
              </Table.Td>
              <Table.Td>
                <LoadBar agent={agent} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Bars for the eye, a hidden table for screen readers (the SVG alone says nothing to them). */
function HourlyChart({ hourly }: { hourly: Dashboard['hourly'] }) {
  const data = hourly.map((entry) => ({ ...entry, label: hourFormat.format(new Date(entry.hour)) }));
  const created = hourly.reduce((total, entry) => total + entry.created, 0);
  const resolved = hourly.reduce((total, entry) => total + entry.resolved, 0);
  return (
    <Stack gap="xs">
      <Text size="sm" c={MUTED}>
        {created} created and {resolved} resolved in the last 24 hours.
      </Text>
      <div aria-hidden="true">
        <BarChart
          h={260}
          data={data}
          dataKey="label"
          series={[
            { name: 'created', label: 'Created', color: 'indigo.6' },
            { name: 'resolved', label: 'Resolved', color: 'teal.6' },
          ]}
          withLegend
          legendProps={{ verticalAlign: 'top', height: 36 }}
          tickLine="y"
          yAxisProps={{ allowDecimals: false, width: 32 }}
          xAxisProps={{ minTickGap: 16 }}
          maxBarWidth={14}
          accessibilityLayer={false}
        />
      </div>
      <VisuallyHidden>
        <table>
          <caption>Cases created and resolved per hour, oldest first</caption>
          <thead>
            <tr>
              <th scope="col">Hour starting</th>
              <th scope="col">Created</th>
              <th scope="col">Resolved</th>
            </tr>
          </thead>
          <tbody>
            {data.map((entry) => (
              <tr key={entry.hour}>
                <th scope="row">{entry.label}</th>
                <td>{entry.created}</td>
                <td>{entry.resolved}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </VisuallyHidden>
    </Stack>
  );
}

/**
 * The support center at a glance: the queue, the cases at risk of missing an SLA target or past one,
 * each team's queue, how many questions articles answered, every agent's load, and the last day's flow.
 */
export default function DashboardPage() {
  const dashboard = useDashboard();
  return (
    <Stack>
      <PageTitle title="Dashboard">Dashboard</PageTitle>
      <QueryState query={dashboard}>
        {(data) => (
          <Stack gap="lg">
            <Stats data={data} />
            <Paper withBorder p={{ base: 'sm', sm: 'md' }} component="section" aria-label="SLA">
              <Stack gap="sm">
                <Title order={2} size="h4">
                  SLA
                </Title>
                <SlaWatch />
              </Stack>
            </Paper>
            <Paper withBorder p={{ base: 'sm', sm: 'md' }}>
              <Stack gap="sm">
                <Title order={2} size="h4">
                  Teams
                </Title>
                <TeamQueues teams={data.teams} />
              </Stack>
            </Paper>
            <Paper withBorder p={{ base: 'sm', sm: 'md' }} component="section" aria-label="Deflection">
              <Stack gap="sm">
                <Title order={2} size="h4">
                  Deflection
                </Title>
                <Text size="sm" c={MUTED}>
                  Of the customers who saw suggested articles while reporting a case, the share an article answered.
                </Text>
                <DeflectionStats />
              </Stack>
            </Paper>
            <Paper withBorder p={{ base: 'sm', sm: 'md' }}>
              <Stack gap="sm">
                <Title order={2} size="h4">
                  Agents
                </Title>
                {data.agents.length < data.agentTotals.total && (
                  <Text size="sm" c={MUTED}>
                    The {data.agents.length} busiest of {data.agentTotals.total} agents ({data.agentTotals.activeCases}{' '}
                    active cases, capacity {data.agentTotals.capacity}).{' '}
                    <Anchor component={Link} to="/admin/agents" c={LINK}>
                      See all agents
                    </Anchor>
                  </Text>
                )}
                <AgentsTable agents={data.agents} />
              </Stack>
            </Paper>
            <Paper withBorder p={{ base: 'sm', sm: 'md' }}>
              <Stack gap="sm">
                <Title order={2} size="h4">
                  Cases per hour
                </Title>
                <HourlyChart hourly={data.hourly} />
              </Stack>
            </Paper>
            <Text size="xs" c={MUTED}>
              Updated {new Date(data.generatedAt).toLocaleTimeString()}; refreshes every 10 seconds.
            </Text>
          </Stack>
        )}
      </QueryState>
    </Stack>
  );
}
