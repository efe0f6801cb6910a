import { ROLES, type Role } from '@passerelle/domain';
import type { FastifyInstance, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import { problemSchema } from '../../lib/problem';

export interface RoleGuard {
  (...args: never[]): unknown;
  roles?: readonly Role[];
}

function hooksOf(route: RouteOptions): unknown[] {
  return [route.onRequest, route.preValidation, route.preHandler].flat().filter(Boolean);
}

/**
 * Derives what every route documents from what it does: a route guarded by `authenticate`
 * gets `security` and its roles as `x-roles`; every route gets the problem answers it can
 * give (400 on input, 401/403 when guarded, 413/415 with a body). The OpenAPI document then
 * stays complete by construction, and tests generate their matrices from it.
 */
export default fp(
  async (app: FastifyInstance) => {
    app.addHook('onRoute', (route) => {
      if (!route.url.startsWith('/api/v1') || route.schema?.hide) return;
      const hooks = hooksOf(route);
      const guarded = hooks.includes(app.authenticate);
      const roles = hooks.flatMap((h) => (h as RoleGuard).roles ?? []);
      if (guarded) {
        // Guards run on request, before body validation: an anonymous caller gets 401, not a 400
        // that would describe the body of a route it may not call.
        const isGuard = (h: unknown) => h === app.authenticate || Array.isArray((h as RoleGuard).roles);
        const preHandlers = [route.preHandler].flat().filter(Boolean);
        const guards = preHandlers.filter(isGuard);
        route.preHandler = preHandlers.filter((h) => !isGuard(h)) as RouteOptions['preHandler'];
        route.onRequest = [
          ...[route.onRequest].flat().filter(Boolean),
          ...guards,
        ] as RouteOptions['onRequest'];
      }
      route.schema = route.schema ?? {};
      const schema = route.schema as Record<string, unknown>;
      schema.response = schema.response ?? {};
      const response = schema.response as Record<number, unknown>;
      const add = (status: number) => {
        response[status] ??= problemSchema;
      };
      if (schema.body || schema.querystring || schema.params) add(400);
      if (schema.body) {
        add(413);
        add(415);
      }
      if (guarded) {
        schema.security = [{ bearerAuth: [] }];
        schema['x-roles'] = roles.length ? [...new Set(roles)] : [...ROLES];
        add(401);
        if (roles.length) add(403);
      } else {
        schema['x-roles'] = ['anonymous'];
      }
    });
  },
  { name: 'route-conventions', dependencies: ['auth'] },
);
