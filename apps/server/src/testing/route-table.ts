import type { FastifyInstance, FastifySchema, HTTPMethods } from 'fastify';
import type { z } from 'zod';

/** The zod schemas a route was registered with: request parts and one response schema per status. */
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

/** What Fastify's `onRoute` hook is given, as far as the table reads it. */
export interface RegisteredRoute {
  method: HTTPMethods | HTTPMethods[];
  url: string;
  routePath: string;
  prefix: string;
  schema?: FastifySchema;
}

const REQUEST_PARTS = ['body', 'querystring', 'params', 'headers'] as const;

// Every schema is zod: the validator and serializer compilers refuse anything else at boot.
function schemasOf(schema: FastifySchema | undefined): RouteSchemas {
  const schemas: RouteSchemas = { response: { ...(schema?.response as Record<string, z.ZodType> | undefined) } };
  for (const part of REQUEST_PARTS) {
    if (schema?.[part] !== undefined) schemas[part] = schema[part] as z.ZodType;
  }
  return schemas;
}

/**
 * The app's route table, filled by Fastify's `onRoute` hook as each route is registered (so a route added
 * later is covered without a list to update). `record` must be on the instance before any route is
 * registered: the harness passes it to `buildApp`.
 */
export function createRouteTable() {
  const recorded: { methods: HTTPMethods[]; url: string; isPrefixRoot: boolean; schemas: RouteSchemas }[] = [];
  return {
    record(route: RegisteredRoute) {
      // Copied now: Fastify reuses the options object, rewriting its url for the `/prefix/` twin below.
      recorded.push({
        methods: Array.isArray(route.method) ? [...route.method] : [route.method],
        url: route.url,
        isPrefixRoot: route.prefix !== '' && route.routePath === '',
        schemas: schemasOf(route.schema),
      });
    },

    /** Every route of the ready app, once per method and URL. HEAD beside a GET is Fastify's own and left out. */
    list(app: Pick<FastifyInstance, 'hasRoute'>): Route[] {
      const routes = new Map<string, Route>();
      const add = (route: Route) => routes.set(`${route.method} ${route.url}`, route);
      for (const { methods, url, isPrefixRoot, schemas } of recorded) {
        for (const method of methods) {
          add({ method, url, schemas });
          // `/` under a prefix is served at `/prefix` and `/prefix/`, but onRoute is called for the first only.
          if (isPrefixRoot && app.hasRoute({ method, url: `${url}/` })) add({ method, url: `${url}/`, schemas });
        }
      }
      return [...routes.values()].filter((route) => !(route.method === 'HEAD' && routes.has(`GET ${route.url}`)));
    },
  };
}
