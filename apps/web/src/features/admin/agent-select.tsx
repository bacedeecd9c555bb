import type { Agent } from '@caseflow/contract';
import { type ComboboxData, type ComboboxItem, type OptionsFilter, Select, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { errorMessage } from '../../lib/api-client';
import { useAgent, useAgentList } from '../agent/api';

type AgentSelectProps = Omit<SelectProps, 'data' | 'searchable' | 'searchValue' | 'onSearchChange' | 'filter'> & {
  /** Choices that are not agents (anyone, unassigned), listed first. */
  fixedOptions?: ComboboxItem[];
  optionLabel?: (agent: Agent) => string;
  /** An agent not to offer, such as the current assignee. */
  excludeId?: number | undefined;
};

const agentIdOf = (value: string | null | undefined) => (value && /^\d+$/.test(value) ? Number(value) : undefined);
const nameOf = (agent: Agent) => agent.name;
// The server matched names and emails already; Mantine's own filter would match the labels only.
const keepServerMatches: OptionsFilter = ({ options }) => options;

/**
 * Chooses one agent among any number: what is typed is searched on the server (name or email) and the
 * first page of matches is offered. The chosen agent is fetched on its own, so its label shows even when
 * it is in no loaded page (a filter restored from the URL, say).
 */
export function AgentSelect({ fixedOptions = [], optionLabel = nameOf, excludeId, value, ...props }: AgentSelectProps) {
  const [search, setSearch] = useState('');
  const chosenId = agentIdOf(value);
  const chosen = useAgent(chosenId);
  const chosenLabel =
    fixedOptions.find((option) => option.value === value)?.label ?? (chosen.data && optionLabel(chosen.data));
  // Mantine puts the chosen option's label in the input; that is not a search.
  const [searched] = useDebouncedValue(search === chosenLabel ? '' : search.trim(), 300);
  const matches = useAgentList(searched);
  const found = matches.data ?? [];
  const agents = [
    ...(chosen.data && !found.some((agent) => agent.id === chosenId) ? [chosen.data] : []),
    ...found,
  ].filter((agent) => agent.id !== excludeId);
  const agentOptions: ComboboxItem[] = agents.map((agent) => ({ value: String(agent.id), label: optionLabel(agent) }));
  if (matches.hasNextPage)
    agentOptions.push({ value: 'more', label: 'More agents: type a name or email', disabled: true });
  const data: ComboboxData = fixedOptions.length
    ? [...fixedOptions, ...(agentOptions.length ? [{ group: 'Agents', items: agentOptions }] : [])]
    : agentOptions;
  const loadError = matches.isError ? `Could not load agents: ${errorMessage(matches.error)}` : undefined;

  return (
    <Select
      nothingFoundMessage={matches.isFetching ? 'Searching…' : 'No agent with that name or email'}
      {...props}
      value={value}
      data={data}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={keepServerMatches}
      error={props.error ?? loadError}
    />
  );
}
