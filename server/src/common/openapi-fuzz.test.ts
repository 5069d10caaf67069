import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { type Role, apiErrorSchema, channels, requestStatuses } from '@receptivo/shared';
import { routeAccessTable } from '../auth/route-access-audit';
import { servedPath } from './route-prefix';
import { signInCitizen } from '../testing/portal-citizen';
import { requestDesk } from '../testing/request-fixtures';
import { type TestApp, startTestApp } from '../testing/test-app';

/**
 * Every operation of the served OpenAPI document, called with requests generated from its own
 * schemas — valid-ish values mixed with hostile ones — by a role it admits: the server never
 * answers 5xx, and every error is the one error shape. Fixed seed: a failure prints the seed and
 * path that replay it (`FUZZ_SEED`, `FUZZ_RUNS` to explore further).
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261205);
const RUNS_PER_OPERATION = Number(process.env.FUZZ_RUNS ?? 20);

/** Staff by role, a citizen signed in on the portal, or nobody. */
type Caller = Role | 'citizen' | 'anonymous';

type Schema = {
  type?: string;
  format?: string;
  pattern?: string;
  enum?: unknown[];
  nullable?: boolean;
  anyOf?: Schema[];
  oneOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: Schema | boolean;
  items?: Schema;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  minimum?: number;
  maximum?: number;
};
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema?: Schema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
}
interface GeneratedRequest {
  role: Caller;
  path: string;
  query: [string, string][];
  headers: Record<string, string>;
  body?: unknown;
}

/** Over the 1 MB body limit: the 413 must keep the error shape too. Built once, shared by reference. */
const OVER_BODY_LIMIT = 'x'.repeat(1_100_000);
const ODD_UNICODE = ['\u202Eevil', 'e\u0301', '\u200B', '\uFEFF', '👨‍👩‍👧', '\uFFFF', '𝕏𝕐', 'İı', '\u2028', 'ﷺ', '\u0085'];

/** Text a client should never be trusted with: NUL, lone surrogates, odd unicode, long and huge strings. */
const hostileText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('\u0000', 'a\u0000b', '\ud800', 'x\udfffy', '', ' ', '%00', '../../etc/passwd', "'; DROP TABLE users; --", '${7*7}'),
  fc.constantFrom(...ODD_UNICODE),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.nat({ max: 20_000 }).map((length) => 'ç'.repeat(length)),
);

/** A plausible value with a character PostgreSQL cannot store slipped in somewhere (audit hole 5). */
function withUnstorable(values: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.tuple(values, fc.constantFrom('\u0000', '\ud800', '\udfff'), fc.nat()).map(([value, character, at]) => {
    const cut = at % (value.length + 1);
    return value.slice(0, cut) + character + value.slice(cut);
  });
}

/** Anything but the expected type, for JSON bodies. */
const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  hostileText,
  fc.constantFrom(null, true, 0, -1, 1e308, [], {}, [null], { $gt: '' }),
  fc.integer(),
  fc.constant('z'.repeat(300_000)),
);

/** How requests are generated: where ids come from, and whether hostile values are mixed in. */
interface Generation {
  /** Ids for a field or parameter named like `customerId`, `phoneId` or a path's `requests`: rows of that table when known. */
  ids(hint: string): fc.Arbitrary<string>;
  hostile: boolean;
}

/**
 * A value of a JSON schema (the OpenAPI document's own), in hostile generation sometimes replaced
 * by a wrong one at any depth. Hand-written: no schema-to-arbitrary package is installed, and the
 * document only uses the few keywords handled here (zod's OpenAPI 3.0 output).
 */
function valueOf(schema: Schema, generation: Generation, name: string, depth = 0): fc.Arbitrary<unknown> {
  const valid = validValueOf(schema, generation, name, depth);
  return generation.hostile ? fc.oneof({ arbitrary: valid, weight: 8 }, { arbitrary: wrongType, weight: 1 }) : valid;
}

