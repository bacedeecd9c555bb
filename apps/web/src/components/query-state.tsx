import { Alert, Button, Center, Group, Loader, Stack, Text } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { errorMessage } from '../lib/api-client';

/** A query that failed: why, and a way to try again. */
export function QueryError({ query }: { query: UseQueryResult<unknown> }) {
  return (
    <Alert color="red" title="Could not load this" role="alert">
      <Stack gap="xs">
        <Text size="sm">{errorMessage(query.error)}</Text>
        <Group>
          <Button size="xs" variant="light" onClick={() => void query.refetch()}>
            Try again
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

/** One way to show loading, error and empty states for a query. */
export function QueryState<T>({
  query,
  isEmpty,
  empty,
  children,
}: {
  query: UseQueryResult<T>;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label="Loading" />
      </Center>
    );
  }
  if (query.isError) return <QueryError query={query} />;
  if (isEmpty?.(query.data)) {
    return (
      <Text c="dimmed" py="lg" ta="center">
        {empty ?? 'Nothing here yet.'}
      </Text>
    );
  }
  return children(query.data);
}
