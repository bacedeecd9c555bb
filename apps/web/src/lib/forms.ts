import type { z } from 'zod';
import { ApiError } from './api-client';

type Issue = z.core.$ZodIssue;

/** zod's default messages are for developers; people get these (custom messages pass through). */
function friendlyMessage(issue: Issue): string {
  const isDefault = /^(Too small|Too big|Invalid input|Invalid email)/.test(issue.message);
  if (!isDefault) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined || issue.input === '' ? 'Required' : 'Invalid value';
    case 'too_small':
      return Number(issue.minimum) <= 1 ? 'Required' : `At least ${issue.minimum} characters`;
    case 'too_big':
      return `At most ${issue.maximum} characters`;
    case 'invalid_format':
      return issue.format === 'email' ? 'Enter a valid email address' : 'Invalid format';
    default:
      return 'Invalid value';
  }
}

/** Validates a Mantine form with the same contract schema the server uses; errors keyed by field path. */
export function zodErrors<T extends z.ZodType>(schema: T) {
  return (values: unknown): Record<string, string> => {
    const result = schema.safeParse(values);
    if (result.success) return {};
    const errors: Record<string, string> = {};
    for (const issue of result.error.issues) {
      const path = issue.path.join('.');
      errors[path] ??= friendlyMessage(issue);
    }
    return errors;
  };
}

/** Server-side field errors (problem+json `errors`) for form.setErrors. */
export function serverFieldErrors(error: unknown): Record<string, string> {
  return error instanceof ApiError ? error.fieldErrors : {};
}
