import { WIDGET_MESSAGE_LIMIT, WIDGET_NAME_LIMIT } from '@caseflow/contract/widget-limits';
import { describe, expect, it } from 'vitest';
import { validateReply, validateStart } from './validate';

const valid = { name: 'Ada', email: 'ada@example.com', message: 'My order is late' };

describe('the start form checks', () => {
  it('accepts a complete form', () => {
    expect(validateStart(valid)).toEqual({});
    expect(validateStart({ ...valid, email: ' Ada.L@mail.example.co.uk ' })).toEqual({});
  });

  it('requires every field (blank is empty)', () => {
    expect(Object.keys(validateStart({ name: ' ', email: '', message: '\n' }))).toEqual(['name', 'email', 'message']);
  });

  it('checks the email shape', () => {
    for (const email of ['ada', 'ada@', '@example.com', 'ada@example', 'a da@example.com', 'ada@@example.com'])
      expect(validateStart({ ...valid, email }).email, email).toBeDefined();
  });

  it('checks the lengths the server enforces', () => {
    expect(validateStart({ ...valid, name: 'x'.repeat(WIDGET_NAME_LIMIT) }).name).toBeUndefined();
    expect(validateStart({ ...valid, name: 'x'.repeat(WIDGET_NAME_LIMIT + 1) }).name).toBeDefined();
    expect(validateStart({ ...valid, message: 'x'.repeat(WIDGET_MESSAGE_LIMIT + 1) }).message).toBeDefined();
    expect(validateStart({ ...valid, email: `${'x'.repeat(250)}@example.com` }).email).toBeDefined();
  });

  it('checks a reply', () => {
    expect(validateReply('  ')).not.toBeNull();
    expect(validateReply('thanks')).toBeNull();
    expect(validateReply('x'.repeat(WIDGET_MESSAGE_LIMIT + 1))).not.toBeNull();
  });
});
