import type { TeamQueue } from '@caseflow/contract';
import { Anchor, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { formatDuration } from '../../lib/format';
import { LINK, MUTED } from './feedback';

/** Each team's queue and who could take from it; a team with a queue and no free capacity is the one to help. */
export function TeamQueues({ teams }: { teams: TeamQueue[] }) {
  if (teams.length === 0) return <Text c={MUTED}>No teams yet.</Text>;
  return (
    <Table.ScrollContainer minWidth={520}>
      <Table verticalSpacing="xs" striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Team</Table.Th>
            <Table.Th>Queue</Table.Th>
            <Table.Th>Oldest wait</Table.Th>
            <Table.Th>Available members</Table.Th>
            <Table.Th>Free capacity</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {teams.map((line) => (
            <Table.Tr key={line.team.id}>
              <Table.Td>
                <Anchor component={Link} to={`/admin/cases?team=${line.team.id}&status=new`} c={LINK}>
                  {line.team.name}
                </Anchor>
              </Table.Td>
              <Table.Td>{line.queued}</Table.Td>
              <Table.Td>{formatDuration(line.oldestWaitSeconds)}</Table.Td>
              <Table.Td>
                {line.availableMembers} of {line.members}
              </Table.Td>
              <Table.Td>
                {line.freeCapacity}
                {line.queued > 0 && line.freeCapacity === 0 && (
                  <Text span size="xs" c="red.9" ml="xs">
                    no free member
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
