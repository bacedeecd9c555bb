import type { Agent, Availability } from '@caseflow/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';

export const agentKeys = { all: ['agents'] as const, one: (id: number) => ['agents', id] as const };

export function useAgents() {
  return useQuery({ queryKey: agentKeys.all, queryFn: () => api<{ items: Agent[] }>('GET', '/agents') });
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
