import type { Case } from '@caseflow/contract';
import { Anchor, Group, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { QueryState } from '../../components/query-state';
import { useCaseList } from '../cases/api';
import { SlaBadge } from '../sla';
import { LINK, MUTED } from './feedback';

const SHOWN = 10;
// Crossings arrive as case.updated over the socket; this slow poll is only a safety net if it is blocked.
const POLL_MS = 30_000;

function CaseList({ title, items, hasMore, empty }: { title: string; items: Case[]; hasMore: boolean; empty: string }) {
  return (
    <Stack gap="xs">
      <Title order={3} size="h5">
        {title}
      </Title>
      {items.length === 0 ? (
        <Text size="sm" c={MUTED}>
          {empty}
        </Text>
      ) : (
        <List listStyleType="none" spacing="xs" aria-label={title}>
          {items.map((item) => (
            <List.Item key={item.id}>
              <Group gap="xs" wrap="wrap">
                <Anchor component={Link} to={`/cases/${item.id}`} c={LINK} fw={600}>
                  {item.number} {item.subject}
                </Anchor>
                <SlaBadge item={item} />
                <Text size="xs" c={MUTED}>
                  {item.assignee ? item.assignee.name : `Unassigned, ${item.team.name}`}
                </Text>
              </Group>
            </List.Item>
          ))}
        </List>
      )}
      {hasMore && (
        <Text size="xs" c={MUTED}>
          The first {SHOWN} shown.
        </Text>
      )}
    </Stack>
  );
}

/** SPEC §13: the active cases past a target and those close to one, in the order the API lists them. */
export function SlaWatch() {
  const breached = useCaseList({ sla: 'breached', limit: SHOWN }, { refetchInterval: POLL_MS });
  const atRisk = useCaseList({ sla: 'at_risk', limit: SHOWN }, { refetchInterval: POLL_MS });
  return (
    <QueryState query={breached}>
      {(breachedItems) => (
        <QueryState query={atRisk}>
          {(atRiskItems) =>
            breachedItems.length + atRiskItems.length === 0 ? (
              <Text size="sm" c={MUTED}>
                Nothing at risk
              </Text>
            ) : (
              <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
                <CaseList
                  title="Breached"
                  items={breachedItems}
                  hasMore={breached.hasNextPage}
                  empty="No active case has missed a target."
                />
                <CaseList title="At risk" items={atRiskItems} hasMore={atRisk.hasNextPage} empty="Nothing at risk" />
              </SimpleGrid>
            )
          }
        </QueryState>
      )}
    </QueryState>
  );
}
