import type { Agent, CreateAgentBody, Dashboard, Mail, UpdateAgentBody } from '@caseflow/contract';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';

// Until live updates arrive over the socket, the dashboard polls.
const DASHBOARD_POLL_MS = 10_000;
const MAIL_POLL_MS = 15_000;

export function useDashboard() {
  return useQuery({
    queryKey: ['dashboard'],
    queryFn: () => api<Dashboard>('GET', '/dashboard'),
    refetchInterval: DASHBOARD_POLL_MS,
  });
}

/** The server's outbox, newest first, a page at a time. */
export function useMailbox() {
  return useInfiniteQuery({
    queryKey: ['mail'],
    queryFn: ({ pageParam }) =>
      api<{ items: Mail[]; nextCursor: string | null }>(
        'GET',
        `/mail?limit=25${pageParam ? `&cursor=${pageParam}` : ''}`,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    select: (data) => data.pages.flatMap((page) => page.items),
    refetchInterval: MAIL_POLL_MS,
  });
}

/** Adding, changing or removing an agent moves cases (the queue drains or requeues): refresh every view of them. */
function useAgentMutation<TInput, TResult>(mutationFn: (input: TInput) => Promise<TResult>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn,
    onSettled: () => {
      void client.invalidateQueries({ queryKey: ['agents'] });
      void client.invalidateQueries({ queryKey: ['cases'] });
      void client.invalidateQueries({ queryKey: ['dashboard'] });
    },
  });
}

export const useCreateAgent = () => useAgentMutation((body: CreateAgentBody) => api<Agent>('POST', '/agents', body));
export const useUpdateAgent = () =>
  useAgentMutation((input: { id: number; body: UpdateAgentBody }) =>
    api<Agent>('PATCH', `/agents/${input.id}`, input.body),
  );
export const useRemoveAgent = () => useAgentMutation((id: number) => api<void>('DELETE', `/agents/${id}`));
