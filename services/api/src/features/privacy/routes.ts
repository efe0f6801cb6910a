import { ROLES } from '@passerelle/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses } from '../../lib/problem';
import { eraseMe, exportMyData } from './service';

const exportResponse = z.record(z.string(), z.unknown());
const okResponse = z.object({ ok: z.literal(true) });

export default async function privacyRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/me/export',
    {
      preHandler: [app.authenticate, app.requireRole(...ROLES)],
      schema: {
        tags: ['privacy'],
        summary: 'Everything Passerelle holds about you, as JSON (RGPD: access and portability)',
        security: [{ bearerAuth: [] }],
        response: { 200: exportResponse, ...problemResponses(401, 404) },
      },
    },
    async (request, reply) => {
      const data = await exportMyData(app.db, request.user.sub);
      reply.header('content-disposition', 'attachment; filename="passerelle-mes-donnees.json"');
      reply.header('cache-control', 'no-store');
      return data;
    },
  );

  app.delete(
    '/me',
    {
      preHandler: [app.authenticate, app.requireRole(...ROLES)],
      schema: {
        tags: ['privacy'],
        summary:
          'Erase your account: personal data deleted, sessions revoked; validated hours kept anonymised',
        security: [{ bearerAuth: [] }],
        response: { 200: okResponse, ...problemResponses(401, 404) },
      },
    },
    async (request) => {
      await eraseMe(app.db, request.user.sub);
      // This very token must stop working now, not when the standing cache would expire.
      app.accountStandings.forget(request.user.sub);
      return { ok: true as const };
    },
  );
}
