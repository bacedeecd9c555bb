import type { MailPreferences } from '@caseflow/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';

const PREFERENCES = ['me', 'preferences'] as const;

/** Whether the customer gets case emails; an unsubscribe link may have turned them off. */
export function useMailPreferences() {
  return useQuery({ queryKey: PREFERENCES, queryFn: () => api<MailPreferences>('GET', '/auth/me/preferences') });
}

export function useSetMailPreferences() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (preferences: MailPreferences) => api<MailPreferences>('PATCH', '/auth/me/preferences', preferences),
    onSuccess: (preferences) => client.setQueryData(PREFERENCES, preferences),
  });
}
