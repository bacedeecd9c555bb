import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startTestServer, type TestServer } from '../testing/harness.js';
import { registerProblemHandlers } from './problem.js';
import { serializerCompiler } from './serializer.js';

type AnySchema = z.core.$ZodType;
const isSchema = (value: unknown): value is AnySchema =>
  typeof value === 'object' &&
  value !== null &&
  '_zod' in value &&
  typeof (value as AnySchema)._zod.def?.type === 'string';

/** The transforms and codecs anywhere in a schema: where parsing forward and encoding differ. */
function directionalParts(schema: AnySchema, seen = new Set<AnySchema>()): string[] {
  if (seen.has(schema)) return [];
  seen.add(schema);
  const def = schema._zod.def as unknown as Record<string, unknown> & { type: string };
  const own =
    def.type === 'transform' || (def.type === 'pipe' && typeof def.transform === 'function') ? [def.type] : [];
  const children = Object.values(def).flatMap((value) => {
    if (isSchema(value)) return [value];
    if (typeof value !== 'object' || value === null) return [];
    return Object.values(value).filter(isSchema);
  });
  return [...own, ...children.flatMap((child) => directionalParts(child, seen))];
}

async function appReplying(schema: z.ZodType, data: unknown) {
  const app = Fastify();
  app.setSerializerCompiler(serializerCompiler);
  registerProblemHandlers(app);
  app.get('/thing', { schema: { response: { 200: schema } } }, async () => data);
  await app.ready();
  return app;
}

describe('response serializer', () => {
  const thing = z.object({ id: z.number().int(), name: z.string(), at: z.iso.datetime().nullable() });

  it('writes what the schema names and drops every other key', async () => {
    const app = await appReplying(thing, { id: 1, name: 'Ann', at: null, passwordHash: 'scrypt$secret' });
    const reply = await app.inject('/thing');
    expect(reply.statusCode).toBe(200);
    expect(reply.body).toBe('{"id":1,"name":"Ann","at":null}');
    await app.close();
  });

  it('refuses a reply of the wrong shape with a 500 problem that holds none of the data', async () => {
    const app = await appReplying(thing, { id: 'x', name: 'Ann', at: 'yesterday', secret: 'scrypt$secret' });
    const reply = await app.inject('/thing');
    expect(reply.statusCode).toBe(500);
    expect(reply.headers['content-type']).toContain('application/problem+json');
    expect(reply.body).not.toMatch(/secret|yesterday/);
    await app.close();
  });

  it('stops the app at boot when a response schema is not a zod schema', async () => {
    const app = Fastify();
    app.setSerializerCompiler(serializerCompiler);
    app.get('/thing', { schema: { response: { 200: { type: 'object' } } } }, async () => ({}));
    await expect(app.ready()).rejects.toThrow(/Invalid schema passed: GET \/thing/);
    await app.close();
  });

  it('finds transforms and codecs, the parts a forward parse would apply the wrong way round', () => {
    expect(directionalParts(thing)).toEqual([]);
    expect(directionalParts(z.object({ at: z.string().transform((text) => new Date(text)) }))).toEqual(['transform']);
    const isoDate = z.codec(z.iso.datetime(), z.date(), {
      decode: (text) => new Date(text),
      encode: (date) => date.toISOString(),
    });
    expect(directionalParts(z.object({ list: z.array(z.object({ at: isoDate.nullable() })) }))).toEqual(['pipe']);
  });

  describe('every route of the app', () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer('sqlite');
    });
    afterAll(() => server.close());

    it('has response schemas without transforms or codecs, so parsing forward gives what encoding would', () => {
      const routes = server.routes.filter((route) => Object.keys(route.schemas.response).length > 0);
      expect(routes.length).toBeGreaterThan(20);
      for (const route of routes) {
        for (const [status, schema] of Object.entries(route.schemas.response)) {
          expect(directionalParts(schema), `${route.method} ${route.url} ${status}`).toEqual([]);
        }
      }
    });
  });
});
