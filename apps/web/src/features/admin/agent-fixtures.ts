import type { Agent } from '@caseflow/contract';

/** An available agent with one active case, in the default team, for the admin pages' tests. */
export const agentNamed = (id: number, name: string): Agent => ({
  id,
  email: `${name.toLowerCase().replace(/\W+/g, '.')}@shop.test`,
  name,
  capacity: 3,
  availability: 'available',
  state: 'available',
  activeCases: 1,
  lastAssignedAt: null,
  teams: [{ id: 1, name: 'Support' }],
  notifyOnAssignment: false,
});
