import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { isCheckViolation, isUnavailable, isUniqueViolation } from '../db/engine.js';
import { AppError, type ErrorCode, errorTable, type FieldError } from './app-error.js';

const statusToCode = new Map<number, ErrorCode>(
  Object.entries(errorTable).map(([code, { status }]) => [status, code as ErrorCode]),
);

export function sendProblem(reply: FastifyReply, code: ErrorCode, detail: string, errors?: FieldError[]) {
  const { status, title } = errorTable[code];
  return reply
    .code(status)
    .type('application/problem+json')
    .send({ type: `urn:caseflow:problem:${code}`, title, status, detail, code, ...(errors ? { errors } : {}) });
}

function validationErrors(error: FastifyError): FieldError[] {
  return (error.validation ?? []).map((issue) => {
    const path = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
    const missing = (issue.params as { issue?: { path?: PropertyKey[] } } | undefined)?.issue?.path;
    return {
      path: path || (missing ?? []).join('.') || String(error.validationContext ?? ''),
      message: issue.message ?? 'invalid',
    };
  });
}

/**
 * Fastify's `frameworkErrors` option: a URL that does not decode or a path parameter over `maxParamLength`
 * is refused by the router, before any route and outside the error handler, so it needs its own problem.
 */
export function renderFrameworkError(error: FastifyError, _request: FastifyRequest, reply: FastifyReply) {
  const detail =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? 'a path segment is too long'
      : 'the URL is not valid (bad percent-encoding)';
  return sendProblem(reply, 'bad_request', detail);
}

/** Renders every error as RFC 9457 problem+json; a 5xx never carries the internal message. */
export function registerProblemHandlers(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof AppError) return sendProblem(reply, error.code, error.detail, error.errors);
    if (hasZodFastifySchemaValidationErrors(error)) {
      const errors = validationErrors(error);
      const detail = errors.map((field) => `${field.path}: ${field.message}`).join('; ');
      return sendProblem(
        reply,
        'validation_failed',
        `${error.validationContext ?? 'request'} is invalid: ${detail}`,
        errors,
      );
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const code = statusToCode.get(status) ?? 'bad_request';
      return sendProblem(reply, code, error.message);
    }
    if (isUnavailable(error)) {
      request.log.warn({ err: error }, 'database unavailable');
      return sendProblem(reply, 'unavailable', 'the database is not reachable; try again shortly');
    }
    if (isUniqueViolation(error) || isCheckViolation(error)) {
      request.log.warn({ err: error }, 'constraint rejected a write');
      return sendProblem(reply, 'conflict', 'the change conflicts with the current state; reload and try again');
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(reply, 'internal', 'something went wrong on our side');
  });
}
