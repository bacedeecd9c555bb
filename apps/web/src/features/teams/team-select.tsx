import type { Team } from '@caseflow/contract';
import { type ComboboxItem, Select, type SelectProps } from '@mantine/core';
import { errorMessage } from '../../lib/api-client';
import { useTeams } from './api';

type TeamSelectProps = Omit<SelectProps, 'data'> & {
  /** Choices that are not teams (any team), listed first. */
  fixedOptions?: ComboboxItem[];
  /** A team not to offer, such as the case's own. */
  excludeId?: number | undefined;
  optionLabel?: (team: Team) => string;
};

const nameOf = (team: Team) => team.name;

/** Chooses one team by name; values are team ids as strings. */
export function TeamSelect({ fixedOptions = [], excludeId, optionLabel = nameOf, ...props }: TeamSelectProps) {
  const teams = useTeams();
  const teamOptions = (teams.data ?? [])
    .filter((team) => team.id !== excludeId)
    .map((team) => ({ value: String(team.id), label: optionLabel(team) }));
  const loadError = teams.isError ? `Could not load teams: ${errorMessage(teams.error)}` : undefined;
  return (
    <Select
      nothingFoundMessage={teams.isPending ? 'Loading teams…' : 'No other team'}
      {...props}
      data={[...fixedOptions, ...teamOptions]}
      error={props.error ?? loadError}
    />
  );
}

/** A team id from a URL parameter or a select's value, or undefined. */
export const teamIdOf = (value: string | null | undefined) =>
  value && /^\d+$/.test(value) ? Number(value) : undefined;
