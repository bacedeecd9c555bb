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
 * to the default team; the reason is kept for the case's history. One small precompiled read per batch.
 */
export async function routeNewCases(trx: Trx, cases: RoutableCase[]) {
  const rows = await repository.listRoutingRows(trx);
  const defaultTeam = rows.find((row) => row.is_default === 1);
  if (!defaultTeam) throw new Error('no default team: migration 009 creates one and nothing removes it');
  const teamOf = new Map(rows.flatMap((row) => (row.category === null ? [] : [[row.category, row] as const])));
  for (const draft of cases) {
    const team = draft.category === null ? undefined : teamOf.get(draft.category);
    if (team === undefined) {
      draft.teamId = defaultTeam.id;
      draft.routeReason = `routed: ${draft.category === null ? 'no category' : `category ${draft.category}`} → ${defaultTeam.name} (default team)`;
    } else {
      draft.teamId = team.id;
      draft.routeReason = `routed: category ${draft.category} → ${team.name}`;
    }
  }
}