function validValueOf(schema: Schema, generation: Generation, name: string, depth: number): fc.Arbitrary<unknown> {
  const base = ((): fc.Arbitrary<unknown> => {
    if (schema.enum) return fc.constantFrom(...schema.enum);
    const choices = schema.anyOf ?? schema.oneOf;
    if (choices) return fc.oneof(...choices.map((choice) => validValueOf(choice, generation, name, depth)));
    switch (schema.type) {
      case 'string':
        return text(schema, generation, name);
      case 'integer':
        return fc.integer({ min: schema.minimum ?? -10, max: schema.maximum ?? 1000 });
      case 'number':
        return fc.double({ min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e6, noNaN: true });
      case 'boolean':
        return fc.boolean();
      case 'array':
        if (depth > 3) return fc.constant([]);
        return fc.array(valueOf(schema.items ?? {}, generation, name, depth + 1), {
          minLength: schema.minItems ?? 0,
          maxLength: Math.min(schema.maxItems ?? 3, 3),
        });
      case 'object': {
        if (depth > 3) return fc.constant({});
        const properties = Object.fromEntries(
          Object.entries(schema.properties ?? {}).map(([property, propertySchema]) => [property, valueOf(propertySchema, generation, property, depth + 1)]),
        );
        const record = fc.record(properties, { requiredKeys: (schema.required ?? []).filter((property) => property in properties) });
        if (!schema.additionalProperties || !generation.hostile) return record;
        // Free-form objects (a request's form): keys and values the client chose.
        const extra = fc.dictionary(fc.oneof(fc.string({ maxLength: 10 }), hostileText), fc.oneof(fc.string({ maxLength: 20 }), wrongType), { maxKeys: 4 });
        return fc.tuple(record, extra).map(([known, free]) => ({ ...free, ...known }));
      }
      default:
        return fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.boolean());
    }
  })();
  return schema.nullable ? fc.option(base, { nil: null }) : base;
}

function text(schema: Schema, generation: Generation, name: string): fc.Arbitrary<string> {
  const plausible = plausibleText(schema, generation, name);
  if (!generation.hostile) return plausible;
  return fc.oneof({ arbitrary: plausible, weight: 5 }, { arbitrary: withUnstorable(plausible), weight: 2 }, { arbitrary: hostileText, weight: 1 });
}

/** Fields the document types only as strings but a random string never passes: plausible values by name. */
const TEXT_BY_NAME: Record<string, fc.Arbitrary<string>> = {
  document: fc.constantFrom('529.982.247-25', '11144477735', '12.ABC.345/01DE-35', '11.222.333/0001-81'),
  email: fc.emailAddress(),
  cep: fc.stringMatching(/^\d{5}-?\d{3}$/),
  status: fc.constantFrom(...requestStatuses),
  channel: fc.constantFrom(...channels),
};

function plausibleText(schema: Schema, generation: Generation, name: string): fc.Arbitrary<string> {
  if (schema.enum) return fc.constantFrom(...(schema.enum as string[]));
  if (TEXT_BY_NAME[name]) return TEXT_BY_NAME[name];
  if (schema.format === 'uuid') return generation.ids(name);
  if (schema.format === 'date-time') return fc.date({ noInvalidDate: true, min: new Date('2020-01-01'), max: new Date('2030-01-01') }).map((date) => date.toISOString());
  if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern));
  const minLength = schema.minLength ?? 0;
  return fc.string({ minLength, maxLength: Math.max(minLength, Math.min(schema.maxLength ?? 40, 40)) });
}

const brasiliaDay = fc.date({ noInvalidDate: true, min: new Date('2025-01-01'), max: new Date('2027-12-31') }).map((date) => date.toISOString().slice(0, 10));

/** A query value. Most query schemas are free (`{}`) in the document, so the name hints at a plausible one. */
function queryValue(parameter: Parameter, generation: Generation): fc.Arbitrary<string | string[]> {
  const schema = parameter.schema ?? {};
  const plausible =
    schema.enum || schema.type || TEXT_BY_NAME[parameter.name]
      ? plausibleText(schema, generation, parameter.name)
      : /^(page|pageSize|limit|since)$/.test(parameter.name)
        ? fc.integer({ min: 0, max: 60 }).map(String)
        : /^(from|to)$/.test(parameter.name)
          ? brasiliaDay
          : /Id$/.test(parameter.name)
            ? generation.ids(parameter.name)
            : fc.string({ minLength: 1, maxLength: 12 });
  if (!generation.hostile) return plausible;
  // Long query strings stay under Node's 16 KB header limit, which answers before the app does.
  const hostile = fc.oneof(hostileText.map((value) => value.slice(0, 2000)), fc.array(fc.string({ maxLength: 5 }), { minLength: 2, maxLength: 3 }));
  return fc.oneof({ arbitrary: plausible, weight: 4 }, { arbitrary: withUnstorable(plausible), weight: 1 }, { arbitrary: hostile, weight: 1 });
}

