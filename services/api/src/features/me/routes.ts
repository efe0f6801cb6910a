import { ROLES } from '@passerelle/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { problemResponses } from '../../lib/problem';
import { meResponse, updateMeBody } from './schemas';
import { getMe, updateMe } from './service';

export default async function meRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/me',
    {
      preHandler: [app.authenticate, app.requireRole(...ROLES)],
      schema: {
        tags: ['me'],
        summary:
          'Your account, with your matching profile (postier) or your association (association member)',
        security: [{ bearerAuth: [] }],
        response: { 200: meResponse, ...problemResponses(401) },
      },
    },
    async (request) => getMe(app.db, request.user.sub),
  );

  app.patch(
    '/me',
    {
      preHandler: [app.authenticate, app.requireRole(...ROLES)],
      schema: {
        tags: ['me'],
        summary:
          'Edit your names and, as a postier, your matching profile (skills and domains replace the lists)',
        security: [{ bearerAuth: [] }],
        body: updateMeBody,
        response: { 200: meResponse, ...problemResponses(400, 401, 403, 413, 415, 422) },
      },
    },
    async (request) => {
      await updateMe(app.db, request.user.sub, request.user.role, request.body);
      return getMe(app.db, request.user.sub);
    },
  );
}
