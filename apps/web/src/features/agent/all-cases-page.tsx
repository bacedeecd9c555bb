import type { CaseStatus } from '@caseflow/contract';
import { Group, Select, Stack } from '@mantine/core';
import { useState } from 'react';
import { PageTitle } from '../../components/page-title';
import { QueryState } from '../../components/query-state';
import { useCaseList } from '../cases/api';
import { CaseTable } from '../cases/case-table';
import { statusOptions } from '../cases/options';
import { TeamFilter, useTeamFilter } from './team-filter';

/** Every case by status and team, for agents looking beyond their own work. */
export default function AllCasesPage() {
  const [status, setStatus] = useState<CaseStatus>('open');
  const [team, setTeam] = useTeamFilter();
  const cases = useCaseList({ status, team });
  return (
    <Stack>
      <PageTitle title="All cases">All cases</PageTitle>
      <Group align="flex-start">
        <Select
          label="Status"
          data={statusOptions}
          value={status}
          allowDeselect={false}
          onChange={(value) => value && setStatus(value as CaseStatus)}
          w={200}
        />
        <TeamFilter value={team} onChange={setTeam} />
      </Group>
      <QueryState
        query={cases}
        isEmpty={(items) => items.length === 0}
        empty={team === undefined ? `No ${status} cases.` : `No ${status} cases in this team.`}
      >
        {(items) => (
          <CaseTable
            cases={items}
            showSla
            showTags
            showCustomer
            showAssignee
            showTeam
            hasMore={cases.hasNextPage}
            onLoadMore={() => void cases.fetchNextPage()}
            isLoadingMore={cases.isFetchingNextPage}
          />
        )}
      </QueryState>
    </Stack>
  );
}
