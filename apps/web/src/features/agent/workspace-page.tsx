import { Badge, Box, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { PriorityBadge, StatusBadge } from '../../components/badges';
import { PageTitle } from '../../components/page-title';
import { QueryState } from '../../components/query-state';
import { useMe } from '../../lib/auth';
import { timeAgo } from '../../lib/format';
import { type CaseFilters, useCaseList } from '../cases/api';
import { CaseTable } from '../cases/case-table';
import { SlaBadge } from '../sla';
import { TeamFilter, useTeamFilter } from './team-filter';

// Live updates arrive over the socket; this slow poll is only a safety net if the socket is blocked.
const POLL_MS = 30_000;

const useLiveList = (filters: CaseFilters) => useCaseList(filters, { refetchInterval: POLL_MS });

/** The agent's day: their own active cases first, then everyone's active work, then the queue. */
export default function WorkspacePage() {
  const me = useMe().data;
  const [team, setTeam] = useTeamFilter();
  const mineOpen = useLiveList({ assignee: 'me', status: 'open', limit: 50 });
  const minePending = useLiveList({ assignee: 'me', status: 'pending', limit: 50 });
  const allOpen = useLiveList({ status: 'open', team, limit: 25 });
  // In the order it is served in (SPEC §2 rule 1: priority, then age), so an agent sees what comes next.
  const queue = useLiveList({ status: 'new', team, order: 'queue', limit: 25 });

  return (
    <Stack>
      <PageTitle title="Workspace">Workspace</PageTitle>
      <Stack gap="xs">
        <Title order={2} size="h4">
          My active cases
        </Title>
        <QueryState
          query={mineOpen}
          isEmpty={(items) => items.length + (minePending.data?.length ?? 0) === 0}
          empty={
            me?.role === 'agent'
              ? 'Nothing assigned to you right now. Stay available and the next case comes to you automatically.'
              : 'Admins are not assigned cases automatically.'
          }
        >
          {(open) => (
            <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
              {[...open, ...(minePending.data ?? [])].map((item) => (
                <Card
                  key={item.id}
                  withBorder
                  component={Link}
                  to={`/cases/${item.id}`}
                  aria-label={`${item.number} ${item.subject}`}
                >
                  <Group justify="space-between" mb="xs">
                    <Text fw={700}>{item.number}</Text>
                    <Group gap={4}>
                      <StatusBadge status={item.status} />
                      <PriorityBadge priority={item.priority} />
                    </Group>
                  </Group>
                  <Text size="sm" fw={500}>
                    {item.subject}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {item.customer.name} · assigned {timeAgo(item.assignedAt)}
                  </Text>
                  {!item.firstResponseAt && (
                    <Badge size="xs" color="yellow.4" variant="filled" mt="xs">
                      Not answered yet
                    </Badge>
                  )}
                  {item.sla && (
                    <Box mt="xs">
                      <SlaBadge item={item} withName />
                    </Box>
                  )}
                </Card>
              ))}
            </SimpleGrid>
          )}
        </QueryState>
      </Stack>
      <TeamFilter value={team} onChange={setTeam} description="For the queue and the open cases below" />
      <Stack gap="xs">
        <Title order={2} size="h4">
          Queue
        </Title>
        <Text size="sm" c="gray.7">
          In the order cases are assigned: urgent first, then the longest waiting.
        </Text>
        <QueryState
          query={queue}
          isEmpty={(items) => items.length === 0}
          empty={team === undefined ? 'The queue is empty.' : 'No case waits in this team.'}
        >
          {(items) => (
            <CaseTable
              cases={items}
              showSla
              showPosition
              showCustomer
              showTeam
              showTags
              hasMore={queue.hasNextPage}
              onLoadMore={() => void queue.fetchNextPage()}
              isLoadingMore={queue.isFetchingNextPage}
            />
          )}
        </QueryState>
      </Stack>
      <Stack gap="xs">
        <Title order={2} size="h4">
          All open cases
        </Title>
        <QueryState
          query={allOpen}
          isEmpty={(items) => items.length === 0}
          empty={team === undefined ? 'No open cases.' : 'No open cases in this team.'}
        >
          {(items) => (
            <CaseTable
              cases={items}
              showSla
              showTags
              showCustomer
              showAssignee
              showTeam
              hasMore={allOpen.hasNextPage}
              onLoadMore={() => void allOpen.fetchNextPage()}
              isLoadingMore={allOpen.isFetchingNextPage}
            />
          )}
        </QueryState>
      </Stack>
    </Stack>
  );
}
