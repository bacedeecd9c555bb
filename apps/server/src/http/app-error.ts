/** The one table from error code to HTTP status and problem title. */
export const errorTable = {
  bad_request: { status: 400, title: 'Bad request' },
  unauthenticated: { status: 401, title: 'Authentication required' },
  forbidden: { status: 403, title: 'Forbidden' },
  not_found: { status: 404, title: 'Not found' },
  conflict: { status: 409, title: 'Conflict' },
  payload_too_large: { status: 413, title: 'Payload too large' },
  unsupported_media_type: { status: 415, title: 'Unsupported media type' },
  validation_failed: { status: 422, title: 'Validation failed' },
  rate_limited: { status: 429, title: 'Too many requests' },
  internal: { status: 500, title: 'Internal server error' },
  unavailable: { status: 503, title: 'Service unavailable' },
} as const;

export type ErrorCode = keyof typeof errorTable;
export type FieldError = { path: string; message: string };

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
    readonly errors?: FieldError[],
  ) {
    super(detail);
    this.name = 'AppError';
  }

  get status(): number {
    return errorTable[this.code].status;
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} not found`);
export const conflict = (detail: string, path?: string) =>
  new AppError('conflict', detail, path ? [{ path, message: detail }] : undefined);
export const forbidden = (detail: string) => new AppError('forbidden', detail);
export const invalid = (path: string, message: string) =>
  new AppError('validation_failed', `${path}: ${message}`, [{ path, message }]);
