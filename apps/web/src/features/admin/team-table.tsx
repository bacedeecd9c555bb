import type { Team } from '@caseflow/contract';
import { Badge, Button, Group, Table, Text } from '@mantine/core';
import { categoryLabels } from '../cases/options';
import { DANGER, MUTED } from './feedback';

export type TeamDialogKind = 'edit' | 'members' | 'delete';
export type OpenTeamDialog = (kind: TeamDialogKind, team: Team) => void;

/** "Ada Archer, Ben Baker and 3 more": enough to recognise a team without a second table. */
function membersSummary(team: Team) {
  if (team.memberCount === 0) return 'No members: its cases wait until someone joins';
  const names = team.members.slice(0, 2).map((member) => member.name);
  const more = team.memberCount - names.length;
  return more > 0 ? `${names.join(', ')} and ${more} more` : names.join(' and ');
}

function handles(team: Team) {
  if (team.categories.length) return team.categories.map((category) => categoryLabels[category]).join(', ');
  return team.isDefault ? 'Every category no other team handles' : 'No category: cases come by transfer only';
}

function RowButtons({
  team,
  onOpen,
  onMakeDefault,
}: {
  team: Team;
  onOpen: OpenTeamDialog;
  onMakeDefault: (team: Team) => void;
}) {
  return (
    <Group gap="xs" wrap="nowrap">
      <Button size="compact-sm" variant="default" aria-label={`Edit ${team.name}`} onClick={() => onOpen('edit', team)}>
        Edit
      </Button>
      <Button
        size="compact-sm"
        variant="default"
        aria-label={`Members of ${team.name}`}
        onClick={() => onOpen('members', team)}
      >
        Members
      </Button>
      {/* There is always exactly one default team, so it cannot be deleted or made default again. */}
      {!team.isDefault && (
        <>
          <Button
            size="compact-sm"
            variant="default"
            aria-label={`Make ${team.name} the default team`}
            onClick={() => onMakeDefault(team)}
          >
            Make default
          </Button>
          <Button
            size="compact-sm"
            variant="outline"
            color={DANGER}
            aria-label={`Delete ${team.name}`}
            onClick={() => onOpen('delete', team)}
          >
            Delete
          </Button>
        </>
      )}
    </Group>
  );
}

export function TeamTable({
  teams,
  onOpen,
  onMakeDefault,
}: {
  teams: Team[];
  onOpen: OpenTeamDialog;
  onMakeDefault: (team: Team) => void;
}) {
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped highlightOnHover verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Team</Table.Th>
            <Table.Th>Handles</Table.Th>
            <Table.Th>Members</Table.Th>
            <Table.Th>Actions</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {teams.map((team) => (
            <Table.Tr key={team.id}>
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  <Text size="sm" fw={600}>
                    {team.name}
                  </Text>
                  {team.isDefault && (
                    <Badge color="indigo.8" variant="filled" size="sm">
                      Default
                    </Badge>
                  )}
                </Group>
                {team.description && (
                  <Text size="xs" c={MUTED}>
                    {team.description}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Text size="sm">{handles(team)}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" fw={600}>
                  {team.memberCount}
                </Text>
                <Text size="xs" c={MUTED}>
                  {membersSummary(team)}
                </Text>
              </Table.Td>
              <Table.Td>
                <RowButtons team={team} onOpen={onOpen} onMakeDefault={onMakeDefault} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
