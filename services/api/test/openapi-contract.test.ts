import SwaggerParser from '@apidevtools/swagger-parser';
import type { Role } from '@passerelle/domain';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from './factories';
import { buildTestApp, type TestApp } from './helpers';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  format?: string;
  minLength?: number;
  minimum?: number;
  minItems?: number;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
}
interface Operation {
  method: Method;
  path: string;
  roles: string[];
  body?: JsonSchema;
  responses: string[];
}

const ROLES_UNDER_TEST: Role[] = ['postier', 'association', 'hr', 'admin'];
const RANDOM_ID = '0f8fad5b-d9cb-469f-a165-70867728950e';

function operationsOf(doc: { paths: Record<string, Record<string, Record<string, unknown>>> }): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const body = (op.requestBody as { content?: Record<string, { schema?: JsonSchema }> } | undefined)
        ?.content?.['application/json']?.schema;
      ops.push({
        method: method as Method,
        path,
        roles: (op['x-roles'] as string[] | undefined) ?? [],
        body,
        responses: Object.keys((op.responses as Record<string, unknown>) ?? {}),
      });
    }
  }
  return ops;
}

/** The smallest value a schema accepts, so a request reaches the handler (and its ownership check). */
function sample(schema: JsonSchema | undefined): unknown {
  if (!schema) return undefined;
  const variant = schema.anyOf?.[0] ?? schema.oneOf?.[0];
  if (variant) return sample(variant);
  if (schema.enum) return schema.enum[0];
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object':
      return Object.fromEntries((schema.required ?? []).map((k) => [k, sample(schema.properties?.[k])]));
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, () => sample(schema.items));
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return true;
    case 'string':
      if (schema.format === 'uuid') return RANDOM_ID;
      if (schema.format === 'date') return '2030-01-15';
      if (schema.format === 'date-time') return '2030-01-15T10:00:00Z';
      if (schema.format === 'email') return 'someone@laposte.fr';
      return 'x'.repeat(Math.max(schema.minLength ?? 1, 1));
    default:
      return null;
  }
}

const concrete = (path: string) => path.replace(/\{[^}]+\}/g, RANDOM_ID);

function inject(app: FastifyInstance, op: Operation, user?: TestUser, payload?: unknown) {
  return app.inject({
    method: op.method.toUpperCase() as 'GET',
    url: concrete(op.path),
    headers: user ? user.auth : {},
    ...(op.body ? { payload: (payload ?? sample(op.body)) as object } : {}),
  });
}

