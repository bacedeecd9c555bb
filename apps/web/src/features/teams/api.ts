import type { CreateTeamBody, Team, TeamMembersBody, UpdateTeamBody } from '@caseflow/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';

export const teamKeys = { all: ['teams'] as const };

/** Every team by name (a support center has a handful, so the API does not page them). */
export function useTeams() {
  return useQuery({
    queryKey: teamKeys.all,
    queryFn: () => api<{ items: Team[] }>('GET', '/teams').then((result) => result.items),
  });
}

/**
 * A team's name shows on cases, agents and the dashboard, and a membership change moves cases (removed
 * members' unanswered cases requeue, new members drain the queue): refresh every view of them.
 */
function useTeamMutation<TInput, TResult>(mutationFn: (input: TInput) => Promise<TResult>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn,
    onSettled: () => {
      for (const queryKey of [teamKeys.all, ['agents'], ['cases'], ['dashboard']])
        void client.invalidateQueries({ queryKey });
    },
  });
}

export const useCreateTeam = () => useTeamMutation((body: CreateTeamBody) => api<Team>('POST', '/teams', body));
export const useUpdateTeam = () =>
  useTeamMutation((input: { id: number; body: UpdateTeamBody }) =>
    api<Team>('PATCH', `/teams/${input.id}`, input.body),
  );
export const useSetTeamMembers = () =>
  useTeamMutation((input: { id: number; body: TeamMembersBody }) =>
    api<Team>('PUT', `/teams/${input.id}/members`, input.body),
  );
export const useDeleteTeam = () => useTeamMutation((id: number) => api<void>('DELETE', `/teams/${id}`));
