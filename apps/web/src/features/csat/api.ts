import type { Csat, CsatBody, csatLinkSchema } from '@caseflow/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { ApiError, api, errorMessage } from '../../lib/api-client';
import { caseKeys } from '../cases/api';

/** What the rating link's token opens: the case (by number and subject) and its rating, if given. */
export type CsatLink = z.infer<typeof csatLinkSchema>;

export const csatKeys = {
  // Under the case's keys: live case events and every case mutation refresh it too.
  ofCase: (caseId: number) => [...caseKeys.all, 'csat', caseId] as const,
  ofLink: (token: string) => ['csat', 'link', token] as const,
};

/** The case's rating, or null while there is none (the API answers 404). */
export function useCaseCsat(caseId: number, { enabled }: { enabled: boolean }) {
  return useQuery({
    queryKey: csatKeys.ofCase(caseId),
    queryFn: async () => {
      try {
        return await api<Csat>('GET', `/cases/${caseId}/csat`);
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
    enabled,
  });
}

export function useRateCase(caseId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CsatBody) => api<Csat>('POST', `/cases/${caseId}/csat`, body),
    onSuccess: (csat) => client.setQueryData(csatKeys.ofCase(caseId), csat),
    // A 409 means it was rated meanwhile (another tab, the mail's link) or reopened: show what stands.
    onError: () => void client.invalidateQueries({ queryKey: csatKeys.ofCase(caseId) }),
    onSettled: () => void client.invalidateQueries({ queryKey: caseKeys.events(caseId) }),
  });
}

/** The case a rating link is for, and its rating if it was given already. */
export function useCsatLink(token: string) {
  return useQuery({
    queryKey: csatKeys.ofLink(token),
    queryFn: () => api<CsatLink>('GET', `/csat?${new URLSearchParams({ token })}`),
    enabled: token !== '',
  });
}

export function useRateByLink(token: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CsatBody) => api<Csat>('POST', '/csat', { ...body, token }),
    onSuccess: (csat) => client.setQueryData<CsatLink>(csatKeys.ofLink(token), (link) => link && { ...link, csat }),
    onError: () => void client.invalidateQueries({ queryKey: csatKeys.ofLink(token) }),
  });
}

/** A refused rating in words: a 409 is no fault of the customer's, so it is said gently. */
export const ratingErrorMessage = (error: unknown) =>
  error instanceof ApiError && error.status === 409
    ? 'This case has already been rated, or it was reopened, so this rating was not sent.'
    : errorMessage(error);
