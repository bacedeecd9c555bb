import fc from 'fast-check';
import { z } from 'zod';
import type { Route } from './route-table.js';

/**
 * fast-check arbitraries for hostile HTTP requests, derived from a route's zod schemas: values that
 * follow the schema, the same values with one part broken, and values no schema expects.
 */

/** Values that exist in the database under test (ids, emails, passwords, cursors seen in replies); read at draw time, so the pools may grow. */
export interface KnownValues {
  ids: number[];
  strings: string[];
}

export interface FuzzRequest {
  method: string;
  url: string;
  role: string;
  headers: Record<string, string>;
  payload?: string;
}

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  items?: JsonSchema;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
}

/** The output side: a parsed value is valid input again, and formats such as email survive (the input side loses them behind a pipe). */
export function toJsonSchema(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }) as JsonSchema;
}

/** JSON text spliced into a body as is: nesting this deep overflows JSON.stringify, not the server's parser. */
class RawJson {
  constructor(readonly text: string) {}
}

const fromPool = <T>(pool: () => T[], fallback: T) =>
  fc.nat().map((index) => {
    const values = pool();
    return values.length > 0 ? (values[index % values.length] ?? fallback) : fallback;
  });

const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype'];

/** Strings that once broke someone's parser, database, terminal or template engine. */
const SPECIAL_STRINGS = [
  '',
  ' ',
  '\t\n',
  '\u0000',
  'a\u0000b',
  '\u202Egnp.exe',
  '\u200B',
  '\uFEFFbom',
  '\uD800',
  'a\uDFFFb',
  '😀👩‍👩‍👧‍👦🏳️‍🌈',
  'Ω≈ç√∫ ﷺ ẞ İı',
  'null',
  'true',
  'NaN',
  'Infinity',
  '-Infinity',
  '1e309',
  '-0',
  '0x1F',
  '[object Object]',
  ...PROTOTYPE_KEYS,
  "' or 1=1 --",
  '"; drop table cases; --',
  '<script>alert(1)</script>',
  '../../../etc/passwd',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, meant literally
  '${7*7}{{7*7}}',
  '%00%',
  '\r\nX-Injected: 1',
];

// ---------------------------------------------------------------------------------------------------------------
// Values that follow a schema.

function validValue(schema: JsonSchema, known: KnownValues): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const members = schema.anyOf ?? schema.oneOf;
  if (members) return fc.oneof(...members.map((member) => validValue(member, known)));
  if (Array.isArray(schema.type)) return fc.oneof(...schema.type.map((type) => validValue({ ...schema, type }, known)));
  switch (schema.type) {
    case 'object': {
      const model = Object.fromEntries(
        Object.entries(schema.properties ?? {}).map(([key, property]) => [key, validValue(property, known)]),
      );
      return fc.record(model, { requiredKeys: schema.required ?? [] } as { requiredKeys: never[] });
    }
    case 'string':
      return validString(schema, known);
    case 'integer':
    case 'number':
      return validNumber(schema, known);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(validValue(schema.items ?? {}, known), { maxLength: 5 });
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function validString(schema: JsonSchema, known: KnownValues): fc.Arbitrary<string> {
  const minLength = schema.minLength ?? 0;
  const maxLength = schema.maxLength ?? 10_000;
  let generated: fc.Arbitrary<string>;
  if (schema.format === 'date-time') {
    generated = fc
      .date({ noInvalidDate: true, min: new Date('2000-01-01'), max: new Date('2100-01-01') })
      .map((date) => date.toISOString());
  } else if (schema.pattern) {
    generated = fc
      .stringMatching(new RegExp(schema.pattern))
      .filter((text) => text.length >= minLength && text.length <= maxLength);
  } else {
    generated = fc.string({ unit: 'grapheme', minLength, maxLength: Math.min(maxLength, 300) });
  }
  // Valid but nasty: NUL, bidi overrides, lone surrogates and injection classics inside an acceptable string.
  const nasty = fc
    .tuple(fc.string({ minLength: 1, maxLength: 4 }), fc.constantFrom(...SPECIAL_STRINGS))
    .map(([around, special]) => `${around}${special}${around}`)
    .filter((text) => text.length >= minLength && text.length <= maxLength);
  return fc.oneof(
    { weight: 4, arbitrary: generated },
    { weight: 1, arbitrary: nasty },
    { weight: 1, arbitrary: fromPool(() => known.strings, '') },
  );
}

function validNumber(schema: JsonSchema, known: KnownValues): fc.Arbitrary<number> {
  const isInteger = schema.type === 'integer';
  const step = isInteger ? 1 : Number.EPSILON;
  const min = schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + step : (schema.minimum ?? -(2 ** 31));
  const max = schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - step : (schema.maximum ?? 2 ** 31);
  if (!isInteger) return fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
  // Ids of real rows reach the handlers; the rest mostly reach a 404.
  const ids = fromPool(() => known.ids.filter((id) => id >= min && id <= max), min);
  return fc.oneof({ weight: 2, arbitrary: fc.integer({ min, max }) }, { weight: 2, arbitrary: ids });
}

// ---------------------------------------------------------------------------------------------------------------
// Values no schema expects.

/** Unicode, control characters, injection classics and strings far over any maxLength (but under the body limit). */
const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...SPECIAL_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom('x', 'é', '😀', '\u0000', ' '), fc.integer({ min: 201, max: 50_000 }))
      .map(([unit, count]) => unit.repeat(count)),
  },
);

