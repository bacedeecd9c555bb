import { WIDGET_MESSAGE_LIMIT, WIDGET_NAME_LIMIT } from '@caseflow/contract/widget-limits';
import type { FieldErrors } from './problem';

/** The longest email address (RFC 5321's path limit), as the server checks it. */
export const EMAIL_LIMIT = 254;

export type StartValues = { name: string; email: string; message: string };

// The shape only (something@domain.tld); the server has the last word.
const EMAIL_SHAPE = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

/** The start form's checks before anything is sent; the server repeats them. Empty when all is well. */
export function validateStart(values: StartValues): FieldErrors {
  const errors: FieldErrors = {};
  const name = values.name.trim();
  const email = values.email.trim();
  const message = values.message.trim();
  if (!name) errors.name = 'Enter your name.';
  else if (name.length > WIDGET_NAME_LIMIT) errors.name = `Use at most ${WIDGET_NAME_LIMIT} characters.`;
  if (!email) errors.email = 'Enter your email address.';
  else if (email.length > EMAIL_LIMIT || !EMAIL_SHAPE.test(email))
    errors.email = 'Enter an email address like name@example.com.';
  if (!message) errors.message = 'Write your message.';
  else if (message.length > WIDGET_MESSAGE_LIMIT)
    errors.message = `Use at most ${WIDGET_MESSAGE_LIMIT.toLocaleString('en')} characters.`;
  return errors;
}

/** The reply box's check: the same limit as the first message. Null when it may be sent. */
export function validateReply(body: string): string | null {
  const text = body.trim();
  if (!text) return 'Write a message first.';
  if (text.length > WIDGET_MESSAGE_LIMIT) return `Use at most ${WIDGET_MESSAGE_LIMIT.toLocaleString('en')} characters.`;
  return null;
}
