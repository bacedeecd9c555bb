import type { Priority, ReportQuery } from '@caseflow/contract';
import { Select, SimpleGrid, TextInput } from '@mantine/core';
import { useSearchParams } from 'react-router';
import { AgentSelect } from '../admin/agent-select';
import { categoryOptions, isCategory, priorityOptions } from '../cases/options';
import { TeamSelect, teamIdOf } from '../teams';
import { CUSTOM, DEFAULT_PRESET, PRESETS, periodOf } from './period';

const ANY = 'any';
const periodOptions = [...PRESETS, { value: CUSTOM, label: 'Custom dates' }];
const idOf = (value: string | null) => (value && /^\d+$/.test(value) ? Number(value) : undefined);
const isPriority = (value: string | null): value is Priority =>
  priorityOptions.some((option) => option.value === value);

type Key = 'period' | 'from' | 'to' | 'team' | 'agent' | 'category' | 'priority';

/**
 * The report's filters live in the URL, so a report can be bookmarked and shared. The period is a preset
 * (the last 7, 30 or 90 days, today included) or two dates, both included.
 */
export function useReportFilters() {
  const [params, setParams] = useSearchParams();
  const preset = params.get('period') ?? DEFAULT_PRESET;
  const custom = { fromDate: params.get('from') ?? '', toDate: params.get('to') ?? '' };
  const period = periodOf(preset, custom);
  const category = params.get('category');
  const priority = params.get('priority');
  const filters = {
    team: teamIdOf(params.get('team')),
    agent: idOf(params.get('agent')),
    category: isCategory(category) ? category : undefined,
    priority: isPriority(priority) ? priority : undefined,
  };
  const query: ReportQuery | null = 'error' in period ? null : { from: period.from, to: period.to, ...filters };
  const set = (changes: Partial<Record<Key, string | null>>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (!value || value === ANY) next.delete(key);
          else next.set(key, value);
        }
        return next;
      },
      { replace: true },
    );
  return { preset, custom, period, filters, query, set };
}

type Filters = ReturnType<typeof useReportFilters>;

export function ReportFilters({ preset, custom, period, filters, set }: Filters) {
  const isCustom = preset === CUSTOM;
  const periodError = 'error' in period ? period.error : undefined;
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 3, lg: isCustom ? 7 : 5 }} spacing="sm">
      <Select
        label="Period"
        data={periodOptions}
        value={periodOptions.some((option) => option.value === preset) ? preset : DEFAULT_PRESET}
        allowDeselect={false}
        onChange={(value) =>
          // Custom dates start from the period on screen, so changing one date is all it takes.
          value === CUSTOM && !('error' in period)
            ? set({ period: value, from: period.fromDate, to: period.toDate })
            : set({ period: value, from: null, to: null })
        }
      />
      {isCustom && (
        <>
          <TextInput
            type="date"
            label="From"
            value={custom.fromDate}
            onChange={(event) => set({ from: event.currentTarget.value })}
            error={periodError}
          />
          <TextInput
            type="date"
            label="To (included)"
            value={custom.toDate}
            onChange={(event) => set({ to: event.currentTarget.value })}
          />
        </>
      )}
      <TeamSelect
        label="Team"
        fixedOptions={[{ value: ANY, label: 'Any team' }]}
        value={filters.team === undefined ? ANY : String(filters.team)}
        allowDeselect={false}
        onChange={(value) => set({ team: value })}
      />
      <AgentSelect
        label="Agent"
        fixedOptions={[{ value: ANY, label: 'Any agent' }]}
        value={filters.agent === undefined ? ANY : String(filters.agent)}
        allowDeselect={false}
        onChange={(value) => set({ agent: value })}
      />
      <Select
        label="Category"
        data={[{ value: ANY, label: 'Any category' }, ...categoryOptions]}
        value={filters.category ?? ANY}
        allowDeselect={false}
        onChange={(value) => set({ category: value })}
      />
      <Select
        label="Priority"
        data={[{ value: ANY, label: 'Any priority' }, ...priorityOptions]}
        value={filters.priority ?? ANY}
        allowDeselect={false}
        onChange={(value) => set({ priority: value })}
      />
    </SimpleGrid>
  );
}
