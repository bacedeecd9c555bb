import type { SlaSettings, slaSettingsResponse } from '@caseflow/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../lib/api-client';

/** The settings as stored, with when they were saved (null: never, these are the defaults). */
export type StoredSlaSettings = z.infer<typeof slaSettingsResponse>;

export const slaKeys = { settings: ['sla', 'settings'] as const };

/** The calendar and the policies; never saved yet: a Mon–Fri 09:00–17:00 UTC calendar, no policies, updatedAt null. */
export function useSlaSettings() {
  return useQuery({ queryKey: slaKeys.settings, queryFn: () => api<StoredSlaSettings>('GET', '/sla') });
}

export function useSaveSlaSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: SlaSettings) => api<StoredSlaSettings>('PUT', '/sla', body),
    onSuccess: (saved) => client.setQueryData(slaKeys.settings, saved),
  });
}
