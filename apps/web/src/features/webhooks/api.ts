import type {
  CreateWebhookBody,
  createdWebhookSchema,
  deliveryPage,
  deliveryStatusSchema,
  UpdateWebhookBody,
  Webhook,
  WebhookDelivery,
} from '@caseflow/contract';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../lib/api-client';

export type CreatedWebhook = z.infer<typeof createdWebhookSchema>;
export type DeliveryStatus = z.infer<typeof deliveryStatusSchema>;
type DeliveryPage = z.infer<typeof deliveryPage>;

export const webhookKeys = {
  all: ['webhooks'] as const,
  list: ['webhooks', 'list'] as const,
  deliveries: (webhookId: number) => ['webhooks', 'deliveries', webhookId] as const,
  deliveryList: (webhookId: number, status: DeliveryStatus | undefined) =>
    ['webhooks', 'deliveries', webhookId, status ?? 'any'] as const,
};

// Deliveries change in the background (retries, backoff); until they come over the socket, the log polls.
const DELIVERIES_POLL_MS = 15_000;
const PAGE_SIZE = 25;

/** Every endpoint (an installation has a handful, so the API does not page them). Admins only. */
export function useWebhooks(options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: webhookKeys.list,
    queryFn: () => api<{ items: Webhook[] }>('GET', '/webhooks').then((result) => result.items),
    ...options,
  });
}

function deliveriesPath(webhookId: number, status: DeliveryStatus | undefined, cursor: string | undefined) {
  const params = new URLSearchParams({ limit: String(PAGE_SIZE) });
  if (status) params.set('status', status);
  if (cursor) params.set('cursor', cursor);
  return `/webhooks/${webhookId}/deliveries?${params}`;
}

/** One endpoint's delivery log, newest first, with "load more" pages. */
export function useDeliveries(webhookId: number, status: DeliveryStatus | undefined) {
  return useInfiniteQuery({
    queryKey: webhookKeys.deliveryList(webhookId, status),
    queryFn: ({ pageParam }) => api<DeliveryPage>('GET', deliveriesPath(webhookId, status, pageParam)),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    select: (data) => data.pages.flatMap((page) => page.items),
    refetchInterval: DELIVERIES_POLL_MS,
  });
}

/** Any change to an endpoint or a new delivery can change the list (failing since) and the logs. */
function useWebhookMutation<TInput, TResult>(
  mutationFn: (input: TInput) => Promise<TResult>,
  options: { gcTime?: number } = {},
) {
  const client = useQueryClient();
  return useMutation({
    mutationFn,
    ...options,
    onSettled: () => void client.invalidateQueries({ queryKey: webhookKeys.all }),
  });
}

// The reply holds the signing secret: it is not kept in the mutation cache once its dialog is gone.
export const useCreateWebhook = () =>
  useWebhookMutation((body: CreateWebhookBody) => api<CreatedWebhook>('POST', '/webhooks', body), { gcTime: 0 });
export const useUpdateWebhook = () =>
  useWebhookMutation((input: { id: number; body: UpdateWebhookBody }) =>
    api<Webhook>('PATCH', `/webhooks/${input.id}`, input.body),
  );
export const useDeleteWebhook = () => useWebhookMutation((id: number) => api<void>('DELETE', `/webhooks/${id}`));
export const useSendTestEvent = () =>
  useWebhookMutation((id: number) => api<WebhookDelivery>('POST', `/webhooks/${id}/test`));
export const useRedeliver = () =>
  useWebhookMutation((input: { webhookId: number; deliveryId: number }) =>
    api<WebhookDelivery>('POST', `/webhooks/${input.webhookId}/deliveries/${input.deliveryId}/redeliver`),
  );