const hostileNumber = fc.oneof(
  fc.constantFrom(1e308, -1e308, -0, 0, -1, 0.5, 1e-308, 2 ** 31 - 1, 2 ** 31, 2 ** 53 + 2, -(2 ** 53), 1e19),
  fc.double(),
  fc.integer(),
);

const wrongShape = fc.constantFrom<unknown>(null, true, false, [], {}, [null], [[]], { length: 1e9 });

/** An own key JSON.stringify prints: assigning `__proto__` would set the prototype instead. */
function withOwnKey(target: object, key: string, value: unknown) {
  Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true });
  return target;
}

const prototypePolluting = fc
  .tuple(fc.constantFrom(...PROTOTYPE_KEYS), fc.constantFrom('polluted', 'isAdmin', 'toString'))
  .map(([key, name]) => withOwnKey({}, key, { [name]: true, prototype: { [name]: true } }));

/** Arrays or objects nested 1,000 to 100,000 deep (up to 200 KB of JSON). */
const deepNesting = fc.tuple(fc.integer({ min: 1_000, max: 100_000 }), fc.boolean()).map(([depth, isArray]) => {
  const [open, close] = isArray ? ['[', ']'] : ['{"a":', '}'];
  return new RawJson(`${open.repeat(depth)}${isArray ? '' : '1'}${close.repeat(depth)}`);
});

/** A string value that alone makes the body larger than any sane body limit. */
const overBodyLimit = fc.constant(null).map(() => 'x'.repeat(300_000));

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  { weight: 2, arbitrary: hostileNumber },
  { weight: 2, arbitrary: wrongShape },
  { weight: 1, arbitrary: deepNesting },
  { weight: 1, arbitrary: prototypePolluting },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: overBodyLimit },
);

// ---------------------------------------------------------------------------------------------------------------
// Bodies: a valid value, the same with one field broken, added or dropped, or something else entirely.

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof RawJson);

function bodyValue(schema: z.ZodType | undefined, known: KnownValues): fc.Arbitrary<unknown> {
  if (!schema)
    return fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: hostileValue });
  const json = toJsonSchema(schema);
  const valid = validValue(json, known);
  const fields = Object.keys(json.properties ?? {});
  const field = fc.oneof(
    fc.constantFrom(...(fields.length > 0 ? fields : ['field'])),
    fc.constantFrom(...PROTOTYPE_KEYS),
  );
  const edited = (edit: (value: Record<string, unknown>) => void) => (value: unknown) => {
    if (!isRecord(value)) return value;
    const copy = { ...value };
    edit(copy);
    return copy;
  };
  return fc.oneof(
    { weight: 3, arbitrary: valid },
    {
      weight: 5,
      arbitrary: fc
        .tuple(valid, field, hostileValue)
        .map(([value, key, hostile]) => edited((copy) => withOwnKey(copy, key, hostile))(value)),
    },
    { weight: 1, arbitrary: fc.tuple(valid, field).map(([value, key]) => edited((copy) => delete copy[key])(value)) },
    { weight: 2, arbitrary: hostileValue },
  );
}

