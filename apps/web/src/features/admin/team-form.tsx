import { type Category, createTeamBody, type Team, updateTeamBody } from '@caseflow/contract';
import { Button, Group, Modal, MultiSelect, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { serverFieldErrors, zodErrors } from '../../lib/forms';
import { categoryOptions } from '../cases/options';
import { useCreateTeam, useUpdateTeam } from '../teams';
import { MUTED, modalCloseProps, notifySuccess } from './feedback';
import { FormError } from './form-error';

type Values = { name: string; description: string; categories: string[] };

/**
 * Every category, each one another team handles disabled and named with that team: a category belongs
 * to one team, and the API refuses (409) to give it to a second.
 */
function categoryChoices(teams: Team[], editing: Team | null) {
  const owner = new Map<Category, string>();
  for (const team of teams)
    if (team.id !== editing?.id) for (const category of team.categories) owner.set(category, team.name);
  return categoryOptions.map((option) => {
    const handledBy = owner.get(option.value);
    return handledBy ? { ...option, label: `${option.label} (handled by ${handledBy})`, disabled: true } : option;
  });
}

function TeamForm({ team, teams, onClose }: { team: Team | null; teams: Team[]; onClose: () => void }) {
  const create = useCreateTeam();
  const update = useUpdateTeam();
  const mutation = team ? update : create;
  const form = useForm<Values>({
    initialValues: { name: team?.name ?? '', description: team?.description ?? '', categories: team?.categories ?? [] },
    validate: zodErrors(createTeamBody),
  });
  const options = {
    onSuccess: (saved: Team) => {
      notifySuccess(team ? `${saved.name} is saved.` : `${saved.name} is added. Add its members next.`);
      onClose();
    },
    onError: (error: unknown) => form.setErrors(serverFieldErrors(error)),
  };
  const submit = form.onSubmit((values) =>
    team
      ? update.mutate({ id: team.id, body: updateTeamBody.parse(values) }, options)
      : create.mutate(createTeamBody.parse(values), options),
  );
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormError error={mutation.error} fields={['name', 'description', 'categories']} />
        <TextInput label="Name" autoComplete="off" required data-autofocus {...form.getInputProps('name')} />
        <Textarea label="Description" autosize minRows={2} {...form.getInputProps('description')} />
        <MultiSelect
          label="Categories"
          description="New cases in these categories go to this team. To move a category here, remove it from its team first."
          descriptionProps={{ c: MUTED }}
          placeholder={form.values.categories.length ? undefined : 'None'}
          data={categoryChoices(teams, team)}
          comboboxProps={{ withinPortal: true }}
          {...form.getInputProps('categories')}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={mutation.isPending}>
            {team ? 'Save' : 'Add team'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Adds a team (`team` null) or edits one; `teams` tells which categories others handle already. */
export function TeamFormModal({
  team,
  teams,
  opened,
  onClose,
}: {
  team: Team | null;
  teams: Team[];
  opened: boolean;
  onClose: () => void;
}) {
  return (
    <Modal {...modalCloseProps} opened={opened} onClose={onClose} title={team ? `Edit ${team.name}` : 'Add a team'}>
      <TeamForm key={team?.id ?? 'new'} team={team} teams={teams} onClose={onClose} />
    </Modal>
  );
}