describe('the OpenAPI document', () => {
  let t: TestApp;
  let doc: { paths: Record<string, Record<string, Record<string, unknown>>> };
  let ops: Operation[];
  const users = {} as Record<Role, TestUser>;

  beforeAll(async () => {
    t = await buildTestApp();
    doc = (await t.app.inject('/api/v1/openapi.json')).json();
    ops = operationsOf(doc);
    for (const role of ROLES_UNDER_TEST) users[role] = await createUser(t.app, role);
  });
  afterAll(() => t.close());

  it('is valid OpenAPI and every documented operation is a served route', async () => {
    await SwaggerParser.validate(structuredClone(doc) as never);
    const documented = new Set(
      ops.map((o) => `${o.method.toUpperCase()} ${o.path.replace(/\{([^}]+)\}/g, ':$1')}`),
    );
    const served: string[] = [];
    // Every route under /api/v1 is documented by construction (route-conventions only skips
    // `hide`); here every documented operation must also be a route the server answers.
    for (const key of documented) {
      const [method, url] = key.split(' ');
      expect(t.app.hasRoute({ method: method as 'GET', url: url ?? '' }), key).toBe(true);
      served.push(key);
    }
    expect(served.length).toBeGreaterThan(5);
  });

  it('documents, for every operation, its roles and the problem answers it gives', () => {
    for (const op of ops) {
      const name = `${op.method.toUpperCase()} ${op.path}`;
      expect(op.roles.length, name).toBeGreaterThan(0);
      expect(
        op.responses.some((r) => r.startsWith('2')),
        name,
      ).toBe(true);
      if (!op.roles.includes('anonymous')) expect(op.responses, name).toContain('401');
      if (op.body) expect(op.responses, name).toEqual(expect.arrayContaining(['400', '413', '415']));
    }
  });

  it('answers 401 without a token, 403 to the wrong role and 404 for an object that is not yours', async () => {
    const failures: string[] = [];
    for (const op of ops) {
      const name = `${op.method.toUpperCase()} ${op.path}`;
      if (op.roles.includes('anonymous')) continue;
      const anonymous = await inject(t.app, op);
      if (anonymous.statusCode !== 401) failures.push(`${name} anonymous → ${anonymous.statusCode}`);
      for (const role of ROLES_UNDER_TEST) {
        // Erasing one's account ends it and its token: that one runs as a throwaway user.
        const erasesCaller = name === 'DELETE /api/v1/me';
        const caller = erasesCaller ? await createUser(t.app, role) : users[role];
        const response = await inject(t.app, op, caller);
        const allowed = op.roles.includes(role);
        if (!allowed && response.statusCode !== 403)
          failures.push(`${name} as ${role} → ${response.statusCode}, want 403`);
        // Someone else's (here: nobody's) object is a 404, never a 403 that would confirm it exists.
        if (allowed && op.path.includes('{') && ![404, 400, 422, 409].includes(response.statusCode)) {
          failures.push(`${name} as ${role} on another tenant's id → ${response.statusCode}`);
        }
        if (allowed && op.path.includes('{') && response.statusCode === 403)
          failures.push(`${name} as ${role} → 403 on an object`);
        if (response.statusCode >= 500) failures.push(`${name} as ${role} → ${response.statusCode}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('never answers 5xx to malformed input, and every 4xx is problem+json naming the field', async () => {
    const failures: string[] = [];
    const junk = fc.oneof(
      fc.jsonValue(),
      fc.string(),
      fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue(), { maxKeys: 6 }),
    );
    for (const op of ops) {
      const name = `${op.method.toUpperCase()} ${op.path}`;
      const user = op.roles.includes('anonymous')
        ? undefined
        : (users[(op.roles[0] as Role) ?? 'admin'] ?? users.admin);
      await fc.assert(
        fc.asyncProperty(
          junk,
          fc.string({ maxLength: 40 }),
          fc.string({ maxLength: 20 }),
          async (body, query, id) => {
            const url = `${op.path.replace(/\{[^}]+\}/g, encodeURIComponent(id) || 'x')}?limit=${encodeURIComponent(query)}&cursor=${encodeURIComponent(query)}&q=${encodeURIComponent(query)}`;
            const response = await t.app.inject({
              method: op.method.toUpperCase() as 'GET',
              url,
              headers: { ...(user ? user.auth : {}), 'content-type': 'application/json' },
              ...(op.method === 'get' || op.method === 'delete' ? {} : { payload: JSON.stringify(body) }),
            });
            if (response.statusCode >= 500)
              failures.push(`${name} → ${response.statusCode} ${response.body.slice(0, 200)}`);
            if (response.statusCode >= 400) {
              if (!String(response.headers['content-type']).startsWith('application/problem+json')) {
                failures.push(`${name} → ${response.statusCode} not problem+json`);
              } else if (response.statusCode === 400 && !response.json().errors?.[0]?.field) {
                failures.push(`${name} → 400 without a field`);
              }
            }
          },
        ),
        { numRuns: 12, seed: 20261123 },
      );
    }
    expect(failures.slice(0, 20)).toEqual([]);
  });

  it('refuses oversized bodies with 413', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ email: 'a@laposte.fr', password: 'x'.repeat(600_000) }),
    });
    expect(response.statusCode).toBe(413);
    expect(response.headers['content-type']).toMatch(/problem\+json/);
  });
});
