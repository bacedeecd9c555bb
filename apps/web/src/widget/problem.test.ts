import { describe, expect, it } from 'vitest';
import { NOT_AVAILABLE, parseRetryAfter, toWidgetError } from './problem';

const problem = (status: number, extra: object = {}) => ({
  type: 'https://caseflow.dev/problems/x',
  title: 'Title',
  status,
  detail: 'the detail',
  code: 'x',
  ...extra,
});

describe('problem+json as the widget shows it', () => {
  it('puts field errors by their fields', () => {
    const error = toWidgetError(
      422,
      problem(422, {
        code: 'invalid',
        errors: [
          { path: 'email', message: 'this email cannot start a chat here' },
          { path: 'body.name', message: 'Too small' },
          { path: 'other', message: 'ignored' },
        ],
      }),
      null,
    );
    expect(error.status).toBe(422);
    expect(error.code).toBe('invalid');
    expect(error.fieldErrors).toEqual({ email: 'This email cannot start a chat here.', name: 'Too small.' });
  });

  it('says how long to wait after too many attempts', () => {
    expect(toWidgetError(429, problem(429), '37').message).toBe('Too many attempts, try again in 37 s.');
    expect(toWidgetError(429, problem(429), null).message).toBe('Too many attempts, try again in a little while.');
    expect(toWidgetError(429, problem(429), '37').retryAfterSeconds).toBe(37);
  });

  it('reads Retry-After as seconds or as a date', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:01:30 GMT', now)).toBe(90);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });

  it('explains a refused site, and never shows a server fault', () => {
    expect(toWidgetError(403, problem(403), null).message).toBe(NOT_AVAILABLE);
    const fault = toWidgetError(500, problem(500, { detail: 'TypeError at line 3' }), null);
    expect(fault.message).not.toContain('TypeError');
    expect(toWidgetError(502, '<html>bad gateway</html>', null).code).toBe('error');
    expect(toWidgetError(409, problem(409, { detail: 'already resolved' }), null).message).toBe('Already resolved.');
  });
});
