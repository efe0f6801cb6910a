import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { problemResponses } from '../../lib/problem';
import { deliveriesQuery, deliveriesResponse, deliveryParams, retryResponse } from './schemas';
import { listDeliveries, retryDelivery } from './service';

export default async function deliveriesRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const adminOnly = [app.authenticate, app.requireRole('admin')];

  app.get(
    '/admin/deliveries',
    {
      preHandler: adminOnly,
      schema: {
        tags: ['admin'],
        summary: 'Email deliveries, newest first (`status=failed`: the ones that need an admin)',
        security: [{ bearerAuth: [] }],
        querystring: deliveriesQuery,
        response: { 200: deliveriesResponse, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => listDeliveries(app.db, request.query),
  );

  app.post(
    '/admin/deliveries/:id/retry',
    {
      preHandler: adminOnly,
      schema: {
        tags: ['admin'],
        summary: 'Send a failed (or stuck) delivery again; 409 once it was sent',
        security: [{ bearerAuth: [] }],
        params: deliveryParams,
        response: { 202: retryResponse, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply.status(202).send(await retryDelivery(app.db, request.user.sub, request.params.id)),
  );
}
