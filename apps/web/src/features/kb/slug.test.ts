import { slugSchema } from '@caseflow/contract';
import { describe, expect, it } from 'vitest';
import { slugFromTitle } from './slug';

describe('slugFromTitle', () => {
  it('makes lower-case words joined by single hyphens, dropping accents and apostrophes', () => {
    expect(slugFromTitle("Where's my parcel? (EU)")).toBe('wheres-my-parcel-eu');
    expect(slugFromTitle('  Crème brûlée -- returns  ')).toBe('creme-brulee-returns');
    expect(slugFromTitle('!!!')).toBe('');
  });

  it('stops at 80 characters on a word boundary, and the result is a slug the API accepts', () => {
    const slug = slugFromTitle('refund '.repeat(30));
    expect(slug.length).toBeLessThanOrEqual(80);
    expect(slug.endsWith('-')).toBe(false);
    expect(slugSchema.safeParse(slug).success).toBe(true);
    expect(slugFromTitle('x'.repeat(100))).toHaveLength(80);
  });
});
