import type { Case } from '@caseflow/contract';
import { Anchor, Badge, Button, Center, Group, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { PriorityBadge, StatusBadge } from '../../components/badges';
import { labelOf, timeAgo } from '../../lib/format';
import { SlaBadge } from '../sla';
import { categoryLabels } from './options';

/** The case list every console shows; columns after the subject are the caller's to choose. */
export function CaseTable({
  cases,
  showCustomer = false,
  showAssignee = false,
  showTeam = false,
  showTags = false,
  showPosition = false,
  showSla = false,
  actions,
  hasMore,
  onLoadMore,
  isLoadingMore,
}: {
  cases: Case[];
  showCustomer?: boolean;
  showAssignee?: boolean;
  /** The team and, below it, the category. */
  showTeam?: boolean;
  /** Staff: the case's tags as small badges under its subject. */
  showTags?: boolean;
  /** The queue: each case's place in the order it is served in (the list must be in that order). */
  showPosition?: boolean;
  /** Staff: where each case stands against its SLA targets (customers are not shown due times). */
  showSla?: boolean;
  actions?: (item: Case) => ReactNode;
  hasMore?: boolean;
  onLoadMore?: () => void;
  isLoadingMore?: boolean;
}) {
  return (
    <>
      <Table.ScrollContainer minWidth={560}>
        <Table striped highlightOnHover verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              {showPosition && (
                <Table.Th>
                  <Text span size="sm" fw={700} aria-label="Place in the queue">
                    #
                  </Text>
                </Table.Th>
              )}
              <Table.Th>Case</Table.Th>
              <Table.Th>Subject</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Priority</Table.Th>
              {showSla && <Table.Th>SLA</Table.Th>}
              {showCustomer && <Table.Th>Customer</Table.Th>}
              {showTeam && <Table.Th>Team</Table.Th>}
              {showAssignee && <Table.Th>Assignee</Table.Th>}
              <Table.Th>Reported</Table.Th>
              {actions && <Table.Th>Actions</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {cases.map((item, index) => (
              <Table.Tr key={item.id}>
                {showPosition && (
                  <Table.Td>
                    {index === 0 ? (
                      <Badge size="sm" color="teal.8" aria-label="Place 1 in the queue: next to be assigned">
                        Next
                      </Badge>
                    ) : (
                      <Text size="sm" aria-label={`Place ${index + 1} in the queue`}>
                        {index + 1}
                      </Text>
                    )}
                  </Table.Td>
                )}
                <Table.Td>
                  <Anchor component={Link} to={`/cases/${item.id}`} fw={600}>
                    {item.number}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  {item.subject}
                  {item.return && (
                    <Text size="xs" c="gray.7">
                      Return {item.return.rma}: {labelOf(item.return.state).toLowerCase()}
                    </Text>
                  )}
                  {showTags && item.tags.length > 0 && (
                    <Group gap={4} mt={4}>
                      {item.tags.map((tag) => (
                        <Badge key={tag} size="xs" variant="outline" color="gray.8" tt="none">
                          {tag}
                        </Badge>
                      ))}
                    </Group>
                  )}
                </Table.Td>
                <Table.Td>
                  <StatusBadge status={item.status} />
                </Table.Td>
                <Table.Td>
                  <PriorityBadge priority={item.priority} />
                </Table.Td>
                {showSla && (
                  <Table.Td w={180}>
                    {item.sla ? (
                      <SlaBadge item={item} />
                    ) : (
                      <Text c="dimmed" size="sm">
                        None
                      </Text>
                    )}
                  </Table.Td>
                )}
                {showCustomer && <Table.Td>{item.customer.name}</Table.Td>}
                {showTeam && (
                  <Table.Td>
                    {item.team.name}
                    {item.category && (
                      <Text c="dimmed" size="xs">
                        {categoryLabels[item.category]}
                      </Text>
                    )}
                  </Table.Td>
                )}
                {showAssignee && (
                  <Table.Td>
                    {item.assignee ? (
                      item.assignee.name
                    ) : (
                      <Text c="dimmed" size="sm">
                        Unassigned
                      </Text>
                    )}
                  </Table.Td>
                )}
                <Table.Td>{timeAgo(item.createdAt)}</Table.Td>
                {actions && <Table.Td>{actions(item)}</Table.Td>}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {hasMore && (
        <Center mt="sm">
          <Button variant="light" onClick={onLoadMore} loading={isLoadingMore}>
            Load more
          </Button>
        </Center>
      )}
    </>
  );
}