/** JSON text of a value, splicing RawJson fragments in where JSON.stringify cannot go. */
function toJsonText(value: unknown): string {
  const fragments: string[] = [];
  const marker = `raw-json-${Math.random().toString(36).slice(2)}-`;
  const text = JSON.stringify(value, (_key, item) =>
    item instanceof RawJson ? `${marker}${fragments.push(item.text) - 1}` : item,
  );
  return text.replace(new RegExp(`"${marker}(\\d+)"`, 'g'), (_match, index: string) => fragments[Number(index)] ?? '');
}

const CONTENT_TYPES = [
  'application/json; charset=utf-8',
  'application/json;charset=utf-16',
  'application/json; charset=latin1',
  'APPLICATION/JSON',
  'application/problem+json',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/octet-stream',
  'application/json, text/html',
];

interface BodyText {
  text: string | undefined;
  /** null sends no Content-Type at all. */
  contentType: string | null;
}

/** The wire form: mostly JSON, sometimes cut short, malformed or mislabelled. */
function bodyText(value: fc.Arbitrary<unknown>): fc.Arbitrary<BodyText> {
  const json = (text: string | undefined): BodyText => ({ text, contentType: 'application/json' });
  return fc.oneof(
    { weight: 12, arbitrary: value.map((item) => json(item === undefined ? undefined : toJsonText(item))) },
    {
      weight: 1,
      arbitrary: fc.tuple(value, fc.nat()).map(([item, cut]) => {
        const text = toJsonText(item ?? {});
        return json(text.slice(0, cut % Math.max(1, text.length)));
      }),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom('', 'null', '{}x', '\uFEFF{}', 'NaN', '{"a":1,"a":2}', '/* */ {}', "{'a':1}")
        .map(json),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(value, fc.constantFrom<string | null>(null, ...CONTENT_TYPES))
        .map(([item, contentType]) => ({ text: toJsonText(item ?? {}), contentType })),
    },
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Path, query and headers.

/** Already URL-encoded on purpose: percent signs that decode to nothing or to NUL, dots that climb. */
const RAW_URL_TOKENS = ['%00', '%', '%E0%A4%A', '%C0%AE', '%2e%2e', '..', '%2F', '%ZZ', '&', '=', '+'];
const BAD_NUMBERS = ['0', '-1', '1e9', '1e3', '9999999999999999999', '2147483648', '1.5', '0x10', '+1', ' 1', '١٢٣'];
const cursorOf = (text: string) => Buffer.from(text).toString('base64url');
const BAD_CURSORS = ['v1:0', 'v1:-1', 'v1:2147483648', 'v1:99999999999', 'v2:1', 'v1:1 ', 'v1:', ''].map(cursorOf);

/**
 * encodeURIComponent throws on a lone surrogate: such a code unit is sent as its 3 bytes of (invalid) UTF-8,
 * which is what a hostile client would send anyway.
 */
function encodeUrlText(text: string): string {
  return text
    .split(/([\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF])/)
    .map((part, index) => {
      if (index % 2 === 0) return encodeURIComponent(part);
      const unit = part.charCodeAt(0);
      return [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)]
        .map((byte) => `%${byte.toString(16).toUpperCase()}`)
        .join('');
    })
    .join('');
}

const encoded = (text: fc.Arbitrary<string>) => text.map(encodeUrlText);
const hostileUrlText = fc.oneof(
  { weight: 3, arbitrary: encoded(fc.constantFrom(...BAD_NUMBERS, ...BAD_CURSORS)) },
  { weight: 2, arbitrary: encoded(hostileString) },
  { weight: 1, arbitrary: fc.constantFrom(...RAW_URL_TOKENS) },
);

/** A URL value: the schema's own most of the time, so the rest of the request gets a chance to be valid. */
function urlValue(schema: JsonSchema | undefined, known: KnownValues) {
  if (!schema) return hostileUrlText;
  return fc.oneof({ weight: 3, arbitrary: encoded(validValue(schema, known).map(String)) }, hostileUrlText);
}

function pathArbitrary(route: Route, known: KnownValues): fc.Arbitrary<string> {
  const params = route.schemas.params ? (toJsonSchema(route.schemas.params).properties ?? {}) : {};
  const segments = route.url
    .split('/')
    .map((segment) =>
      segment.startsWith(':')
        ? urlValue(params[segment.slice(1)], known)
        : segment === '*'
          ? fc.array(urlValue(undefined, known), { maxLength: 3 }).map((parts) => parts.join('/'))
          : fc.constant(segment),
    );
  return fc.tuple(...segments).map((parts) => parts.join('/'));
}

function queryArbitrary(route: Route, known: KnownValues): fc.Arbitrary<string> {
  const properties = route.schemas.querystring ? (toJsonSchema(route.schemas.querystring).properties ?? {}) : {};
  const declared = Object.entries(properties).map(([key, property]) =>
    fc
      .oneof(
        { weight: 2, arbitrary: fc.constant([]) },
        { weight: 4, arbitrary: urlValue(property, known).map((value) => [value]) },
        { weight: 1, arbitrary: fc.array(urlValue(property, known), { minLength: 2, maxLength: 3 }) },
      )
      .map((values) => values.map((value) => `${encodeUrlText(key)}=${value}`)),
  );
  const unknownKey = fc.oneof(
    fc.constantFrom(...PROTOTYPE_KEYS, '__proto__[polluted]', 'constructor[prototype][polluted]', 'a[]', ''),
    encoded(fc.string({ maxLength: 10 })),
  );
  const unknown = fc.array(
    fc.tuple(unknownKey, hostileUrlText).map(([key, value]) => `${key}=${value}`),
    { maxLength: 2 },
  );
  return fc.tuple(unknown, ...declared).map((groups) => {
    const pairs = groups.flat();
    return pairs.length > 0 ? `?${pairs.join('&')}` : '';
  });
}

const headerText = fc.oneof(
  fc.string({ unit: 'grapheme-ascii', maxLength: 60 }),
  fc.integer({ min: 256, max: 8_000 }).map((count) => 'k'.repeat(count)),
);

function headersArbitrary(route: Route): fc.Arbitrary<Record<string, string>> {
  const names = route.schemas.headers ? Object.keys(toJsonSchema(route.schemas.headers).properties ?? {}) : [];
  const model = Object.fromEntries(names.map((name) => [name, headerText]));
  return fc.record(model, { requiredKeys: [] }) as fc.Arbitrary<Record<string, string>>;
}

/** One request to the route, as one of the given roles. */
export function requestArbitrary(route: Route, roles: string[], known: KnownValues): fc.Arbitrary<FuzzRequest> {
  const body =
    route.method === 'GET'
      ? fc.constant<BodyText>({ text: undefined, contentType: null })
      : bodyText(bodyValue(route.schemas.body, known));
  return fc
    .record({
      path: pathArbitrary(route, known),
      query: queryArbitrary(route, known),
      headers: headersArbitrary(route),
      body,
      role: fc.constantFrom(...roles),
    })
    .map(({ path, query, headers, body, role }) => {
      const allHeaders = { ...headers };
      if (body.text !== undefined && body.contentType !== null) allHeaders['content-type'] = body.contentType;
      const request: FuzzRequest = { method: route.method, url: `${path}${query}`, role, headers: allHeaders };
      if (body.text !== undefined) request.payload = body.text;
      return Object.assign(request, { [fc.toStringMethod]: () => describeRequest(request) });
    });
}

/** Short enough for a failure message: a 300 KB payload is shown by its size. */
export function describeRequest(request: FuzzRequest): string {
  const clip = (text: string) => (text.length > 300 ? `${text.slice(0, 300)}… (${text.length} chars)` : text);
  const payload = request.payload === undefined ? '' : ` body ${clip(JSON.stringify(request.payload))}`;
  return `${request.method} ${clip(request.url)} as ${request.role} headers ${clip(JSON.stringify(request.headers))}${payload}`;
}

/** Up to `count` different values the schema accepts (to find which roles a route lets in); [null] when sampling finds none. */
export function validSamples(schema: z.ZodType | undefined, known: KnownValues, count: number): unknown[] {
  if (!schema) return [undefined];
  const accepted = fc
    .sample(validValue(toJsonSchema(schema), known), 50)
    .filter((value) => schema.safeParse(value).success);
  const distinct = [...new Map(accepted.map((value) => [JSON.stringify(value), value])).values()].slice(0, count);
  return distinct.length > 0 ? distinct : [null];
}
