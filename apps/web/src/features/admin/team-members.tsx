import type { Team } from '@caseflow/contract';
import { Button, Group, Modal, Stack } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useSetTeamMembers } from '../teams';
import { AgentMultiSelect } from './agent-multi-select';
import { countOf } from './confirm-modal';
import { MUTED, modalCloseProps, notifySuccess } from './feedback';
import { FormError } from './form-error';

function MembersForm({ team, onClose }: { team: Team; onClose: () => void }) {
  const save = useSetTeamMembers();
  const [members, setMembers] = useState(team.members);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(
      { id: team.id, body: { agentIds: members.map((member) => member.id) } },
      {
        onSuccess: (saved) => {
          notifySuccess(`${saved.name} has ${countOf(saved.memberCount, 'member')}.`);
          onClose();
        },
      },
    );
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormError error={save.error} fields={[]} />
        <AgentMultiSelect
          label="Members"
          description="Someone removed gives their unanswered cases of this team back to its queue; someone added takes its queued cases at once."
          descriptionProps={{ c: MUTED }}
          placeholder="Type a name or email"
          value={members}
          onChange={(next) => {
            setMembers(next);
            save.reset();
          }}
          data-autofocus
          comboboxProps={{ withinPortal: true }}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending}>
            Save members
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Replaces a team's member list (PUT /teams/:id/members). */
export function TeamMembersModal({
  team,
  opened,
  onClose,
}: {
  team: Team | null;
  opened: boolean;
  onClose: () => void;
}) {
  return (
    <Modal
      {...modalCloseProps}
      opened={opened}
      onClose={onClose}
      title={`Members of ${team?.name ?? 'the team'}`}
      size="lg"
    >
      {team && <MembersForm key={team.id} team={team} onClose={onClose} />}
    </Modal>
  );
}
