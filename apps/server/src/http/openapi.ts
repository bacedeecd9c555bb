import { problemSchema } from '@caseflow/contract';
import type { FastifyDynamicSwaggerOptions, SwaggerTransform, SwaggerTransformObject } from '@fastify/swagger';
import type { FastifySchema } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import type { OpenAPIV3_1 } from 'openapi-types';
import { z } from 'zod';
import { type ErrorCode, errorTable } from './app-error.js';
import { SESSION_COOKIE } from './auth.js';

/** The problem+json answers the document names; every one is rendered by problem.ts from this table. */
const PROBLEMS = {
  400: { code: 'bad_request', when: 'The request cannot be read: malformed JSON, a missing body or a malformed URL.' },
  401: { code: 'unauthenticated', when: 'No valid session or bearer token.' },
  403: { code: 'forbidden', when: "The caller's role may not do this, or the request came from another site." },
  404: { code: 'not_found', when: 'It does not exist, or the caller may not see it.' },
  409: { code: 'conflict', when: 'The change conflicts with the current state; `errors` names the field.' },
  413: { code: 'payload_too_large', when: 'The body is over the limit.' },
  415: { code: 'unsupported_media_type', when: 'The body is not of a type this operation reads.' },
  422: { code: 'validation_failed', when: 'The input breaks the schema or a rule; `errors` names each field.' },
  429: { code: 'rate_limited', when: 'Too many attempts; `Retry-After` says when to try again.' },
} as const satisfies Record<number, { code: ErrorCode; when: string }>;

export type ProblemStatus = keyof typeof PROBLEMS;

declare module 'fastify' {
  interface FastifySchema {
    /**
     * Error answers beyond those the document derives from the schema (see `derivedProblems`): the
     * service's own refusals, such as 409 for a conflict or 429 for a throttle.
     */
    problems?: readonly ProblemStatus[];
    /**
     * The body of a route that reads it itself (a multipart upload through @fastify/multipart), as JSON
     * Schema for the document only: Fastify never validates it (the route's own checks answer bad input).
     */
    documentedBody?: Record<string, unknown>;
  }
}

const PROBLEMS_KEY = 'x-caseflow-problems';
// Either one: API clients send the bearer token, browsers the session cookie (README, API notes).
const SECURITY: OpenAPIV3_1.SecurityRequirementObject[] = [{ bearer: [] }, { session: [] }];
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

const componentName = (status: ProblemStatus) =>
  PROBLEMS[status].code.replace(/(^|_)([a-z])/g, (_match, _separator, letter: string) => letter.toUpperCase());

/**
 * What every route answers by the framework's rules alone (app.ts, problem.ts): a request that may carry a
 * body can send one that is unreadable (400), too large (413) or of another type (415), even to a route
 * that reads none; a body, query, header or path parameter can be invalid (422); a path parameter can be
 * malformed (400) or name nothing (404); a route that needs credentials answers 401 without them and 403
 * to a role or a site it refuses.
 */
function derivedProblems(method: string, schema: FastifySchema) {
  const statuses = new Set<ProblemStatus>();
  const add = (...more: ProblemStatus[]) => {
    for (const status of more) statuses.add(status);
  };
  if (!SAFE_METHODS.has(method)) add(400, 413, 415);
  if (schema.body !== undefined || schema.querystring !== undefined || schema.headers !== undefined) add(422);
  if (schema.params !== undefined) add(400, 404, 422);
  const security = schema.security ?? SECURITY;
  // `{}` among the requirements means anonymous callers are served too.
  const needsCredentials = security.length > 0 && security.every((requirement) => Object.keys(requirement).length > 0);
  if (needsCredentials) add(401, 403);
  return statuses;
}

/** Per route: zod schemas to JSON Schema, and the route's error statuses noted for `addProblemResponses`. */
const transform: SwaggerTransform = (input) => {
  const { schema: transformed, url } = jsonSchemaTransform(input);
  if (!input.schema || transformed.hide) return { schema: transformed, url };
  const methods = [input.route.method].flat();
  const statuses = derivedProblems(methods[0] ?? 'GET', input.schema);
  for (const status of input.schema.problems ?? []) statuses.add(status);
  const { problems: _declared, documentedBody, ...rest } = transformed;
  if (documentedBody !== undefined) rest.body = documentedBody;
  const sorted = [...statuses].sort((a, b) => a - b);
  return { schema: { ...rest, [PROBLEMS_KEY]: sorted }, url };
};

/** Whole document: each noted status becomes a reference to the shared problem+json response. */
const addProblemResponses: SwaggerTransformObject = (document) => {
  if (!('openapiObject' in document)) return document.swaggerObject;
  const openapi = document.openapiObject as OpenAPIV3_1.Document;
  for (const pathItem of Object.values(openapi.paths ?? {})) {
    for (const method of METHODS) {
      const operation = pathItem?.[method] as
        | (OpenAPIV3_1.OperationObject & { [PROBLEMS_KEY]?: ProblemStatus[] })
        | undefined;
      if (!operation) continue;
      for (const status of operation[PROBLEMS_KEY] ?? []) {
        operation.responses ??= {};
        operation.responses[status] ??= { $ref: `#/components/responses/${componentName(status)}` };
      }
      delete operation[PROBLEMS_KEY];
    }
  }
  return openapi;
};

function problemResponses(): Record<string, OpenAPIV3_1.ResponseObject> {
  const responses: Record<string, OpenAPIV3_1.ResponseObject> = {};
  for (const status of Object.keys(PROBLEMS).map(Number) as ProblemStatus[]) {
    const { code, when } = PROBLEMS[status];
    responses[componentName(status)] = {
      description: `${errorTable[code].title}. ${when}`,
      ...(status === 429
        ? { headers: { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } } } }
        : {}),
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
    };
  }
  return responses;
}

/**
 * @fastify/swagger's options: the document at /api/v1/openapi.json, generated from the routes' zod
 * schemas, with an operationId and summary per route (set in the routes) and its problem+json answers.
 */
export function openapiOptions(publicUrl: string): FastifyDynamicSwaggerOptions {
  const { $schema: _dialect, ...problem } = z.toJSONSchema(problemSchema, { target: 'draft-2020-12' });
  return {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Caseflow API',
        version: '1.0.0',
        description: 'Customer support cases with race-free assignment. Every error is RFC 9457 problem+json.',
        license: { name: 'MIT', identifier: 'MIT' },
      },
      servers: [{ url: publicUrl, description: 'This server (PUBLIC_URL)' }],
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'The `token` of POST /auth/login or /auth/signup.' },
          session: {
            type: 'apiKey',
            in: 'cookie',
            name: SESSION_COOKIE,
            description:
              "The browser's session (HttpOnly, set by sign-in); a write that rides on it must come from the app's own origin.",
          },
        },
        schemas: { Problem: problem as OpenAPIV3_1.SchemaObject },
        responses: problemResponses(),
      },
      security: SECURITY,
    },
    transform,
    transformObject: addProblemResponses,
  };
}
