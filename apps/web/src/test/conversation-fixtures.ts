import type { Message, User } from '@caseflow/contract';

/** The people and the opening message of case 3, shared by the conversation's component tests. */
export const customer: User = { id: 1, email: 'carla@example.com', name: 'Carla Customer', role: 'customer' };
export const agent: User = { id: 2, email: 'alex@example.com', name: 'Alex Agent', role: 'agent' };

export const opening: Message = {
  id: 10,
  caseId: 3,
  author: { id: 1, name: 'Carla Customer', role: 'customer' },
  body: 'The jug arrived cracked.',
  internal: false,
  createdAt: '2025-01-01T10:00:00.000Z',
  attachments: [],
};
