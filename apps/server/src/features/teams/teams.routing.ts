import type { Category } from '@caseflow/contract';
import type { Trx } from '../../db/transaction.js';
import * as repository from './teams.repository.js';

/** What routing reads of a new case and what it sets. */
export interface RoutableCase {
  category: Category | null;
  teamId: number;
  routeReason: string;
}

/**
 * Intake's routing stage (SPEC §8): each new case goes to the team that handles its category, else
 * to the default team; the reason is kept for the case's history. Two small reads per batch.
 */
export async function routeNewCases(trx: Trx, cases: RoutableCase[]) {
  const [categories, defaultTeam] = await Promise.all([
    repository.listCategoryRows(trx),
    repository.findDefaultTeam(trx),
  ]);
  const needsNames = categories.length > 0;
  const names = needsNames
    ? new Map((await repository.listTeamRows(trx)).map((team) => [team.id, team.name]))
    : undefined;
  const teamOf = new Map(categories.map((row) => [row.category, row.team_id]));
  for (const draft of cases) {
    const teamId = draft.category === null ? undefined : teamOf.get(draft.category);
    if (teamId === undefined) {
      draft.teamId = defaultTeam.id;
      draft.routeReason = `routed: ${draft.category === null ? 'no category' : `category ${draft.category}`} → ${defaultTeam.name} (default team)`;
    } else {
      draft.teamId = teamId;
      draft.routeReason = `routed: category ${draft.category} → ${names?.get(teamId) ?? 'team'}`;
    }
  }
}
