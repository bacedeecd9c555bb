import type { Team } from '@caseflow/contract';
import { Anchor, Button, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { Link } from 'react-router';
import { PageTitle } from '../../components/page-title';
import { QueryState } from '../../components/query-state';
import { ApiError } from '../../lib/api-client';
import { useDeleteTeam, useTeams, useUpdateTeam } from '../teams';
import { ConfirmModal } from './confirm-modal';
import { LINK, MUTED, notifyError, notifySuccess } from './feedback';
import { TeamFormModal } from './team-form';
import { TeamMembersModal } from './team-members';
import { type OpenTeamDialog, type TeamDialogKind, TeamTable } from './team-table';

type DialogProps = { team: Team | null; opened: boolean; onClose: () => void };

function DeleteTeamModal({ team, opened, onClose }: DialogProps) {
  const remove = useDeleteTeam();
  const isConflict = remove.error instanceof ApiError && remove.error.status === 409;
  const close = () => {
    remove.reset();
    onClose();
  };
  return (
    <ConfirmModal
      opened={opened}
      title={`Delete ${team?.name ?? 'team'}?`}
      confirmLabel="Delete team"
      isPending={remove.isPending}
      error={remove.error}
      onClose={close}
      onConfirm={() =>
        team &&
        remove.mutate(team.id, {
          onSuccess: () => {
            notifySuccess(`${team.name} is deleted.`);
            close();
          },
        })
      }
    >
      <Text size="sm">
        Its members leave it, and new cases in its categories go to the default team. A team that still holds cases
        cannot be deleted.
      </Text>
      {isConflict && team && (
        <Anchor component={Link} to={`/admin/cases?team=${team.id}`} c={LINK} size="sm">
          See the cases of {team.name}
        </Anchor>
      )}
    </ConfirmModal>
  );
}

type Dialog = { kind: TeamDialogKind; team: Team; opened: boolean };

/** Admins add teams, choose the categories each handles and its members, and pick the default team. */
export default function TeamsPage() {
  const teams = useTeams();
  const update = useUpdateTeam();
  const [isAdding, adding] = useDisclosure();
  // The dialog's team outlives its closing (the modal animates out); its data comes from the live list.
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const close = () => setDialog((current) => current && { ...current, opened: false });
  const openDialog: OpenTeamDialog = (kind, team) => setDialog({ kind, team, opened: true });
  const team = dialog ? (teams.data?.find((item) => item.id === dialog.team.id) ?? dialog.team) : null;
  const isOpen = (kind: TeamDialogKind) => dialog?.opened === true && dialog.kind === kind;

  const makeDefault = (chosen: Team) =>
    update.mutate(
      { id: chosen.id, body: { isDefault: true } },
      {
        onSuccess: (saved) =>
          notifySuccess(`${saved.name} is the default team: new cases no other team handles go there.`),
        onError: notifyError,
      },
    );

  return (
    <Stack>
      <PageTitle title="Teams" actions={<Button onClick={adding.open}>Add team</Button>}>
        Teams
      </PageTitle>
      <Text size="sm" c={MUTED} maw={720}>
        Every case belongs to one team, and only its members are assigned it. A new case goes to the team that handles
        its category, else to the default team.
      </Text>
      <QueryState
        query={teams}
        isEmpty={(items) => items.length === 0}
        empty="No teams yet. Add one to route cases by category."
      >
        {(items) => <TeamTable teams={items} onOpen={openDialog} onMakeDefault={makeDefault} />}
      </QueryState>
      <TeamFormModal team={null} teams={teams.data ?? []} opened={isAdding} onClose={adding.close} />
      <TeamFormModal team={team} teams={teams.data ?? []} opened={isOpen('edit')} onClose={close} />
      <TeamMembersModal team={team} opened={isOpen('members')} onClose={close} />
      <DeleteTeamModal team={team} opened={isOpen('delete')} onClose={close} />
    </Stack>
  );
}
