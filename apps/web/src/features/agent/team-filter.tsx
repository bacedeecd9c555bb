import { useSearchParams } from 'react-router';
import { TeamSelect, teamIdOf } from '../teams';

const ANY = 'any';

/** The team a staff list is filtered by, kept in the URL (`?team=`) so it survives a reload. */
export function useTeamFilter(): [number | undefined, (team: number | undefined) => void] {
  const [params, setParams] = useSearchParams();
  const setTeam = (team: number | undefined) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (team === undefined) next.delete('team');
        else next.set('team', String(team));
        return next;
      },
      { replace: true },
    );
  return [teamIdOf(params.get('team')), setTeam];
}

export function TeamFilter({
  value,
  onChange,
  description,
}: {
  value: number | undefined;
  onChange: (team: number | undefined) => void;
  description?: string;
}) {
  return (
    <TeamSelect
      label="Team"
      description={description}
      fixedOptions={[{ value: ANY, label: 'All teams' }]}
      value={value === undefined ? ANY : String(value)}
      allowDeselect={false}
      onChange={(next) => onChange(teamIdOf(next))}
      w={260}
    />
  );
}
