import type { Agent } from '@caseflow/contract';
import { type ComboboxItem, MultiSelect, type MultiSelectProps, type OptionsFilter, Pill } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { errorMessage } from '../../lib/api-client';
import { useAgentList } from '../agent/api';

type AgentRef = Pick<Agent, 'id' | 'name'>;

type AgentMultiSelectProps = Omit<
  MultiSelectProps,
  'data' | 'value' | 'onChange' | 'searchable' | 'searchValue' | 'onSearchChange' | 'filter' | 'renderPill'
> & {
  /** The chosen agents with their names, so each shows by name whether or not a loaded page holds it. */
  value: AgentRef[];
  onChange: (agents: AgentRef[]) => void;
};

// The server matched names and emails already; Mantine's own filter would match the labels only.
const keepServerMatches: OptionsFilter = ({ options }) => options;

/**
 * Chooses any number of agents among any number: what is typed is searched on the server (name or email),
 * as in AgentSelect. Without a search the chosen agents are listed first, ticked, so a keyboard can untick
 * them there (a pill's remove button is for the mouse only).
 */
export function AgentMultiSelect({ value, onChange, ...props }: AgentMultiSelectProps) {
  const [search, setSearch] = useState('');
  const [searched] = useDebouncedValue(search.trim(), 300);
  const matches = useAgentList(searched);
  const found = matches.data ?? [];
  const offered = searched
    ? found
    : [...value.filter((chosen) => !found.some((agent) => agent.id === chosen.id)), ...found];
  const options: ComboboxItem[] = offered.map((agent) => ({ value: String(agent.id), label: agent.name }));
  if (matches.hasNextPage) options.push({ value: 'more', label: 'More agents: type a name or email', disabled: true });
  const known = new Map<string, AgentRef>([...value, ...found].map((agent) => [String(agent.id), agent]));
  const loadError = matches.isError ? `Could not load agents: ${errorMessage(matches.error)}` : undefined;

  return (
    <MultiSelect
      nothingFoundMessage={matches.isFetching ? 'Searching…' : 'No agent with that name or email'}
      {...props}
      data={options}
      value={value.map((agent) => String(agent.id))}
      onChange={(ids) =>
        onChange(ids.flatMap((id) => (known.has(id) ? [{ id: Number(id), name: known.get(id)!.name }] : [])))
      }
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={keepServerMatches}
      renderPill={({ value: id, onRemove, disabled }) => (
        <Pill withRemoveButton={!disabled} onRemove={onRemove} disabled={disabled}>
          {(id && known.get(id)?.name) ?? id}
        </Pill>
      )}
      error={props.error ?? loadError}
    />
  );
}