/** Percent-encodes as a browser would; a lone surrogate cannot be sent as UTF-8 and becomes U+FFFD. */
const encoded = (value: string) => encodeURIComponent(Buffer.from(value, 'utf8').toString('utf8'));

function generatedRequests(path: string, operation: Operation, roles: Caller[], generation: Generation): fc.Arbitrary<GeneratedRequest> {
  const parameters = operation.parameters ?? [];
  const pathValues = fc.tuple(
    ...parameters
      .filter((parameter) => parameter.in === 'path')
      .map((parameter) => {
        // `{id}` is the id of the collection it follows: /requests/{id}.
        const hint = parameter.name === 'id' ? (path.split(`/{id}`)[0].split('/').pop() ?? '') : parameter.name;
        const id = generation.ids(hint).map(encoded);
        if (!generation.hostile) return id;
        return fc.oneof(
          { arbitrary: id, weight: 6 },
          { arbitrary: hostileText.map((value) => encoded(value.slice(0, 2000))), weight: 2 },
          // Bytes that are not UTF-8 at all.
          { arbitrary: fc.constantFrom('%ED%A0%80', '%E0%A4%A', '%FF', '%C0%80'), weight: 1 },
        );
      }),
  );
  const query = fc.tuple(
    ...parameters
      .filter((parameter) => parameter.in === 'query')
      .map((parameter) => {
        const value = queryValue(parameter, generation).map((chosen) => [parameter.name, chosen] as const);
        return parameter.required ? value : fc.option(value, { nil: undefined });
      }),
  );
  const idempotencyKey = parameters.some((parameter) => parameter.in === 'header' && parameter.name === 'Idempotency-Key')
    ? fc.option(generation.hostile ? fc.oneof(fc.uuid(), fc.stringMatching(/^[\x20-\x7e]{0,120}$/)) : fc.uuid(), { nil: undefined })
    : fc.constant(undefined);
  const jsonSchema = operation.requestBody?.content['application/json']?.schema;
  const body = !jsonSchema
    ? fc.constant(undefined)
    : generation.hostile
      ? fc.oneof({ arbitrary: valueOf(jsonSchema, generation, ''), weight: 12 }, { arbitrary: fc.constant({ description: OVER_BODY_LIMIT }), weight: 1 })
      : valueOf(jsonSchema, generation, '');

  return fc.record({ role: fc.constantFrom(...roles), pathValues, query, idempotencyKey, body }).map((generated): GeneratedRequest => {
    let index = 0;
    return {
      role: generated.role,
      path: path.replace(/\{\w+\}/g, () => generated.pathValues[index++]),
      query: generated.query
        .filter((entry) => entry !== undefined)
        .flatMap(([name, value]) => (Array.isArray(value) ? value : [value]).map((item) => [name, item] as [string, string])),
      headers: generated.idempotencyKey === undefined ? {} : ({ 'Idempotency-Key': generated.idempotencyKey } as Record<string, string>),
      body: generated.body,
    };
  });
}

/** A third of the requests are plausible throughout (they reach the services), the rest carry hostile values. */
function requestsFor(path: string, operation: Operation, roles: Caller[], ids: Generation['ids']): fc.Arbitrary<GeneratedRequest> {
  return fc.oneof(
    { arbitrary: generatedRequests(path, operation, roles, { ids, hostile: false }), weight: 1 },
    { arbitrary: generatedRequests(path, operation, roles, { ids, hostile: true }), weight: 2 },
  );
}

/** Which table an id hint (`customerId`, `phoneId`, a path's `request-types`) points at. */
const TABLE_OF_ID: Record<string, string> = {
  request: 'requests',
  requests: 'requests',
  attendance: 'attendances',
  attendances: 'attendances',
  customer: 'customers',
  customers: 'customers',
  phone: 'customer_phones',
  attachment: 'request_attachments',
  organ: 'organs',
  organs: 'organs',
  category: 'categories',
  categories: 'categories',
  information: 'informations',
  informations: 'informations',
  requesttype: 'request_types',
  'request-types': 'request_types',
  'script-topics': 'script_topics',
  notices: 'notices',
  'open311-clients': 'open311_clients',
};

