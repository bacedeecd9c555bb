// The teams feature's door: what other features may use.
export { teamKeys, useCreateTeam, useDeleteTeam, useSetTeamMembers, useTeams, useUpdateTeam } from './api';
export { TeamSelect, teamIdOf } from './team-select';
