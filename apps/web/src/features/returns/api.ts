import type { Case, MoveReturnBody } from '@caseflow/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { API_BASE, api } from '../../lib/api-client';
import { caseKeys } from '../cases/api';

/** Where a return's label downloads (the case's file; its customer may download it). */
export const labelUrl = (attachmentId: string) => `${API_BASE}/attachments/${attachmentId}`;

/**
 * Staff move the case's return one step. Settled either way, the case and its history refetch: a 409
 * usually means someone else moved it first, so the page should show where it stands now.
 */
export function useMoveReturn(caseId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: MoveReturnBody) => api<Case>('POST', `/cases/${caseId}/return`, body),
    onSuccess: (updated) => client.setQueryData(caseKeys.one(caseId), updated),
    onSettled: () => client.invalidateQueries({ queryKey: caseKeys.all }),
  });
}
