import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/harness.js';

// biome-ignore lint/suspicious/noExplicitAny: the document is read as plain JSON
type Document = any;

const HTTP_METHODS = ['get', 'put', 'post', 'patch', 'delete'];

/** Redocly's recommended rules, as `redocly lint --extends recommended` runs them; problems as readable lines. */
async function lint(document: Document): Promise<string[]> {
  const config = await createConfig({ extends: ['recommended'] });
  const problems = await lintFromString({ source: JSON.stringify(document), absoluteRef: 'openapi.json', config });
  return problems.map(
    (problem) => `${problem.severity} ${problem.ruleId} ${problem.location[0]?.pointer ?? ''}: ${problem.message}`,
  );
}

function operationsOf(document: Document) {
  return Object.entries(document.paths as Record<string, Record<string, Document>>).flatMap(([path, item]) =>
    HTTP_METHODS.filter((method) => item[method]).map((method) => ({ method, path, operation: item[method] })),
  );
}

/**
 * Calls a client would write with the generated types. Each `@ts-expect-error` is a call the document
 * must refuse: a drift that made it legal (or typed everything `any`) fails the compile as surely as a
 * drift that breaks a good call.
 */
const CLIENT_CALLS = `
import createClient from 'openapi-fetch';
import type { Case, Problem as ContractProblem } from '@caseflow/contract';
import type { components, operations, paths } from './api.js';

type Problem = components['schemas']['Problem'];
const client = createClient<paths>({ baseUrl: 'http://caseflow.test' });

export async function reportAndResolve(token: string): Promise<Problem | string> {
  const headers = { authorization: \`Bearer \${token}\` };
  const created = await client.POST('/api/v1/cases', {
    headers,
    params: { header: { 'idempotency-key': 'order-1234' } },
    body: { subject: 'The kettle leaks', description: 'Water on the counter every morning.' },
  });
  if (created.error) return created.error;
  const id: number = created.data.id;

  const page = await client.GET('/api/v1/cases', { headers, params: { query: { status: 'new', limit: 10 } } });
  const subjects: string[] = page.data?.items.map((item) => item.subject) ?? [];

  const resolved = await client.POST('/api/v1/cases/{id}/resolve', { headers, params: { path: { id } } });
  if (resolved.error) {
    const code: string = resolved.error.code;
    const fields: { path: string; message: string }[] = resolved.error.errors ?? [];
    return \`\${code} \${fields.length}\`;
  }
  const status: 'new' | 'open' | 'pending' | 'resolved' = resolved.data.status;

  const teams = await client.GET('/api/v1/teams', { headers });
  const teamNames = teams.data?.items.map((team) => team.name);

  const gone = await client.DELETE('/api/v1/cases/{id}', { headers, params: { path: { id } } });
  const deletedStatus: number = gone.response.status;

  // @ts-expect-error a path the API does not have
  await client.GET('/api/v1/case', { headers });
  // @ts-expect-error a case id is a number
  await client.GET('/api/v1/cases/{id}', { headers, params: { path: { id: 'seven' } } });
  // @ts-expect-error a case needs a description
  await client.POST('/api/v1/cases', { headers, body: { subject: 'No description' } });
  // @ts-expect-error cases are resolved with POST, not PUT
  await client.PUT('/api/v1/cases/{id}/resolve', { headers, params: { path: { id } } });

  return [subjects.join(), status, teamNames?.join(), deletedStatus].join();
}

// The document says what the contract's zod schemas say, both ways round.
type CaseAnswer = operations['getCase']['responses'][200]['content']['application/json'];
export const caseFromContract = (value: Case): CaseAnswer => value;
export const caseToContract = (value: CaseAnswer): Case => value;
export const problemToContract = (value: Problem): ContractProblem => value;

// Operation ids are part of the contract too: generated clients name their functions after them.
export type ListCasesQuery = NonNullable<operations['listCases']['parameters']['query']>;
export type CreatedCase = operations['createCase']['responses'][201]['content']['application/json'];
export type NotFound = operations['getCase']['responses'][404]['content']['application/problem+json'];
export type LoginThrottled = operations['logIn']['responses'][429]['content']['application/problem+json'];
`;

const CONTRACT = fileURLToPath(new URL('../../../../packages/contract/src/index.ts', import.meta.url));

