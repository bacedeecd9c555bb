import type { Category, CreateCaseBody } from '@caseflow/contract';
import type { AppContext, Caller } from '../context.js';
import { createTeam, listTeams, setTeamMembers } from '../features/teams/teams.service.js';
import type { SeededRandom } from './seeded-random.js';

/** The demo shop's teams beside the default Support, and which demo agents (by index in DEMO_AGENTS) work in each. */
const DEMO_TEAMS: { name: string; description: string; categories: Category[]; agents: number[] }[] = [
  {
    name: 'Returns desk',
    description: 'Damaged and wrong items, returns and refunds of returned items.',
    categories: ['damaged_item', 'wrong_item', 'return_refund'],
    agents: [0, 1, 4],
  },
  {
    name: 'Billing',
    description: 'Charges, invoices, refunds owed, promo codes.',
    categories: ['billing'],
    agents: [2],
  },
  {
    name: 'Delivery & orders',
    description: 'Late or lost parcels, couriers, changes before shipping.',
    categories: ['delivery', 'order_change'],
    agents: [3, 4, 5],
  },
];
/** Who stays in Support, the default team, besides their specialist team. */
const SUPPORT_AGENTS = [0, 2, 5];

export async function createDemoTeams(ctx: AppContext, admin: Caller, agentIds: number[]) {
  const pick = (indexes: number[]) =>
    indexes.flatMap((index) => (agentIds[index] === undefined ? [] : [agentIds[index]]));
  for (const team of DEMO_TEAMS) {
    const created = await createTeam(ctx, admin, {
      name: team.name,
      description: team.description,
      categories: team.categories,
    });
    await setTeamMembers(ctx, admin, created.id, pick(team.agents));
  }
  const support = (await listTeams(ctx)).find((team) => team.isDefault);
  if (support) await setTeamMembers(ctx, admin, support.id, pick(SUPPORT_AGENTS));
}

const CATEGORY_BY_REASON: Record<NonNullable<CreateCaseBody['reason']>, Category> = {
  damaged: 'damaged_item',
  defective: 'defective',
  wrong_item: 'wrong_item',
  not_as_described: 'return_refund',
  no_longer_needed: 'return_refund',
  other: 'return_refund',
};

/** What a customer picks in the form: usually what their story is about, sometimes "not sure". */
export function demoCategory(random: SeededRandom, body: CreateCaseBody): Category | undefined {
  if (random.chance(0.2)) return undefined;
  if (/charged twice/i.test(body.description)) return 'billing';
  if (/arrived ten days late/i.test(body.description)) return 'delivery';
  return body.reason ? CATEGORY_BY_REASON[body.reason] : undefined;
}
