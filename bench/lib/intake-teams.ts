// The intake's teams scenario (SPEC §8): three specialist teams beside the default one, agents in one
// or two teams, and customers whose cases carry a category from a realistic mix, "not sure" included.

import type { Category } from '@caseflow/contract';
import { INTAKE_BODY } from './intake-load.js';
import { api } from './server-process.js';

/** The specialist teams and what they handle; every other category, and none, goes to `Support`. */
export const INTAKE_TEAMS = [
  { name: 'Returns desk', categories: ['damaged_item', 'wrong_item', 'return_refund'] },
  { name: 'Billing', categories: ['billing'] },
  { name: 'Delivery & orders', categories: ['delivery', 'order_change'] },
] as const satisfies readonly { name: string; categories: readonly Category[] }[];

/**
 * What customers choose, in twentieths: returns 40 %, delivery and orders 20 %, billing 10 %, and 30 %
 * for the default team (15 % "not sure", 15 % categories no specialist team handles).
 */
export const CATEGORY_MIX: readonly [category: Category | null, weight: number][] = [
  ['return_refund', 4],
  ['damaged_item', 2],
  ['wrong_item', 2],
  ['delivery', 3],
  ['order_change', 1],
  ['billing', 2],
  [null, 3],
  ['defective', 1],
  ['account', 1],
  ['product_question', 1],
];

/**
 * One request body per connection: autocannon sends a connection's body over and over, so the mix is
 * spread over the connections (largest remainders, interleaved) and the load costs the client no more
 * than the single-team scenario's one body. Each body is that one plus a category.
 */
export function intakeTeamBodies(connections: number): string[] {
  const total = CATEGORY_MIX.reduce((sum, [, weight]) => sum + weight, 0);
  const shares = CATEGORY_MIX.map(([category, weight]) => ({ category, exact: (weight * connections) / total }));
  const counts = shares.map((share) => Math.floor(share.exact));
  const byRemainder = shares
    .map((share, index) => ({ index, remainder: share.exact - Math.floor(share.exact) }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  const left = connections - counts.reduce((sum, count) => sum + count, 0);
  for (const { index } of byRemainder.slice(0, left)) counts[index] = (counts[index] ?? 0) + 1;
  // Round-robin over the categories, so neighbouring connections (and each server's share) get a mix.
  const bodies: string[] = [];
  while (bodies.length < connections) {
    for (const [index, { category }] of shares.entries()) {
      if ((counts[index] ?? 0) === 0) continue;
      counts[index] = (counts[index] ?? 0) - 1;
      const body = JSON.parse(INTAKE_BODY) as Record<string, unknown>;
      bodies.push(JSON.stringify(category === null ? body : { ...body, category }));
    }
  }
  return bodies;
}

/**
 * The teams each intake agent works in, by its index, in blocks of ten: three in `Support` only (the
 * default team), four in Returns desk, two in Delivery & orders, one in Billing. A quarter of the
 * returns and delivery agents also stay in `Support`, and every other billing agent also works the
 * Returns desk. Each team's own members match its share of CATEGORY_MIX, so at capacity 50 every team
 * has room for 15,000 cases/s in the mix's proportions, as the single team has (INTAKE_AGENTS); the
 * agents in two teams are slack on top.
 */
export function teamsOfIntakeAgent(index: number): { support: boolean; specialist: string[] } {
  const slot = index % 10;
  const block = Math.floor(index / 10);
  if (slot < 3) return { support: true, specialist: [] };
  if (slot < 7) return { support: block % 4 === 0, specialist: ['Returns desk'] };
  if (slot < 9) return { support: block % 4 === 1, specialist: ['Delivery & orders'] };
  return { support: false, specialist: block % 2 === 0 ? ['Billing', 'Returns desk'] : ['Billing'] };
}

interface TeamReply {
  id: number;
  name: string;
  isDefault: boolean;
  memberCount: number;
}

/**
 * Creates the specialist teams and spreads the agents over them as an admin would, through the API:
 * the specialists' memberships first, then `Support` (which every new agent joined) is cut down to
 * its members. Returns each team's member count.
 */
export async function setUpIntakeTeams(url: string, adminToken: string, agentIds: readonly number[]) {
  const created = new Map<string, number>();
  for (const team of INTAKE_TEAMS) {
    const reply = await api<TeamReply>(url, 'POST', '/teams', {
      token: adminToken,
      body: { name: team.name, categories: team.categories },
    });
    created.set(team.name, reply.id);
  }
  const { items } = await api<{ items: TeamReply[] }>(url, 'GET', '/teams', { token: adminToken });
  const support = items.find((team) => team.isDefault);
  if (!support) throw new Error('no default team');
  const members = new Map<number, number[]>([support.id, ...created.values()].map((id) => [id, []]));
  for (const [index, agentId] of agentIds.entries()) {
    const teams = teamsOfIntakeAgent(index);
    if (teams.support) members.get(support.id)?.push(agentId);
    for (const name of teams.specialist) members.get(created.get(name) ?? -1)?.push(agentId);
  }
  const sizes: Record<string, number> = {};
  for (const teamId of [...created.values(), support.id]) {
    const reply = await api<TeamReply>(url, 'PUT', `/teams/${teamId}/members`, {
      token: adminToken,
      body: { agentIds: members.get(teamId) ?? [] },
    });
    sizes[reply.name] = reply.memberCount;
  }
  return sizes;
}
