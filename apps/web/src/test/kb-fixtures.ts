import type { Article, KbSearchHit, KbStats } from '@caseflow/contract';

/** What GET /kb/suggest answers for "where is my money back": the best two of the demo shop's articles. */
export const refundHit: KbSearchHit = {
  slug: 'refund-timing',
  title: 'When will I get my refund?',
  category: 'return_refund',
  snippet: 'Refunds reach your original payment method 5–10 business days after the return arrives.',
  score: 12.5,
};
export const returnHit: KbSearchHit = {
  slug: 'start-a-return',
  title: 'Start a return online',
  category: 'return_refund',
  snippet: 'Start a return from your order page and print the prepaid label.',
  score: 7.25,
};

/** The refund article as GET /kb/articles/refund-timing has it, rendered by the server. */
export const refundArticle: Article = {
  id: 3,
  slug: 'refund-timing',
  title: 'When will I get my refund?',
  description: 'Refunds reach your original payment method 5–10 business days after the return arrives.',
  summary: 'Refunds reach your original payment method 5–10 business days after the return arrives.',
  category: 'return_refund',
  tags: ['refund'],
  status: 'published',
  updatedAt: '2025-01-02T09:00:00.000Z',
  body: '## Timing\n\nRefunds reach your **original payment method** 5–10 business days after the return arrives.',
  html: '<h2>Timing</h2>\n<p>Refunds reach your <strong>original payment method</strong> 5–10 business days after the return arrives.</p>\n',
  author: { id: 2, name: 'Alex Agent' },
  publishedAt: '2025-01-02T09:00:00.000Z',
};

/** One deflection and three cases after suggestions: a rate of 25 %. */
export const kbStats: KbStats = {
  sessions: 5,
  shown: 9,
  opened: 4,
  deflected: 1,
  wentOn: 2,
  casesAfterSuggestions: 3,
  deflectionRate: 0.25,
  topDeflecting: [{ slug: 'refund-timing', title: 'When will I get my refund?', deflected: 1 }],
};

export const emptyKbStats: KbStats = {
  sessions: 0,
  shown: 0,
  opened: 0,
  deflected: 0,
  wentOn: 0,
  casesAfterSuggestions: 0,
  deflectionRate: null,
  topDeflecting: [],
};
