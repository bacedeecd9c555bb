import type {
  ActivityEvent,
  Case,
  CaseStatus,
  Category,
  CreateCaseBody,
  CreateMessageBody,
  ListCasesQuery,
  Message,
  NotifyBody,
  notifyResult,
  Priority,
  TransferCaseBody,
  UpdateCaseBody,
} from '@caseflow/contract';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../lib/api-client';
import { triageKeys } from '../triage';
import { webhookKeys } from '../webhooks';

export interface CaseFilters {
  status?: CaseStatus | undefined;
  priority?: Priority | undefined;
  assignee?: 'me' | 'none' | number | undefined;
  team?: number | undefined;
  category?: Category | undefined;
  /** SPEC §13: only the active cases at risk of missing an SLA target, or past one. */
  sla?: ListCasesQuery['sla'];
  /** `queue`: the order the queue is served in (queued cases only). */
  order?: 'newest' | 'queue';
  limit?: number;
}

type Page<T> = { items: T[]; nextCursor: string | null };

export const caseKeys = {
  all: ['cases'] as const,
  list: (filters: CaseFilters) => ['cases', 'list', filters] as const,
  one: (id: number) => ['cases', 'one', id] as const,
  messages: (id: number) => ['cases', 'messages', id] as const,
  events: (id: number) => ['cases', 'events', id] as const,
};

function query(filters: CaseFilters, cursor?: string) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value !== undefined) params.set(key, String(value));
  if (cursor) params.set('cursor', cursor);
  return params.toString();
}

/** A case list with "load more" pages (keyset cursors from the API). */
export function useCaseList(filters: CaseFilters, options: { refetchInterval?: number } = {}) {
  return useInfiniteQuery({
    ...options,
    queryKey: caseKeys.list(filters),
    queryFn: ({ pageParam }) => api<Page<Case>>('GET', `/cases?${query(filters, pageParam)}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    select: (data) => data.pages.flatMap((page) => page.items),
  });
}

export function useCase(id: number) {
  return useQuery({ queryKey: caseKeys.one(id), queryFn: () => api<Case>('GET', `/cases/${id}`) });
}

export function useMessages(id: number) {
  return useQuery({
    queryKey: caseKeys.messages(id),
    queryFn: async () => {
      const items: Message[] = [];
      let cursor: string | null = null;
      do {
        const page: Page<Message> = await api(
          'GET',
          `/cases/${id}/messages?limit=100${cursor ? `&cursor=${cursor}` : ''}`,
        );
        items.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      return items;
    },
  });
}

export function useCaseEvents(id: number) {
  return useQuery({
    queryKey: caseKeys.events(id),
    queryFn: () => api<{ items: ActivityEvent[] }>('GET', `/cases/${id}/events`).then((result) => result.items),
  });
}

/**
 * Any case change can move work between agents: refresh every case view, the agents and the dashboard
 * (and triage's accuracy, which a correction changes).
 */
function useCaseMutation<TInput>(mutationFn: (input: TInput) => Promise<unknown>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn,
    onSettled: () => {
      for (const queryKey of [caseKeys.all, ['agents'], ['dashboard'], triageKeys.all])
        void client.invalidateQueries({ queryKey });
    },
  });
}

export const useCreateCase = () => useCaseMutation((body: CreateCaseBody) => api<Case>('POST', '/cases', body));
export const useUpdateCase = (id: number) =>
  useCaseMutation((body: UpdateCaseBody) => api<Case>('PATCH', `/cases/${id}`, body));
export const useResolveCase = () => useCaseMutation((id: number) => api<Case>('POST', `/cases/${id}/resolve`));
export const useReopenCase = (id: number) => useCaseMutation(() => api<Case>('POST', `/cases/${id}/reopen`));
export const useAssignCase = () =>
  useCaseMutation((input: { id: number; agentId: number }) =>
    api<Case>('POST', `/cases/${input.id}/assign`, { agentId: input.agentId }),
  );
/** The case leaves its assignee for the team's queue (taken at once if a member is free). */
export const useTransferCase = (id: number) =>
  useCaseMutation((body: TransferCaseBody) => api<Case>('POST', `/cases/${id}/transfer`, body));
export const useDeleteCase = () => useCaseMutation((id: number) => api<void>('DELETE', `/cases/${id}`));
export const usePostMessage = (id: number) =>
  useCaseMutation((body: CreateMessageBody) => api<Message>('POST', `/cases/${id}/messages`, body));
export const useDeleteMessage = (id: number) =>
  useCaseMutation((messageId: number) => api<void>('DELETE', `/cases/${id}/messages/${messageId}`));

export type NotifyResult = z.infer<typeof notifyResult>;

/** Tells a team or an endpoint about the case; the notice is logged on the case and, for an endpoint, in its deliveries. */
export function useNotifyCase(id: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NotifyBody) => api<NotifyResult>('POST', `/cases/${id}/notify`, body),
    onSettled: () => {
      void client.invalidateQueries({ queryKey: caseKeys.events(id) });
      void client.invalidateQueries({ queryKey: webhookKeys.all });
    },
  });
}
