import type { Case, Category, Team } from '@caseflow/contract';

/** A team as GET /teams lists it; members are { id, name } like the API's. */
export const teamNamed = (
  id: number,
  name: string,
  options: { categories?: Category[]; members?: { id: number; name: string }[]; isDefault?: boolean } = {},
): Team => ({
  id,
  name,
  description: '',
  isDefault: options.isDefault ?? false,
  categories: options.categories ?? [],
  memberCount: options.members?.length ?? 0,
  members: options.members ?? [],
  createdAt: '2025-01-01T09:00:00.000Z',
  updatedAt: '2025-01-01T09:00:00.000Z',
});

/** Case C-0007, open with Alex Agent in the default team. */
export const openCase: Case = {
  id: 7,
  number: 'C-0007',
  subject: 'Charged twice',
  description: 'My card was charged twice for one order.',
  orderNumber: 'ORD-1234',
  product: null,
  reason: null,
  desiredOutcome: null,
  priority: 'high',
  category: 'billing',
  tags: [],
  triage: null,
  team: { id: 1, name: 'Support' },
  status: 'open',
  customer: { id: 1, name: 'Carla Customer' },
  assignee: { id: 2, name: 'Alex Agent' },
  createdAt: '2025-01-01T10:00:00.000Z',
  assignedAt: '2025-01-01T10:00:01.000Z',
  firstResponseAt: null,
  resolvedAt: null,
  updatedAt: '2025-01-01T10:00:01.000Z',
  sla: null,
  return: null,
};
