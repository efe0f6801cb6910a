import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { forbidden } from '../../lib/errors';
import { problemResponses } from '../../lib/problem';
import { DASHBOARD_PATH, isActiveAdmin, setDashboardCookie } from './session';

export default async function queueDashboardRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/admin/queue-dashboard/session',
    {
      preHandler: [app.authenticate, app.requireRole('admin')],
      schema: {
        tags: ['admin'],
        summary: `Open the queue dashboard (${DASHBOARD_PATH}) for 10 minutes: sets an httpOnly cookie scoped to that path`,
        security: [{ bearerAuth: [] }],
        response: {
          // `type: 'null'` tells @fastify/swagger that a 204 has no body to document.
          204: z.void().meta({ type: 'null', description: 'Cookie set: navigate to the dashboard' }),
          ...problemResponses(401, 403),
        },
      },
    },
    async (request, reply) => {
      // The access token may outlive a disable by up to 15 minutes: no new dashboard cookie then.
      if (!(await isActiveAdmin(app.db, request.user.sub))) throw forbidden();
      setDashboardCookie(app, reply, request.user.sub);
      return reply.status(204).send();
    },
  );
}