describe('OpenAPI fuzz: every operation, generated requests', () => {
  let server: TestApp;
  const tokens: Partial<Record<Exclude<Caller, 'anonymous'>, string>> = {};
  let document: { paths: Record<string, Record<string, Operation>> };
  let rolesByOperation: Map<string, Caller[]>;
  const idsByTable = new Map<string, string[]>();

  beforeAll(async () => {
    server = await startTestApp();
    for (const role of ['admin', 'supervisor', 'attendant', 'backoffice'] as const) tokens[role] = await server.login(role);
    tokens.citizen = await signInCitizen(server);
    document = (await server.http.get('/api/docs/openapi.json').expect(200)).body;

    const { app } = server;
    rolesByOperation = new Map(
      routeAccessTable(app.get(DiscoveryService), app.get(MetadataScanner), app.get(Reflector)).map((route) => [
        `${route.method} ${servedPath(route.path).replace(/:(\w+)/g, '{$1}')}`,
        // Client applications (Open311) prove themselves with an api_key, not as a caller of these.
        route.access === 'public' ? ['anonymous'] : route.access === 'citizen' ? ['citizen'] : route.access === 'client-app' ? [] : (route.access ?? []),
      ]),
    );

    // Real rows to aim at, so generated requests reach past "not found" into the services.
    const desk = await requestDesk(server);
    const [firstType] = (await server.http.get('/api/categories').set(desk.attendant)).body.items.flatMap(
      (category: { requestTypes: { name: string }[] }) => category.requestTypes,
    );
    const request = await desk.register(firstType.name);
    const database = server.app.get(DataSource);
    // Not the users: a generated reset or deactivation would end the tokens the fuzz runs with.
    for (const table of new Set(Object.values(TABLE_OF_ID))) {
      idsByTable.set(table, ((await database.query(`SELECT id FROM ${table}`)) as { id: string }[]).map((row) => row.id));
    }
    expect(idsByTable.get('requests')).toContain(request.id);
  });
  afterAll(() => server.close());

  it(`answers no 5xx and only the one error shape (seed ${SEED}, ${RUNS_PER_OPERATION} requests per operation)`, async () => {
    const everyId = [...idsByTable.values()].flat();
    const ids = (hint: string) => {
      const known = idsByTable.get(TABLE_OF_ID[hint.replace(/Id$/, '').toLowerCase()]) ?? everyId;
      return fc.oneof({ arbitrary: fc.constantFrom(...(known.length ? known : everyId)), weight: 4 }, { arbitrary: fc.uuid(), weight: 1 });
    };
    const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ key: `${method.toUpperCase()} ${path}`, method, path, operation })),
    );
    expect(operations.length).toBeGreaterThan(60);

    const failures: string[] = [];
    const succeeded = new Set<string>();
    for (const { key, method, path, operation } of operations) {
      const roles = rolesByOperation.get(key);
      if (!roles?.length) {
        failures.push(`${key}: in the OpenAPI document but not among the routes with an access rule`);
        continue;
      }
      const property = fc.asyncProperty(requestsFor(path, operation, roles, ids), async (generated) => {
        const url = generated.query.length ? `${generated.path}?${generated.query.map(([name, value]) => `${encoded(name)}=${encoded(value)}`).join('&')}` : generated.path;
        let call = server.http[method as 'get' | 'post' | 'put' | 'patch' | 'delete'](url).set(generated.headers);
        if (generated.role !== 'anonymous') call = call.set('Authorization', `Bearer ${tokens[generated.role]}`);
        if (generated.body !== undefined) call = call.set('Content-Type', 'application/json').send(JSON.stringify(generated.body));
        const response = await call;
        if (response.status < 300) succeeded.add(key);
        // Downloads (PDF, attachments) have no text.
        const summary = `${response.status} ${String(response.text ?? '').slice(0, 300)}`;
        if (response.status >= 500) throw new Error(`answered ${summary}`);
        if (response.status >= 400) {
          const shape = apiErrorSchema.strict().safeParse(response.body);
          if (!shape.success || shape.data.statusCode !== response.status || !shape.data.message) throw new Error(`not the error shape: ${summary}`);
        }
      });
      const result = await fc.check(property, { seed: SEED, numRuns: RUNS_PER_OPERATION, endOnFailure: true });
      if (result.failed) failures.push(`${key}: ${fc.defaultReportMessage(result)}`);
    }
    expect(failures).toEqual([]);
    // The generator must reach the services, not only their validation: most operations succeeded at least once.
    expect(succeeded.size).toBeGreaterThan(operations.length / 2);
  }, 180_000);
});
