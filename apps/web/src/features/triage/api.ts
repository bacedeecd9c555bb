import type { RetrainResult, TriagePreviewBody, TriageRecord, TriageStats } from '@caseflow/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';

export const triageKeys = { all: ['triage'] as const, stats: ['triage', 'stats'] as const };

/** Accuracy against staff corrections, per category (admins only). */
export function useTriageStats() {
  return useQuery({ queryKey: triageKeys.stats, queryFn: () => api<TriageStats>('GET', '/triage/stats') });
}

/** Rebuilds the model from the shipped set plus corrections; the stats then name the new version. */
export function useRetrainTriage() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api<RetrainResult>('POST', '/triage/retrain'),
    onSettled: () => void client.invalidateQueries({ queryKey: triageKeys.all }),
  });
}

/** What triage would decide for a message; creates nothing, so nothing needs refreshing. */
export function useTriagePreview() {
  return useMutation({ mutationFn: (body: TriagePreviewBody) => api<TriageRecord>('POST', '/triage', body) });
}
