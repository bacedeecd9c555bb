import type * as zodProvider from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type * as serializer from '../http/serializer.js';

/** The zod schemas Fastify compiled for one route: request parts and one response schema per status. */
export interface RouteSchemas {
  body?: z.ZodType;
  querystring?: z.ZodType;
  params?: z.ZodType;
  headers?: z.ZodType;
  response: Record<string, z.ZodType>;
}

export interface Route {
  method: string;
  url: string;
  schemas: RouteSchemas;
}

const compiled = new Map<string, RouteSchemas>();
const schemasOf = (method: string, url: string): RouteSchemas => {
  const key = `${method} ${url}`;
  const schemas = compiled.get(key) ?? { response: {} };
  compiled.set(key, schemas);
  return schemas;
};

/**
 * Wrap the compilers so that each route's schemas are recorded as Fastify compiles them at boot (the
 * router keeps them private): the zod type provider's validator and our response serializer. Use both
 * from `vi.mock(…)` of their modules; the compilers themselves run unchanged.
 */
export function recordingValidator(provider: typeof zodProvider): typeof zodProvider {
  const validatorCompiler: typeof provider.validatorCompiler = (route) => {
    const part = route.httpPart as 'body' | 'querystring' | 'params' | 'headers';
    schemasOf(route.method, route.url)[part] = route.schema as z.ZodType;
    return provider.validatorCompiler(route);
  };
  return { ...provider, validatorCompiler };
}

export function recordingSerializer(original: typeof serializer): typeof serializer {
  const serializerCompiler: typeof original.serializerCompiler = (route) => {
    schemasOf(route.method, route.url).response[route.httpStatus ?? ''] = route.schema;
    return original.serializerCompiler(route);
  };
  return { ...original, serializerCompiler };
}

/**
 * Every route of a ready app, from `printRoutes()` (so a route added later is covered without a list to
 * update), with the schemas recorded by `recordingValidator` and `recordingSerializer`. HEAD beside a GET is Fastify's own.
 */
export function listRoutes(app: { printRoutes(): string }): Route[] {
  return parseRouteTree(app.printRoutes()).map((entry) => {
    const [method = '', url = ''] = entry.split(' ');
    return { method, url, schemas: compiled.get(entry) ?? { response: {} } };
  });
}

/**
 * Reads `printRoutes()`: the router's radix tree, one node a line (`<indent>├── <chunk> (<METHODS>)`,
 * 4 characters of indent per level), each path being its parent's path plus its own chunk. The
 * `commonPrefix: false` view is not used: it drops the parent path of wildcard nodes (`/api/docs/static/*`
 * prints as `*` under `/api/docs/`). Returns `METHOD /path` pairs; HEAD is left out beside a GET (Fastify adds it).
 */
export function parseRouteTree(tree: string): string[] {
  const parents: string[] = [];
  const routes: string[] = [];
  for (const line of tree.split('\n')) {
    if (line.trim() === '') continue;
    const match = /^((?:[│ ] {3})*)[├└]── (.+?)(?: \(([A-Z]+(?:, [A-Z]+)*)\))?$/.exec(line);
    if (!match) throw new Error(`unexpected printRoutes line: ${JSON.stringify(line)}`);
    const depth = (match[1] ?? '').length / 4;
    const path = (depth === 0 ? '' : (parents[depth - 1] ?? '')) + (match[2] ?? '');
    parents.length = depth;
    parents.push(path);
    const methods = match[3]?.split(', ') ?? [];
    for (const method of methods) {
      if (method === 'HEAD' && methods.includes('GET')) continue;
      routes.push(`${method} ${path}`);
    }
  }
  return routes;
}
