import type { Problem } from '@caseflow/contract';

/** The start form's fields, the only paths a field error is shown beside. */
export const FORM_FIELDS = ['name', 'email', 'message'] as const;
export type FormField = (typeof FORM_FIELDS)[number];
export type FieldErrors = Partial<Record<FormField, string>>;

/** A failed widget request as the widget shows it: one sentence, and field errors when the input was refused. */
export class WidgetError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fieldErrors: FieldErrors = {},
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

/** Seconds to wait from a Retry-After header: delta-seconds or an HTTP date. */
export function parseRetryAfter(header: string | null, now: number = Date.now()): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim());
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

const isProblem = (body: unknown): body is Partial<Problem> => typeof body === 'object' && body !== null;

// `path` is the field's name; a nested form ("body.email", "/email") is tolerated.
const fieldOf = (path: string): FormField | undefined =>
  FORM_FIELDS.find((field) => field === path.split(/[./]/).filter(Boolean).at(-1));

const sentence = (text: string) => {
  const trimmed = text.trim();
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?…]$/.test(capital) ? capital : `${capital}.`;
};

/** Reads an RFC 9457 problem (or whatever came instead) into a WidgetError. */
export function toWidgetError(status: number, body: unknown, retryAfter: string | null): WidgetError {
  const problem = isProblem(body) ? body : {};
  const code = typeof problem.code === 'string' ? problem.code : 'error';
  const fieldErrors: FieldErrors = {};
  for (const item of Array.isArray(problem.errors) ? problem.errors : []) {
    const field = typeof item?.path === 'string' ? fieldOf(item.path) : undefined;
    if (field && typeof item.message === 'string' && !fieldErrors[field]) fieldErrors[field] = sentence(item.message);
  }
  if (status === 429) {
    const seconds = parseRetryAfter(retryAfter);
    const wait = seconds === undefined ? 'in a little while' : `in ${seconds} s`;
    return new WidgetError(status, code, `Too many attempts, try again ${wait}.`, fieldErrors, seconds);
  }
  if (status === 403) return new WidgetError(status, code, NOT_AVAILABLE, fieldErrors);
  const detail = typeof problem.detail === 'string' && problem.detail ? problem.detail : problem.title;
  const message =
    status >= 500 || typeof detail !== 'string' || !detail
      ? 'Something went wrong on our side. Please try again.'
      : sentence(detail);
  return new WidgetError(status, code, message, fieldErrors);
}

export const NOT_AVAILABLE = 'This chat is not available on this site.';
export const UNREACHABLE = 'The chat cannot be reached right now. Check your connection and try again.';

/** A request that never got an answer (offline, DNS, CORS refused by the browser). */
export const networkError = () => new WidgetError(0, 'network', UNREACHABLE);
