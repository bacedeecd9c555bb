import type { Case, TriageRecord, TriageStats } from '@caseflow/contract';
import { openCase } from './team-fixtures';

/** What triage decides for a smoking kettle (SPEC §9: a safety problem is defective and urgent). */
export const smokeTriage: TriageRecord = {
  category: 'defective',
  priority: 'urgent',
  tags: ['safety', 'refund'],
  confidence: { category: 0.92, priority: 0.97, tags: 0.64 },
  reasons: ['rule: safety ("smoke")', 'word: "refund"'],
  model: 'caseflow-triage',
  version: 'v1-abc123',
};

/** Case C-0007 as staff see it, triaged as above and not corrected yet. */
export const triagedCase: Case = {
  ...openCase,
  subject: 'Kettle smoking',
  description: 'The kettle started to smoke after a week; I want a refund.',
  category: 'defective',
  priority: 'urgent',
  tags: ['safety', 'refund'],
  triage: smokeTriage,
};

/** Stats after 12 triaged cases of which staff moved 3 to another category. */
export const triageStats: TriageStats = {
  model: 'caseflow-triage',
  version: 'v1-abc123',
  trainedOn: 540,
  trainedAt: '2025-01-01T08:00:00.000Z',
  corrections: 4,
  category: {
    triaged: 12,
    corrected: 3,
    accuracy: 0.75,
    perCategory: [
      { category: 'delivery', triaged: 8, corrected: 1, accuracy: 0.875 },
      { category: 'defective', triaged: 4, corrected: 2, accuracy: 0.5 },
    ],
  },
  priority: { triaged: 12, corrected: 2, accuracy: 10 / 12 },
};

export const untriagedStats: TriageStats = {
  ...triageStats,
  corrections: 0,
  category: { triaged: 0, corrected: 0, accuracy: null, perCategory: [] },
  priority: { triaged: 0, corrected: 0, accuracy: null },
};
