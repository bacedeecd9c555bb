import { Button, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { PageTitle } from '../../components/page-title';
import { QueryState } from '../../components/query-state';
import { useCaseList } from './api';
import { CaseTable } from './case-table';

export default function MyCasesPage() {
  const cases = useCaseList({});
  return (
    <Stack>
      <PageTitle
        title="My cases"
        actions={
          <Button component={Link} to="/cases/new">
            Report a case
          </Button>
        }
      >
        My cases
      </PageTitle>
      <QueryState
        query={cases}
        isEmpty={(items) => items.length === 0}
        empty={
          <Text>
            You have not reported any case yet. Something wrong with an order? Report a case and we will help.
          </Text>
        }
      >
        {(items) => (
          <CaseTable
            cases={items}
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
