import type { CaseStatus } from '@caseflow/contract';
import { Select, Stack } from '@mantine/core';
import { useState } from 'react';
import { PageTitle } from '../../components/page-title';
import { QueryState } from '../../components/query-state';
import { useCaseList } from '../cases/api';
import { CaseTable } from '../cases/case-table';
import { statusOptions } from '../cases/options';

/** Every case by status, for agents looking beyond their own work. */
export default function AllCasesPage() {
  const [status, setStatus] = useState<CaseStatus>('open');
  const cases = useCaseList({ status });
  return (
    <Stack>
      <PageTitle title="All cases">All cases</PageTitle>
      <Select
        label="Status"
        data={statusOptions}
        value={status}
        allowDeselect={false}
        onChange={(value) => value && setStatus(value as CaseStatus)}
        w={200}
      />
      <QueryState query={cases} isEmpty={(items) => items.length === 0} empty={`No ${status} cases.`}>
        {(items) => (
          <CaseTable
            cases={items}
            showCustomer
            showAssignee
            hasMore={cases.hasNextPage}
            onLoadMore={() => void cases.fetchNextPage()}
            isLoadingMore={cases.isFetchingNextPage}
          />
        )}
      </QueryState>
    </Stack>
  );
}
