import type { Agent, AgentPage, Availability } from '@caseflow/contract';
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';

export const agentKeys = {
  all: ['agents'] as const,
  list: (search: string) => ['agents', 'list', search] as const,
  one: (id: number) => ['agents', id] as const,
};

function listQuery(search: string, cursor: string | undefined) {
  const params = new URLSearchParams();
  if (search) params.set('q', search);
  if (cursor) params.set('cursor', cursor);
  return params.toString();
}

/**
 * Current agents by name with "load more" pages; `search` matches names and emails on the server.
 * While a new search loads, the previous matches stay on screen (isPlaceholderData) instead of a spinner.
 */
export function useAgentList(search = '') {
  const query = search.trim();
  return useInfiniteQuery({
    queryKey: agentKeys.list(query),
    queryFn: ({ pageParam }) => api<AgentPage>('GET', `/agents?${listQuery(query, pageParam)}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    select: (data) => data.pages.flatMap((page) => page.items),
    placeholderData: keepPreviousData,
  });
}

export function useAgent(id: number | undefined) {
  return useQuery({
    queryKey: agentKeys.one(id ?? 0),
    queryFn: () => api<Agent>('GET', `/agents/${id}`),
    enabled: id !== undefined,
  });
}

/** Availability changes move cases (away requeues, available drains), so every case view refreshes. */
export function useSetAvailability(agentId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (availability: Availability) => api<Agent>('PATCH', `/agents/${agentId}`, { availability }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: agentKeys.all });
      void client.invalidateQueries({ queryKey: ['cases'] });
      void client.invalidateQueries({ queryKey: ['dashboard'] });
    },
  });
}

/** The agent's own opt-in to an email for each new assignment; nothing else changes, so only agents refetch. */
export function useSetNotifyOnAssignment(agentId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (notifyOnAssignment: boolean) => api<Agent>('PATCH', `/agents/${agentId}`, { notifyOnAssignment }),
    onSuccess: (agent) => {
      client.setQueryData(agentKeys.one(agentId), agent);
      void client.invalidateQueries({ queryKey: agentKeys.all });
    },
  });
}