/** Type-checks the generated types and the calls above, as a strict project of a client would. */
function compileClient(generatedTypes: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'caseflow-openapi-client-'));
  try {
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
    writeFileSync(join(dir, 'api.ts'), generatedTypes);
    writeFileSync(join(dir, 'calls.ts'), CLIENT_CALLS);
    const openapiFetch = join(dirname(createRequire(import.meta.url).resolve('openapi-fetch')), 'index.d.mts');
    const program = ts.createProgram([join(dir, 'calls.ts')], {
      strict: true,
      noEmit: true,
      noUnusedLocals: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
      types: [],
      skipLibCheck: true,
      paths: { 'openapi-fetch': [openapiFetch], '@caseflow/contract': [CONTRACT] },
    });
    return ts.getPreEmitDiagnostics(program).map((diagnostic) =>
      ts.formatDiagnostic(diagnostic, {
        getCanonicalFileName: (name) => name,
        getCurrentDirectory: () => dir,
        getNewLine: () => '\n',
      }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the OpenAPI document', () => {
  let server: TestServer;
  let document: Document;

  beforeAll(async () => {
    server = await startTestServer('sqlite');
    const reply = await server.call('GET', '/api/v1/openapi.json');
    expect(reply.status).toBe(200);
    document = reply.body;
  });
  afterAll(() => server.close());

  it('passes redocly lint with the recommended rules: no error, no warning', async () => {
    expect(await lint(document)).toEqual([]);
    // The same lint notices an operation without an id, so the empty list above means something.
    const withoutId = structuredClone(document);
    delete withoutId.paths['/api/v1/cases'].get.operationId;
    expect(await lint(withoutId)).toEqual([expect.stringMatching(/^warn operation-operationId /)]);
  });

  it('gives every operation a camelCase operationId, a summary and its problem+json answers', () => {
    const operations = operationsOf(document);
    expect(operations.length).toBeGreaterThan(50);
    for (const { method, path, operation } of operations) {
      const what = `${method.toUpperCase()} ${path}`;
      expect(operation.operationId, what).toMatch(/^[a-z][a-zA-Z0-9]+$/);
      expect(operation.summary, what).toEqual(expect.any(String));
      const problems = Object.keys(operation.responses).filter((status) => status.startsWith('4'));
      expect(problems.length, what).toBeGreaterThan(0);
      for (const status of problems) {
        const reference: string = operation.responses[status].$ref;
        expect(document.components.responses[reference.replace('#/components/responses/', '')], what).toBeDefined();
      }
      // `security: []`, or `{}` among the requirements: anonymous callers are served.
      const security: object[] | undefined = operation.security;
      const isPublic =
        security !== undefined && (security.length === 0 || security.some((r) => Object.keys(r).length === 0));
      if (!isPublic) expect(problems, `${what} needs credentials`).toEqual(expect.arrayContaining(['401', '403']));
      if (operation.requestBody?.content['application/json'])
        expect(problems, `${what} reads a JSON body`).toEqual(expect.arrayContaining(['400', '422']));
      if (operation.requestBody)
        expect(problems, `${what} reads a body`).toEqual(expect.arrayContaining(['400', '415']));
      if (path.includes('{')) expect(problems, `${what} names a resource`).toContain('404');
    }
    expect(operations.find((entry) => entry.operation.operationId === 'listCases')).toMatchObject({
      method: 'get',
      path: '/api/v1/cases',
    });
    expect(document.components.responses.NotFound.content['application/problem+json'].schema).toEqual({
      $ref: '#/components/schemas/Problem',
    });
  });

  it('says what an upload sends: one file in the multipart field `file`', () => {
    const upload = operationsOf(document).find((entry) => entry.operation.operationId === 'createUpload');
    expect(upload?.operation.requestBody.content).toEqual({
      'multipart/form-data': {
        schema: expect.objectContaining({
          type: 'object',
          required: ['file'],
          properties: { file: expect.objectContaining({ type: 'string', format: 'binary' }) },
        }),
      },
    });
  });

  it('says which reads need credentials as the server does: anonymous callers get 401 there only', async () => {
    const reads = operationsOf(document).filter(({ method }) => method === 'get');
    for (const { path, operation } of reads) {
      const url = path.replace(/\{[^}]+\}/g, '1');
      const { status } = await server.call('GET', url);
      const needsCredentials = operation.responses['401'] !== undefined && operation.security === undefined;
      // A required query parameter is checked before the caller (422): the server's order, not a gap.
      if (needsCredentials) expect([401, 422], `GET ${url} as anonymous`).toContain(status);
      else expect(status, `GET ${url} as anonymous`).not.toBe(401);
    }
  });

  it('generates a typed client whose calls compile, and whose wrong calls do not', async () => {
    const generatedTypes = astToString(await openapiTS(document, { silent: true }));
    expect(compileClient(generatedTypes)).toEqual([]);
  });
});
