import { describe, expect, it } from 'vitest';
import { analyse } from './analyse.js';
import { type IndexedArticle, KbIndex } from './kb-index.js';

const article = (
  id: number,
  slug: string,
  title: string,
  text: string,
  category: IndexedArticle['category'] = 'billing',
) => ({
  id,
  slug,
  title,
  description: '',
  text,
  tags: [],
  category,
});

const REFUND = article(1, 'refund-timing', 'When will I get my refund?', 'Refunds reach the original payment method.');
const PARCEL = article(
  2,
  'late-parcel',
  'Late or lost parcels',
  'If the courier marked it delivered but it is missing, we reship.',
  'delivery',
);
const PASSWORD = article(
  3,
  'reset-password',
  'Reset your password',
  'Use Forgot password on the sign-in page.',
  'account',
);

const slugs = (index: KbIndex, query: string, typing = false) =>
  index.search(query, 5, { typing }).map((hit) => hit.slug);

describe('help search index', () => {
  it('reads words as customers write them: plurals, phrases for concepts, slips, an unfinished last word', () => {
    const index = new KbIndex([REFUND, PARCEL, PASSWORD]);
    expect(slugs(index, 'refunds')[0]).toBe('refund-timing');
    expect(slugs(index, 'I want my money back')[0]).toBe('refund-timing');
    expect(slugs(index, 'the package never arrived')[0]).toBe('late-parcel');
    expect(slugs(index, 'pasword')[0]).toBe('reset-password');
    expect(slugs(index, 'reset my passw', true)[0]).toBe('reset-password');
    expect(slugs(index, 'passw')).toEqual([]); // a prefix only counts while typing
    expect(analyse('send the lamp back')).toContain('return'); // a phrase with words between
  });

  it('follows edits and removals, reusing the freed slots without mixing articles up', () => {
    const index = new KbIndex([REFUND, PARCEL, PASSWORD]);
    index.remove(PARCEL.id);
    expect(slugs(index, 'courier parcel')).toEqual([]);
    index.upsert(article(4, 'courier-contacts', 'Courier phone numbers', 'Call the courier directly.', 'delivery'));
    expect(slugs(index, 'courier')).toEqual(['courier-contacts']);
    index.upsert({ ...PASSWORD, title: 'Locked out of your account', text: 'Too many attempts lock it.' });
    expect(slugs(index, 'locked')).toEqual(['reset-password']);
    expect(slugs(index, 'forgot')).toEqual([]);
    expect(index.size).toBe(3);
    index.remove(999); // unknown: nothing happens
    expect(index.size).toBe(3);
  });

  it('lets the likely category decide between equal text matches, and answers odd input with nothing', () => {
    const index = new KbIndex([
      article(1, 'billing-help', 'Help', 'We can help.', 'billing'),
      article(2, 'delivery-help', 'Help', 'We can help.', 'delivery'),
    ]);
    const prior = { delivery: 0.9, billing: 0.1 } as Record<IndexedArticle['category'], number>;
    expect(index.search('help', 2, { categories: prior }).map((hit) => hit.slug)).toEqual([
      'delivery-help',
      'billing-help',
    ]);
    for (const odd of ['', '   ', '"*:', 'NEAR', '🙂', 'x'.repeat(2000)]) expect(index.search(odd, 5)).toEqual([]);
  });
});
